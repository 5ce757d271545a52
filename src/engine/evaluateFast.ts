import type { Scheme } from "../scheme/schema";
import { bestPracticeFor } from "./cases";
import { bonusFor } from "./bonus";
import { compositeFor } from "./composite";
import { dec, toNumber, type Dec } from "./decimal";
import type { Evaluation, IndicatorResult } from "./evaluate";
import { exactTrail, groupBy, unitInputs, type UnitInputs } from "./exact";
import { basicColumnsOf, inputAt, type BasicColumns } from "./columns";
import { basicPlan } from "./fastBasic";
import { fromColumns, fromObjects, QUIET } from "./fastScores";
import { fastBonus, fastCases, fastComposite, fastPenalty, unitPlan } from "./fastUnit";
import { scaled, toValue } from "./fixed";
import type { CaseInput, CompositeInput, EvaluationInputs, EventInput } from "./inputs";
import { penaltyFor } from "./penalty";
import { competitionRanksOf } from "./rank";
import { competitionRanksCounted, competitionRanksPacked } from "./fastRank";
import { unitResults } from "./fastResults";
import { quotaLimits, tierFor } from "./tier";
import type { TrailEntry } from "./trail";

/**
 * evaluate() on scaled integers: the basic scores in one pass — over the reader's typed
 * columns (columns.ts, fastColumns.ts), else over the input objects (fastScores.ts) — each in
 * its (unit, indicator) slot with no text; then the per-unit components, the ranks and the
 * tiers, unit by unit into typed arrays. A figure the fast path cannot vouch for is asked of the
 * exact path on the spot. Per unit, the indicators' list and the explanation are built when
 * first read. Null when the workbook is outside what the fast path holds.
 */
export function evaluateFast(scheme: Scheme, inputs: EvaluationInputs): Evaluation | null {
  const d = scheme.rounding.decimals;
  const bp = basicPlan(scheme);
  const up = unitPlan(scheme);
  const groupIds = new Set(scheme.groups.map((g) => g.id));
  if (!up || groupIds.size !== scheme.groups.length || scheme.units.some((u) => !groupIds.has(u.group))) return null;
  const units = scheme.units;
  const n = units.length;
  const columns = basicColumnsOf(inputs);
  const fromReader = columns !== undefined && columns.scheme === scheme;
  const scored = fromReader ? fromColumns(scheme, bp, columns) : fromObjects(scheme, bp, inputs.basic);
  if (!scored) return null;
  const { sums } = scored;
  const casesBy = groupBy(inputs.cases, (c) => c.unit);
  const eventsBy = groupBy(inputs.events, (e) => e.unit);
  const compositeBy = new Map<string, CompositeInput>();
  for (const c of inputs.composite) if (!compositeBy.has(c.unit)) compositeBy.set(c.unit, c);
  const exactly = (x: Dec) => scaled(toNumber(x), d);

  // A unit with no case, event or 综合评估 row (most of them) scores what nobody's does: worked out once.
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
    capsHit[ui] = b !== bare.bonus ? b.capsHit : b.capsHit.length === 0 ? [] : [...b.capsHit];
    penalty[ui] = pe;
    const t = sums[ui]! + bp + co + b.capped - pe;
    // Every figure an integer at the rounding's scale, below 2^52: sums and ranks are exact.
    if (!(Math.abs(t) < 2 ** 52 && Math.abs(sums[ui]!) < 2 ** 52)) return null;
    total[ui] = t;
  }

  const groupAt = new Map(scheme.groups.map((g, k) => [g.id, k]));
  const groupOf = Int32Array.from(units, (u) => groupAt.get(u.group)!);
  const { overall, group: groupRank } = ranksOf(total, groupOf, scheme.groups.length);
  const groupSize = new Map(scheme.groups.map((g) => [g.id, 0]));
  for (const u of units) groupSize.set(u.group, groupSize.get(u.group)! + 1);
  const tierOf = tiers(scheme, d, groupSize);
  const tier = new Array<string>(n);
  for (let ui = 0; ui < n; ui++) tier[ui] = tierOf(total[ui]!, groupRank[ui]!, units[ui]!.group);

  // Per unit, what is built only when read: its indicators' list and its explanation.
  const indicatorLists = new Array<IndicatorResult[] | undefined>(n);
  const trails = new Array<TrailEntry[] | undefined>(n);
  let matched: ((unit: number) => UnitInputs) | undefined;
  const indicatorsOf = (ui: number) =>
    (indicatorLists[ui] ??= scheme.indicators.map((ind, i) => ({ id: ind.id, name: ind.name, max: (ind.points[units[ui]!.group] ?? 0) + 0, score: toValue(scored.slot(ui, i) >> 2, d) })));
  const trailOf = (ui: number) => {
    matched ??= fromReader ? columnarUnitInputs(scheme, columns, inputs) : byName(scheme, unitInputs(scheme, inputs));
    return (trails[ui] ??= exactTrail(scheme, units[ui]!.group, matched(ui), (i) => (scored.slot(ui, i) & 3) !== QUIET));
  };
  const figures = { basic: sums, bestPractice, composite, bonusRaw, bonus, capsHit, penalty, total, groupRank, overallRank: overall, tier };
  return { scheme: { id: scheme.id, title: scheme.title, year: scheme.year }, units: unitResults(scheme, figures, indicatorsOf, trailOf) };
}

