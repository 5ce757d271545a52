/*
 * Text as ET keeps it, and sheet names inside formulas, for the WPS adapter.
 *
 * ET, like Excel's object model, takes a string written through Value2 or Formula the way it takes
 * typing: "00123" becomes the number 123, "2024-03-01" a date, "TRUE" a boolean, "#N/A" an error,
 * "=x" a formula. A leading apostrophe keeps what follows as text (and is not part of the value).
 * So every string ET would read as something else is written with the apostrophe: that costs no
 * call, where formatting the cells as text first ("@", as the Office adapter does) costs one per
 * rectangle. Deliberately broad: an apostrophe before plain text changes nothing.
 */

/** Starts like a formula (= + - − @) or with an apostrophe that ET would swallow. */
const FORMULA_LIKE = /^[=+\-−@']/;
const NUMBER_LIKE = /^\s*[(+-]?\s*[¥$€£]?\s*(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*%?\s*\)?\s*$/;
const FRACTION_LIKE = /^\s*\d+(\s+\d+)?\s*\/\s*\d+\s*$/;
const DATE_LIKE = /^\s*\d{1,4}\s*[-/.年]\s*\d{1,2}\s*([-/.月]\s*\d{1,4}\s*日?)?\s*$|^\s*\d{1,2}\s*月\s*\d{1,2}\s*日?\s*$|^\s*\d{1,2}[-/ ][A-Za-z]{3,9}([-/ ]\d{2,4})?\s*$|^\s*[A-Za-z]{3,9}[-/ ]\d{1,4}\s*$/;
const TIME_LIKE = /^\s*\d{1,2}\s*[:：时]\s*\d{1,2}(\s*[:：分]\s*\d{1,2}\s*秒?)?\s*(分|[AaPp][Mm]?)?\s*$/;
const BOOLEAN_OR_ERROR = /^\s*(true|false|#n\/a|#null!|#div\/0!|#value!|#ref!|#name\?|#num!|#spill!|#calc!|#getting_data)\s*$/i;

/** Whether ET would turn this text into something other than itself. */
export function parsedByEt(v: string): boolean {
  return FORMULA_LIKE.test(v) || NUMBER_LIKE.test(v) || FRACTION_LIKE.test(v) || DATE_LIKE.test(v) || TIME_LIKE.test(v) || BOOLEAN_OR_ERROR.test(v);
}

/** What Value2/Formula must be given for `v` to arrive as itself; "" clears a cell. */
export function literalForEt(v: string | number | boolean | null | undefined): string | number | boolean {
  if (v === null || v === undefined) return "";
  return typeof v === "string" && parsedByEt(v) ? `'${v}` : v;
}

const BARE_REF = /[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*!/y;
const QUOTED_REF = /'((?:[^']|'')+)'!/y;

/**
 * Rewrite the sheet names of a formula's references ('基础工作得分'!Y5, 宣教部!D7) with `rename`
 * (undefined: keep), leaving string literals alone. Renamed references are always quoted.
 */
export function renameSheetRefs(formula: string, rename: (name: string) => string | undefined): string {
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch === '"') {
      let end = i + 1;
      while (end < formula.length && !(formula[end] === '"' && formula[end + 1] !== '"')) end += formula[end] === '"' ? 2 : 1;
      out += formula.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    const re = ch === "'" ? QUOTED_REF : /[A-Za-z0-9_.#\u00C0-\uFFFF]/.test(formula[i - 1] ?? "") ? null : BARE_REF;
    const m = re ? ((re.lastIndex = i), re.exec(formula)) : null;
    if (m) {
      const name = ch === "'" ? m[1]!.replace(/''/g, "'") : m[0].slice(0, -1);
      const to = rename(name);
      out += to === undefined ? m[0] : `'${to.replace(/'/g, "''")}'!`;
      i += m[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
