import type { Scheme } from "../scheme/schema";
import { dec, maxDec, roundTo, toNumber, ZERO, type Dec } from "./decimal";
import { round } from "./formula";
import type { CompositeInput } from "./inputs";
import type { TrailEntry } from "./trail";

/** 综合评估: full marks unless the office records an incident deduction (never below zero). */
export function compositeFor(scheme: Scheme, input: CompositeInput | undefined, decimals: number): { score: Dec; trail: TrailEntry[] } {
  const max = dec(scheme.components.composite);
  const off = maxDec(dec(input?.deduction ?? 0), ZERO);
  const score = roundTo(maxDec(max.minus(off), ZERO), decimals);
  if (!input || off.eq(ZERO)) return { score, trail: [] };
  return {
    score,
    trail: [{
      component: "composite",
      kind: "composite",
      item: input.incident ?? "综合评估",
      delta: toNumber(score.minus(max)),
      text: { zh: `综合评估：${input.incident ?? "扣分"}，扣 ${off} 分，得 ${score} 分`, en: `composite: −${off}, ${score} of ${max}` },
      reason: input.reason,
      source: input.source,
    }],
  };
}

/** The same as a formula: `deduction` is the unit's recorded deduction, `maxRef` the cell of the 10 points. */
export function compositeFormula(deduction: string, maxRef: string, decimals: number | string): string {
  return round(`MAX(${maxRef}-MAX(${deduction},0),0)`, decimals);
}
