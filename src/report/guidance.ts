import type { Scheme } from "../scheme/schema";
import type { Evaluation, UnitResult } from "../engine/evaluate";
import type { EvaluationInputs } from "../engine/inputs";
import { unitsInSheetOrder } from "../layout/department";

/**
 * 分类指导: what each district should do next ("补齐短板、做强亮点"), judged within its region
 * group. One pure function, shown by the aggregate's 分类指导 sheet and the pane's 分类指导 tab.
 *
 * "Weakest relative to the group", precisely: for indicator i and district u of group g,
 *   share(u, i) = score / the indicator's points in g   (indicators worth 0 points in g are left out)
 *   gap(u, i)   = share(u, i) − mean over g's districts of share(·, i), rounded to 4 decimals
 * The weakest are the indicators u did not score in full, by gap ascending, then share ascending,
 * then the scheme's indicator order; the first WEAKEST_COUNT. Strengths are the indicators with a
 * gap above 0, by gap descending, then share descending, then indicator order. Rounding the gap
 * makes ties exact (floating sums in another order give the same ranking).
 */
export const WEAKEST_COUNT = 3;
export const STRENGTH_COUNT = 3;

/** A result to compare with: last year's (history) or the last period's (periodic evaluation). */
export interface PriorResult {
  readonly total: number;
  readonly groupRank: number | null;
  readonly tier: string | null;
}

/** Prior results by canonical unit name, and what to call them ("2024 年度", "上半年"). */
export interface PriorResults {
  readonly label: string;
  readonly units: Readonly<Record<string, PriorResult>>;
}

export interface GuidanceOptions {
  /** Last year's results (from history); absent: "无上年数据". */
  readonly previous?: PriorResults;
  /** The latest periodic evaluation of this year; absent: "无上期数据". */
  readonly lastPeriod?: PriorResults;
}

export interface IndicatorStanding {
  readonly id: string;
  readonly name: string;
  readonly programme: string;
  readonly department: string;
  readonly score: number;
  readonly max: number;
  readonly groupMean: number;
  readonly groupBest: number;
  /** score / max, or null when the indicator is worth nothing in this group. */
  readonly share: number | null;
  readonly gap: number | null;
  /** The 扣分理由 the department wrote, and where. */
  readonly reason: string | null;
  readonly reasonCell: string | null;
}

export interface ProgrammeStanding {
  readonly programme: string;
  readonly score: number;
  readonly max: number;
  readonly groupMean: number;
  readonly groupBest: number;
}

export interface Change {
  readonly label: string;
  readonly total: number;
  /** This year's total less the prior one (rounded as the scheme rounds). */
  readonly delta: number;
  readonly groupRank: number | null;
  /** Prior group rank less this one: positive when the district moved up. */
  readonly rankChange: number | null;
  readonly tier: string | null;
  /** This year's, to read the change against. */
  readonly nowGroupRank: number;
  readonly nowTier: string;
}

export interface CaseLine {
  readonly title: string;
  readonly project: string | null;
  readonly score: number | null;
}

export interface UnitGuidance {
  readonly unit: string;
  readonly groupId: string;
  readonly group: string;
  readonly groupShort: string;
  readonly groupSize: number;
  readonly total: number;
  readonly groupMeanTotal: number;
  readonly groupBestTotal: number;
  readonly groupRank: number;
  readonly tier: string;
  readonly programmes: readonly ProgrammeStanding[];
  readonly indicators: readonly IndicatorStanding[];
  readonly weakest: readonly IndicatorStanding[];
  readonly strengths: readonly IndicatorStanding[];
  readonly previous: Change | null;
  readonly lastPeriod: Change | null;
  /** The cases that count (the first `maxPerUnit`, in row order). */
  readonly cases: readonly CaseLine[];
}

