import type { BasicPlan, FastIndicator } from "./fastBasic";
import { pow10 } from "./fixed";

/**
 * The check that settles nearly every basic score (fastColumns.ts): a figure in a simple
 * indicator's column (one manual score) with at most the rounding's decimals, within 0 … the
 * group's points, is its own score. Each loop here does only that check, over one column or
 * two at a time, and lists the units whose cells it turned away for fastColumns.ts to score.
 */

/** A simple indicator's column and what its check needs, kept to work a slot out again when read. */
export interface SimpleColumn {
  readonly values: Float64Array;
  /** The points at the rounding's scale per group (−1: none is a figure's own score). */
  readonly maxD: Int32Array;
  /** Their value when every group has the same, else VARIES. */
  readonly same: number;
}

/** Beyond this many the figures take fastIndicator's steps rather than a table this long (8 MiB). */
const SPELLINGS_LIMIT = 2 ** 20;

/**
 * n / 10^d for every n from 0 to the largest points of a simple indicator at the rounding's
 * scale (6,000 entries for 60 points at 2 decimals): the doubles a figure with at most d
 * decimals can be. Figures above it take fastIndicator's steps (fastColumns.ts).
 */
export function spellings(bp: BasicPlan, compiled: readonly (readonly FastIndicator[] | null)[]): Float64Array {
  const per = pow10(bp.p - bp.decimals);
  let top = 0;
  for (const c of compiled) {
    for (const x of c ?? []) {
      const m = x.simple ? x.parts[0]!.max / per : 0;
      if (m > top && m < SPELLINGS_LIMIT && Number.isInteger(m)) top = m;
    }
  }
  const fd = pow10(bp.decimals);
  const spelled = new Float64Array(top + 1);
  for (let n = 0; n <= top; n++) spelled[n] = n / fd;
  return spelled;
}

/** simpleColumn's maxima differ by group. */
export const VARIES = -2;

/**
 * The points at the rounding's scale; −1 when they have more decimals or lie beyond the table
 * (every figure then takes fastIndicator's steps). Most indicators give every group the same points: then
 * one number for the column, and the loop never looks up a unit's group.
 */
export function simpleColumn(bp: BasicPlan, byGroup: readonly FastIndicator[], values: Float64Array, tableLength: number): SimpleColumn {
  const per = pow10(bp.p - bp.decimals);
  const maxD = new Int32Array(byGroup.length);
  for (let g = 0; g < byGroup.length; g++) {
    const max = byGroup[g]!.parts[0]!.max;
    const m = max % per === 0 ? max / per : NaN;
    maxD[g] = m < tableLength ? m : -1;
  }
  return { values, maxD, same: maxD.every((m) => m === maxD[0]) ? maxD[0]! : VARIES };
}

/**
 * The check over one column, alone in its loop: sums each figure that is its own score into
 * its unit's total and lists the other units in `odd`; returns how many it listed.
 */
export function ownScores(col: SimpleColumn, groupOf: Int32Array, fd: number, spelled: Float64Array, sums: Float64Array, odd: Int32Array): number {
  const { values, maxD, same } = col;
  let k = 0;
  for (let u = 0; u < values.length; u++) {
    const v = values[u]!;
    const max = same !== VARIES ? same : maxD[groupOf[u]!]!;
    // The candidate integer: v·10^d + ½ truncated. A figure with at most d decimals within
    // 0 … the points is n / 10^d for this n; for any other figure (NaN included) n is some
    // integer the table's comparison turns away.
    const n = (v * fd + 0.5) | 0;
    if (n >= 0 && n <= max && spelled[n] === v) sums[u] += n;
    else odd[k++] = u;
  }
  return k;
}

/** ownScores over two columns in one pass; how many each listed into `counts`. */
export function ownScoresTwo(a: SimpleColumn, b: SimpleColumn, groupOf: Int32Array, fd: number, spelled: Float64Array, sums: Float64Array, oddA: Int32Array, oddB: Int32Array, counts: Int32Array): void {
  const va = a.values;
  const vb = b.values;
  let ka = 0;
  let kb = 0;
  for (let u = 0; u < va.length; u++) {
    const v = va[u]!;
    const w = vb[u]!;
    const maxA = a.same !== VARIES ? a.same : a.maxD[groupOf[u]!]!;
    const maxB = b.same !== VARIES ? b.same : b.maxD[groupOf[u]!]!;
    const n = (v * fd + 0.5) | 0;
    const m = (w * fd + 0.5) | 0;
    let add = 0;
    if (n >= 0 && n <= maxA && spelled[n] === v) add = n;
    else oddA[ka++] = u;
    if (m >= 0 && m <= maxB && spelled[m] === w) add += m;
    else oddB[kb++] = u;
    sums[u] += add;
  }
  counts[0] = ka;
  counts[1] = kb;
}
