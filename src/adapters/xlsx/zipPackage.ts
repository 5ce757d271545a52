/**
 * Opening the zip container of an .xlsx before exceljs sees it: recognise what the bytes are,
 * give every part a normalised name, and write the package back out when a repair changed it.
 */
import JSZip from "jszip";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { fileMessages } from "./messages";
import { inflateEntry, readRawZip, writeRawZip, type Codec, type RawEntry } from "./rawZip";

/** A part of the package: its content on demand, and where the zip was read directly, its stored form. */
export interface PartEntry {
  async(type: "uint8array"): Promise<Uint8Array>;
  /** The part as stored in the input archive (read without JSZip): copied as is when unchanged. */
  readonly raw?: RawEntry;
}

let codec: Codec | null = null;

/**
 * Native compression for every zip this adapter reads and writes from now on (the CLI registers
 * node:zlib). Without one, zips go through JSZip (pako), as in the browser.
 */
export function useCodec(c: Codec | null): void {
  codec = c;
}

export function zipCodec(): Codec | null {
  return codec;
}

/** The parts of the package by normalised name ("xl/workbook.xml"), with lazily read text. */
export interface ZipPackage {
  /** Mutable only through `renamePart`, so names and cached texts stay in step. */
  readonly entries: Map<string, PartEntry>;
  /** Text of the parts read or rewritten so far; only these can have changed. */
  readonly texts: Map<string, string>;
  /** True when some entry name had to be normalised (so the zip must be rewritten). */
  renamed: boolean;
  /** Parts whose bytes were UTF-16: their text reads right, but their bytes are not what exceljs can parse. */
  readonly recoded: Set<string>;
}

const CFB = [0xd0, 0xcf, 0x11, 0xe0];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];

function startsWith(data: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((b, i) => data[i] === b);
}

/**
 * What the bytes are before trying to unzip them, so the user hears "encrypted" or "not an xlsx"
 * rather than JSZip's "Can't find end of central directory".
 */
export function signatureProblem(data: Uint8Array, fileName: string): Diagnostic | null {
  if (data.length === 0) return fileMessages.empty(fileName);
  // Password-protected .xlsx files and .xls files are both OLE compound documents.
  if (startsWith(data, CFB)) return fileMessages.encrypted(fileName);
  if (!startsWith(data, ZIP_LOCAL) && !startsWith(data, ZIP_EMPTY)) {
    return isOwnerFile(data, fileName) ? fileMessages.ownerFile(fileName) : fileMessages.notZip(fileName);
  }
  return null;
}

/**
 * "~$宣教部.xlsx", which Excel (and WPS) keep beside a workbook while it is open: the user's name as
 * one length byte and the name padded with spaces to 54 bytes, then the same in UTF-16; ≈ 165 bytes.
 */
function isOwnerFile(data: Uint8Array, fileName: string): boolean {
  if (fileName.startsWith("~$")) return true;
  const n = data[0]!;
  return data.length <= 512 && n > 0 && n < 54 && data.subarray(1 + n, 54).every((b) => b === 0x20);
}

export async function openZip(data: Uint8Array, fileName: string): Promise<ZipPackage | Diagnostic> {
  const raw = codec ? readRawZip(data) : null;
  if (codec && raw) {
    const parts: [string, PartEntry][] = [];
    // A name stored twice: the later record wins, as in JSZip.
    const byName = new Map(raw.map((e) => [e.name, e]));
    try {
      for (const entry of byName.values()) {
        if (entry.name.endsWith("/")) continue;
        // Inflated (and CRC-checked) at once, as JSZip's checkCRC32 does: a damaged part is refused on opening.
        const bytes = inflateEntry(entry, codec);
        parts.push([entry.name, { async: () => Promise.resolve(bytes), raw: entry }]);
      }
    } catch {
      return fileMessages.badZip(fileName);
    }
    return packageOf(parts);
  }
  let zip: JSZip;
  try {
    // CRC checking costs one extra inflate, but turns a corrupted part into a refusal, not garbage.
    zip = await JSZip.loadAsync(data, { checkCRC32: true });
  } catch {
    // A zip whose end-of-central-directory record is missing was cut off in transfer.
    return hasEndRecord(data) ? fileMessages.badZip(fileName) : fileMessages.truncated(fileName);
  }
  return packageOf(Object.values(zip.files).filter((e) => !e.dir).map((e) => [e.name, e]));
}

