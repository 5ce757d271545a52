import type { WritePlan } from "../workbook/plan";
import type { Reading } from "../validate/validate";
import { basicScoresSheet } from "./basicScores";
import { detailsSheet } from "./details";
import { summarySheet } from "./summary";

export const DRAFT_STATUS = "初步意见（待党组会审定）";

/** The output sheets of an aggregate, as one plan: 汇总 first, then its two supporting sheets. */
export function aggregatePlan(reading: Reading, status: string = DRAFT_STATUS): WritePlan {
  const { scheme, inputs, evaluation } = reading;
  const basic = basicScoresSheet(scheme, inputs, evaluation);
  return {
    placement: "first",
    sheets: [summarySheet(scheme, inputs, evaluation, basic.totalCell, status), basic.spec, detailsSheet(scheme, evaluation)],
  };
}
