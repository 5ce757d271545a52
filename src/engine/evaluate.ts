import type { Scheme } from "../scheme/schema";
import { toNumber } from "./decimal";
import { exactUnit, unitInputs } from "./exact";
import { evaluateFast } from "./evaluateFast";
import type { EvaluationInputs } from "./inputs";
import { competitionRanks } from "./rank";
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
  /** Built when first read (it is text for every deduction); the same on every read. */
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
 *
 * Scores are computed on scaled integers (evaluateFast.ts); explanations, and any score the fast
 * path cannot vouch for, on exact decimals (exact.ts). A workbook the fast path cannot hold at
 * all (a scheme constant with more than 9 decimals, repeated names) is evaluated exactly here.
 */
export function evaluate(scheme: Scheme, inputs: EvaluationInputs): Evaluation {
  return evaluateFast(scheme, inputs) ?? evaluateExact(scheme, inputs);
}

/** Every unit on exact decimals: the engine as it was before the fast path, and its reference. */
export function evaluateExact(scheme: Scheme, inputs: EvaluationInputs): Evaluation {
  const of = unitInputs(scheme, inputs);
  const partial = scheme.units.map((u) => ({ u, x: exactUnit(scheme, u.group, of(u.name)) }));
  const overall = competitionRanks(partial.map((p) => p.x.total));
  const groupRanks = new Map<string, number>();
  const groupSizes = new Map<string, number>();
  for (const g of scheme.groups) {
    const members = partial.filter((p) => p.u.group === g.id);
    groupSizes.set(g.id, members.length);
    competitionRanks(members.map((m) => m.x.total)).forEach((rank, i) => groupRanks.set(members[i]!.u.name, rank));
  }
  return {
    scheme: { id: scheme.id, title: scheme.title, year: scheme.year },
    units: partial.map(({ u, x }, i) => {
      const groupRank = groupRanks.get(u.name)!;
      return {
        unit: u.name,
        group: u.group,
        basic: toNumber(x.basic),
        indicators: scheme.indicators.map((ind, k) => ({ id: ind.id, name: ind.name, max: toNumber(x.indicators[k]!.max), score: toNumber(x.indicators[k]!.score) })),
        bestPractice: toNumber(x.bestPractice),
        composite: toNumber(x.composite),
        bonusRaw: toNumber(x.bonus.raw),
        bonus: toNumber(x.bonus.capped),
        capsHit: x.bonus.capsHit,
        penalty: toNumber(x.penalty),
        total: toNumber(x.total),
        groupRank,
        overallRank: overall[i]!,
        tier: tierFor(scheme.tiers, x.total, groupRank, groupSizes.get(u.group)!),
        trail: x.trail,
      };
    }),
  };
}
