import type { Scheme } from "../scheme/schema";
import { scoreIndicator } from "./basic";
import { bestPracticeFor } from "./cases";
import { bonusFor } from "./bonus";
import { compositeFor } from "./composite";
import { dec, toNumber, type Dec } from "./decimal";
import type { Evaluation, IndicatorResult, UnitResult } from "./evaluate";
import { exactTrail, groupBy, unitInputs, type UnitInputs } from "./exact";
import { basicColumnsOf, inputAt, type BasicColumns } from "./columns";
import { basicPlan, fastIndicator, type BasicPlan, type ScoreNote } from "./fastBasic";
import { scoreColumns } from "./fastColumns";
import { fastBonus, fastCases, fastComposite, fastPenalty, unitPlan } from "./fastUnit";
import { roundScaled, scaled, toValue } from "./fixed";
import type { CompositeInput, EvaluationInputs, IndicatorInput } from "./inputs";
import { penaltyFor } from "./penalty";
import { competitionRanksOf } from "./rank";
import { quotaLimits, tierFor } from "./tier";
import type { TrailEntry } from "./trail";

/**
 * evaluate() on scaled integers: one pass over the indicator inputs — typed columns when the
 * reader gave them (columns.ts, fastColumns.ts), else the objects — each scored in its
 * (unit, indicator) slot with no text, then the per-unit components. A score the fast path
 * cannot vouch for is asked of the exact path on the spot. Per unit, the indicators' list and the explanation are built
 * when first read. Null when the workbook is outside what the fast path holds.
 */
export function evaluateFast(scheme: Scheme, inputs: EvaluationInputs): Evaluation | null {
  const d = scheme.rounding.decimals;
  const bp = basicPlan(scheme);
  const up = unitPlan(scheme);
  const groupIds = new Set(scheme.groups.map((g) => g.id));
  if (!up || groupIds.size !== scheme.groups.length || scheme.units.some((u) => !groupIds.has(u.group))) return null;
  const nUnits = scheme.units.length;
  const columns = basicColumnsOf(inputs);
  const scored = columns && columns.scheme === scheme ? fromColumns(scheme, bp, columns) : fromObjects(scheme, bp, inputs.basic);
  if (!scored) return null;
  const { slots, at } = scored;
  const casesBy = groupBy(inputs.cases, (c) => c.unit);
  const eventsBy = groupBy(inputs.events, (e) => e.unit);
  const compositeBy = new Map<string, CompositeInput>();
  for (const c of inputs.composite) if (!compositeBy.has(c.unit)) compositeBy.set(c.unit, c);
  const exactly = (x: Dec) => scaled(toNumber(x), d);
  let matched: ((unit: number) => UnitInputs) | undefined;

  const parts = scheme.units.map((u, ui) => {
    const basic = scored.sums[ui]!;
    const cases = casesBy.get(u.name) ?? [];
    const events = eventsBy.get(u.name) ?? [];
    const composite = compositeBy.get(u.name);
    let bestPractice = fastCases(up, cases);
    if (Number.isNaN(bestPractice)) bestPractice = exactly(bestPracticeFor(scheme, cases, d).score);
    let comp = fastComposite(up, composite);
    if (Number.isNaN(comp)) comp = exactly(compositeFor(scheme, composite, d).score);
    let bonus = fastBonus(up, events);
    let bonusRaw = toValue(bonus.raw, up.p);
    if (Number.isNaN(bonus.capped)) {
      const x = bonusFor(scheme, events, d);
      bonus = { raw: NaN, capped: exactly(x.capped), capsHit: [...x.capsHit] };
      bonusRaw = toNumber(x.raw);
    }
    let penalty = fastPenalty(up, events);
    if (Number.isNaN(penalty)) penalty = exactly(penaltyFor(scheme, events, d).total);
    const total = basic + bestPractice + comp + bonus.capped - penalty;
    return { u, ui, basic, bestPractice, comp, bonus, bonusRaw, penalty, total, cases, events, composite };
  });
  // Every figure an integer at the rounding's scale, below 2^52: sums and ranks are exact.
  if (!parts.every((p) => Math.abs(p.total) < 2 ** 52 && Math.abs(p.basic) < 2 ** 52)) return null;

  const totals = parts.map((p) => p.total);
  const overall = competitionRanksOf(totals);
  const groupRank = new Array<number>(nUnits);
  const groupSize = new Map<string, number>();
  for (const g of scheme.groups) {
    const members = parts.filter((p) => p.u.group === g.id);
    groupSize.set(g.id, members.length);
    competitionRanksOf(members.map((m) => m.total)).forEach((rank, i) => (groupRank[members[i]!.ui] = rank));
  }
  const tierOf = tiers(scheme, d, groupSize);

  return {
    scheme: { id: scheme.id, title: scheme.title, year: scheme.year },
    units: parts.map((p): UnitResult => {
      let indicators: IndicatorResult[] | undefined;
      let trail: TrailEntry[] | undefined;
      return {
        unit: p.u.name,
        group: p.u.group,
        basic: toValue(p.basic, d),
        get indicators() {
          return (indicators ??= scheme.indicators.map((ind, i) => ({ id: ind.id, name: ind.name, max: (ind.points[p.u.group] ?? 0) + 0, score: toValue(slots[at(p.ui, i)]! >> 2, d) })));
        },
        bestPractice: toValue(p.bestPractice, d),
        composite: toValue(p.comp, d),
        bonusRaw: p.bonusRaw,
        bonus: toValue(p.bonus.capped, d),
        capsHit: p.bonus.capsHit,
        penalty: toValue(p.penalty, d),
        total: toValue(p.total, d),
        groupRank: groupRank[p.ui]!,
        overallRank: overall[p.ui]!,
        tier: tierOf(p.total, groupRank[p.ui]!, p.u.group),
        get trail() {
          matched ??= columns && columns.scheme === scheme ? columnarUnitInputs(scheme, columns, inputs) : byName(scheme, unitInputs(scheme, inputs));
          return (trail ??= exactTrail(scheme, p.u.group, matched(p.ui), (i) => (slots[at(p.ui, i)]! & 3) !== QUIET));
        },
      };
    }),
  };
}

