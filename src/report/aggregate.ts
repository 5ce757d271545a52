import type { WritePlan } from "../workbook/plan";
import { periodicNote } from "./periodic";
import type { Reading } from "../validate/validate";
import { basicScoresSheet } from "./basicScores";
import { detailsSheet } from "./details";
import { summarySheet } from "./summary";
import { approvalStatus } from "./approval";
import { calcSheet } from "./calcSheet";
import { dataSheet } from "../layout/dataSheet";
import { memberSummarySheet } from "./memberSheet";
import { ledgerSummary } from "./memberSummary";
import { guidance, type GuidanceOptions } from "./guidance";
import { guidanceSheet } from "./guidanceSheet";
import { latestPrior } from "../history/history";
import { guidanceInputs } from "./guidanceInputs";

export const DRAFT_STATUS = "初步意见（待党组会审定）";

/** Approved and unchanged since: the approval stands; otherwise the result is a new proposal. */
export function resultStatus(reading: Reading): string {
  if (!reading.approval) return DRAFT_STATUS;
  return reading.changedSinceApproval.length === 0 ? approvalStatus(reading.approval) : "初步意见（审定后数据已修改，须重新审定）";
}

export interface AggregateOptions {
  readonly status?: string;
  /** When 扣分明细's snapshot is made, as people read it ("2025-01-20 15:04"). */
  readonly madeAt?: string;
  /** Last year's and the last period's results for 分类指导 (history, periodic evaluations); last year's defaults to the workbook's 历年结果. */
  readonly guidance?: GuidanceOptions;
}

/**
 * The output sheets of an aggregate, as one plan: 汇总 first, its supporting sheets, the hidden
 * calculation sheet, and the data sheet, rewritten so the tables 汇总's formulas look up are
 * there and match the scheme this result was computed with (a workbook made before them gets them).
 */
export function aggregatePlan(reading: Reading, options: AggregateOptions = {}): WritePlan {
  const { scheme, inputs, evaluation } = reading;
  const basic = basicScoresSheet(scheme, inputs, evaluation, reading.periodic.periods.size ? periodicNote(scheme, reading.periodic) : null);
  const calc = calcSheet(scheme, reading.workbook);
  const status = options.status ?? resultStatus(reading);
  return {
    placement: "first",
    sheets: [
      summarySheet(scheme, evaluation, basic.totalCell, calc, status, summaryNotes(reading), latestPrior(reading.history)),
      basic.spec,
      detailsSheet(scheme, evaluation, options.madeAt ?? timestamp(new Date())),
      // 附件2 and 附件1: each Party group member's districts, ledger and research.
      memberSummarySheet(scheme, ledgerSummary(scheme, evaluation, reading.ledgers), options.madeAt ?? timestamp(new Date())),
      // 分类指导: per district its standing in its group, weakest indicators and strengths (issue 10 §3).
      guidanceSheet(guidance(scheme, evaluation, inputs, guidanceInputs(reading, options.guidance)), options.madeAt ?? timestamp(new Date())),
      calc.spec,
      dataSheet(scheme),
    ],
  };
}

/** "2025-01-20 15:04" in the machine's local time. */
export function timestamp(at: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())} ${p(at.getHours())}:${p(at.getMinutes())}`;
}

/** What the office must know before the result goes to the 党组会: departments whose scores are not yet signed off. */
export function summaryNotes(reading: Reading): string[] {
  // 平时评价: which periods counted in, at what weight, which are missing (issue 10 §1).
  const periodic = periodicNote(reading.scheme, reading.periodic);
  const notes = periodic && reading.periodic.periods.size ? [periodic] : [];
  const unsigned = reading.signOffs.filter((s) => !s.signed);
  if (unsigned.length === 0) return notes;
  const who = unsigned.map((s) => `${s.department}（${[s.scorer ? null : "评分人", s.approver ? null : "分管领导审定", s.date ? null : "审定日期"].filter(Boolean).join("、")}未填）`);
  return [...notes, `以下部室的评分尚未经分管领导审定：${who.join("；")}。请补齐部室审定后再提交党组会审定。`];
}
