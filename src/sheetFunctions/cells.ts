import { dec, type Dec } from "../engine/decimal";
import { parseNumber } from "../validate/cellParse";
import { invalidValue, isSheetError, type SheetError } from "./result";

/**
 * Reading spreadsheet arguments. Excel hands custom functions numbers, strings, booleans, null
 * (an omitted optional argument) and "" (an empty cell in a range); Node callers may also pass
 * undefined. Numbers are read exactly (their shortest decimal spelling, see engine/decimal.ts);
 * text that is clearly a number (" 5 ", full-width "５", "72%") is read as the validator reads it.
 */

/** null, undefined, or text of spaces only. */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** A value as a message shows it: “abc”, TRUE, 空白. */
export function shown(v: unknown): string {
  if (isBlank(v)) return "空白";
  if (typeof v === "string") return `“${v.length > 40 ? `${v.slice(0, 40)}…` : v}”`;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return String(v);
  if (typeof v === "object" && v !== null && "error" in v) return String((v as { error: unknown }).error);
  return `“${String(v)}”`;
}

/** The number in a value, or null when it holds none (blank, words, booleans, errors, NaN). */
export function numberIn(v: unknown): Dec | null {
  if (typeof v === "number") return Number.isFinite(v) ? dec(v) : null;
  if (typeof v === "string") {
    const p = parseNumber(v);
    return p.kind === "number" ? dec(p.value) : null;
  }
  return null;
}

/** A required number argument: blank or anything else than a number is #VALUE!. */
export function requireNumber(v: unknown, what: string): Dec | SheetError {
  if (isBlank(v)) return invalidValue(`${what}为空：请填写数字。`);
  const n = numberIn(v);
  return n ?? invalidValue(`${what}须为数字，现为 ${shown(v)}。`);
}

/** An optional number argument: blank is null. */
export function optionalNumber(v: unknown, what: string): Dec | null | SheetError {
  return isBlank(v) ? null : requireNumber(v, what);
}

/** A whole number ≥ min. */
export function requireInteger(v: unknown, what: string, min: number): number | SheetError {
  const n = requireNumber(v, what);
  if (isSheetError(n)) return n;
  if (!n.round(0).eq(n) || n.lt(min)) return invalidValue(`${what}须为不小于 ${min} 的整数，现为 ${shown(v)}。`);
  return Number(n.toString());
}

/** A cell range as Excel passes it (2-D, row-major), a 1-D list or a single value. */
export interface Grid {
  readonly rows: number;
  readonly cols: number;
  /** Row-major. */
  readonly values: readonly unknown[];
}

export function toGrid(v: unknown, what: string): Grid | SheetError {
  if (!Array.isArray(v)) return { rows: 1, cols: 1, values: [v] };
  if (v.length === 0) return { rows: 0, cols: 0, values: [] };
  if (!v.every((row) => Array.isArray(row))) {
    if (v.some((row) => Array.isArray(row))) return invalidValue(`${what}的区域形状不规则：请选择一个矩形区域。`);
    return { rows: 1, cols: v.length, values: [...v] };
  }
  const rows = v as unknown[][];
  const cols = rows[0]!.length;
  if (rows.some((r) => r.length !== cols)) return invalidValue(`${what}的区域形状不规则：请选择一个矩形区域。`);
  return { rows: rows.length, cols, values: rows.flat() };
}

/**
 * Two ranges read side by side must have the same shape (a row of n and a column of n also pair
 * up, cell by cell); otherwise #VALUE!, naming both sizes.
 */
export function pairGrids(a: Grid, b: Grid, whatA: string, whatB: string): SheetError | null {
  const vector = (g: Grid) => g.rows <= 1 || g.cols <= 1;
  const same = (a.rows === b.rows && a.cols === b.cols) || (vector(a) && vector(b) && a.values.length === b.values.length);
  return same ? null : invalidValue(`${whatA}（${a.rows} 行 × ${a.cols} 列）与${whatB}（${b.rows} 行 × ${b.cols} 列）大小不同：两个区域须一一对应。`);
}

/** Where the i-th value (row-major) sits in its range, for messages: “第 3 行”, “第 2 行第 1 列”. */
export function position(g: Grid, i: number): string {
  if (g.values.length <= 1) return "";
  const r = Math.floor(i / g.cols) + 1;
  const c = (i % g.cols) + 1;
  if (g.cols === 1) return `第 ${r} 行`;
  if (g.rows === 1) return `第 ${c} 个`;
  return `第 ${r} 行第 ${c} 列`;
}
