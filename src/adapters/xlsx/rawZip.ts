/**
 * The zip container read and written directly, for the CLI's speed: every part's compressed bytes
 * are located from the central directory, so a part nobody changes is copied into the output as
 * it was stored — never inflated and deflated again — and the parts that are inflated go through
 * whatever `Codec` the caller supplies (node:zlib in the CLI; this module imports nothing, so the
 * browser build is unaffected). Anything this reader does not handle (zip64, encryption, a
 * compression method other than stored or deflate, a broken directory) gives null, and the caller
 * falls back to JSZip, which then reports the problem as before.
 */

/** Native compression, supplied by the caller (src/adapters/xlsx/nodeCodec.ts in the CLI). */
export interface Codec {
  inflateRaw(data: Uint8Array): Uint8Array;
  deflateRaw(data: Uint8Array): Uint8Array;
  crc32(data: Uint8Array): number;
}

/** One stored part, as its central-directory record describes it. */
export interface RawEntry {
  /** The name as stored in the archive. */
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly time: number;
  readonly date: number;
  /** The compressed bytes (a view into the archive). */
  readonly compressed: Uint8Array;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

/** The archive's parts in directory order, or null when it is not one this reader handles. */
export function readRawZip(data: Uint8Array): RawEntry[] | null {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const end = findEnd(view);
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  const dirSize = view.getUint32(end + 12, true);
  const dirOffset = view.getUint32(end + 16, true);
  // zip64 and multi-disk archives: JSZip's business.
  if (count === 0xffff || dirOffset === 0xffffffff || view.getUint16(end + 4, true) !== 0 || dirOffset + dirSize > end) return null;
  const names = new TextDecoder("utf-8");
  const out: RawEntry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || view.getUint32(p, true) !== CENTRAL) return null;
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const skip = nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    if (flags & 1 || (method !== 0 && method !== 8) || compressedSize === 0xffffffff || size === 0xffffffff) return null;
    if (local + 30 > data.length || view.getUint32(local, true) !== LOCAL) return null;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compressedSize > data.length) return null;
    out.push({
      name: names.decode(data.subarray(p + 46, p + 46 + nameLength)),
      method,
      crc: view.getUint32(p + 16, true),
      size,
      time: view.getUint16(p + 12, true),
      date: view.getUint16(p + 14, true),
      compressed: data.subarray(start, start + compressedSize),
    });
    p += 46 + skip;
  }
  return out;
}

function findEnd(view: DataView): number {
  // The record sits in the last 22 bytes plus at most a 64 KiB comment.
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === END) return i;
  }
  return -1;
}

/** A part's content, checked against its CRC; throws when damaged. */
export function inflateEntry(entry: RawEntry, codec: Codec): Uint8Array {
  const bytes = entry.method === 0 ? entry.compressed : codec.inflateRaw(entry.compressed);
  if (bytes.length !== entry.size || codec.crc32(bytes) >>> 0 !== entry.crc >>> 0) throw new Error(`${entry.name}: damaged (size or CRC)`);
  return bytes;
}

/** A part of the archive to write: copied as stored (`raw`), or given as content (`data`). */
export type OutPart = { readonly name: string; readonly raw: RawEntry } | { readonly name: string; readonly data: Uint8Array | string };

/**
 * A zip of `parts` in order. Content is deflated, or stored when `store` (an intermediate archive
 * that only lives until another reader has it). New parts carry a fixed date (1980-01-01), so the
 * same input gives the same bytes.
 */
export function writeRawZip(parts: readonly OutPart[], codec: Codec, store = false): Uint8Array {
  const utf8 = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const directory: Uint8Array[] = [];
  let offset = 0;
  for (const part of parts) {
    let e: Omit<RawEntry, "name">;
    if ("raw" in part) {
      e = part.raw;
    } else {
      const data = typeof part.data === "string" ? utf8.encode(part.data) : part.data;
      const compressed = store ? data : codec.deflateRaw(data);
      e = { method: store ? 0 : 8, crc: codec.crc32(data) >>> 0, size: data.length, time: 0, date: 0x21, compressed };
    }
    const name = utf8.encode(part.name);
    const header = (central: boolean): Uint8Array => {
      const b = new Uint8Array((central ? 46 : 30) + name.length);
      const v = new DataView(b.buffer);
      let q = 0;
      v.setUint32(q, central ? CENTRAL : LOCAL, true);
      q += 4;
      if (central) {
        v.setUint16(q, 20, true); // made by: MS-DOS, version 2.0
        q += 2;
      }
      v.setUint16(q, 20, true); // version needed
      v.setUint16(q + 2, 0x0800, true); // names in UTF-8
      v.setUint16(q + 4, e.method, true);
      v.setUint16(q + 6, e.time, true);
      v.setUint16(q + 8, e.date, true);
      v.setUint32(q + 10, e.crc, true);
      v.setUint32(q + 14, e.compressed.length, true);
      v.setUint32(q + 18, e.size, true);
      v.setUint16(q + 22, name.length, true);
      // extra length, and (central) comment length, disk, attributes: all 0
      if (central) v.setUint32(q + 36, offset, true); // local header offset (byte 42)
      b.set(name, central ? 46 : 30);
      return b;
    };
    directory.push(header(true));
    const local = header(false);
    chunks.push(local, e.compressed);
    offset += local.length + e.compressed.length;
  }
  const dirSize = directory.reduce((n, d) => n + d.length, 0);
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, END, true);
  v.setUint16(8, parts.length, true);
  v.setUint16(10, parts.length, true);
  v.setUint32(12, dirSize, true);
  v.setUint32(16, offset, true);
  const out = new Uint8Array(offset + dirSize + 22);
  let at = 0;
  for (const c of [...chunks, ...directory, end]) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
