/**
 * Formula text shared by the rule files. Only functions that Excel, WPS and LibreOffice all
 * compute: IF, IFERROR, ISNUMBER, VALUE, TRIM, ASC, ROUND, MIN, MAX, SUM, SUMPRODUCT, AND.
 */

/**
 * A cell read as a number the way the engine reads it: numbers as-is, numeric text parsed (ASC
 * folds full-width "１.５" as the engine's NFKC does), anything else 0. The LibreOffice parity
 * test proves the two agree.
 */
export function num(ref: string): string {
  return `IF(ISNUMBER(${ref}),${ref},IFERROR(VALUE(ASC(TRIM(${ref}))),0))`;
}

/** ROUND to `decimals`: the cell holding the scheme's decimals (a number only where no cell exists). */
export function round(expr: string, decimals: number | string): string {
  return `ROUND(${expr},${decimals})`;
}

/** A number literal as formulas want it: no exponent, no trailing zeros. */
export function lit(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(12).replace(/\.?0+$/, "");
}

export function str(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** An event row's occurrence count: an empty cell is one occurrence (each row records one event). */
export function countOrOne(ref: string): string {
  return `IF(TRIM(${ref})="",1,MAX(${num(ref)},0))`;
}
