/**
 * Sheet references inside formula text, for the recording Excel fake: Excel binds a reference such as
 * '基础工作得分'!Y5 to the sheet, not to its name. Renaming the sheet rewrites the text, deleting it
 * turns the reference into #REF! (Excel shows =#REF!Y5), and a reference written to a sheet that does
 * not exist yet never binds to a sheet added later. The fake keeps its formula text in step with
 * sheet identity by rewriting every formula and validation source on each rename and delete, which
 * is equivalent because sheet names are unique at every moment.
 *
 * Deliberately independent of src/: the fake must not share the code it checks.
 */

/** A name that needs no quotes in a reference (Excel quotes names with spaces, punctuation, leading digits). */
const BARE_NAME = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/;
const BARE_REF = /[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*!/y;
const QUOTED_REF = /'((?:[^']|'')+)'!/y;

function render(name: string, quoted: boolean): string {
  return quoted || !BARE_NAME.test(name) ? `'${name.replace(/'/g, "''")}'!` : `${name}!`;
}

/**
 * Rewrite the sheet part of every reference in `formula` (text without "="): `map` gives the
 * sheet's name now, or null when the reference is broken (rendered "#REF!"). String literals stay.
 */
export function mapSheetRefs(formula: string, map: (name: string) => string | null): string {
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
    const prev = i > 0 ? formula[i - 1]! : "";
    const re = ch === "'" ? QUOTED_REF : /[A-Za-z0-9_.#\u00C0-\uFFFF]/.test(prev) ? null : BARE_REF;
    if (re) {
      re.lastIndex = i;
      const m = re.exec(formula);
      if (m) {
        const name = ch === "'" ? m[1]!.replace(/''/g, "'") : m[0].slice(0, -1);
        const now = map(name);
        out += now === null ? "#REF!" : render(now, ch === "'");
        i += m[0].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** Every sheet name a formula refers to (for the tests' "no reference to a deleted sheet" checks). */
export function sheetNamesIn(formula: string): string[] {
  const names: string[] = [];
  mapSheetRefs(formula, (n) => (names.push(n), n));
  return names;
}
