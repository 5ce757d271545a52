/**
 * Opening the zip container of an .xlsx before exceljs sees it: recognise what the bytes are,
 * give every part a normalised name, and write the package back out when a repair changed it.
 */
import JSZip from "jszip";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { errorDetail, fileMessages } from "./messages";

/** The parts of the package by normalised name ("xl/workbook.xml"), with lazily read text. */
export interface ZipPackage {
  readonly entries: ReadonlyMap<string, JSZip.JSZipObject>;
  /** Text of the parts read or rewritten so far; only these can have changed. */
  readonly texts: Map<string, string>;
  /** True when some entry name had to be normalised (so the zip must be rewritten). */
  readonly renamed: boolean;
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
  if (!startsWith(data, ZIP_LOCAL) && !startsWith(data, ZIP_EMPTY)) return fileMessages.notZip(fileName);
  return null;
}

export async function openZip(data: Uint8Array, fileName: string): Promise<ZipPackage | Diagnostic> {
  let zip: JSZip;
  try {
    // CRC checking costs one extra inflate, but turns a corrupted part into a refusal, not garbage.
    zip = await JSZip.loadAsync(data, { checkCRC32: true });
  } catch (e) {
    // A zip whose end-of-central-directory record is missing was cut off in transfer.
    return hasEndRecord(data) ? fileMessages.badZip(fileName, errorDetail(e)) : fileMessages.truncated(fileName);
  }
  const entries = new Map<string, JSZip.JSZipObject>();
  let renamed = false;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    // Some Windows zippers write "xl\workbook.xml"; exceljs then finds no workbook at all.
    const name = entry.name.replace(/\\/g, "/").replace(/^\/+/, "");
    if (name !== entry.name) renamed = true;
    entries.set(name, entry);
  }
  return { entries, texts: new Map(), renamed };
}

function hasEndRecord(data: Uint8Array): boolean {
  // The record sits in the last 22 bytes plus at most a 64 KiB comment.
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data[i] === 0x50 && data[i + 1] === 0x4b && data[i + 2] === 0x05 && data[i + 3] === 0x06) return true;
  }
  return false;
}

/** The part's text (decoded as UTF-8), or null when the package has no such part. */
export async function readText(pkg: ZipPackage, name: string): Promise<string | null> {
  const cached = pkg.texts.get(name);
  if (cached !== undefined) return cached;
  const entry = pkg.entries.get(name);
  if (!entry) return null;
  const text = await entry.async("string");
  pkg.texts.set(name, text);
  return text;
}

/**
 * A fresh zip holding every part under its normalised name, with rewritten texts replacing the
 * originals (null: part dropped). Stored uncompressed: it only lives until exceljs has read it.
 */
export async function rezip(pkg: ZipPackage, changed: ReadonlyMap<string, string | null>): Promise<Uint8Array> {
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
