/**
 * Competition ranks ("1, 2, 2, 4": one more than the number of strictly higher totals) of
 * integer totals, within each unit's group or overall (`groupOf` null) — rank.ts's
 * competitionRanksOf without a comparator: each unit becomes one number, (group, total, unit)
 * packed as group·span·n + (total − lowest)·n + unit, exact below 2^53, so a typed array's own
 * numeric sort orders them; a walk from the top assigns the ranks. Null when the packing would not
 * be exact (totals too far apart), and the caller ranks with competitionRanksOf.
 */
export function competitionRanksPacked(total: Float64Array, groupOf: Int32Array | null, groups: number): Int32Array | null {
  const n = total.length;
  if (n === 0) return new Int32Array(0);
  const { lo, hi } = totalsRange(total);
  const span = hi - lo + 1;
  const g = groupOf ? groups : 1;
  if (!(g * span * n < 2 ** 53) || !Number.isInteger(lo) || !Number.isInteger(hi)) return null;
  const keys = new Float64Array(n);
  for (let u = 0; u < n; u++) keys[u] = ((groupOf ? groupOf[u]! : 0) * span + (total[u]! - lo)) * n + u;
  keys.sort();
  const ranks = new Int32Array(n);
  let prevValue = -1;
  let prevUnit = -1;
  let top = n - 1;
  for (let k = n - 1; k >= 0; k--) {
    const key = keys[k]!;
    // key = value·n + unit; the quotient of two integers below 2^53 may round up by one
    let value = Math.floor(key / n);
    let unit = key - value * n;
    if (unit < 0) {
      value--;
      unit += n;
    }
    if (value === prevValue) ranks[unit] = ranks[prevUnit]!; // same group, same total: a tie
    else {
      // a new group starts at the top of its totals
      if (prevUnit < 0 || (groupOf !== null && groupOf[unit] !== groupOf[prevUnit])) top = k;
      ranks[unit] = top - k + 1;
    }
    prevValue = value;
    prevUnit = unit;
  }
  return ranks;
}

/** Totals spanning at most this many integers per unit (or 65,536 in all) are ranked by counting. */
const COUNTED_SPAN_PER_UNIT = 4;
const COUNTED_SPAN_FLOOR = 2 ** 16;

/**
 * Overall and group competition ranks of integer totals together, with no sort: the totals of
 * 3,000 units at 2 decimals span a few thousand integers, so one count per integer (overall and
 * per group) and a running sum from the top give each total the number of strictly higher ones.
 * Null when the totals span too many integers for the counts (then competitionRanksPacked) or one
 * is not an integer.
 */
export function competitionRanksCounted(total: Float64Array, groupOf: Int32Array, groups: number): { overall: Int32Array; group: Int32Array } | null {
  const n = total.length;
  const { lo, hi } = totalsRange(total);
  const span = n === 0 ? 0 : hi - lo + 1;
  if (!(span * (groups + 1) <= Math.max(COUNTED_SPAN_PER_UNIT * n, COUNTED_SPAN_FLOOR))) return null;
  // counts[k]: totals equal to lo + k overall; at g·span + k, within group g
  const counts = new Int32Array(span);
  const inGroup = new Int32Array(groups * span);
  const at = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    const k = total[u]! - lo;
    if ((k | 0) !== k) return null; // not an integer
    const g = groupOf[u]!;
    if (!(g >= 0 && g < groups)) return null;
    at[u] = k;
    counts[k]++;
    inGroup[g * span + k]++;
  }
  // Each count becomes the number of totals above it (overall, and in its group).
  aboveFromCounts(counts, 0, span);
  for (let g = 0; g < groups; g++) aboveFromCounts(inGroup, g * span, span);
  const overall = new Int32Array(n);
  const group = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    overall[u] = counts[at[u]!]! + 1;
    group[u] = inGroup[groupOf[u]! * span + at[u]!]! + 1;
  }
  return { overall, group };
}

function aboveFromCounts(counts: Int32Array, from: number, span: number): void {
  let above = 0;
  for (let k = from + span - 1; k >= from; k--) {
    const c = counts[k]!;
    counts[k] = above;
    above += c;
  }
}

/** The lowest and highest total (Infinity and −Infinity when there is none). */
function totalsRange(total: Float64Array): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let u = 0; u < total.length; u++) {
    const t = total[u]!;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return { lo, hi };
}
