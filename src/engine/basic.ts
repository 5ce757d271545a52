import type { Indicator } from "../scheme/schema";
import { dec, roundTo, ZERO, type Dec } from "./decimal";
import { lit, round } from "./formula";
import type { IndicatorInput } from "./inputs";
import { ruleKind } from "./rules";
import type { TrailEntry } from "./trail";

export interface IndicatorScore {
  readonly score: Dec;
  readonly max: Dec;
  readonly trail: readonly TrailEntry[];
}

export function indicatorMax(indicator: Indicator, groupId: string): number {
  return indicator.points[groupId] ?? 0;
}

/** Run an indicator's rules in order for one unit. A unit with no row on the sheet scores 0. */
export function scoreIndicator(indicator: Indicator, groupId: string, input: IndicatorInput | undefined, decimals: number): IndicatorScore {
  const max = dec(indicatorMax(indicator, groupId));
  if (!input) {
    return {
      score: ZERO,
      max,
      trail: max.gt(0)
        ? [{
            component: "basic",
            kind: "missing",
            item: indicator.name,
            delta: -Number(max.toString()),
            text: { zh: `${indicator.name}：未评分，按 0 分计`, en: `${indicator.name}: not scored, counted as 0` },
            reason: null,
            source: null,
          }]
        : [],
    };
  }
  let score = ZERO;
  const trail: TrailEntry[] = [];
  for (const rule of indicator.rules) {
    const step = ruleKind(rule).apply(rule, score, { indicator, max, input });
    score = step.score;
    trail.push(...step.trail);
  }
  return { score: roundTo(score, decimals), max, trail };
}

/**
 * The same indicator as a native formula over the department's cells. `refs` maps each rule
 * column key to a sheet-qualified cell reference; null when the unit has no row (scores 0).
 */
export function indicatorFormula(indicator: Indicator, groupId: string, refs: Readonly<Record<string, string>> | null, decimals: number): string {
  if (!refs) return "0";
  const max = indicatorMax(indicator, groupId);
  let f = lit(0);
  for (const rule of indicator.rules) f = ruleKind(rule).formula(rule, f, refs, max);
  return round(f, decimals);
}
