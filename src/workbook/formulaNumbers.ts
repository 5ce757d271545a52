import { formulaParts } from "./formulaRefs";

/** A number typed into a formula, with the formula text before it (its context). */
export interface NumberLiteral {
  readonly text: string;
  readonly value: number;
  /** The formula up to the literal, string literals and quoted sheet names included. */
  readonly before: string;
}

// A number token: digits not glued to a name or reference (A1, $P$12, LOG10) and not a function name.
const NUMBER = /(?<![A-Za-z0-9_$.])(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+)(?![A-Za-z0-9_.(])/g;

/**
 * The numbers typed into a formula, outside string literals and quoted sheet names. Cell and range
 * references (`A1`, `$P$12`, `'_计算'!$B$4:$B$203`) are not numbers. Issue 9: a scheme's points,
 * caps, targets and tiers come from cells, so a test can list every literal and allow only the
 * structural ones.
 */
export function numberLiterals(formula: string): NumberLiteral[] {
  const out: NumberLiteral[] = [];
  let offset = 0;
  for (const part of formulaParts(formula)) {
    if (!part.literal) {
      for (const m of part.text.matchAll(NUMBER)) {
        out.push({ text: m[1]!, value: Number(m[1]!), before: formula.slice(0, offset + m.index!) });
      }
    }
    offset += part.text.length;
  }
  return out;
}
