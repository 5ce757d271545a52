/*
 * Text as a spreadsheet takes typing, and sheet names inside formulas: one set of rules for every
 * adapter that writes through an object model (Office.js Range.values / formulas, WPS ET Value2 /
 * Formula). Both parse a string as a user's typing: "00123" becomes the number 123, "2024-03-01" a
 * date, "TRUE" a boolean, "#N/A" an error, "=x" a formula, and a leading apostrophe is swallowed.
 * Imported reasons, unit names and case titles must arrive as the text they are; each adapter picks
 * how (Office: the apostrophe or cells formatted "@"; ET: always the apostrophe, which costs no call).
 */

/** Starts like a formula (= + - − @) or with the apostrophe a spreadsheet would swallow. */
export const FORMULA_LIKE = /^[=+\-−@']/;

// Deliberately broad: text written as text by mistake costs nothing; text turned into a number or
// date silently changes what the office signs.
const NUMBER_LIKE = /^\s*[(+-]?\s*[¥$€£]?\s*(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*%?\s*\)?\s*$/;
const FRACTION_LIKE = /^\s*\d+(\s+\d+)?\s*\/\s*\d+\s*$/;
const DATE_LIKE = /^\s*\d{1,4}\s*[-/.年]\s*\d{1,2}\s*([-/.月]\s*\d{1,4}\s*日?)?\s*$|^\s*\d{1,2}\s*月\s*\d{1,2}\s*日?\s*$|^\s*\d{1,2}[-/ ][A-Za-z]{3,9}([-/ ]\d{2,4})?\s*$|^\s*[A-Za-z]{3,9}[-/ ]\d{1,4}\s*$/;
const TIME_LIKE = /^\s*\d{1,2}\s*[:：时]\s*\d{1,2}(\s*[:：分]\s*\d{1,2}\s*秒?)?\s*(分|[AaPp][Mm]?)?\s*$/;
const BOOLEAN_OR_ERROR = /^\s*(true|false|#n\/a|#null!|#div\/0!|#value!|#ref!|#name\?|#num!|#spill!|#calc!|#getting_data)\s*$/i;

/** Text typing would turn into a number, date, time, boolean or error (formula-like text aside). */
export function typedAsValue(v: string): boolean {
  return NUMBER_LIKE.test(v) || FRACTION_LIKE.test(v) || DATE_LIKE.test(v) || TIME_LIKE.test(v) || BOOLEAN_OR_ERROR.test(v);
}

const BARE_NAME = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/;
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

/** A formula as compared after Excel has echoed it: no "=", sheet names unquoted where Excel may drop the quotes. */
export function comparableFormula(f: string): string {
  const text = f.startsWith("=") ? f.slice(1) : f;
  let out = "";
  let i = 0;
  while (i < text.length) {
    const m = text[i] === "'" ? ((QUOTED_REF.lastIndex = i), QUOTED_REF.exec(text)) : null;
    if (m) {
      const name = m[1]!.replace(/''/g, "'");
      out += BARE_NAME.test(name) ? `${name}!` : m[0];
      i += m[0].length;
    } else if (text[i] === '"') {
      let end = i + 1;
      while (end < text.length && !(text[end] === '"' && text[end + 1] !== '"')) end += text[end] === '"' ? 2 : 1;
      out += text.slice(i, end + 1);
      i = end + 1;
    } else out += text[i++];
  }
  return out;
}
