import type { Scheme } from "../scheme/schema";
import { decimalsOf, mulExact, pow10, roundApprox, roundScaled, scaled } from "./fixed";
import type { CaseInput, CompositeInput, EventInput } from "./inputs";

/**
 * The per-unit components on the fast path, mirroring cases.ts, composite.ts, bonus.ts and
 * penalty.ts on scaled integers (scale `p`). Each returns NaN when only the exact path can tell
 * (a figure with more decimals than p, a fractional occurrence count, a mean near a half).
 */

export interface UnitPlan {
  readonly p: number;
  readonly decimals: number;
  readonly perCaseMax: number;
  readonly maxPerUnit: number;
  readonly combine: "max" | "mean" | "cappedSum";
  readonly casesCap: number;
  readonly bestPractice: number;
  readonly composite: number;
  readonly bonusCap: number;
  readonly bonus: ReadonlyMap<string, { readonly index: number; readonly name: string; readonly each: number; readonly cap: number | null }>;
  readonly bonusCount: number;
  readonly penalty: ReadonlyMap<string, { readonly fixed: boolean; readonly each: number; readonly most: number | null }>;
}

const MIN_SCALE = 6;
const MAX_SCALE = 9;

/** Null when a constant has more than 9 decimals or item ids repeat (the exact path then does it all). */
export function unitPlan(scheme: Scheme): UnitPlan | null {
  const { cases, components, bonus, penalties } = scheme;
  const casesCap = cases.combine.kind === "cappedSum" ? cases.combine.cap : 0;
  const constants = [cases.perCaseMax, casesCap, components.bestPractice, components.composite, components.bonusCap,
    ...bonus.items.flatMap((b) => [b.pointsEach, b.cap ?? 0]),
    ...penalties.items.map((x) => (x.kind === "fixed" ? x.pointsEach : x.maxPoints ?? 0))];
  const p = Math.max(MIN_SCALE, scheme.rounding.decimals, ...constants.map((c) => decimalsOf(c, MAX_SCALE + 1)));
  if (p > MAX_SCALE) return null;
  const s = (x: number) => scaled(x, p);
  const bonusMap = new Map(bonus.items.map((b, index) => [b.id, { index, name: b.name, each: s(b.pointsEach), cap: b.cap === null ? null : s(b.cap) }]));
  const penaltyMap = new Map(penalties.items.map((x) => [x.id, x.kind === "fixed" ? { fixed: true, each: s(x.pointsEach), most: null } : { fixed: false, each: 0, most: x.maxPoints === null ? null : s(x.maxPoints) }]));
  if (bonusMap.size !== bonus.items.length || penaltyMap.size !== penalties.items.length) return null;
  return {
    p, decimals: scheme.rounding.decimals,
    perCaseMax: s(cases.perCaseMax), maxPerUnit: cases.maxPerUnit, combine: cases.combine.kind, casesCap: s(casesCap),
    bestPractice: s(components.bestPractice), composite: s(components.composite), bonusCap: s(components.bonusCap),
    bonus: bonusMap, bonusCount: bonus.items.length, penalty: penaltyMap,
  };
}

const min = (a: number, b: number) => (a < b ? a : b);

/** 最佳实践案例 at scale `decimals`. */
export function fastCases(plan: UnitPlan, cases: readonly CaseInput[]): number {
  const n = Math.min(cases.length, plan.maxPerUnit);
  if (n === 0) return 0;
  let best = 0;
  let total = 0;
  for (let k = 0; k < n; k++) {
    const v = scaled(cases[k]!.score ?? 0, plan.p);
    const s = v < 0 ? 0 : v > plan.perCaseMax ? plan.perCaseMax : v;
    if (Number.isNaN(s)) return NaN;
    if (k === 0 || s > best) best = s;
    total += s;
  }
  const drop = plan.p - plan.decimals;
  if (plan.combine === "max") return roundScaled(min(best, plan.bestPractice), drop);
  if (plan.combine === "cappedSum") return roundScaled(min(min(total, plan.casesCap), plan.bestPractice), drop);
  // mean: compared with the component's points exactly, then divided
  if (total >= mulExact(plan.bestPractice, n)) return roundScaled(plan.bestPractice, drop);
  return total % n === 0 ? roundScaled(total / n, drop) : roundApprox(total / n, drop);
}

/** 综合评估 at scale `decimals`. */
export function fastComposite(plan: UnitPlan, input: CompositeInput | undefined): number {
  const d = scaled(input?.deduction ?? 0, plan.p);
  const off = d > 0 ? d : 0;
  const left = plan.composite - off;
  return Number.isNaN(d) ? NaN : roundScaled(left > 0 ? left : 0, plan.p - plan.decimals);
}

/** 奖优加分: raw (scale p), capped (scale `decimals`) and the caps that bit, in bonus.ts's order. */
export function fastBonus(plan: UnitPlan, events: readonly EventInput[]): { raw: number; capped: number; capsHit: string[] } {
  const counts: number[] = new Array<number>(plan.bonusCount).fill(-1);
  for (const e of events) {
    if (e.kind !== "bonus") continue;
    const item = plan.bonus.get(e.itemId);
    if (!item) continue;
    const c = Math.max(0, e.count ?? 0);
    if (!Number.isInteger(c)) return { raw: NaN, capped: NaN, capsHit: [] };
    counts[item.index] = Math.max(counts[item.index]!, 0) + c;
  }
  const capsHit: string[] = [];
  let raw = 0;
  let kept = 0;
  for (const item of plan.bonus.values()) {
    const count = counts[item.index]!;
    if (count < 0) continue;
    const gained = mulExact(count, item.each);
    raw += gained;
    if (item.cap !== null && gained > item.cap) {
      kept += item.cap;
      capsHit.push(item.name);
    } else kept += gained;
  }
  if (!(Math.abs(raw) < pow10(15))) return { raw: NaN, capped: NaN, capsHit };
  if (kept > plan.bonusCap) capsHit.push("加分总分");
  const capped = roundScaled(min(kept, plan.bonusCap), plan.p - plan.decimals);
  return { raw, capped, capsHit };
}

/** 罚劣扣分 at scale `decimals`. */
export function fastPenalty(plan: UnitPlan, events: readonly EventInput[]): number {
  let total = 0;
  for (const e of events) {
    if (e.kind !== "penalty") continue;
    const item = plan.penalty.get(e.itemId);
    if (!item) continue;
    if (item.fixed) {
      const c = Math.max(0, e.count ?? 0);
      if (!Number.isInteger(c)) return NaN;
      total += mulExact(c, item.each);
    } else {
      const v = scaled(e.points ?? 0, plan.p);
      const off = v > 0 ? v : 0;
      total += item.most !== null && off > item.most ? item.most : off;
      if (Number.isNaN(v)) return NaN;
    }
  }
  return Math.abs(total) < pow10(15) ? roundScaled(total, plan.p - plan.decimals) : NaN;
}
