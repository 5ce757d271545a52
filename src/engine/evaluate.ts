import type { Scheme } from "../scheme/schema";
import { bestPracticeFor } from "./cases";
import { bonusFor } from "./bonus";
import { compositeFor } from "./composite";
import { roundTo, sum, toNumber, type Dec } from "./decimal";
import type { EvaluationInputs, IndicatorInput } from "./inputs";
import { penaltyFor } from "./penalty";
import { competitionRanks } from "./rank";
import { scoreIndicator } from "./basic";
import { tierFor } from "./tier";
import type { TrailEntry } from "./trail";

export interface IndicatorResult {
  readonly id: string;
  readonly name: string;
  readonly max: number;
  readonly score: number;
}

export interface UnitResult {
  readonly unit: string;
  readonly group: string;
  readonly basic: number;
  readonly indicators: readonly IndicatorResult[];
  readonly bestPractice: number;
  readonly composite: number;
  readonly bonusRaw: number;
  readonly bonus: number;
  readonly capsHit: readonly string[];
  readonly penalty: number;
  readonly total: number;
  readonly groupRank: number;
  readonly overallRank: number;
  readonly tier: string;
  readonly trail: readonly TrailEntry[];
}

export interface Evaluation {
  readonly scheme: { readonly id: string; readonly title: string; readonly year: number };
  /** In the scheme's unit order. */
  readonly units: readonly UnitResult[];
}

/**
 * The whole evaluation as one pure function: (scheme, inputs) → per-unit results. Every unit of
 * the scheme gets a result, even with no inputs at all (it then scores what is missing as 0).
 * Inputs naming units outside the scheme are ignored here; validation reports them.
 */
export function evaluate(scheme: Scheme, inputs: EvaluationInputs): Evaluation {
  const d = scheme.rounding.decimals;
  const basicBy = new Map<string, IndicatorInput>();
  for (const b of inputs.basic) {
    const key = `${b.unit}\u0000${b.indicator}`;
    if (!basicBy.has(key)) basicBy.set(key, b);
  }

  const casesBy = groupBy(inputs.cases, (c) => c.unit);
  const eventsBy = groupBy(inputs.events, (e) => e.unit);
  const compositeBy = new Map<string, (typeof inputs.composite)[number]>();
  for (const c of inputs.composite) if (!compositeBy.has(c.unit)) compositeBy.set(c.unit, c);

  const partial = scheme.units.map((u) => {
    const trail: TrailEntry[] = [];
    const indicatorScores = scheme.indicators.map((ind) => {
      const r = scoreIndicator(ind, u.group, basicBy.get(`${u.name}\u0000${ind.id}`), d, scheme.notApplicable);
      trail.push(...r.trail);
      return { ind, r };
    });
    const basic = roundTo(sum(indicatorScores.map((x) => x.r.score)), d);
    const bp = bestPracticeFor(scheme, casesBy.get(u.name) ?? [], d);
    const comp = compositeFor(scheme, compositeBy.get(u.name), d);
    const events = eventsBy.get(u.name) ?? [];
    const bonus = bonusFor(scheme, events, d);
    const penalty = penaltyFor(scheme, events, d);
    trail.push(...bp.trail, ...comp.trail, ...bonus.trail, ...penalty.trail);
    const total: Dec = roundTo(basic.plus(bp.score).plus(comp.score).plus(bonus.capped).minus(penalty.total), d);
    return { u, indicatorScores, basic, bp, comp, bonus, penalty, total, trail };
  });

  const overall = competitionRanks(partial.map((p) => p.total));
  const groupRanks = new Map<string, number>();
  const groupSizes = new Map<string, number>();
  for (const g of scheme.groups) {
    const members = partial.filter((p) => p.u.group === g.id);
    groupSizes.set(g.id, members.length);
    competitionRanks(members.map((m) => m.total)).forEach((rank, i) => groupRanks.set(members[i]!.u.name, rank));
  }

  return {
    scheme: { id: scheme.id, title: scheme.title, year: scheme.year },
    units: partial.map((p, i) => {
      const groupRank = groupRanks.get(p.u.name)!;
      return {
        unit: p.u.name,
        group: p.u.group,
        basic: toNumber(p.basic),
        indicators: p.indicatorScores.map(({ ind, r }) => ({ id: ind.id, name: ind.name, max: toNumber(r.max), score: toNumber(r.score) })),
        bestPractice: toNumber(p.bp.score),
        composite: toNumber(p.comp.score),
        bonusRaw: toNumber(p.bonus.raw),
        bonus: toNumber(p.bonus.capped),
        capsHit: p.bonus.capsHit,
        penalty: toNumber(p.penalty.total),
        total: toNumber(p.total),
        groupRank,
        overallRank: overall[i]!,
        tier: tierFor(scheme.tiers, p.total, groupRank, groupSizes.get(p.u.group)!),
        trail: p.trail,
      };
    }),
  };
}

/** Rows per unit, keeping row order (the first cases of a unit are the ones that count). */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
