import type { Indicator, Rule, Scheme } from "../scheme/schema";
import { dec, roundTo, sum, toNumber, ZERO, type Dec } from "./decimal";
import { round } from "./formula";
import type { IndicatorInput } from "./inputs";
import { ruleKind, type NumberCell, type PartKindModule, type RuleNumber } from "./rules";
import type { TrailEntry } from "./trail";

export interface IndicatorScore {
  readonly score: Dec;
  readonly max: Dec;
  readonly trail: readonly TrailEntry[];
}

/** What a 不适用 part does to its indicator (the scheme's `notApplicable`). */
export type NotApplicableRule = Scheme["notApplicable"];

export function indicatorMax(indicator: Indicator, groupId: string): number {
  return indicator.points[groupId] ?? 0;
}

function partModule(rule: Rule): PartKindModule<Rule> | null {
  const m = ruleKind(rule);
  return m.role === "part" ? m : null;
}

/** The indicator's parts (定性/量化), in rule order. */
export function isPart(rule: Rule): boolean {
  return partModule(rule) !== null;
}

/**
 * The points each rule works with for a group: a part's own points (the first part takes what
 * the others leave of the indicator's points); a modifier gets the indicator's points.
 */
export function ruleMaxima(indicator: Indicator, groupId: string): number[] {
  const whole = indicatorMax(indicator, groupId);
  const fixed = indicator.rules.map((r) => partModule(r)?.fixedPoints(r as never) ?? null);
  const taken = fixed.reduce<number>((a, p) => a + Math.round((p ?? 0) * 1e6), 0) / 1e6;
  return indicator.rules.map((r, i) => {
    if (!isPart(r)) return whole;
    return fixed[i] ?? Math.round((whole - taken) * 1e6) / 1e6;
  });
}

function partsCount(indicator: Indicator): number {
  return indicator.rules.filter(isPart).length;
}

/** Run an indicator's rules for one unit: the sum of its parts, then its modifiers. A unit with no row scores 0. */
export function scoreIndicator(indicator: Indicator, groupId: string, input: IndicatorInput | undefined, decimals: number, notApplicable: NotApplicableRule = "rescale"): IndicatorScore {
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
  const maxima = ruleMaxima(indicator, groupId);
  const multiPart = partsCount(indicator) > 1;
  const trail: TrailEntry[] = [];
  const parts: { score: Dec; max: Dec; applicable: boolean }[] = [];
  indicator.rules.forEach((rule, i) => {
    const m = partModule(rule);
    if (!m) return;
    const partMax = dec(maxima[i]!);
    const step = m.apply(rule, { indicator, max: partMax, input, multiPart });
    parts.push({ score: step.score, max: partMax, applicable: step.applicable });
    trail.push(...step.trail);
  });
  let score = combineParts(parts, max, notApplicable, indicator, input, trail);
  indicator.rules.forEach((rule, i) => {
    const m = ruleKind(rule);
    if (m.role !== "modifier") return;
    const step = m.apply(rule, score, { indicator, max: dec(maxima[i]!), input, multiPart });
    score = step.score;
    trail.push(...step.trail);
  });
  return { score: roundTo(score, decimals), max, trail };
}

/**
 * The sum of the parts. A part that does not apply (every measure 不适用) never costs points:
 * it counts as met (full), or the applicable parts are scaled up to the indicator's points
 * (rescale; the explanation shows what the scaling added or took).
 */
function combineParts(
  parts: readonly { score: Dec; max: Dec; applicable: boolean }[], max: Dec, rule: NotApplicableRule,
  indicator: Indicator, input: IndicatorInput, trail: TrailEntry[],
): Dec {
  if (parts.every((p) => p.applicable)) return sum(parts.map((p) => p.score));
  if (rule === "full") return sum(parts.map((p) => (p.applicable ? p.score : p.max)));
  const counted = parts.filter((p) => p.applicable);
  const room = sum(counted.map((p) => p.max));
  const got = sum(counted.map((p) => p.score));
  const scaled = room.eq(ZERO) ? max : got.times(max).div(room);
  // Per-part deltas add up to got − room; this entry makes the indicator's deltas add up to scaled − max.
  const delta = scaled.minus(max).minus(got.minus(room)).round(6);
  trail.push({
    component: "basic",
    kind: "notApplicableRescale",
    item: indicator.name,
    delta: toNumber(delta),
    text: {
      zh: `${indicator.name}：量化部分不适用，其余部分 ${got}/${room} 分按该项 ${max} 分折算为 ${roundTo(scaled, 2)} 分`,
      en: `${indicator.name}: measured part not applicable; the other parts' ${got}/${room} rescaled to ${max} points`,
    },
    reason: input.reason,
    source: null,
  });
  return scaled;
}

