import type { Evaluation } from "../engine/evaluate";
import type { History } from "./history";

/** One year of a district's trend: its total and its rank in its region group (of how many). */
export interface TrendPoint {
  readonly year: number;
  readonly total: number;
  readonly groupRank: number | null;
  readonly groupSize: number | null;
  /** This year's (the workbook's own evaluation), not a prior year's. */
  readonly current: boolean;
}

/**
 * A district's totals and group ranks over the years, earliest first, ending with this year's —
 * what the pane's 历年 chart plots. A prior year without the district is left out (no point is
 * invented); a prior year's group size counts that year's districts of the same region group.
 */
export function unitTrend(history: History, evaluation: Evaluation, unit: string): TrendPoint[] {
  const points: TrendPoint[] = [];
  for (const y of history.years) {
    const u = y.units.find((x) => x.unit === unit);
    if (!u) continue;
    points.push({ year: y.year, total: u.total, groupRank: u.groupRank, groupSize: y.units.filter((x) => x.group === u.group).length, current: false });
  }
  const now = evaluation.units.find((x) => x.unit === unit);
  if (now) points.push({ year: evaluation.scheme.year, total: now.total, groupRank: now.groupRank, groupSize: evaluation.units.filter((x) => x.group === now.group).length, current: true });
  return points;
}