export interface Guidance {
  readonly year: number;
  /** In group order, then the scheme's unit order (as the department sheets list them). */
  readonly units: readonly UnitGuidance[];
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Every district's guidance, in group order. */
export function guidance(scheme: Scheme, evaluation: Evaluation, inputs: EvaluationInputs, options: GuidanceOptions = {}): Guidance {
  const ctx = context(scheme, evaluation, inputs, options);
  const results = new Map(evaluation.units.map((u) => [u.unit, u]));
  const units = unitsInSheetOrder(scheme).flatMap((unit) => {
    const u = results.get(unit.name);
    return u ? [unitOf(ctx, u)] : [];
  });
  return { year: scheme.year, units };
}

/** One district's guidance (the pane's dialog), or null when the evaluation has no such unit. */
export function unitGuidance(scheme: Scheme, evaluation: Evaluation, inputs: EvaluationInputs, unit: string, options: GuidanceOptions = {}): UnitGuidance | null {
  const u = evaluation.units.find((x) => x.unit === unit);
  return u ? unitOf(context(scheme, evaluation, inputs, options), u) : null;
}

interface GroupStats {
  readonly size: number;
  readonly mean: readonly number[];
  readonly best: readonly number[];
  /** Mean share of each indicator's points, unrounded (the gap rounds). */
  readonly meanShare: readonly (number | null)[];
  readonly totalMean: number;
  readonly totalBest: number;
  readonly programmes: ReadonlyMap<string, { mean: number; best: number }>;
}

interface Context {
  readonly scheme: Scheme;
  readonly d: number;
  readonly options: GuidanceOptions;
  readonly reasons: ReadonlyMap<string, EvaluationInputs["basic"][number]>;
  readonly cases: ReadonlyMap<string, EvaluationInputs["cases"][number][]>;
  groupStats(group: string): GroupStats;
}

function context(scheme: Scheme, evaluation: Evaluation, inputs: EvaluationInputs, options: GuidanceOptions): Context {
  const d = scheme.rounding.decimals;
  const cases = new Map<string, EvaluationInputs["cases"][number][]>();
  for (const c of inputs.cases) cases.set(c.unit, [...(cases.get(c.unit) ?? []), c]);
  const stats = new Map<string, GroupStats>();
  const programmes = [...new Set(scheme.indicators.map((i) => i.programme))];
  const groupStats = (group: string): GroupStats => {
    const known = stats.get(group);
    if (known) return known;
    const peers = evaluation.units.filter((x) => x.group === group);
    const column = (k: number) => peers.map((p) => p.indicators[k]!.score);
    const made: GroupStats = {
      size: peers.length,
      mean: scheme.indicators.map((_, k) => round(mean(column(k)), d)),
      best: scheme.indicators.map((_, k) => Math.max(...column(k))),
      meanShare: scheme.indicators.map((_, k) => {
        const max = peers[0]?.indicators[k]!.max ?? 0;
        return max > 0 ? mean(column(k).map((s) => s / max)) : null;
      }),
      totalMean: round(mean(peers.map((p) => p.total)), d),
      totalBest: Math.max(...peers.map((p) => p.total)),
      programmes: new Map(programmes.map((name) => {
        const sums = peers.map((p) => programmeSum(scheme, p, name, d));
        return [name, { mean: round(mean(sums), d), best: Math.max(...sums) }];
      })),
    };
    stats.set(group, made);
    return made;
  };
  return { scheme, d, options, reasons: new Map(inputs.basic.map((b) => [`${b.unit}\u0000${b.indicator}`, b])), cases, groupStats };
}

function programmeSum(scheme: Scheme, u: UnitResult, programme: string, d: number, of: "score" | "max" = "score"): number {
  return round(u.indicators.reduce((s, ind, k) => (scheme.indicators[k]!.programme === programme ? s + ind[of] : s), 0), d);
}

function unitOf(ctx: Context, u: UnitResult): UnitGuidance {
  const { scheme, d } = ctx;
  const g = ctx.groupStats(u.group);
  const group = scheme.groups.find((x) => x.id === u.group)!;
  const indicators = scheme.indicators.map((ind, k): IndicatorStanding => {
    const mine = u.indicators[k]!;
    const share = mine.max > 0 ? mine.score / mine.max : null;
    const input = ctx.reasons.get(`${u.unit}\u0000${ind.id}`);
    return {
      id: ind.id, name: ind.name, programme: ind.programme, department: ind.department,
      score: mine.score, max: mine.max, groupMean: g.mean[k]!, groupBest: g.best[k]!,
      share,
      gap: share === null || g.meanShare[k] === null ? null : round(share - g.meanShare[k]!, 4),
      reason: input?.reason?.trim() || null,
      reasonCell: input?.reasonSource ? `${input.reasonSource.sheet}!${input.reasonSource.cell}` : null,
    };
  });
  const at = new Map(indicators.map((i, k) => [i, k]));
  const weakFirst = (a: IndicatorStanding, b: IndicatorStanding) => a.gap! - b.gap! || a.share! - b.share! || at.get(a)! - at.get(b)!;
  const strongFirst = (a: IndicatorStanding, b: IndicatorStanding) => b.gap! - a.gap! || b.share! - a.share! || at.get(a)! - at.get(b)!;
  const rated = indicators.filter((i) => i.gap !== null);
  return {
    unit: u.unit, groupId: u.group, group: group.name, groupShort: group.shortName, groupSize: g.size,
    total: u.total, groupMeanTotal: g.totalMean, groupBestTotal: g.totalBest,
    groupRank: u.groupRank, tier: u.tier,
    programmes: [...g.programmes].map(([programme, p]) => ({
      programme, score: programmeSum(scheme, u, programme, d), max: programmeSum(scheme, u, programme, d, "max"), groupMean: p.mean, groupBest: p.best,
    })),
    indicators,
    weakest: rated.filter((i) => i.score < i.max).sort(weakFirst).slice(0, WEAKEST_COUNT),
    strengths: rated.filter((i) => i.gap! > 0).sort(strongFirst).slice(0, STRENGTH_COUNT),
    previous: changeOf(ctx.options.previous, u, d),
    lastPeriod: changeOf(ctx.options.lastPeriod, u, d),
    cases: (ctx.cases.get(u.unit) ?? []).slice(0, scheme.cases.maxPerUnit).map((c) => ({
      title: c.title.trim(),
      project: scheme.cases.projects.find((p) => p.id === c.projectId)?.name ?? null,
      score: c.score,
    })),
  };
}

function changeOf(prior: PriorResults | undefined, u: UnitResult, d: number): Change | null {
  const p = prior?.units[u.unit];
  if (!prior || !p) return null;
  return {
    label: prior.label,
    total: p.total,
    delta: round(u.total - p.total, d),
    groupRank: p.groupRank,
    rankChange: p.groupRank === null ? null : p.groupRank - u.groupRank,
    tier: p.tier,
    nowGroupRank: u.groupRank,
    nowTier: u.tier,
  };
}

/** "2024 年度 88.00 分，本年 +2.50 分；组内第 5 → 第 3；等次 优 → 特优", or `none` ("无上年数据"). */
export function changeText(c: Change | null, none: string): string {
  if (!c) return none;
  const sign = c.delta > 0 ? "+" : c.delta < 0 ? "−" : "±";
  const parts = [`${c.label} ${c.total.toFixed(2)} 分，本年 ${sign}${Math.abs(c.delta).toFixed(2)} 分`];
  if (c.groupRank !== null) parts.push(`组内第 ${c.groupRank} → 第 ${c.nowGroupRank}`);
  if (c.tier) parts.push(`等次 ${c.tier} → ${c.nowTier}`);
  return parts.join("；");
}

export const NO_PREVIOUS = "无上年数据";
export const NO_PERIOD = "无上期数据";

/** "−25.0" percentage points, as the sheet and the pane show a gap. */
export function gapPoints(gap: number | null): string {
  if (gap === null) return "—";
  const p = round(gap * 100, 1);
  return `${p > 0 ? "+" : p < 0 ? "−" : "±"}${Math.abs(p).toFixed(1)}`;
}