function packageOf(parts: readonly (readonly [string, PartEntry])[]): ZipPackage {
  const entries = new Map<string, PartEntry>();
  let renamed = false;
  for (const [stored, entry] of parts) {
    // Some Windows zippers write "xl\workbook.xml"; exceljs then finds no workbook at all.
    const slashed = stored.replace(/\\/g, "/").replace(/^\/+/, "");
    // Part names are case-insensitive in OPC; exceljs looks the fixed ones up by exact name.
    const name = WELL_KNOWN.get(slashed.toLowerCase()) ?? slashed;
    if (name !== stored) renamed = true;
    // Two names that normalise alike: the first is kept.
    if (!entries.has(name)) entries.set(name, entry);
  }
  return { entries, texts: new Map(), renamed, recoded: new Set() };
}

const WELL_KNOWN = new Map(
  ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml", "docProps/app.xml", "docProps/core.xml"].map((n) => [n.toLowerCase(), n]),
);

/** Gives a part another name (its cached text follows it); the zip must then be rewritten. */
export function renamePart(pkg: ZipPackage, from: string, to: string): void {
  const entry = pkg.entries.get(from);
  if (!entry || from === to) return;
  pkg.entries.delete(from);
  pkg.entries.set(to, entry);
  const text = pkg.texts.get(from);
  if (text !== undefined) {
    pkg.texts.delete(from);
    pkg.texts.set(to, text);
  }
  if (pkg.recoded.delete(from)) pkg.recoded.add(to);
  pkg.renamed = true;
}

function hasEndRecord(data: Uint8Array): boolean {
  // The record sits in the last 22 bytes plus at most a 64 KiB comment.
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data[i] === 0x50 && data[i + 1] === 0x4b && data[i + 2] === 0x05 && data[i + 3] === 0x06) return true;
  }
  return false;
}

/**
 * The part's text, or null when the package has no such part. XML may be UTF-8 or UTF-16 (with or
 * without a byte-order mark); a UTF-16 part's declaration is made to say UTF-8, since whoever
 * writes the text back writes UTF-8.
 */
export async function readText(pkg: ZipPackage, name: string): Promise<string | null> {
  const cached = pkg.texts.get(name);
  if (cached !== undefined) return cached;
  const entry = pkg.entries.get(name);
  if (!entry) return null;
  const bytes = await entry.async("uint8array");
  const utf16 = utf16Of(bytes);
  let text: string;
  if (utf16) {
    text = new TextDecoder(utf16).decode(bytes).replace(/^(<\?xml\b[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2/, "$1$2UTF-8$2");
    pkg.recoded.add(name);
  } else {
    // The byte-order mark is kept: exceljs copes with it, and unchanged parts keep their bytes.
    text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  }
  pkg.texts.set(name, text);
  return text;
}

/** UTF-16 by its byte-order mark, or by "<" as a 16-bit unit (XML 1.0 appendix F). */
function utf16Of(b: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (b[0] === 0xff && b[1] === 0xfe) return "utf-16le";
  if (b[0] === 0xfe && b[1] === 0xff) return "utf-16be";
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] !== 0x00) return "utf-16le";
  if (b[0] === 0x00 && b[1] === 0x3c) return "utf-16be";
  return null;
}

/**
 * A fresh zip holding every part under its normalised name, with rewritten texts replacing the
 * originals (null: part dropped). Stored uncompressed: it only lives until exceljs has read it.
 */
export async function rezip(pkg: ZipPackage, changed: ReadonlyMap<string, string | null>): Promise<Uint8Array> {
  if (codec) {
    const parts: { name: string; data: Uint8Array | string }[] = [];
    for (const [name, entry] of pkg.entries) {
      const text = changed.get(name);
      if (text !== null) parts.push({ name, data: text ?? (await entry.async("uint8array")) });
    }
    for (const [name, text] of changed) if (!pkg.entries.has(name) && text !== null) parts.push({ name, data: text });
    return writeRawZip(parts, codec, true);
  }
  const out = new JSZip();
  for (const [name, entry] of pkg.entries) {
    const text = changed.get(name);
    if (text === null) continue; // dropped
    out.file(name, text ?? (await entry.async("uint8array")));
  }
  for (const [name, text] of changed) {
    if (!pkg.entries.has(name) && text !== null) out.file(name, text);
  }
  return out.generateAsync({ type: "uint8array", compression: "STORE" });
}
