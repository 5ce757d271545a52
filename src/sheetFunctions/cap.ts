import { minDec, toNumber } from "../engine/decimal";
import { requireNumber, shown } from "./cells";
import { invalidValue, isSheetError, type SheetResult } from "./result";

/** 封顶: min(value, max), exact. A negative maximum is #VALUE! (caps in the scheme are never negative). */
export function cap(value: unknown, max: unknown): SheetResult<number> {
  const v = requireNumber(value, "数值");
  if (isSheetError(v)) return v;
  const m = requireNumber(max, "上限");
  if (isSheetError(m)) return m;
  if (m.lt(0)) return invalidValue(`上限须为不小于 0 的数，现为 ${shown(max)}。`);
  return toNumber(minDec(v, m));
}
