import type { Scheme } from "../scheme/schema";
import { tierFor } from "../engine/tier";
import { isBlank, requireInteger, requireNumber } from "./cells";
import { invalidValue, isSheetError, type SheetResult } from "./result";

/**
 * 等次 by the scheme's tier rule (engine/tier.ts):
 *  - thresholds: the first tier whose minimum the total reaches (exact comparison; the total is
 *    not rounded here, pass the rounded total); group rank and size are not needed and ignored;
 *  - quota: by group rank within round(groupSize × cumulative share); needs the group rank
 *    (whole number ≥ 1) and the group size (whole number ≥ rank), otherwise #VALUE! saying so.
 */
export function tier(scheme: Scheme, total: unknown, groupRank?: unknown, groupSize?: unknown): SheetResult<string> {
  const t = requireNumber(total, "总分");
  if (isSheetError(t)) return t;
  const rule = scheme.tiers;
  if (rule.kind === "thresholds") return tierFor(rule, t, 0, 0);
  if (isBlank(groupRank) || isBlank(groupSize)) {
    return invalidValue("本方案按区域分类内的名额比例定等次：请同时填写组内排名和组内单位数。");
  }
  const rank = requireInteger(groupRank, "组内排名", 1);
  if (isSheetError(rank)) return rank;
  const size = requireInteger(groupSize, "组内单位数", 1);
  if (isSheetError(size)) return size;
  if (rank > size) return invalidValue(`组内排名 ${rank} 大于组内单位数 ${size}：请检查两个参数。`);
  return tierFor(rule, t, rank, size);
}
