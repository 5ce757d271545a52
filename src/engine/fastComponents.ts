import type { Scheme } from "../scheme/schema";
import { bestPracticeFor } from "./cases";
import { bonusFor } from "./bonus";
import { compositeFor } from "./composite";
import { toNumber, type Dec } from "./decimal";
import { groupBy } from "./exact";
import { fastBonus, fastCases, fastComposite, fastPenalty, type UnitPlan } from "./fastUnit";
import { scaled, toValue } from "./fixed";
import type { CaseInput, CompositeInput, EvaluationInputs, EventInput } from "./inputs";
import { penaltyFor } from "./penalty";

/** Per unit (scheme order), integers at the rounding's scale, except bonusRaw: the printed figure. */
export interface UnitComponents {
  readonly bestPractice: Float64Array;
  readonly composite: Float64Array;
  readonly bonusRaw: Float64Array;
  readonly bonus: Float64Array;
  readonly capsHit: string[][];
  readonly penalty: Float64Array;
  readonly total: Float64Array;
}

/**
 * The per-unit components on scaled integers (fastUnit.ts) — 最佳实践案例, 综合评估, the capped
 * bonus and the penalties — and each unit's total with its basic sum, into typed arrays. A figure
 * the fast path cannot vouch for is asked of the exact path on the spot. A unit with no case,
 * event or 综合评估 row (most of them) scores what nobody's does: worked out once. Null when a
 * total is too large to stay exact.
 */
export function unitComponents(scheme: Scheme, up: UnitPlan, inputs: EvaluationInputs, sums: Float64Array): UnitComponents | null {
  const d = scheme.rounding.decimals;
  const units = scheme.units;
  const n = units.length;
  const casesBy = groupBy(inputs.cases, (c) => c.unit);
  const eventsBy = groupBy(inputs.events, (e) => e.unit);
  const compositeBy = new Map<string, CompositeInput>();
  for (const c of inputs.composite) if (!compositeBy.has(c.unit)) compositeBy.set(c.unit, c);
  const exactly = (x: Dec) => scaled(toNumber(x), d);

  const none = { cases: [] as CaseInput[], events: [] as EventInput[] };
  const bare = { bestPractice: fastCases(up, none.cases), composite: fastComposite(up, undefined), bonus: fastBonus(up, none.events), penalty: fastPenalty(up, none.events) };
  const bestPractice = new Float64Array(n);
  const composite = new Float64Array(n);
  const bonus = new Float64Array(n);
  const bonusRaw = new Float64Array(n);
  const capsHit = new Array<string[]>(n);
  const penalty = new Float64Array(n);
  const total = new Float64Array(n);
  for (let ui = 0; ui < n; ui++) {
    const name = units[ui]!.name;
    const cases = casesBy.size === 0 ? undefined : casesBy.get(name);
    const events = eventsBy.size === 0 ? undefined : eventsBy.get(name);
    const comp = compositeBy.size === 0 ? undefined : compositeBy.get(name);
    let bp = cases ? fastCases(up, cases) : bare.bestPractice;
    if (bp !== bp) bp = exactly(bestPracticeFor(scheme, cases ?? none.cases, d).score);
    let co = comp ? fastComposite(up, comp) : bare.composite;
    if (co !== co) co = exactly(compositeFor(scheme, comp, d).score);
    let b = events ? fastBonus(up, events) : bare.bonus;
    let raw = toValue(b.raw, up.p);
    if (b.capped !== b.capped) {
      const x = bonusFor(scheme, events ?? none.events, d);
      b = { raw: NaN, capped: exactly(x.capped), capsHit: [...x.capsHit] };
      raw = toNumber(x.raw);
    }
    let pe = events ? fastPenalty(up, events) : bare.penalty;
    if (pe !== pe) pe = exactly(penaltyFor(scheme, events ?? none.events, d).total);
    bestPractice[ui] = bp;
    composite[ui] = co;
    bonus[ui] = b.capped;
    bonusRaw[ui] = raw;
    // each unit its own list, as the exact path gives
    capsHit[ui] = b !== bare.bonus ? b.capsHit : b.capsHit.length === 0 ? [] : [...b.capsHit];
    penalty[ui] = pe;
    const t = sums[ui]! + bp + co + b.capped - pe;
    // Every figure an integer at the rounding's scale, below 2^52: sums and ranks are exact.
    if (!(Math.abs(t) < 2 ** 52 && Math.abs(sums[ui]!) < 2 ** 52)) return null;
    total[ui] = t;
  }
  return { bestPractice, composite, bonusRaw, bonus, capsHit, penalty, total };
}
