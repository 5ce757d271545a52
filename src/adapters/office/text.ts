import { FORMULA_LIKE, typedAsValue } from "../../workbook/typedText";

/*
 * How the Office adapter keeps text as text (the rules: src/workbook/typedText.ts). Range.values and
 * Range.formulas parse strings like typing, so formula-like text is written with the apostrophe
 * (text starting with = + - @ or ') and anything Excel might read as a number, date, time, boolean
 * or error goes into cells formatted as text ("@") first.
 */

export { comparableFormula, renameSheetRefs } from "../../workbook/typedText";

/** What Range.values must be given for `v` to arrive as itself ("'…" for formula-like text). */
export function literalForExcel(v: string | number | boolean | null): string | number | boolean {
  if (v === null) return "";
  return typeof v === "string" && FORMULA_LIKE.test(v) ? `'${v}` : v;
}

/** Text Excel would turn into something else unless its cell is formatted as text first. */
export function needsTextFormat(v: unknown): boolean {
  return typeof v === "string" && !FORMULA_LIKE.test(v) && typedAsValue(v);
}
