import type { Scheme } from "../scheme/schema";
import { scoreIndicator } from "./basic";
import { CELL, inputAt, valueAt, type BasicColumns, type IndicatorColumns } from "./columns";
import { toNumber } from "./decimal";
import { fastIndicator, type BasicPlan, type FastIndicator, type ScoreNote } from "./fastBasic";
import { groupIndices } from "./fastPlaces";
import { pow10, roundScaled, scaled } from "./fixed";
import { ownScores, ownScoresTwo, simpleColumn, spellings, VARIES, type SimpleColumn } from "./ownScores";
import type { IndicatorInput, InputValue } from "./inputs";

/**
 * The basic scores from columns (columns.ts), indicator by indicator, each a loop over the
 * units' typed arrays; the units' basic totals are summed in the same pass. Each (unit,
 * indicator) has a slot as in evaluateFast's object path — score × 4 + state (0: no row, so the
 * indicator scores 0; 1: nothing to explain; 2: the exact path would explain something) — read
 * through slot(u, i), only for the units whose indicators or explanation someone opens.
 *
 * Most scores are a figure that is its own score (SimpleLoop): their slots are not stored but
 * worked out again from the figure when read — a view over the columns, which are the
 * evaluation's own from then on, as the explanations built later read them too. Only the other
 * cells of such a column are stored; every other indicator stores all its slots. A score the
 * fast path cannot vouch for is asked of the exact path (basic.ts) on that one input, built for
 * it. Null when a score is out of range.
 */
export interface ColumnScores {
  /** Unit u's slot for indicator i. */
  slot(u: number, i: number): number;
  /** Per unit, the sum of its indicator scores (integers at the rounding's scale). */
  readonly sums: Float64Array;
}

const QUIET = 1;
const LOUD = 2;
const SLOT_LIMIT = 2 ** 29;
/** A stored slot that is the figure's own score, worked out when read: never a slot (state 3). */
const DERIVED = 2 ** 31 - 1;

export function scoreColumns(scheme: Scheme, bp: BasicPlan, columns: BasicColumns): ColumnScores | null {
  const nUnits = scheme.units.length;
  const nInd = scheme.indicators.length;
  const groupOf = groupIndices(scheme);
  const compiled = scheme.groups.map((g) => bp.forGroup(g.id));
  const sums = new Float64Array(nUnits);
  const spelled = spellings(bp, compiled);
  const fd = pow10(bp.decimals);
  // Per indicator: stored slots (all of them, or a simple column's other cells, the rest DERIVED)
  // and, for a simple column, what derives the rest. Neither: no sheet gave it, every slot 0.
  const stored = new Array<Int32Array | undefined>(nInd);
  const simple = new Array<SimpleColumn | undefined>(nInd);
  const pendingOf = new Int32Array(nInd);
  const loops: { i: number; loop: SimpleLoop }[] = [];
  for (let i = 0; i < nInd; i++) {
    const ic = columns.byIndicator[i];
    if (!ic) continue;
    const byGroup = compiled.map((c) => c?.[i]);
    const score = ic.columns.length === 1 && ic.columns[0]!.key === "score" ? ic.columns[0]! : undefined;
    if (score && byGroup.every((c) => c?.simple)) {
      const col = (simple[i] = simpleColumn(bp, byGroup as FastIndicator[], score.values, spelled.length));
      loops.push({ i, loop: new SimpleLoop(bp, byGroup as FastIndicator[], groupOf, score.kinds, sums, col) });
    } else {
      const slots = (stored[i] = new Int32Array(nUnits));
      pendingOf[i] = generalLoop(bp, byGroup, groupOf, ic, slots, sums, scheme);
    }
  }
  // The simple columns two at a time: one pass over the units' totals for both.
  const oddA = new Int32Array(nUnits);
  const oddB = new Int32Array(nUnits);
  const counts = new Int32Array(2);
  for (let k = 0; k < loops.length; k += 2) {
    const a = loops[k]!;
    const b = loops[k + 1];
    if (b) {
      ownScoresTwo(simple[a.i]!, simple[b.i]!, groupOf, fd, spelled, sums, oddA, oddB, counts);
      pendingOf[a.i] = a.loop.settle(oddA, counts[0]!);
      pendingOf[b.i] = b.loop.settle(oddB, counts[1]!);
      stored[b.i] = b.loop.others;
    } else pendingOf[a.i] = a.loop.settle(oddA, ownScores(simple[a.i]!, groupOf, fd, spelled, sums, oddA));
    stored[a.i] = a.loop.others;
  }
  for (let i = 0; i < nInd; i++) {
    const ic = columns.byIndicator[i];
    const pending = pendingOf[i]!;
    if (pending < 0) return null;
    // Scores the loops could not vouch for (slot left at −1) are the exact path's.
    const slots = stored[i];
    for (let u = 0; pending > 0 && u < nUnits; u++) {
      if (slots![u] !== -1) continue;
      const s = exactScore(scheme, i, ic!, u);
      if (!(Math.abs(s) < SLOT_LIMIT)) return null;
      slots![u] = s * 4 + LOUD;
      sums[u] += s;
    }
  }
  return {
    sums,
    slot(u, i) {
      const s = stored[i]?.[u];
      if (s !== undefined && s !== DERIVED) return s;
      const c = simple[i];
      if (!c) return 0;
      // As ownScores found it: n within 0 … max, its own score
      const max = c.same !== VARIES ? c.same : c.maxD[groupOf[u]!]!;
      const n = (c.values[u]! * fd + 0.5) | 0;
      return n * 4 + (n < max ? LOUD : QUIET);
    },
  };
}

