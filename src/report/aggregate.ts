import type { WritePlan } from "../workbook/plan";
import type { Reading } from "../validate/validate";
import { basicScoresSheet } from "./basicScores";
import { detailsSheet } from "./details";
import { summarySheet } from "./summary";
import { approvalStatus } from "./approval";

export const DRAFT_STATUS = "初步意见（待党组会审定）";

/** Approved and unchanged since: the approval stands; otherwise the result is a new proposal. */
export function resultStatus(reading: Reading): string {
  if (!reading.approval) return DRAFT_STATUS;
  return reading.changedSinceApproval.length === 0 ? approvalStatus(reading.approval) : "初步意见（审定后数据已修改，须重新审定）";
}

/** The output sheets of an aggregate, as one plan: 汇总 first, then its two supporting sheets. */
export function aggregatePlan(reading: Reading, status: string = resultStatus(reading)): WritePlan {
  const { scheme, inputs, evaluation } = reading;
  const basic = basicScoresSheet(scheme, inputs, evaluation);
  return {
    placement: "first",
    sheets: [summarySheet(scheme, inputs, evaluation, basic.totalCell, status, summaryNotes(reading)), basic.spec, detailsSheet(scheme, evaluation)],
  };
}

/** What the office must know before the result goes to the 党组会: departments whose scores are not yet signed off. */
export function summaryNotes(reading: Reading): string[] {
  const unsigned = reading.signOffs.filter((s) => !s.signed);
  if (unsigned.length === 0) return [];
  const who = unsigned.map((s) => `${s.department}（${[s.scorer ? null : "评分人", s.approver ? null : "分管领导审定", s.date ? null : "审定日期"].filter(Boolean).join("、")}未填）`);
  return [`以下部室的评分尚未经分管领导审定：${who.join("；")}。请补齐部室审定后再提交党组会审定。`];
}
