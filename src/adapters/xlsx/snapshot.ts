/**
 * exceljs workbook → WorkbookSnapshot: plain data, cached formula results, no exceljs types.
 */
import ExcelJS from "exceljs";
import { a1 } from "../../workbook/address";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../workbook/snapshot";
import { wallClock } from "./wallClock";

export { wallClock } from "./wallClock";

export function snapshotOf(workbook: ExcelJS.Workbook, date1904: boolean): WorkbookSnapshot {
  return { sheets: workbook.worksheets.map((ws) => sheetOf(ws, date1904)), date1904 };
}

function sheetOf(ws: ExcelJS.Worksheet, date1904: boolean): SheetSnapshot {
  // Sparse on purpose while collecting: a styled-but-empty row out at column XFD must cost nothing.
  const rows: CellValue[][] = [];
  const formulas: Record<string, string> = {};
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const formula = formulaOf(cell);
      if (formula) formulas[a1(rowNumber - 1, colNumber - 1)] = formula;
      const value = valueOf(cell, date1904);
      if (value !== null) values[colNumber - 1] = value;
    });
    if (values.length > 0) rows[rowNumber - 1] = Array.from(values, (v) => v ?? null);
  });
  return {
    name: ws.name,
    rows: Array.from(rows, (r) => r ?? []),
    formulas,
    merges: mergesOf(ws),
    state: ws.state === "hidden" || ws.state === "veryHidden" ? ws.state : "visible",
  };
}

function formulaOf(cell: ExcelJS.Cell): string | null {
  if (cell.type !== ExcelJS.ValueType.Formula) return null;
  // `cell.formula` translates shared formulas from their master cell; the raw value does not.
  const f = cell.formula;
  return typeof f === "string" && f !== "" ? f.replace(/^=/, "") : null;
}

function valueOf(cell: ExcelJS.Cell, date1904: boolean): CellValue {
  switch (cell.type) {
    case ExcelJS.ValueType.Merge:
      // exceljs hands back the master's value; Excel (and formulas) see these cells as empty.
      return null;
    case ExcelJS.ValueType.Formula:
      // Not `cell.value.result`: exceljs drops a falsy result (0, false, "") from that copy.
      return plain(cell.result, cell, date1904);
    default:
      return plain(cell.value, cell, date1904);
  }
}

/** Any exceljs cell value or formula result as a snapshot value. */
function plain(v: unknown, cell: ExcelJS.Cell, date1904: boolean): CellValue {
  if (v === null || v === undefined) return null;
  // NaN only arises from exceljs parseFloat()ing text it did not expect: not a number, not silent.
  if (typeof v === "number") return Number.isFinite(v) ? v : { error: "#VALUE!" };
  // An empty string shows as a blank cell, and Office.js reports it as Empty: the same here.
  if (typeof v === "string") return v === "" ? null : v;
  if (typeof v === "boolean") return v;
  if (v instanceof Date) return dateValue(v, cell, date1904);
  if (typeof v !== "object") return null;
  const o = v as Record<string, unknown>;
  if ("error" in o) return { error: String(o["error"]) };
  if (Array.isArray(o["richText"])) return (o["richText"] as { text?: unknown }[]).map((r) => r.text ?? "").join("");
  if ("text" in o) return plain(o["text"], cell, date1904); // hyperlink: its shown text (itself maybe rich)
  if ("result" in o) return plain(o["result"], cell, date1904);
  return null;
}

/**
 * exceljs turns every number with a time-ish format into a Date, including elapsed durations
 * such as [h]:mm ("36 hours"), which are amounts, not moments: give those back as the serial.
 */
function dateValue(d: Date, cell: ExcelJS.Cell, date1904: boolean): CellValue {
  if (Number.isNaN(d.getTime())) return { error: "#VALUE!" };
  if (/\[(?:h+|m+|s+)\]/i.test(cell.numFmt ?? "")) {
    return d.getTime() / 86_400_000 + (date1904 ? 24_107 : 25_569);
  }
  return { date: wallClock(d) };
}

/**
 * The merged ranges in A1 form. `worksheet.model` would give them too, but it serialises every
 * row to do so (slow on very wide sheets); exceljs keeps them keyed by master cell in `_merges`.
 */
function mergesOf(ws: ExcelJS.Worksheet): string[] {
  const internal = (ws as unknown as { _merges?: Record<string, { range?: unknown }> })._merges;
  if (internal && typeof internal === "object") {
    return Object.values(internal)
      .map((m) => m.range)
      .filter((r): r is string => typeof r === "string");
  }
  return ws.model.merges;
}
