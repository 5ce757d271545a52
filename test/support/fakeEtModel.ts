/**
 * The data of the fake ET object model (fakeEt.ts): sheets, cells, and how ET takes what is typed
 * or written into a cell. Deliberately independent of src/: the fake must not share the code it
 * checks (no shared regexes for "looks like a number", no shared reference parser).
 */
import { a1, parseRange, rangeA1, type CellRange } from "../../src/workbook/address";

export interface EtCell {
  /** The literal value, or null; for a formula the fake does not calculate: null. */
  value: string | number | boolean | null;
  /** "=…" with sheet names as ET shows them now (bound to the sheets: rename rewrites, delete gives #REF!). */
  formula?: string;
  /** A literal error ("#N/A" typed into a cell). */
  error?: string;
  /** Written with a leading apostrophe: text that stays text. */
  prefix?: boolean;
}

/** A format set on a rectangle ("NumberFormat", "Font.Bold", "Interior.Color", "Locked", …). */
export interface FormatRecord {
  range: CellRange;
  key: string;
  value: unknown;
}

export interface ValidationRecord {
  range: CellRange;
  type: number;
  operator?: number;
  /** As given; a list source "=…" is bound like a formula. */
  formula1?: string;
  formula2?: string;
  props: Record<string, unknown>;
}

export interface EtSheetModel {
  id: number;
  name: string;
  visible: number;
  cells: Map<string, EtCell>;
  merges: CellRange[];
  validations: ValidationRecord[];
  formats: FormatRecord[];
  /** Sheet settings: "freeze", "tab", "PageSetup.*", "breaks", "columnWidth:A", "rowHeight:5", "autoFit", … */
  props: Record<string, unknown>;
  protected: boolean;
}

export const key = (row: number, col: number) => `${row},${col}`;

export function intersects(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export function within(a: CellRange, outer: CellRange): boolean {
  return a.top >= outer.top && a.bottom <= outer.bottom && a.left >= outer.left && a.right <= outer.right;
}

export function cellsOf(r: CellRange): { row: number; col: number }[] {
  const out: { row: number; col: number }[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.push({ row, col });
  return out;
}

/** "A1:B2", "A1", "A:C" (whole columns), "5:7" (whole rows); a sheet prefix and $ are ignored. */
export function parseAddress(address: string): CellRange {
  const local = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "").toUpperCase();
  const cols = /^([A-Z]+):([A-Z]+)$/.exec(local);
  if (cols) return { ...parseRange(`${cols[1]}1:${cols[2]}1`), top: 0, bottom: 1_048_575 };
  const rows = /^(\d+):(\d+)$/.exec(local);
  if (rows) return { top: Number(rows[1]) - 1, bottom: Number(rows[2]) - 1, left: 0, right: 16_383 };
  if (!/^[A-Z]{1,3}\d+(:[A-Z]{1,3}\d+)?$/.test(local)) throw new Error(`fake ET: not a range address: ${address}`);
  return parseRange(local);
}

export function addressOf(r: CellRange, absolute = true): string {
  const text = rangeA1(r);
  return absolute ? text.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2") : text;
}

export { a1 };

const ERRORS = ["#N/A", "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!"];

/** COM error codes, as the fake hands error cells out through Value2. */
export const ERROR_CODE: Readonly<Record<string, number>> = {
  "#NULL!": -2146826288,
  "#DIV/0!": -2146826281,
  "#VALUE!": -2146826273,
  "#REF!": -2146826265,
  "#NAME?": -2146826259,
  "#NUM!": -2146826252,
  "#N/A": -2146826246,
};

/** Days since 1899-12-30, ET's (and Excel's) date serial. */
function serial(y: number, m: number, d: number): number {
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/**
 * A value written through Value2 or Formula, taken as ET takes typing: an apostrophe keeps text,
 * "=…" (or "+…", "-…", "@…" that is not a number) is a formula, numbers with grouping, percent or
 * currency are numbers, ISO or slashed dates and 2024年3月1日 are date serials, TRUE/FALSE are
 * booleans, #N/A and the other error words are errors; anything else is text. `bind` turns formula
 * text into what ET keeps (references to missing sheets broken).
 */
export function typedCell(v: unknown, bind: (formula: string) => string): EtCell | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number" || typeof v === "boolean") return { value: v };
  const s = String(v);
  if (s.startsWith("'")) return s.length > 1 ? { value: s.slice(1), prefix: true } : null;
  const compact = s.trim().replace(/[,¥$]/g, "");
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/.test(compact)) {
    const n = Number(compact.replace("%", ""));
    return { value: compact.endsWith("%") ? n / 100 : n };
  }
  const date = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s.trim());
  if (date) return { value: serial(Number(date[1]), Number(date[2]), Number(date[3])) };
  if (/^(true|false)$/i.test(s.trim())) return { value: s.trim().toLowerCase() === "true" };
  if (ERRORS.includes(s.trim().toUpperCase())) return { value: null, error: s.trim().toUpperCase() };
  if (/^[=+\-@]/.test(s)) return { value: null, formula: bind(s.startsWith("=") ? s : `=${s}`) };
  return { value: s };
}

/** Whether a cell shows an error: a literal error, or a formula with a broken reference. */
export function errorOf(cell: EtCell | undefined): string | null {
  if (!cell) return null;
  if (cell.error) return cell.error;
  return cell.formula?.includes("#REF!") ? "#REF!" : null;
}

/** What Value2 hands out for a cell: errors as COM codes, formulas as their (uncalculated) null. */
export function value2Of(cell: EtCell | undefined): string | number | boolean | undefined {
  if (!cell) return undefined;
  const err = errorOf(cell);
  if (err) return ERROR_CODE[err];
  return cell.value ?? undefined;
}

/** What Formula hands out: the formula, else the value as text ("" for empty). */
export function formulaOf(cell: EtCell | undefined): string {
  if (!cell) return "";
  if (cell.formula) return cell.formula;
  if (cell.error) return cell.error;
  if (cell.value === null) return "";
  return typeof cell.value === "boolean" ? (cell.value ? "TRUE" : "FALSE") : String(cell.value);
}
