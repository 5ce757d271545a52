import type { Scheme } from "../scheme/schema";
import type { IndicatorResult, UnitResult } from "./evaluate";
import { pow10 } from "./fixed";
import type { TrailEntry } from "./trail";

/** The fast path's figures per unit (scheme order), integers at the rounding's scale. */
export interface UnitFigures {
  readonly basic: Float64Array;
  readonly bestPractice: Float64Array;
  readonly composite: Float64Array;
  /** At the scale the bonus was worked at, as printed (not scaled). */
  readonly bonusRaw: Float64Array;
  readonly bonus: Float64Array;
  readonly capsHit: readonly string[][];
  readonly penalty: Float64Array;
  readonly total: Float64Array;
  readonly groupRank: Int32Array;
  readonly overallRank: Int32Array;
  readonly tier: readonly string[];
}

/** What a result builds when first read, by unit index. */
export interface LazyParts {
  indicatorsOf(unit: number): IndicatorResult[];
  trailOf(unit: number): TrailEntry[];
}

/**
 * One unit's result. Every UnitResult key is an own enumerable property, in UnitResult's order
 * (what toEqual, JSON and a structured clone see); `indicators` and `trail` are getters that
 * build them when first read, through the unit's index and its evaluation's LazyParts held in
 * private fields (seen by none of those).
 *
 * The getters are the same two functions for every result of every evaluation, so V8 gives all
 * results one shape: an accessor defined with a function the shape has not seen makes a new
 * shape, and an evaluation's own closures made each evaluation's objects the slow way (four times
 * the time here) or, with a class per evaluation, left shapes in the old generation that held
 * each evaluation's figures alive through every minor collection until a full one.
 */
class Result {
  readonly #lazy: LazyParts;
  readonly #unit: number;

  static readonly indicators: PropertyDescriptor = {
    get(this: Result) {
      return this.#lazy.indicatorsOf(this.#unit);
    },
    enumerable: true,
    configurable: true,
  };

  static readonly trail: PropertyDescriptor = {
    get(this: Result) {
      return this.#lazy.trailOf(this.#unit);
    },
    enumerable: true,
    configurable: true,
  };

  constructor(scheme: Scheme, f: UnitFigures, lazy: LazyParts, ui: number, f10: number) {
    this.#lazy = lazy;
    this.#unit = ui;
    const r = this as unknown as Record<string, unknown>;
    const u = scheme.units[ui]!;
    // toValue(x, d) written out: x / 10^d + 0 (never −0)
    r["unit"] = u.name;
    r["group"] = u.group;
    r["basic"] = f.basic[ui]! / f10 + 0;
    Object.defineProperty(r, "indicators", Result.indicators);
    r["bestPractice"] = f.bestPractice[ui]! / f10 + 0;
    r["composite"] = f.composite[ui]! / f10 + 0;
    r["bonusRaw"] = f.bonusRaw[ui]!;
    r["bonus"] = f.bonus[ui]! / f10 + 0;
    r["capsHit"] = f.capsHit[ui]!;
    r["penalty"] = f.penalty[ui]! / f10 + 0;
    r["total"] = f.total[ui]! / f10 + 0;
    r["groupRank"] = f.groupRank[ui]!;
    r["overallRank"] = f.overallRank[ui]!;
    r["tier"] = f.tier[ui]!;
    Object.defineProperty(r, "trail", Result.trail);
  }
}

/** The units' result objects over the fast path's arrays. */
export function unitResults(scheme: Scheme, f: UnitFigures, lazy: LazyParts): UnitResult[] {
  const f10 = pow10(scheme.rounding.decimals);
  const results = new Array<UnitResult>(scheme.units.length);
  for (let ui = 0; ui < results.length; ui++) results[ui] = new Result(scheme, f, lazy, ui, f10) as unknown as UnitResult;
  return results;
}
