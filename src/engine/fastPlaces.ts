import type { Scheme } from "../scheme/schema";
import { dec } from "./decimal";
import { competitionRanksCounted, competitionRanksPacked } from "./fastRank";
import { scaled, toValue } from "./fixed";
import { competitionRanksOf } from "./rank";
import { quotaLimits, tierFor } from "./tier";

/** Each unit's group rank, overall rank and tier (scheme order). */
export interface UnitPlaces {
  readonly groupRank: Int32Array;
  readonly overallRank: Int32Array;
  readonly tier: string[];
}

/** Ranks and tiers of the units' totals (integers at the rounding's scale), as rank.ts and tier.ts give them. */
export function unitPlaces(scheme: Scheme, total: Float64Array): UnitPlaces {
  const units = scheme.units;
  const groupOf = groupIndices(scheme);
  const { overall, group } = ranksOf(total, groupOf, scheme.groups.length);
  const counts = new Int32Array(scheme.groups.length);
  for (let u = 0; u < units.length; u++) counts[groupOf[u]!]++;
  const groupSize = new Map(scheme.groups.map((g, k) => [g.id, counts[k]!]));
  const tierOf = tiers(scheme, scheme.rounding.decimals, groupSize);
  const tier = new Array<string>(units.length);
  for (let ui = 0; ui < units.length; ui++) tier[ui] = tierOf(total[ui]!, group[ui]!, units[ui]!.group);
  return { groupRank: group, overallRank: overall, tier };
}

/** Each unit's group as its position in scheme.groups (a loop: Int32Array.from with a mapping function takes six times as long). */
export function groupIndices(scheme: Scheme): Int32Array {
  const groupAt = new Map(scheme.groups.map((g, k) => [g.id, k]));
  const units = scheme.units;
  const groupOf = new Int32Array(units.length);
  for (let u = 0; u < units.length; u++) groupOf[u] = groupAt.get(units[u]!.group)!;
  return groupOf;
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
