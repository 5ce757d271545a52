import type { Dec } from "./decimal";

/**
 * Competition ranking ("1, 2, 2, 4"): one more than the number of strictly higher totals.
 * Totals are already rounded, so equal totals tie exactly.
 */
export function competitionRanks(totals: readonly Dec[]): number[] {
  return totals.map((t) => 1 + totals.filter((o) => o.gt(t)).length);
}

/** Rank within the rows whose group equals this row's group. */
export function groupRankFormula(groupCol: string, totalCol: string, firstRow: number, lastRow: number, row: number): string {
  const g = `$${groupCol}$${firstRow}:$${groupCol}$${lastRow}`;
  const t = `$${totalCol}$${firstRow}:$${totalCol}$${lastRow}`;
  return `1+SUMPRODUCT((${g}=${groupCol}${row})*(${t}>${totalCol}${row}))`;
}

export function overallRankFormula(totalCol: string, firstRow: number, lastRow: number, row: number): string {
  const t = `$${totalCol}$${firstRow}:$${totalCol}$${lastRow}`;
  return `1+SUMPRODUCT(--(${t}>${totalCol}${row}))`;
}
