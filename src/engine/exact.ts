import type { Scheme } from "../scheme/schema";
import { scoreIndicator, type IndicatorScore } from "./basic";
import { bestPracticeFor } from "./cases";
import { bonusFor, type BonusScore } from "./bonus";
import { compositeFor } from "./composite";
import { roundTo, sum, type Dec } from "./decimal";
import type { CaseInput, CompositeInput, EvaluationInputs, EventInput, IndicatorInput } from "./inputs";
import { penaltyFor } from "./penalty";
import type { TrailEntry } from "./trail";

/**
 * The exact path: one unit scored on decimals (big.js) with its whole explanation. evaluate()
 * uses it for the explanation of a unit when someone reads it, for a score the fast path
 * cannot vouch for, and for a workbook whose figures the fast path cannot hold.
 */
export interface ExactUnit {
  readonly indicators: readonly IndicatorScore[];
  readonly basic: Dec;
  readonly bestPractice: Dec;
  readonly composite: Dec;
  readonly bonus: BonusScore;
  readonly penalty: Dec;
  readonly total: Dec;
  readonly trail: readonly TrailEntry[];
}

export interface UnitInputs {
  /** The unit's first input per indicator, in the scheme's indicator order. */
  readonly basic: readonly (IndicatorInput | undefined)[];
  readonly cases: readonly CaseInput[];
  readonly events: readonly EventInput[];
  readonly composite: CompositeInput | undefined;
}

export function exactUnit(scheme: Scheme, group: string, inputs: UnitInputs): ExactUnit {
  const d = scheme.rounding.decimals;
  const trail: TrailEntry[] = [];
  const indicators = scheme.indicators.map((ind, i) => {
    const r = scoreIndicator(ind, group, inputs.basic[i], d, scheme.notApplicable);
    trail.push(...r.trail);
    return r;
  });
  const basic = roundTo(sum(indicators.map((r) => r.score)), d);
  const bp = bestPracticeFor(scheme, inputs.cases, d);
  const comp = compositeFor(scheme, inputs.composite, d);
  const bonus = bonusFor(scheme, inputs.events, d);
  const penalty = penaltyFor(scheme, inputs.events, d);
  trail.push(...bp.trail, ...comp.trail, ...bonus.trail, ...penalty.trail);
  const total = roundTo(basic.plus(bp.score).plus(comp.score).plus(bonus.capped).minus(penalty.total), d);
  return { indicators, basic, bestPractice: bp.score, composite: comp.score, bonus, penalty: penalty.total, total, trail };
}

/** The explanation alone, the indicators the fast path found quiet (nothing to explain) skipped. */
export function exactTrail(scheme: Scheme, group: string, inputs: UnitInputs, loud: (i: number) => boolean): TrailEntry[] {
  const d = scheme.rounding.decimals;
  const trail: TrailEntry[] = [];
  scheme.indicators.forEach((ind, i) => {
    if (loud(i)) trail.push(...scoreIndicator(ind, group, inputs.basic[i], d, scheme.notApplicable).trail);
  });
  trail.push(
    ...bestPracticeFor(scheme, inputs.cases, d).trail,
    ...compositeFor(scheme, inputs.composite, d).trail,
    ...bonusFor(scheme, inputs.events, d).trail,
    ...penaltyFor(scheme, inputs.events, d).trail,
  );
  return trail;
}

/** Each unit's inputs, as the engine has always matched them: the first row per (unit, indicator), cases in row order. */
export function unitInputs(scheme: Scheme, inputs: EvaluationInputs): (unit: string) => UnitInputs {
  const basicBy = new Map<string, IndicatorInput>();
  for (const b of inputs.basic) {
    const key = `${b.unit}\u0000${b.indicator}`;
    if (!basicBy.has(key)) basicBy.set(key, b);
  }
  const casesBy = groupBy(inputs.cases, (c) => c.unit);
  const eventsBy = groupBy(inputs.events, (e) => e.unit);
  const compositeBy = new Map<string, CompositeInput>();
  for (const c of inputs.composite) if (!compositeBy.has(c.unit)) compositeBy.set(c.unit, c);
  return (unit) => ({
    basic: scheme.indicators.map((ind) => basicBy.get(`${unit}\u0000${ind.id}`)),
    cases: casesBy.get(unit) ?? [],
    events: eventsBy.get(unit) ?? [],
    composite: compositeBy.get(unit),
  });
}

/** Rows per unit, keeping row order (the first cases of a unit are the ones that count). */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
