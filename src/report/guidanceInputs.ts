import { previousForGuidance } from "../history/history";
import type { Reading } from "../validate/validate";
import type { GuidanceOptions } from "./guidance";
import { lastPeriodTotals } from "./periodic";

/**
 * What 分类指导 compares with, from the workbook itself unless the caller gives it: last year from
 * 历年结果 (its latest prior year), the last period from 平时评价 (the latest period imported).
 * One rule for the aggregate's sheet and the pane's tab.
 */
export function guidanceInputs(reading: Reading, given: GuidanceOptions = {}): GuidanceOptions {
  const previous = given.previous ?? previousForGuidance(reading.history);
  const lastPeriod = given.lastPeriod ?? lastPeriodTotals(reading.scheme, reading.periodic);
  return { ...given, ...(previous ? { previous } : {}), ...(lastPeriod ? { lastPeriod } : {}) };
}