interface BasicScores {
  readonly slots: Int32Array;
  /** The slot of unit u's indicator i. */
  at(u: number, i: number): number;
  /** Per unit, the sum of its indicator scores. */
  readonly sums: Float64Array;
}

function fromColumns(scheme: Scheme, bp: BasicPlan, columns: BasicColumns): BasicScores | null {
  if (!namesUnique(scheme)) return null;
  const r = scoreColumns(scheme, bp, columns);
  const n = scheme.units.length;
  return r && { slots: r.slots, sums: r.sums, at: (u, i) => i * n + u };
}

function fromObjects(scheme: Scheme, bp: BasicPlan, basic: readonly IndicatorInput[]): BasicScores | null {
  const slots = scoreBasic(scheme, bp, basic);
  if (!slots) return null;
  const nInd = scheme.indicators.length;
  const sums = new Float64Array(scheme.units.length);
  for (let u = 0; u < sums.length; u++) {
    let basicSum = 0;
    for (let i = u * nInd; i < (u + 1) * nInd; i++) basicSum += slots[i]! >> 2;
    sums[u] = basicSum;
  }
  return { slots, sums, at: (u, i) => u * nInd + i };
}

function namesUnique(scheme: Scheme): boolean {
  return new Set(scheme.units.map((u) => u.name)).size === scheme.units.length && new Set(scheme.indicators.map((x) => x.id)).size === scheme.indicators.length;
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

const QUIET = 1;
const LOUD = 2;
/** A slot holds score × 4 + state in 32 bits: scores up to ±2^29 at the rounding's scale (±5,368,709.11 points at 2 decimals). */
const SLOT_LIMIT = 2 ** 29;

/**
 * One pass over the indicator inputs: each finds its (unit, indicator) slot — the first input
 * of a slot wins, as it always has — and is scored there. A slot holds score × 4 + state
 * (0: no input, so the indicator scores 0; 1: nothing to explain; 2: the exact path would
 * explain something): one small array, since fresh memory (page faults) costs more here than
 * the scoring. Inputs come unit by unit and indicator after indicator, so the previous unit and
 * the next indicator are tried before the maps. Null when names repeat in the scheme or a
 * score is out of range.
 */
function scoreBasic(scheme: Scheme, bp: BasicPlan, basic: readonly IndicatorInput[]): Int32Array | null {
  const d = scheme.rounding.decimals;
  const drop = bp.p - d;
  const indicators = scheme.indicators;
  const nInd = indicators.length;
  const unitAt = new Map(scheme.units.map((u, i) => [u.name, i]));
  const indicatorAt = new Map(indicators.map((x, i) => [x.id, i]));
  if (unitAt.size !== scheme.units.length || indicatorAt.size !== nInd) return null;
  const slots = new Int32Array(scheme.units.length * nInd);
  const compiled = scheme.units.map((u) => bp.forGroup(u.group));
  const note: ScoreNote = { loud: false };
  const ids = indicators.map((x) => x.id);
  let lastName: string | undefined;
  let u = -1;
  let next = 0;
  for (let n = 0; n < basic.length; n++) {
    const b = basic[n]!;
    if (b.unit !== lastName) {
      lastName = b.unit;
      u = find(unitAt, b.unit);
    }
    if (u < 0) continue;
    const i = next < nInd && ids[next] === b.indicator ? next : find(indicatorAt, b.indicator);
    if (i < 0) continue;
    next = i + 1;
    const k = u * nInd + i;
    if (slots[k] !== 0) continue;
    const c = compiled[u]?.[i];
    let s: number;
    let loud: boolean;
    if (c?.simple) {
      // fastIndicator's common case, inline: one manual score clamped to the points, rounded
      const raw = b.values["score"];
      const given = typeof raw === "number" ? scaled(raw, bp.p) : 0;
      const max = c.parts[0]!.max;
      const clamped = given < 0 ? 0 : given > max ? max : given;
      loud = clamped < max;
      s = roundScaled(clamped, drop);
    } else {
      s = c ? fastIndicator(c, bp, b, note) : NaN;
      loud = note.loud;
    }
    if (s !== s) {
      // NaN: the exact path decides (s !== s rather than Number.isNaN keeps s unboxed in the hot loop)
      s = scaled(toNumber(scoreIndicator(indicators[i]!, scheme.units[u]!.group, b, d, scheme.notApplicable).score), d);
      loud = true;
    }
    if (!(Math.abs(s) < SLOT_LIMIT)) return null;
    slots[k] = s * 4 + (loud ? LOUD : QUIET);
  }
  return slots;
}

/** A name's position, −1 when absent (a function of its own, so the hot loop stays small). */
function find(at: ReadonlyMap<string, number>, name: string): number {
  return at.get(name) ?? -1;
}

/** tierFor on integer totals: thresholds compared as integers, quota limits worked out once per group. */
function tiers(scheme: Scheme, d: number, groupSize: ReadonlyMap<string, number>): (total: number, groupRank: number, group: string) => string {
  const rule = scheme.tiers;
  if (rule.kind === "thresholds") {
    const mins = rule.tiers.map((t) => scaled(t.min, d));
    if (mins.some(Number.isNaN)) return (total, rank, group) => tierFor(rule, dec(toValue(total, d)), rank, groupSize.get(group)!);
    return (total) => rule.tiers[mins.findIndex((m) => total >= m)]?.name ?? rule.otherwise;
  }
  const limits = new Map([...groupSize].map(([g, n]) => [g, quotaLimits(rule, n)]));
  return (_total, rank, group) => limits.get(group)!.find(({ limit }) => rank <= limit)?.name ?? rule.otherwise;
}
