/**
 * The read side of the .xlsx file adapter: bytes in, a WorkbookSnapshot (and the exceljs workbook,
 * for the write side) out, or one clear diagnostic. Never throws, never reads files itself (it
 * also runs in the browser), and never returns a silently misread workbook: what exceljs 4.4.0
 * gets wrong is repaired in `preflight` or caught after loading.
 */
import ExcelJS from "exceljs";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import type { WorkbookSnapshot } from "../../workbook/snapshot";
import { fileMessages } from "./messages";
import { applyMerges } from "./merges";
import { preflight, type Preflight } from "./preflight";
import { snapshotOf } from "./snapshot";

export { snapshotOf } from "./snapshot";

export type OpenResult =
  | { ok: true; workbook: ExcelJS.Workbook; snapshot: WorkbookSnapshot; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] }; // at least one diagnostic with severity "error"

export async function openXlsx(data: Uint8Array, fileName: string): Promise<OpenResult> {
  try {
    return await open(data, fileName);
  } catch {
    // Last line of defence: whatever slipped past the checks still becomes a message.
    return refuse(fileMessages.unreadable(fileName));
  }
}

async function open(data: Uint8Array, fileName: string): Promise<OpenResult> {
  const pre = await preflight(data, fileName);
  if (!("bytes" in pre)) return refuse(pre);

  const fixes = [...pre.fixes];
  let workbook = await load(pre.bytes);
  if (!workbook) {
    // exceljs failed on something besides the cells (a table bound to an XML map, a drawing with a
    // repeated attribute…): read the cells alone rather than refuse a workbook Excel opens.
    workbook = await load(await pre.cellsOnly());
    if (!workbook) return refuse(fileMessages.unreadable(fileName));
    fixes.push("cellsOnly");
  }

  const lost = lostSheets(workbook, pre, fileName);
  if (lost) return refuse(lost);
  for (const [sheetName, refs] of pre.merges) {
    const ws = workbook.getWorksheet(sheetName.slice(0, 31));
    if (ws && refs.length > 0) applyMerges(ws, refs);
  }
  restoreIsoDates(workbook, pre);

  const diagnostics = [...pre.warnings];
  if (fixes.length > 0) diagnostics.push(fileMessages.repaired(fileName, fixes));
  return { ok: true, workbook, snapshot: snapshotOf(workbook, pre.date1904), diagnostics };
}

/** The workbook exceljs reads from `bytes`, or null when it throws. */
async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as Buffer, but hands it straight to JSZip, which takes any bytes.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    return workbook;
  } catch {
    return null;
  }
}

function refuse(d: Diagnostic): OpenResult {
  return { ok: false, diagnostics: [d] };
}

/**
 * exceljs skips worksheets it cannot place (odd part names, broken relationships) without a word;
 * a workbook missing a sheet must not pass for a complete one. Chart sheets are meant to be skipped.
 */
function lostSheets(workbook: ExcelJS.Workbook, pre: Preflight, fileName: string): Diagnostic | null {
  const listed = pre.sheets.filter((s) => s.kind === "worksheet").map((s) => s.name);
  const loadedCount = workbook.worksheets.length;
  if (loadedCount === 0) return fileMessages.noSheets(fileName, listed.length);
  // Counted, not matched by name, so a name decoded differently cannot cause a false refusal.
  if (loadedCount >= listed.length) return null;
  // exceljs truncates names past Excel's 31-character limit.
  const loaded = new Set(workbook.worksheets.map((ws) => ws.name));
  const missing = listed.filter((name) => !loaded.has(name.slice(0, 31)));
  return fileMessages.sheetsMissing(fileName, missing.length > 0 ? missing : listed);
}

/**
 * ISO date cells were rewritten as serial numbers; exceljs turns those into dates only when the
 * cell has a date format. The file said "date", so make it one either way.
 */
function restoreIsoDates(workbook: ExcelJS.Workbook, pre: Preflight): void {
  for (const [sheetName, cells] of pre.isoDates) {
    const ws = workbook.getWorksheet(sheetName.slice(0, 31));
    if (!ws) continue;
    for (const { address, date } of cells) {
      const cell = ws.getCell(address);
      if (cell.type === ExcelJS.ValueType.Formula) {
        if (typeof cell.result === "number") cell.value = { ...(cell.value as ExcelJS.CellFormulaValue), result: date };
      } else if (typeof cell.value === "number") {
        cell.value = date;
      }
    }
  }
}