/**
 * Every scheme number an indicator's formula references, for the hidden data sheet's table: its
 * points per region group (`max:<group>`), each part's own points (`r<i>:points`) and each rule's
 * numbers (`r<i>:<key>`: targets, points per occurrence). Labels are Chinese, for the person who
 * opens the hidden sheet.
 */
export function indicatorNumbers(indicator: Indicator, groups: readonly { id: string; shortName: string }[]): RuleNumber[] {
  const out: RuleNumber[] = groups.map((g) => ({ key: `max:${g.id}`, label: `${indicator.name}（${g.shortName}）满分`, value: indicatorMax(indicator, g.id) }));
  const parts = partsCount(indicator);
  let part = 0;
  indicator.rules.forEach((rule, i) => {
    const m = ruleKind(rule);
    if (m.role === "part") {
      part++;
      const fixed = m.fixedPoints(rule as never);
      if (fixed !== null) out.push({ key: `r${i}:points`, label: `${indicator.name}：第${part}部分（共${parts}部分）分值`, value: fixed });
    }
    for (const n of m.numbers(rule as never)) out.push({ key: `r${i}:${n.key}`, label: `${indicator.name}：${n.label}`, value: n.value });
  });
  return out;
}

/**
 * The points each rule works with, as formula text over the table's cells (what ruleMaxima
 * computes): a fixed part its own cell; the part that takes the rest, the indicator's cell less
 * the fixed parts' cells; a modifier the indicator's cell.
 */
function ruleMaximaCells(indicator: Indicator, groupId: string, number: NumberCell): string[] {
  const whole = number(`max:${groupId}`);
  const fixed = indicator.rules.map((r, i) => (partModule(r)?.fixedPoints(r as never) ?? null) === null ? null : number(`r${i}:points`));
  const taken = fixed.filter((x): x is string => x !== null);
  return indicator.rules.map((r, i) => {
    if (!isPart(r)) return whole;
    return fixed[i] ?? (taken.length ? `(${whole}-${taken.join("-")})` : whole);
  });
}

/**
 * The same indicator as a native formula over the department's cells. `refs` maps each rule
 * column key to a sheet-qualified cell reference; null when the unit has no row (scores 0).
 * Every scheme number comes from a cell (`number`, keyed as indicatorNumbers; `decimals` a cell
 * too), never typed in, so editing the table changes the score the way editing the scheme would.
 */
export function indicatorFormula(
  indicator: Indicator, groupId: string, refs: Readonly<Record<string, string>> | null, decimals: string,
  notApplicable: NotApplicableRule, number: NumberCell,
): string {
  if (!refs) return "0";
  const max = number(`max:${groupId}`);
  const maxima = ruleMaximaCells(indicator, groupId, number);
  const local = (i: number): NumberCell => (key) => number(`r${i}:${key}`);
  const parts: { score: string; applicable: string | null; max: string }[] = [];
  indicator.rules.forEach((rule, i) => {
    const m = partModule(rule);
    if (m) parts.push({ ...m.formula(rule, refs, maxima[i]!, local(i)), max: maxima[i]! });
  });
  let f = partsFormula(parts, max, notApplicable);
  indicator.rules.forEach((rule, i) => {
    const m = ruleKind(rule);
    if (m.role === "modifier") f = m.formula(rule, f, refs, maxima[i]!, local(i));
  });
  return round(f, decimals);
}

function partsFormula(parts: readonly { score: string; applicable: string | null; max: string }[], max: string, rule: NotApplicableRule): string {
  if (parts.every((p) => p.applicable === null)) return parts.length === 1 ? parts[0]!.score : `(${parts.map((p) => p.score).join("+")})`;
  if (rule === "full") return `(${parts.map((p) => (p.applicable === null ? p.score : `IF(${p.applicable},${p.score},${p.max})`)).join("+")})`;
  const got = parts.map((p) => (p.applicable === null ? p.score : `IF(${p.applicable},${p.score},0)`)).join("+");
  const room = parts.map((p) => (p.applicable === null ? p.max : `IF(${p.applicable},${p.max},0)`)).join("+");
  return `IF((${room})=0,${max},(${got})*${max}/(${room}))`;
}
