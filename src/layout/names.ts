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
} as const;

/** Sheets the aggregate writes; everything else in a workbook is input and never written. */
export const OUTPUT_SHEETS: readonly string[] = [SHEETS.summary, SHEETS.basicScores, SHEETS.details, SHEETS.calc];

/** Rows above the data on every input sheet: title, note, header(s). */
export const TITLE_ROW = 0;
export const NOTE_ROW = 1;
