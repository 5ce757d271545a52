import type { Scheme } from "../scheme/schema";
import { scoreIndicator } from "./basic";
import { CELL, inputAt, valueAt, type BasicColumns, type IndicatorColumns } from "./columns";
import { toNumber } from "./decimal";
import { fastIndicator, type BasicPlan, type FastIndicator, type ScoreNote } from "./fastBasic";
import { pow10, roundScaled, scaled } from "./fixed";
import type { IndicatorInput, InputValue } from "./inputs";

/**
 * The basic scores from columns (columns.ts), indicator by indicator, each a loop over the
 * units' typed arrays. Slots as in evaluateFast's object path — score × 4 + state (0: no row, so
 * the indicator scores 0; 1: nothing to explain; 2: the exact path would explain something) —
 * but indicator-major (slot i·units + u), so every loop reads and writes memory in order; the
 * units' basic totals are summed in the same pass. A score the fast path cannot vouch for is
 * asked of the exact path (basic.ts) on that one input, built for it. Null when a score is out
 * of range.
 */
export interface ColumnScores {
  readonly slots: Int32Array;
  /** Per unit, the sum of its indicator scores (integers at the rounding's scale). */
  readonly sums: Float64Array;
}

const QUIET = 1;
const LOUD = 2;
const SLOT_LIMIT = 2 ** 29;

export function scoreColumns(scheme: Scheme, bp: BasicPlan, columns: BasicColumns): ColumnScores | null {
  const nUnits = scheme.units.length;
  const groupAt = new Map(scheme.groups.map((g, k) => [g.id, k]));
  const groupOf = Int32Array.from(scheme.units, (u) => groupAt.get(u.group)!);
  const compiled = scheme.groups.map((g) => bp.forGroup(g.id));
  const slots = new Int32Array(nUnits * scheme.indicators.length);
  const sums = new Float64Array(nUnits);
  const spelled = spellings(bp, compiled);
  for (let i = 0; i < scheme.indicators.length; i++) {
    const ic = columns.byIndicator[i];
    if (!ic) continue; // no sheet gave it: every unit's slot stays "no row", scoring 0
    const byGroup = compiled.map((c) => c?.[i]);
    const score = ic.columns.length === 1 && ic.columns[0]!.key === "score" ? ic.columns[0]! : undefined;
    const pending = score && byGroup.every((c) => c?.simple)
      ? simpleLoop(bp, byGroup as FastIndicator[], groupOf, score.values, score.kinds, slots, sums, i * nUnits, spelled)
      : generalLoop(bp, byGroup, groupOf, ic, slots, sums, i * nUnits, scheme);
    if (pending < 0) return null;
    // Scores the loops could not vouch for (slot left at −1) are the exact path's.
    for (let u = 0; pending > 0 && u < nUnits; u++) {
      if (slots[i * nUnits + u] !== -1) continue;
      const s = exactScore(scheme, i, ic, u);
      if (!(Math.abs(s) < SLOT_LIMIT)) return null;
      slots[i * nUnits + u] = s * 4 + LOUD;
      sums[u] += s;
    }
  }
  return { slots, sums };
}

/** Beyond this many the figures take slotOf's steps rather than a table this long (8 MiB). */
const SPELLINGS_LIMIT = 2 ** 20;

/**
 * n / 10^d for every n from 0 to the largest points of a simple indicator at the rounding's
 * scale (6,000 entries for 60 points at 2 decimals): the doubles a figure with at most d
 * decimals can be. simpleLoop's figures above it take slotOf's steps.
 */
