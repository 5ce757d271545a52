/**
 * What the write side tells the user when an output cannot keep the input exactly as it was: each
 * names the file and sheet (and cell), what was changed or left out, and what to do.
 */
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic";

const KEEP_ZH = "如需完全保留，请在 Excel 或 WPS 中把输入文件另存为“Excel 工作簿 (*.xlsx)”后重新汇总，或在 Excel 中用评价加载项汇总";
const KEEP_EN = 'to keep everything, save the input as "Excel Workbook (*.xlsx)" in Excel or WPS and aggregate again, or aggregate in Excel with the add-in';

export type LostKind = "chart" | "shape" | "pivot" | "threadedComment" | "cellImage" | "chartSheet" | "slicer";

const LOST_TEXT: Record<LostKind, { zh: string; en: string }> = {
  chart: { zh: "图表", en: "charts" },
  shape: { zh: "图形或文本框", en: "shapes or text boxes" },
  pivot: { zh: "数据透视表", en: "pivot tables" },
  threadedComment: { zh: "新式批注（讨论串，仅保留其旧式批注文字）", en: "threaded comments (only their legacy note text is kept)" },
  cellImage: { zh: "嵌入单元格的图片", en: "pictures placed in cells" },
  chartSheet: { zh: "整张图表工作表", en: "the whole chart sheet" },
  slicer: { zh: "切片器或日程表", en: "slicers or timelines" },
};

export const writeMessages = {
  /** The output had to be written by exceljs alone: say so once, and why. */
  rewritten: (f: string, reason: string): Diagnostic =>
    diagnostic("warning", "write.rewritten", {
      // The reason is a developer's English phrase: only the English message carries it.
      zh: `文件「${f}」的内部结构不能原样保留，输出中的各表由程序重新写出：数值不变，但个别格式（默认字体、隐藏行等）可能与原文件不同。${KEEP_ZH}`,
      en: `File "${f}" could not be kept part for part (${reason}); its sheets were rewritten in the output: values are unchanged, some formatting (default font, hidden rows…) may differ; ${KEEP_EN}`,
    }),

  lost: (f: string, sheet: string, kinds: readonly LostKind[]): Diagnostic =>
    diagnostic(
      "warning",
      "write.contentLost",
      {
        zh: `文件「${f}」工作表「${sheet}」中的${kinds.map((k) => LOST_TEXT[k].zh).join("、")}未能写入输出文件（原文件不变）。${KEEP_ZH}`,
        en: `File "${f}", sheet "${sheet}": its ${kinds.map((k) => LOST_TEXT[k].en).join(", ")} could not be written to the output (the input is unchanged); ${KEEP_EN}`,
      },
      { sheet },
    ),

  externalValue: (f: string, sheet: string, cell: string, formula: string): Diagnostic =>
    diagnostic(
      "warning",
      "write.externalLinkValue",
      {
        zh: `文件「${f}」的单元格引用了其他工作簿（公式 =${formula}），而该链接无法保留：输出中此单元格改为其上次计算的值，不再随被引用的工作簿更新。如需保留链接，${KEEP_ZH.replace(/^如需完全保留，/, "")}`,
        en: `File "${f}": this cell refers to another workbook (=${formula}) and the link cannot be kept, so the output holds its last calculated value, which no longer follows the linked workbook; ${KEEP_EN}`,
      },
      { sheet, cell },
    ),
};
