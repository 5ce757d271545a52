import type { Indicator, Scheme } from "../scheme/schema";
import { indicatorMax, ruleMaxima } from "./basic";
import { decimalsOf, mulExact, roundApprox, roundScaled, scaled } from "./fixed";
import type { IndicatorInput, InputValue } from "./inputs";
import { measureKey } from "./rules/target";

/**
 * The basic-work indicators on the fast path: each indicator compiled once per region group to
 * scaled integers (scale `p`, enough for every point value of the scheme), then scored with no
 * allocation and no text. Proportional targets and 不适用 rescaling divide: such a score is
 * carried as a double and rounded only when it is clearly off a half (fixed.ts); otherwise the
 * score is NaN and the caller asks the exact path (basic.ts) for that indicator.
 */

type FastPart =
  | { readonly kind: "manual"; readonly max: number }
  | { readonly kind: "target"; readonly max: number; readonly zero: boolean; readonly measures: readonly { readonly key: string; readonly target: number; readonly na: boolean }[] };
type FastModifier = { readonly kind: "gate" } | { readonly kind: "perOccurrence"; readonly each: number };

export interface FastIndicator {
  /** The indicator's points for the group, at scale p. */
  readonly max: number;
  /** One manual part and nothing else: the common case, scored inline. */
  readonly simple: boolean;
  /** A rule kind this file does not know: every score of the indicator goes to the exact path. */
  readonly exactOnly: boolean;
  readonly parts: readonly FastPart[];
  readonly modifiers: readonly FastModifier[];
}

export interface BasicPlan {
  /** Working scale: decimals of every point value and target, at least the rounding's. */
  readonly p: number;
  readonly decimals: number;
  readonly rescale: boolean;
  /** Per group id, per indicator (scheme order); null when some constant has too many decimals. */
  forGroup(groupId: string): readonly FastIndicator[] | null;
}

/** Scale 6 covers rates typed to the hundredth of a percent; 9 keeps 3,000 points × 10^9 far below 2^52. */
const MIN_SCALE = 6;
const MAX_SCALE = 9;

export function basicPlan(scheme: Scheme): BasicPlan {
  const decimals = scheme.rounding.decimals;
  const constants: number[] = [];
  for (const ind of scheme.indicators) {
    for (const g of scheme.groups) constants.push(indicatorMax(ind, g.id), ...ruleMaxima(ind, g.id));
    for (const r of ind.rules) {
      if (r.kind === "target") constants.push(...r.measures.map((m) => m.target));
      if (r.kind === "perOccurrence") constants.push(r.pointsEach);
    }
  }
  const p = Math.max(MIN_SCALE, decimals, ...constants.map((c) => decimalsOf(c, MAX_SCALE + 1)));
  const cache = new Map<string, readonly FastIndicator[] | null>();
  return {
    p: Math.min(p, MAX_SCALE),
    decimals,
    rescale: scheme.notApplicable === "rescale",
    forGroup(groupId) {
      if (!cache.has(groupId)) cache.set(groupId, p > MAX_SCALE ? null : scheme.indicators.map((ind) => compile(ind, groupId, p)));
      return cache.get(groupId)!;
    },
  };
}

function compile(ind: Indicator, groupId: string, p: number): FastIndicator {
  const maxima = ruleMaxima(ind, groupId);
  const parts: FastPart[] = [];
  const modifiers: FastModifier[] = [];
  let exactOnly = false;
  ind.rules.forEach((r, i) => {
    const max = scaled(maxima[i]!, p);
    if (r.kind === "manual") parts.push({ kind: "manual", max });
    else if (r.kind === "target") parts.push({ kind: "target", max, zero: r.below === "zero", measures: r.measures.map((m) => ({ key: measureKey(m), target: scaled(m.target, p), na: m.notApplicable })) });
    else if (r.kind === "gate") modifiers.push({ kind: "gate" });
    else if (r.kind === "perOccurrence") modifiers.push({ kind: "perOccurrence", each: scaled(r.pointsEach, p) });
    else exactOnly = true; // a kind added to rules/ but not here yet: correct, only slower
  });
  const simple = !exactOnly && parts.length === 1 && parts[0]!.kind === "manual" && modifiers.length === 0;
  return { max: scaled(indicatorMax(ind, groupId), p), simple, exactOnly, parts, modifiers };
}

