/**
 * The read side of the workbook port: plain data, no Office.js, no exceljs.
 * Adapters turn whatever they read (an .xlsx file, an open Excel workbook) into this shape,
 * and the core never sees anything else.
 */

/** A spreadsheet error value as the spreadsheet shows it: "#REF!", "#DIV/0!", "#N/A", … */
export interface CellError {
  readonly error: string;
}

/** A date cell, kept as an ISO-8601 string (local date-time, no zone) so it survives JSON. */
export interface CellDate {
  readonly date: string;
}

/**
 * What a cell holds as far as the evaluation cares: for a formula cell, its cached result.
 * Rich text is flattened to its plain string.
 */
export type CellValue = null | number | string | boolean | CellError | CellDate;

export interface SheetSnapshot {
  readonly name: string;
  /** rows[r][c], 0-based; ragged rows allowed; missing cells read as null. */
  readonly rows: readonly (readonly CellValue[])[];
  /** A1 address → formula text without the leading "=", for cells that hold a formula. */
  readonly formulas: Readonly<Record<string, string>>;
  /** Merged ranges in A1 form, e.g. "B3:D3". */
  readonly merges: readonly string[];
  readonly state: "visible" | "hidden" | "veryHidden";
}

export interface WorkbookSnapshot {
  readonly sheets: readonly SheetSnapshot[];
  /** True when the file uses the 1904 date system (dates in the snapshot are already converted). */
  readonly date1904: boolean;
}

export function isCellError(v: CellValue): v is CellError {
  return typeof v === "object" && v !== null && "error" in v;
}

export function isCellDate(v: CellValue): v is CellDate {
  return typeof v === "object" && v !== null && "date" in v;
}

export function cellAt(sheet: SheetSnapshot, row: number, col: number): CellValue {
  const r = sheet.rows[row];
  if (!r) return null;
  const v = r[col];
  return v === undefined ? null : v;
}

export function findSheet(wb: WorkbookSnapshot, name: string): SheetSnapshot | undefined {
  return wb.sheets.find((s) => s.name === name);
}
