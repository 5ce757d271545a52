/**
 * Sheet references inside formula text, for the fake ET object model. ET, like Excel, binds a
 * reference such as '基础工作得分'!Y5 to the sheet, not to its name: renaming the sheet rewrites the
 * text, deleting it turns the reference into #REF! (=#REF!Y5), and a reference written to a sheet
 * that does not exist never binds to one added later. The fake keeps formula text in step with
 * sheet identity by rewriting every formula and validation list on each rename and delete, which is
 * equivalent because sheet names are unique at every moment. Independent of src/ on purpose.
 */

const PLAIN_NAME = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/;

/**
 * Rewrite the sheet part of every reference in `formula` ("=…" or bare): `map` gives the sheet's
 * name now, or null when the reference is broken ("#REF!"). String literals are left alone.
 */
export function rewriteSheetRefs(formula: string, map: (name: string) => string | null): string {
  let out = "";
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i]!;
    if (ch === '"') {
      const end = closing(formula, i, '"');
      out += formula.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (ch === "'") {
      const end = closing(formula, i, "'");
      if (formula[end + 1] === "!") {
        const name = formula.slice(i + 1, end).replace(/''/g, "'");
        out += render(map(name), true);
        i = end + 2;
        continue;
      }
    }
    const prev = i > 0 ? formula[i - 1]! : "";
    if (!/[A-Za-z0-9_.#\u00C0-\uFFFF]/.test(prev)) {
      const m = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*!/.exec(formula.slice(i, i + 64));
      if (m) {
        out += render(map(m[0].slice(0, -1)), false);
        i += m[0].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

function closing(s: string, start: number, quote: string): number {
  let j = start + 1;
  while (j < s.length) {
    if (s[j] === quote) {
      if (s[j + 1] === quote) j += 2;
      else return j;
    } else j++;
  }
  return s.length - 1;
}

function render(name: string | null, quoted: boolean): string {
  if (name === null) return "#REF!";
  return quoted || !PLAIN_NAME.test(name) ? `'${name.replace(/'/g, "''")}'!` : `${name}!`;
}

/** Every sheet name a formula refers to. */
export function sheetsReferred(formula: string): string[] {
  const names: string[] = [];
  rewriteSheetRefs(formula, (name) => (names.push(name), name));
  return names;
}