/** What one score did besides its number: `loud` when the exact path would explain something. */
export interface ScoreNote {
  loud: boolean;
}

/** A raw input as a non-negative-or-any figure at scale p; NaN when it has more decimals. */
function figure(raw: InputValue | undefined, p: number): number {
  return typeof raw === "number" ? scaled(raw, p) : 0;
}

/**
 * One indicator for one unit, at scale `decimals`; NaN when only the exact path can tell.
 * Mirrors basic.ts's scoreIndicator step for step (parts, combination, modifiers, rounding).
 */
export function fastIndicator(c: FastIndicator, plan: BasicPlan, input: IndicatorInput | undefined, note: ScoreNote): number {
  const { p, decimals } = plan;
  if (!input) {
    note.loud = c.max > 0;
    return 0;
  }
  if (c.exactOnly) return NaN;
  if (c.simple) {
    const given = figure(input.values["score"], p);
    const max = c.parts[0]!.max;
    const score = given < 0 ? 0 : given > max ? max : given;
    note.loud = score < max;
    return roundScaled(score, p - decimals); // NaN stays NaN
  }
  let loud = false;
  let exact = true;
  let got = 0;
  let room = 0;
  let all = true;
  let lapsedMax = 0;
  for (const part of c.parts) {
    let s: number;
    let ok = true;
    if (part.kind === "manual") {
      const given = figure(input.values["score"], p);
      s = given < 0 ? 0 : given > part.max ? part.max : given;
      if (s < part.max) loud = true;
    } else {
      const t = targetPart(part, input.values, p);
      if (t.loud) loud = true;
      if (!t.applicable) {
        ok = false;
        all = false;
        lapsedMax += part.max;
        continue;
      }
      s = t.score;
      if (!t.exact) exact = false;
    }
    if (ok) {
      got += s;
      room += part.max;
    }
  }
  let score: number;
  if (all || !plan.rescale) score = got + lapsedMax;
  else {
    loud = true;
    if (room === 0) score = c.max;
    else {
      const prod = exact ? mulExact(got, c.max) : NaN;
      if (!Number.isNaN(prod) && prod % room === 0) score = prod / room;
      else {
        score = (got * c.max) / room;
        exact = false;
      }
    }
  }
  for (const m of c.modifiers) {
    if (Number.isNaN(score)) return NaN;
    if (m.kind === "gate") {
      if (input.values["gate"] === false && score !== 0) {
        score = 0;
        exact = true;
        loud = true;
      }
    } else {
      const raw = input.values["count"];
      const n = typeof raw === "number" ? Math.max(raw, 0) : 0;
      if (n === 0) continue;
      loud = true;
      if (!Number.isInteger(n)) return NaN;
      score -= mulExact(n, m.each);
    }
  }
  note.loud = loud;
  return exact ? roundScaled(score, p - decimals) : roundApprox(score, p - decimals);
}

/**
 * A target part (rules/target.ts): all counted measures met → its points; else nothing, or its
 * points × the weakest attainment (compared exactly by cross-multiplying).
 */
function targetPart(part: Extract<FastPart, { kind: "target" }>, values: IndicatorInput["values"], p: number): { score: number; exact: boolean; applicable: boolean; loud: boolean } {
  let loud = false;
  let counted = 0;
  let num = 1;
  let den = 1;
  for (const m of part.measures) {
    const raw = values[m.key];
    if (raw === "na" && m.na) {
      loud = true;
      continue;
    }
    counted++;
    const v = Math.max(figure(raw, p), 0);
    if (Number.isNaN(v)) return { score: NaN, exact: true, applicable: true, loud: true };
    if (v < m.target) {
      loud = true;
      // v/target < num/den ?
      const left = mulExact(v, den);
      const right = mulExact(num, m.target);
      if (Number.isNaN(left) || Number.isNaN(right)) return { score: NaN, exact: true, applicable: true, loud };
      if (left < right) {
        num = v;
        den = m.target;
      }
    }
  }
  if (counted === 0) return { score: part.max, exact: true, applicable: false, loud };
  if (num >= den) return { score: part.max, exact: true, applicable: true, loud };
  if (part.zero) return { score: 0, exact: true, applicable: true, loud };
  const prod = mulExact(part.max, num);
  if (!Number.isNaN(prod) && prod % den === 0) return { score: prod / den, exact: true, applicable: true, loud };
  return { score: (part.max * num) / den, exact: false, applicable: true, loud };
}