/**
 * The common indicator: one manual score, clamped to the group's points and rounded —
 * fastIndicator's simple case, over the figures. A cell with no figure (blank, 不适用, 是/否)
 * gives 0, as there. A figure within 0 … the points with no more decimals than the rounding
 * keeps (nearly all) is its own score at the rounding's scale: at scale p it is n·10^(p−d), it
 * needs no clamping, and rounding it to d decimals gives n back; its slot is not stored.
 * Every other figure takes fastIndicator's steps (slotOf) and its slot is stored in `others`,
 * made at the first. The check runs over the figures alone (ownScores, ownScoresTwo: two
 * columns a pass, 17 % faster here than one, the units' totals read and written once for both);
 * settle() then takes the cells it turned away.
 *
 * "Has at most d decimals" is n / 10^d === v for the integer n nearest v·10^d; the division is
 * looked up instead: a table of n / 10^d for every n up to the points (spellings), so the check
 * is one load and one comparison, and the same check.
 */
class SimpleLoop {
  others: Int32Array | undefined;
  private readonly maxP: Float64Array;
  constructor(
    private readonly bp: BasicPlan,
    byGroup: readonly FastIndicator[],
    private readonly groupOf: Int32Array,
    private readonly kinds: Uint8Array,
    private readonly sums: Float64Array,
    private readonly col: SimpleColumn,
  ) {
    this.maxP = new Float64Array(byGroup.length);
    for (let g = 0; g < byGroup.length; g++) this.maxP[g] = byGroup[g]!.parts[0]!.max;
  }

  /** The cells the check turned away (units odd[0 … k)): their slots stored; returns how many are left at −1, −1 when out of range. */
  settle(odd: Int32Array, k: number): number {
    const values = this.col.values;
    let pending = 0;
    for (let j = 0; j < k; j++) {
      const u = odd[j]!;
      const slot = this.other(values[u]!, u);
      this.others ??= new Int32Array(values.length).fill(DERIVED);
      if (slot !== slot) {
        this.others[u] = -1;
        pending++;
        continue;
      }
      if (slot === Infinity) return -1;
      this.others[u] = slot;
      this.sums[u] += slot >> 2;
    }
    return pending;
  }

  /**
   * The slot of a cell the check turned away: no figure (blank, 不适用, 是/否 score 0; no row
   * is slot 0 — stored, as a figure's own score would be worked out of its NaN; a NaN figure is
   * the exact path's), or a figure out of range or with more decimals, which takes
   * fastIndicator's steps (slotOf).
   */
  private other(v: number, u: number): number {
    const max = this.maxP[this.groupOf[u]!]!;
    const { p, decimals } = this.bp;
    if (v === v) return slotOf(v, max, p, p - decimals);
    const kind = this.kinds[u];
    if (kind === CELL.absent) return 0;
    if (kind === CELL.number) return NaN;
    return slotOf(0, max, p, p - decimals);
  }
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

/** Every other indicator: fastIndicator on one reused input whose values are filled from the columns, unit by unit; returns as SimpleLoop.settle. */
function generalLoop(bp: BasicPlan, byGroup: readonly (FastIndicator | undefined)[], groupOf: Int32Array, ic: IndicatorColumns, slots: Int32Array, sums: Float64Array, scheme: Scheme): number {
  let pending = 0;
  const values: Record<string, InputValue> = {};
  const input: IndicatorInput = { unit: "", indicator: ic.id, values, sources: {}, reason: null, reasonSource: null };
  const note: ScoreNote = { loud: false };
  const n = scheme.units.length;
  for (let u = 0; u < n; u++) {
    if (ic.rows[u]! < 0) continue;
    const c = byGroup[groupOf[u]!];
    if (!c) {
      slots[u] = -1;
      pending++;
      continue;
    }
    for (const col of ic.columns) values[col.key] = valueAt(col, u) ?? null;
    const s = fastIndicator(c, bp, input, note);
    if (s !== s) {
      slots[u] = -1;
      pending++;
      continue;
    }
    if (!(Math.abs(s) < SLOT_LIMIT)) return -1;
    slots[u] = s * 4 + (note.loud ? LOUD : QUIET);
    sums[u] += s;
  }
  return pending;
}

function exactScore(scheme: Scheme, i: number, ic: IndicatorColumns, u: number): number {
  const unit = scheme.units[u]!;
  const r = scoreIndicator(scheme.indicators[i]!, unit.group, inputAt(ic, unit.name, u), scheme.rounding.decimals, scheme.notApplicable);
  return scaled(toNumber(r.score), scheme.rounding.decimals);
}
