import type { Scheme } from "../scheme/schema";
import { scoreIndicator } from "./basic";
import type { BasicColumns } from "./columns";
import { toNumber } from "./decimal";
import { fastIndicator, type BasicPlan, type ScoreNote } from "./fastBasic";
import { scoreColumns } from "./fastColumns";
import { roundScaled, scaled } from "./fixed";
import type { IndicatorInput } from "./inputs";

/** The basic scores of every (unit, indicator), from the reader's columns or from input objects. */
export interface BasicScores {
  /** The slot of unit u's indicator i: score × 4 + state (scoreBasic). */
  slot(u: number, i: number): number;
  /** Per unit, the sum of its indicator scores. */
  readonly sums: Float64Array;
}

export function fromColumns(scheme: Scheme, bp: BasicPlan, columns: BasicColumns): BasicScores | null {
  if (!namesUnique(scheme)) return null;
  return scoreColumns(scheme, bp, columns);
}

export function fromObjects(scheme: Scheme, bp: BasicPlan, basic: readonly IndicatorInput[]): BasicScores | null {
  const slots = scoreBasic(scheme, bp, basic);
  if (!slots) return null;
  const nInd = scheme.indicators.length;
  const sums = new Float64Array(scheme.units.length);
  for (let u = 0; u < sums.length; u++) {
    let basicSum = 0;
    for (let i = u * nInd; i < (u + 1) * nInd; i++) basicSum += slots[i]! >> 2;
    sums[u] = basicSum;
  }
  return { sums, slot: (u, i) => slots[u * nInd + i]! };
}

function namesUnique(scheme: Scheme): boolean {
  // loops, not map(): this runs on every evaluation of 3,000 units
  const names = new Set<string>();
  for (const u of scheme.units) names.add(u.name);
  const ids = new Set<string>();
  for (const x of scheme.indicators) ids.add(x.id);
  return names.size === scheme.units.length && ids.size === scheme.indicators.length;
}

export const QUIET = 1;
const LOUD = 2;
/** A slot holds score × 4 + state in 32 bits: scores up to ±2^29 at the rounding's scale (±5,368,709.11 points at 2 decimals). */
const SLOT_LIMIT = 2 ** 29;

/**
 * One pass over the indicator inputs: each finds its (unit, indicator) slot — the first input
 * of a slot wins, as it always has — and is scored there. A slot holds score × 4 + state
 * (0: no input, so the indicator scores 0; 1: nothing to explain; 2: the exact path would
 * explain something): one small array, since fresh memory (page faults) costs more here than
 * the scoring. Inputs come unit by unit and indicator after indicator, so the previous unit and
 * the next indicator are tried before the maps. Null when names repeat in the scheme or a
 * score is out of range.
 */
function scoreBasic(scheme: Scheme, bp: BasicPlan, basic: readonly IndicatorInput[]): Int32Array | null {
  const d = scheme.rounding.decimals;
  const drop = bp.p - d;
  const indicators = scheme.indicators;
  const nInd = indicators.length;
  const unitAt = new Map(scheme.units.map((u, i) => [u.name, i]));
  const indicatorAt = new Map(indicators.map((x, i) => [x.id, i]));
  if (unitAt.size !== scheme.units.length || indicatorAt.size !== nInd) return null;
  const slots = new Int32Array(scheme.units.length * nInd);
  const compiled = scheme.units.map((u) => bp.forGroup(u.group));
  const note: ScoreNote = { loud: false };
  const ids = indicators.map((x) => x.id);
  let lastName: string | undefined;
  let u = -1;
  let next = 0;
  for (let n = 0; n < basic.length; n++) {
    const b = basic[n]!;
    if (b.unit !== lastName) {
      lastName = b.unit;
      u = find(unitAt, b.unit);
    }
    if (u < 0) continue;
    const i = next < nInd && ids[next] === b.indicator ? next : find(indicatorAt, b.indicator);
    if (i < 0) continue;
    next = i + 1;
    const k = u * nInd + i;
    if (slots[k] !== 0) continue;
    const c = compiled[u]?.[i];
    let s: number;
    let loud: boolean;
    if (c?.simple) {
      // fastIndicator's common case, inline: one manual score clamped to the points, rounded
      const raw = b.values["score"];
      const given = typeof raw === "number" ? scaled(raw, bp.p) : 0;
      const max = c.parts[0]!.max;
      const clamped = given < 0 ? 0 : given > max ? max : given;
      loud = clamped < max;
      s = roundScaled(clamped, drop);
    } else {
      s = c ? fastIndicator(c, bp, b, note) : NaN;
      loud = note.loud;
    }
    if (s !== s) {
      // NaN: the exact path decides (s !== s rather than Number.isNaN keeps s unboxed in the hot loop)
      s = scaled(toNumber(scoreIndicator(indicators[i]!, scheme.units[u]!.group, b, d, scheme.notApplicable).score), d);
      loud = true;
    }
    if (!(Math.abs(s) < SLOT_LIMIT)) return null;
    slots[k] = s * 4 + (loud ? LOUD : QUIET);
  }
  return slots;
}

/** A name's position, −1 when absent (a function of its own, so the hot loop stays small). */
function find(at: ReadonlyMap<string, number>, name: string): number {
  return at.get(name) ?? -1;
}
