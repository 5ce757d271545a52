import type { WritePlan } from "../../src/workbook/plan";

/**
 * A small plan the xlsx writer tests share, like an aggregate's: sheets placed first, one hidden,
 * print titles, a formula, a replaced data sheet.
 */
export const PLAN: WritePlan = {
  placement: "first",
  sheets: [
    {
      name: "汇总", columnWidths: [12, 10], merges: [], print: { landscape: false, titleRows: "1:1", area: "A1:B2" },
      rows: [[{ value: "汇总表", style: "title" }, { value: 2.5, style: "total", numFmt: "0.00" }], [{ formula: "1+1", value: 2, style: "computed" }, { value: "说明", style: "note" }]],
    },
    { name: "_计算", columnWidths: [10], merges: [], state: "hidden", rows: [[{ value: "计算表", style: "plain" }]] },
    { name: "_evalsheet", columnWidths: [10], merges: [], state: "hidden", rows: [[{ value: "evalsheet-scheme-v1", style: "plain" }]] },
  ],
};
