import { columnLetters, parseA1 } from "./address";

/*
 * Cell references inside a formula, as Excel moves them when a formula is copied or filled down:
 * relative parts shift with the destination, `$` parts stay. The Office adapter uses this to
 * recognise columns whose formulas are one formula filled down (same relative form), so it can
 * send that formula once and let Excel fill the rest instead of sending every cell's text.
 *
 * Only A1 cell references are understood. A formula with whole-column or whole-row references
 * (A:A, 3:3) is reported as not shiftable, so it is never grouped with another cell's formula.
 */

/** One A1 cell reference in a formula: `$` flags and 0-based row/column. */
interface Ref {
  readonly colAbs: boolean;
  readonly col: number;
  readonly rowAbs: boolean;
  readonly row: number;
}

const REF = /^(\$?)([A-Z]{1,3})(\$?)([1-9]\d{0,6})/;
const WORD = /[A-Za-z0-9_.]/;
const LINE_REF = /(^|[^A-Za-z0-9_$.'"])\$?(?:[A-Z]{1,3}:\$?[A-Z]{1,3}|\d+:\$?\d+)(?![A-Za-z0-9_(!])/;

/**
 * Rewrite every cell reference of `formula` with `map`, leaving string literals, quoted sheet
 * names, function names and numbers alone. Returns null when the formula holds references this
 * module does not shift (whole columns or rows).
 */
function mapRefs(formula: string, map: (ref: Ref) => string): string | null {
  const parts = formulaParts(formula);
  if (LINE_REF.test(parts.map((p) => (p.literal ? `${p.text[0]}S${p.text[0]}` : p.text)).join(""))) return null;
  return parts.map((p) => (p.literal ? p.text : mapCode(p.text, map))).join("");
}

/** Formula text outside literals: references rewritten, everything else copied. */
function mapCode(code: string, map: (ref: Ref) => string): string {
  let out = "";
  let i = 0;
  while (i < code.length) {
    const prev = i > 0 ? code[i - 1]! : "";
    const m = WORD.test(prev) ? null : REF.exec(code.slice(i, i + 16));
    const next = m ? (code[i + m[0].length] ?? "") : "";
    if (m && !WORD.test(next) && next !== "(") {
      out += map({ colAbs: m[1] === "$", col: parseA1(`${m[2]!}1`).col, rowAbs: m[3] === "$", row: Number(m[4]) - 1 });
      i += m[0].length;
      continue;
    }
    // Not a reference: copy the whole word, so "LOG10" or "A1B" is never cut into a reference.
    let end = i + 1;
    if (WORD.test(code[i]!)) while (end < code.length && WORD.test(code[end]!)) end++;
    out += code.slice(i, end);
    i = end;
  }
  return out;
}

/** The formula cut into code and literals ("…" with "" escapes, '…' sheet names with '' escapes). */
export function formulaParts(formula: string): { text: string; literal: boolean }[] {
  const parts: { text: string; literal: boolean }[] = [];
  let start = 0;
  let i = 0;
  while (i < formula.length) {
    const quote = formula[i]!;
    if (quote !== '"' && quote !== "'") {
      i++;
      continue;
    }
    if (i > start) parts.push({ text: formula.slice(start, i), literal: false });
    let end = i + 1;
    while (end < formula.length && !(formula[end] === quote && formula[end + 1] !== quote)) end += formula[end] === quote ? 2 : 1;
    parts.push({ text: formula.slice(i, end + 1), literal: true });
    start = i = end + 1;
  }
  if (start < formula.length) parts.push({ text: formula.slice(start), literal: false });
  return parts;
}

/**
 * The formula written relative to its own cell (row, col), like R1C1 notation: two cells whose
 * formulas have the same relative form hold one formula filled across. Null: not comparable.
 */
export function relativeForm(formula: string, row: number, col: number): string | null {
  return mapRefs(formula, (r) => `R${r.rowAbs ? r.row : `[${r.row - row}]`}C${r.colAbs ? r.col : `[${r.col - col}]`}`);
}

/**
 * The formula as Excel writes it when copied `rows` down and `cols` right: relative parts move,
 * `$` parts stay. Null when a reference would leave the sheet or cannot be shifted.
 */
export function shiftFormula(formula: string, rows: number, cols: number): string | null {
  let outside = false;
  const shifted = mapRefs(formula, (r) => {
    const row = r.rowAbs ? r.row : r.row + rows;
    const col = r.colAbs ? r.col : r.col + cols;
    if (row < 0 || col < 0) outside = true;
    return `${r.colAbs ? "$" : ""}${columnLetters(Math.max(col, 0))}${r.rowAbs ? "$" : ""}${Math.max(row, 0) + 1}`;
  });
  return outside ? null : shifted;
}
