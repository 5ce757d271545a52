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
  let lo = Infinity;
  let hi = -Infinity;
  for (let u = 0; u < n; u++) {
    const t = total[u]!;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
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