function spellings(bp: BasicPlan, compiled: readonly (readonly FastIndicator[] | null)[]): Float64Array {
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

/**
 * The common indicator: one manual score, clamped to the group's points and rounded —
 * fastIndicator's simple case, over the figures. A cell with no figure (blank, 不适用, 是/否)
 * gives 0, as there. A figure within 0 … the points with no more decimals than the rounding
 * keeps (nearly all) is its own score at the rounding's scale: at scale p it is n·10^(p−d), it
 * needs no clamping, and rounding it to d decimals gives n back. Every other figure takes
 * fastIndicator's steps (slotOf). Returns how many slots it left at −1 for the exact path; −1
 * when a score is out of range.
 *
 * "Has at most d decimals" is n / 10^d === v for the integer n nearest v·10^d; the division is
 * looked up instead (spellings.ts): a table of n / 10^d for every n up to the points, so the
 * check is one load and one comparison, and the same check.
 */
function simpleLoop(bp: BasicPlan, byGroup: readonly FastIndicator[], groupOf: Int32Array, values: Float64Array, kinds: Uint8Array, slots: Int32Array, sums: Float64Array, base: number, spelled: Float64Array): number {
  let pending = 0;
  const drop = bp.p - bp.decimals;
  const fd = pow10(bp.decimals);
  const maxP = Float64Array.from(byGroup, (c) => c.parts[0]!.max);
  // The points at the rounding's scale; −1 when they have more decimals or lie beyond the table
  // (every figure then takes slotOf). Most indicators give every group the same points: then
  // one number for the column, and the loop never looks up a unit's group.
  const maxD = new Int32Array(maxP.length);
  for (let g = 0; g < maxP.length; g++) {
    const m = maxP[g]! % pow10(drop) === 0 ? maxP[g]! / pow10(drop) : NaN;
    maxD[g] = m < spelled.length ? m : -1;
  }
  const same = maxD.every((m) => m === maxD[0]) ? maxD[0]! : VARIES;
  for (let u = 0; u < values.length; u++) {
    const v = values[u]!;
    const max = same !== VARIES ? same : maxD[groupOf[u]!]!;
    // The candidate integer: v·10^d + ½ truncated. A figure with at most d decimals within
    // 0 … the points is n / 10^d for this n; for any other figure (NaN included) n is some
    // integer the table's comparison turns away.
    const n = (v * fd + 0.5) | 0;
    if (n >= 0 && n <= max && spelled[n] === v) {
      slots[base + u] = n * 4 + (n < max ? LOUD : QUIET);
      sums[u] += n;
      continue;
    }
    const slot = otherSlot(v, kinds[u]!, maxP[groupOf[u]!]!, bp.p, drop);
    if (slot === ABSENT) continue;
    if (slot !== slot) {
      slots[base + u] = -1;
      pending++;
      continue;
    }
    if (slot === Infinity) return -1;
    slots[base + u] = slot;
    sums[u] += slot >> 2;
  }
  return pending;
}

/** simpleLoop's maxima differ by group. */
const VARIES = -2;
/** otherSlot: the sheet has no row for the unit. */
const ABSENT = -Infinity;

/**
 * The slot of a cell simpleLoop's check turned away: no figure (blank, 不适用, 是/否 score 0;
 * no row is ABSENT; a NaN figure is the exact path's), or a figure out of range or with more
 * decimals, which takes fastIndicator's steps (slotOf).
 */
function otherSlot(v: number, kind: number, max: number, p: number, drop: number): number {
  if (v === v) return slotOf(v, max, p, drop);
  if (kind === CELL.absent) return ABSENT;
  if (kind === CELL.number) return NaN;
  return slotOf(0, max, p, drop);
}

/** fastIndicator's simple case for one figure: the slot, NaN for the exact path, Infinity when out of range. */
function slotOf(v: number, max: number, p: number, drop: number): number {
  const given = scaled(v, p);
  const clamped = given < 0 ? 0 : given > max ? max : given;
  const s = roundScaled(clamped, drop);
  if (s !== s) return NaN;
  if (!(Math.abs(s) < SLOT_LIMIT)) return Infinity;
  return s * 4 + (clamped < max ? LOUD : QUIET);
}

/** Every other indicator: fastIndicator on one reused input whose values are filled from the columns, unit by unit; returns as simpleLoop. */
function generalLoop(bp: BasicPlan, byGroup: readonly (FastIndicator | undefined)[], groupOf: Int32Array, ic: IndicatorColumns, slots: Int32Array, sums: Float64Array, base: number, scheme: Scheme): number {
  let pending = 0;
  const values: Record<string, InputValue> = {};
  const input: IndicatorInput = { unit: "", indicator: ic.id, values, sources: {}, reason: null, reasonSource: null };
  const note: ScoreNote = { loud: false };
  const n = scheme.units.length;
  for (let u = 0; u < n; u++) {
    if (ic.rows[u]! < 0) continue;
    const c = byGroup[groupOf[u]!];
    if (!c) {
      slots[base + u] = -1;
      pending++;
      continue;
    }
    for (const col of ic.columns) values[col.key] = valueAt(col, u) ?? null;
    const s = fastIndicator(c, bp, input, note);
    if (s !== s) {
      slots[base + u] = -1;
      pending++;
      continue;
    }
    if (!(Math.abs(s) < SLOT_LIMIT)) return -1;
    slots[base + u] = s * 4 + (note.loud ? LOUD : QUIET);
    sums[u] += s;
  }
  return pending;
}

function exactScore(scheme: Scheme, i: number, ic: IndicatorColumns, u: number): number {
  const unit = scheme.units[u]!;
  const r = scoreIndicator(scheme.indicators[i]!, unit.group, inputAt(ic, unit.name, u), scheme.rounding.decimals, scheme.notApplicable);
  return scaled(toNumber(r.score), scheme.rounding.decimals);
}
