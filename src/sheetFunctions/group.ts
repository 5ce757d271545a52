import type { Scheme } from "../scheme/schema";
import { groupName, unitIndex, type UnitIndex } from "../scheme/names";
import { isBlank, shown } from "./cells";
import { invalidValue, notAvailable, type SheetResult } from "./result";

const indexes = new WeakMap<Scheme, UnitIndex>();

function indexOf(scheme: Scheme): UnitIndex {
  let ix = indexes.get(scheme);
  if (!ix) indexes.set(scheme, (ix = unitIndex(scheme)));
  return ix;
}

/**
 * 区域分类: the region group name of a unit ("渝中区" → "重庆主城区都市圈"). The unit may be written
 * with stray or full-width spaces, full-width letters, or a listed alias ("石柱土家族自治县");
 * nothing else is guessed. Unknown → #N/A.
 */
export function group(scheme: Scheme, unit: unknown): SheetResult<string> {
  if (isBlank(unit)) return invalidValue("单位名称为空：请填写区县名称，如“渝中区”。");
  if (typeof unit !== "string") return invalidValue(`单位名称须为文本，现为 ${shown(unit)}。`);
  const m = indexOf(scheme).resolve(unit);
  if (m.kind === "unknown") {
    return notAvailable(`评价方案中没有单位 ${shown(unit)}：请填写方案所列的区县名称（如“渝中区”）或其别名。`);
  }
  return groupName(scheme, m.unit.group);
}
