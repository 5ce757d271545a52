import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { placeOf, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic";
import { groupDiagnostics } from "../diagnostics/group";
import type { OpenResult } from "../adapters/xlsx/openXlsx";
import type { DirectOpenResult } from "../adapters/xlsx/directRead";

export type Lang = "zh" | "en";

export function lang(): Lang {
  return process.env["EVALSHEET_LANG"] === "en" ? "en" : "zh";
}

export function say(zh: string, en: string): string {
  return lang() === "en" ? en : zh;
}

/** An .xlsx's bytes from disk, or the diagnostic for a missing or unreadable path. */
function readBytes(path: string): Uint8Array | Diagnostic {
  try {
    if (statSync(path).isDirectory()) throw new Error("is a directory");
    return new Uint8Array(readFileSync(path));
  } catch {
    return {
      severity: "error", sheet: null, cell: null, code: "file.notFound",
      message: `找不到文件「${path}」，或无法读取。请检查路径和文件名。`,
      messageEn: `Cannot find or read file "${path}". Check the path and the name.`,
    };
  }
}

/**
 * An .xlsx's bytes from disk with the reader a command needs, loaded when a command first opens a
 * workbook (not when the CLI starts), and zlib rather than JSZip's pure-JS deflate for every zip
 * the CLI reads and writes from here on. A missing file is a diagnostic like any unreadable one.
 */
async function openWith<R>(path: string, reader: () => Promise<(bytes: Uint8Array, name: string) => Promise<R>>): Promise<R | { ok: false; diagnostics: Diagnostic[] }> {
  const bytes = readBytes(path);
  if (!(bytes instanceof Uint8Array)) return { ok: false, diagnostics: [bytes] };
  const [read, { useCodec }, { nodeCodec }] = await Promise.all([reader(), import("../adapters/xlsx/zipPackage"), import("../adapters/xlsx/nodeCodec")]);
  useCodec(nodeCodec);
  return read(bytes, basename(path));
}

/** Open an .xlsx from disk through exceljs (openXlsx). */
export function openFile(path: string): Promise<OpenResult> {
  return openWith(path, async () => (await import("../adapters/xlsx/openXlsx")).openXlsx);
}

/**
 * openFile for a command that needs the cells and at most writes over the file (aggregate, approve,
 * verify, history, periodic): the cells read straight from the XML where the direct reader covers the
 * file (directRead.ts), so exceljs loads only if the file or the writer needs it. The same snapshot
 * and diagnostics as openFile. collect copies sheets between exceljs workbooks, so it keeps openFile.
 */
export function openFileDirect(path: string): Promise<DirectOpenResult> {
  return openWith(path, async () => (await import("../adapters/xlsx/directRead")).openXlsxDirect);
}

/**
 * Write a whole file or nothing: into a temporary file beside the target, then rename, so a
 * crash or a full disk never leaves a half-written workbook where the old one was.
 */
export function writeAtomic(path: string, bytes: Uint8Array | string): void {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function samePath(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}

const ICON = { error: "✖", warning: "⚠", info: "ℹ" } as const;
const WORD = { error: ["错误", "error"], warning: ["警告", "warning"], info: ["提示", "info"] } as const;

/**
 * Diagnostics for people: sorted by sheet, each line naming the cell and what to do. A problem that
 * repeats is shown 20 times per code and sheet, then as one line with the count and the cells
 * (groupDiagnostics); `--json` prints every item instead.
 */
export function formatDiagnostics(ds: readonly Diagnostic[], options: { showInfo?: boolean } = {}): string {
  const shown = sortDiagnostics(ds).filter((d) => options.showInfo || d.severity !== "info");
  const lines = groupDiagnostics(shown).map((e) => {
    // A summary names its sheet only: its message already lists the cells.
    const d = e.kind === "diagnostic" ? e.diagnostic : { ...e.summary, cell: null };
    const where = placeOf(d);
    const text = lang() === "en" ? d.messageEn : d.message;
    return `${ICON[d.severity]} ${where ? `${where}  ` : ""}${text}`;
  });
  const count = (s: Diagnostic["severity"]) => ds.filter((d) => d.severity === s).length;
  const i = lang() === "en" ? 1 : 0;
  lines.push(`${count("error")} ${WORD.error[i]}，${count("warning")} ${WORD.warning[i]}，${count("info")} ${WORD.info[i]}`);
  return lines.join("\n");
}

export class UsageError extends Error {}

/**
 * Never write over a file someone may have filled in: an existing --out is refused unless the caller
 * allows it (--force), or `isOurs` says it is an earlier output of ours.
 */
export async function guardOverwrite(path: string, allow: boolean, isOurs?: (path: string) => Promise<boolean>): Promise<void> {
  if (allow || !existsSync(path)) return;
  if (isOurs && (await isOurs(path))) return;
  throw new UsageError(say(
    `文件「${path}」已存在。为避免覆盖已填写的数据，请换一个文件名${isOurs ? "" : "，或加 --force 确认覆盖"}。`,
    `File "${path}" exists. To avoid overwriting filled-in data, choose another name${isOurs ? "" : " or add --force"}.`,
  ));
}
