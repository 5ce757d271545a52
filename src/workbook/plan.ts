/**
 * The write side of the workbook port: what a sheet should look like, as plain data.
 * The layout and the report build SheetSpecs; adapters render them (exceljs, Office.js).
 */

export type StyleKey =
  | "title"
  | "note"
  | "header"
  | "subheader"
  | "groupRow"
  | "label"
  | "input"
  | "inputText"
  | "computed"
  | "total"
  | "badge"
  | "plain";

export type ValidationSpec =
  | { readonly kind: "decimal"; readonly min?: number; readonly max?: number; readonly prompt: string; readonly error: string }
  | { readonly kind: "whole"; readonly min: number; readonly max?: number; readonly prompt: string; readonly error: string }
  /**
   * `source` (a range such as '_evalsheet'!$C$1:$C$14) wins over inline `items` when given.
   * `alert: false` offers the list but lets other values be typed without an error alert (a
   * figure or 不适用); 校验 then checks the value.
   */
  | { readonly kind: "list"; readonly items: readonly string[]; readonly source?: string; readonly alert?: boolean; readonly prompt: string; readonly error: string }
  | { readonly kind: "textLength"; readonly max: number; readonly prompt: string; readonly error: string }
  /** A date between `min` and `max` inclusive, both "yyyy-mm-dd". */
  | { readonly kind: "date"; readonly min: string; readonly max: string; readonly prompt: string; readonly error: string };

export interface CellSpec {
  /** Literal value, or the cached result when `formula` is set. */
  readonly value?: string | number | boolean | null;
  /** Formula without the leading "=". Must only use functions Excel, WPS and LibreOffice all compute. */
  readonly formula?: string;
  readonly style?: StyleKey;
  readonly numFmt?: string;
  readonly validation?: ValidationSpec;
  readonly comment?: string;
  /** A link to a place in this workbook, as "'宣教部'!C6". */
  readonly link?: string;
}

/** How a sheet prints: A4, the rows repeated on every page, where pages break, the footer. */
export interface PrintSpec {
  readonly landscape: boolean;
  /** Rows repeated at the top of every page, e.g. "3:4". */
  readonly titleRows?: string;
  /** Columns repeated at the left of every page, e.g. "A:C". */
  readonly titleColumns?: string;
  /** The printed range, e.g. "A1:M60"; rows or columns outside it do not print. */
  readonly area?: string;
  /** Scale the columns onto this many pages wide (rows flow over as many pages as they need). */
  readonly fitToWidth?: number;
  /** 0-based rows that start a new page. */
  readonly breaksBefore?: readonly number[];
  /** Footer text; "&P" page, "&N" pages (defaults to "第 &P 页 共 &N 页"). */
  readonly footer?: string;
}

export interface SheetSpec {
  readonly name: string;
  /** rows[r][c]; null = untouched empty cell. */
  readonly rows: readonly (readonly (CellSpec | null)[])[];
  readonly columnWidths: readonly number[];
  readonly merges: readonly string[];
  /** Rows and columns frozen above/left of the scroll area. */
  readonly freeze?: { readonly rows: number; readonly cols: number };
  readonly print?: PrintSpec;
  /** Row heights in points by 0-based row: wrapped or merged text is never auto-fitted (Excel, LibreOffice). */
  readonly rowHeights?: Readonly<Record<number, number>>;
  readonly state?: "visible" | "hidden" | "veryHidden";
  /** Protect the sheet (no password): users can read and select but not edit. */
  readonly protect?: boolean;
  readonly tabColor?: string;
}

/**
 * A plan of writes: sheets to create or replace as a whole. The adapter builds every new sheet
 * first and only then removes the old ones of the same name, so a failure keeps the old ones.
 * It never touches a sheet that is not named here.
 */
export interface WritePlan {
  readonly sheets: readonly SheetSpec[];
  /** Position hint: the new sheets go first (summary) or last (templates). */
  readonly placement: "first" | "last";
}

/**
 * Columns a sheet spans: its widths or its longest row, at least 1. A loop, not Math.max(...rows):
 * spreading 125,001 rows (分类指导 at 3,000 units) overflows the call stack.
 */
export function sheetWidth(spec: Pick<SheetSpec, "rows" | "columnWidths">): number {
  let width = Math.max(spec.columnWidths.length, 1);
  for (const r of spec.rows) if (r.length > width) width = r.length;
  return width;
}
