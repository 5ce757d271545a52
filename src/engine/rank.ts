import type { Dec } from "./decimal";

/**
 * Competition ranking ("1, 2, 2, 4"): one more than the number of strictly higher totals.
 * Totals are already rounded, so equal totals tie exactly.
 */
export function competitionRanks(totals: readonly Dec[]): number[] {
  // Sort once (n log n) rather than count per unit (n²): 3,000 units must stay instant.
  const order = totals.map((t, i) => ({ t, i })).sort((a, b) => b.t.cmp(a.t));
  const ranks = new Array<number>(totals.length);
  order.forEach((x, k) => {
    const prev = order[k - 1];
    ranks[x.i] = prev && prev.t.eq(x.t) ? ranks[prev.i]! : k + 1;
  });
  return ranks;
}

/** The same over plain numbers (the fast path's totals, integers at the rounding's scale). */
export function competitionRanksOf(totals: readonly number[]): number[] {
  const order = totals.map((_, i) => i).sort((a, b) => totals[b]! - totals[a]!);
  const ranks = new Array<number>(totals.length);
  order.forEach((i, k) => {
    const prev = order[k - 1];
    ranks[i] = prev !== undefined && totals[prev] === totals[i] ? ranks[prev]! : k + 1;
  });
  return ranks;
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
