import { FORMULA_LIKE, typedAsValue } from "../../workbook/typedText";

/*
 * How the WPS adapter keeps text as text (the rules: src/workbook/typedText.ts). ET, like Excel's
 * object model, takes a string written through Value2 or Formula the way it takes typing; a leading
 * apostrophe keeps what follows as text (and is not part of the value). So every string ET would
 * read as something else is written with the apostrophe: that costs no call, where formatting the
 * cells as text first ("@", as the Office adapter does) costs one per rectangle.
 */

export { renameSheetRefs } from "../../workbook/typedText";

/** Whether ET would turn this text into something other than itself. */
export function parsedByEt(v: string): boolean {
  return FORMULA_LIKE.test(v) || typedAsValue(v);
}

/** What Value2/Formula must be given for `v` to arrive as itself; "" clears a cell. */
export function literalForEt(v: string | number | boolean | null | undefined): string | number | boolean {
  if (v === null || v === undefined) return "";
  return typeof v === "string" && parsedByEt(v) ? `'${v}` : v;
}
