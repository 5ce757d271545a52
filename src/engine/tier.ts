import type { TierRule } from "../scheme/schema";
import { dec, roundTo, type Dec } from "./decimal";
import { str } from "./formula";

/**
 * 特优/优/良 by score thresholds, or by quotas within each region group. A quota tier holds the
 * units whose group rank is within round(groupSize × cumulative share); ties share the better tier.
 */
export function tierFor(rule: TierRule, total: Dec, groupRank: number, groupSize: number): string {
  if (rule.kind === "thresholds") {
    return rule.tiers.find((t) => total.gte(dec(t.min)))?.name ?? rule.otherwise;
  }
  return quotaLimits(rule, groupSize).find(({ limit }) => groupRank <= limit)?.name ?? rule.otherwise;
}

export function quotaLimits(rule: Extract<TierRule, { kind: "quota" }>, groupSize: number): { name: string; limit: number }[] {
  let cumulative = dec(0);
  return rule.tiers.map((t) => {
    cumulative = cumulative.plus(dec(t.share));
    return { name: t.name, limit: Number(roundTo(cumulative.times(groupSize), 0).toString()) };
  });
}

/**
 * Nested IF over the total (thresholds) or the group rank (quota). `limitOf(k)` is the cell of
 * the k-th tier's minimum total, or of its places in the unit's group (quotaLimits, computed
 * where the table is written): the formula types no scheme number.
 */
export function tierFormula(rule: TierRule, totalRef: string, groupRankRef: string, limitOf: (k: number) => string): string {
  const steps =
    rule.kind === "thresholds"
      ? rule.tiers.map((t, k) => ({ test: `${totalRef}>=${limitOf(k)}`, name: t.name }))
      : rule.tiers.map((t, k) => ({ test: `${groupRankRef}<=${limitOf(k)}`, name: t.name }));
  return steps.reduceRight((acc, s) => `IF(${s.test},${str(s.name)},${acc})`, str(rule.otherwise));
}
