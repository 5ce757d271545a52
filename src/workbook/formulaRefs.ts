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
  if (LINE_REF.test(stripLiterals(formula))) return null;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch === '"' || ch === "'") {
      const end = literalEnd(formula, i);
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    const prev = i > 0 ? formula[i - 1]! : "";
    const m = WORD.test(prev) ? null : REF.exec(formula.slice(i, i + 16));
    if (m) {
      const next = formula[i + m[0].length] ?? "";
      if (!WORD.test(next) && next !== "(") {
        out += map({ colAbs: m[1] === "$", col: parseA1(`${m[2]!}1`).col, rowAbs: m[3] === "$", row: Number(m[4]) - 1 });
        i += m[0].length;
        continue;
      }
    }
    // Not a reference: copy the whole word, so "LOG10" or "A1B" is never cut into a reference.
    let end = i + 1;
    if (WORD.test(ch)) while (end < formula.length && WORD.test(formula[end]!)) end++;
    out += formula.slice(i, end);
    i = end;
  }
  return out;
}

/** Index just past the literal starting at `start` ("…" with "" escapes, or '…' with '' escapes). */
function literalEnd(formula: string, start: number): number {
  const quote = formula[start]!;
  let i = start + 1;
  while (i < formula.length) {
    if (formula[i] === quote) {
      if (formula[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return formula.length;
}

function stripLiterals(formula: string): string {
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch === '"' || ch === "'") {
      const end = literalEnd(formula, i);
      out += ch === "'" ? "'S'" : '""';
      i = end;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
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
