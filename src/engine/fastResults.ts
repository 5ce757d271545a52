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

/**
 * The units' result objects over the fast path's arrays. Each has every UnitResult key as an
 * own enumerable property, in UnitResult's order (what toEqual, JSON and a structured clone
 * see), with `indicators` and `trail` as getters that build them when first read.
 *
 * The getters are one pair for all units, found by the unit's name, and the objects are made by
 * a class of this evaluation's own. Why a class: V8 shares an object's shape only while each
 * accessor is the same function; a plain literal starts from the shape every literal with these
 * keys shares, so a second evaluation's new getters could not follow the first one's shapes and
 * every object of it was built the slow way (×4 here). A class of its own starts each
 * evaluation from a fresh shape: 3,000 objects then share one, and an accessor defined on an
 * object costs one property definition, not a new shape.
 */
export function unitResults(scheme: Scheme, f: UnitFigures, indicatorsOf: (unit: number) => IndicatorResult[], trailOf: (unit: number) => TrailEntry[]): UnitResult[] {
  const units = scheme.units;
  // toValue(x, d) written out: x / 10^d + 0 (never −0)
  const f10 = pow10(scheme.rounding.decimals);
  let unitAt: Map<string, number> | undefined;
  const indexOf = (name: string) => (unitAt ??= new Map(units.map((u, ui) => [u.name, ui]))).get(name)!;
  const lazily = (of: (ui: number) => unknown): PropertyDescriptor => ({
    get(this: UnitResult) {
      return of(indexOf(this.unit));
    },
    enumerable: true,
    configurable: true,
  });
  const indicators = lazily(indicatorsOf);
  const trail = lazily(trailOf);
  class Result {
    constructor(ui: number) {
      const r = this as unknown as Record<string, unknown>;
      const u = units[ui]!;
      r["unit"] = u.name;
      r["group"] = u.group;
      r["basic"] = f.basic[ui]! / f10 + 0;
      Object.defineProperty(r, "indicators", indicators);
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
      Object.defineProperty(r, "trail", trail);
    }
  }
  const results = new Array<UnitResult>(units.length);
  for (let ui = 0; ui < units.length; ui++) results[ui] = new Result(ui) as unknown as UnitResult;
  return results;
}