/** Overall and group ranks: by counting when the totals lie close (fastRank.ts), else by a packed sort, else the plain way. */
function ranksOf(total: Float64Array, groupOf: Int32Array, groups: number): { overall: Int32Array; group: Int32Array } {
  const counted = competitionRanksCounted(total, groupOf, groups);
  if (counted) return counted;
  return {
    overall: competitionRanksPacked(total, null, 1) ?? Int32Array.from(competitionRanksOf([...total])),
    group: competitionRanksPacked(total, groupOf, groups) ?? groupRanksOf(total, groupOf, groups),
  };
}

/** Ranks within each group the plain way (totals too far apart to pack). */
function groupRanksOf(total: Float64Array, groupOf: Int32Array, groups: number): Int32Array {
  const ranks = new Int32Array(total.length);
  for (let g = 0; g < groups; g++) {
    const members = [...groupOf.keys()].filter((u) => groupOf[u] === g);
    competitionRanksOf(members.map((u) => total[u]!)).forEach((rank, m) => (ranks[members[m]!] = rank));
  }
  return ranks;
}

/** A unit's inputs for its explanation, its basic ones built from the columns (only that unit's). */
function columnarUnitInputs(scheme: Scheme, columns: BasicColumns, inputs: EvaluationInputs): (unit: number) => UnitInputs {
  const rest = unitInputs(scheme, { basic: [], cases: inputs.cases, events: inputs.events, composite: inputs.composite });
  return (u) => {
    const name = scheme.units[u]!.name;
    return { ...rest(name), basic: columns.byIndicator.map((ic) => ic && inputAt(ic, name, u)) };
  };
}

function byName(scheme: Scheme, of: (unit: string) => UnitInputs): (unit: number) => UnitInputs {
  return (u) => of(scheme.units[u]!.name);
}

/** tierFor on integer totals: thresholds compared as integers, quota limits worked out once per group. */
function tiers(scheme: Scheme, d: number, groupSize: ReadonlyMap<string, number>): (total: number, groupRank: number, group: string) => string {
  const rule = scheme.tiers;
  if (rule.kind === "thresholds") {
    const mins = rule.tiers.map((t) => scaled(t.min, d));
    if (mins.some(Number.isNaN)) return (total, rank, group) => tierFor(rule, dec(toValue(total, d)), rank, groupSize.get(group)!);
    return (total) => {
      for (let k = 0; k < mins.length; k++) if (total >= mins[k]!) return rule.tiers[k]!.name;
      return rule.otherwise;
    };
  }
  const limits = new Map([...groupSize].map(([g, n]) => [g, quotaLimits(rule, n)]));
  return (_total, rank, group) => {
    for (const { name, limit } of limits.get(group)!) if (rank <= limit) return name;
    return rule.otherwise;
  };
}
