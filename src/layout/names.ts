/** Sheet names as users see them. Department sheets are named after their department. */
export const SHEETS = {
  cases: "最佳实践案例",
  events: "加分扣分",
  composite: "综合评估",
  schemeView: "评价方案",
  data: "_evalsheet",
  summary: "汇总",
  basicScores: "基础工作得分",
  details: "扣分明细",
  calc: "_计算",
  approval: "_审定记录",
  // 附件2 and 附件1: the contact-point table, the two ledgers, and the per-member summary the aggregate writes.
  contacts: "联系点",
  contactLog: "联系点台账",
  researchLog: "调研台账",
  memberSummary: "联系点调研汇总",
  // 分类指导: per district, where it stands in its group and what to do next (a snapshot the aggregate writes).
  guidance: "分类指导",
  // Prior years' results (issue 10 §2): an input `evalsheet history add` writes; aggregate keeps it and never rewrites it.
  history: "_历年结果",
  // 平时评价 (issue 10 §1): the periods' judged scores and how they count in; written by `evalsheet periodic add`, an input to aggregate.
  periodic: "平时评价",
} as const;

/** Sheets the aggregate writes; everything else in a workbook is input and never written. */
export const OUTPUT_SHEETS: readonly string[] = [SHEETS.summary, SHEETS.basicScores, SHEETS.details, SHEETS.memberSummary, SHEETS.guidance, SHEETS.calc];

/** Rows above the data on every input sheet: title, note, header(s). */
export const TITLE_ROW = 0;
export const NOTE_ROW = 1;
