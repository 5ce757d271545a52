import type { Scheme } from "../scheme/schema";
import { clamp, dec, minDec, roundTo, toNumber, ZERO } from "../engine/decimal";
import { optionalNumber, requireNumber, shown } from "./cells";
import { invalidValue, isSheetError, type SheetResult } from "./result";

/**
 * 总分 = 基础工作 + 最佳实践案例 + 综合评估 + 加分 − 扣分, as the engine computes it, from the five
 * component scores. Each component is first held to the scheme's bounds:
 *   basic         ≤ components.basic (no floor: per-occurrence deductions may take it below 0)
 *   bestPractice  0 … components.bestPractice
 *   composite     0 … components.composite
 *   bonus         0 … components.bonusCap
 *   penalty       ≥ 0, blank = 0 (a negative penalty is #VALUE!: write a deduction of 2 as 2)
 * and the total is rounded half away from zero to scheme.rounding.decimals. Exact decimals.
 */
export function total(
  scheme: Scheme,
  basic: unknown,
  bestPractice: unknown,
  composite: unknown,
  bonus: unknown,
  penalty?: unknown,
): SheetResult<number> {
  const c = scheme.components;
  const b = requireNumber(basic, "基础工作得分");
  if (isSheetError(b)) return b;
  const bp = requireNumber(bestPractice, "最佳实践案例得分");
  if (isSheetError(bp)) return bp;
  const comp = requireNumber(composite, "综合评估得分");
  if (isSheetError(comp)) return comp;
  const bon = requireNumber(bonus, "加分");
  if (isSheetError(bon)) return bon;
  const pen = optionalNumber(penalty, "扣分");
  if (isSheetError(pen)) return pen;
  if (pen !== null && pen.lt(0)) {
    return invalidValue(`扣分须为不小于 0 的数（扣 2 分填 2），现为 ${shown(penalty)}。`);
  }
  const sum = minDec(b, dec(c.basic))
    .plus(clamp(bp, ZERO, dec(c.bestPractice)))
    .plus(clamp(comp, ZERO, dec(c.composite)))
    .plus(clamp(bon, ZERO, dec(c.bonusCap)))
    .minus(pen ?? ZERO);
  return toNumber(roundTo(sum, scheme.rounding.decimals));
}
