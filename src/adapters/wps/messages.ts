import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic";
import { SHEETS } from "../../layout/names";

/* What the WPS adapter tells people, Chinese first. A claim about the workbook is made only when the adapter knows it. */

/** What went wrong, in ET's words. Not `instanceof Error`: WPS's errors, and a pane's view of another page's, are not this page's Error. */
function reason(e: unknown): string {
  if (typeof e === "string") return e;
  const err = e as { message?: unknown; name?: unknown } | null;
  return typeof err?.message === "string" && err.message ? err.message : typeof err?.name === "string" ? err.name : "未知错误";
}

const ADVICE = { zh: "请结束单元格编辑、取消工作表保护后重试。", en: "Leave cell editing, unprotect the sheets and try again." };

export function noWorkbook(): Diagnostic {
  return diagnostic("error", "wps.noWorkbook", { zh: "WPS 表格中没有打开的工作簿：请先打开或新建一个工作簿。", en: "No workbook is open in WPS Spreadsheets: open or create one first." });
}

export function readFailed(e: unknown): Diagnostic {
  return diagnostic("error", "wps.readFailed", { zh: `读取工作簿失败：${reason(e)}。${ADVICE.zh}`, en: `Reading the workbook failed: ${reason(e)}. ${ADVICE.en}` });
}

/** Writing failed and every sheet the workbook had is as it was. */
export function writeFailedUnchanged(e: unknown, replaced: readonly string[]): Diagnostic {
  const kept = replaced.includes(SHEETS.summary) ? "原有的汇总表保持不变。" : replaced.length ? `原有的工作表（${replaced.join("、")}）保持不变。` : "工作簿未作改动。";
  const keptEn = replaced.includes(SHEETS.summary) ? "The previous summary is unchanged." : "The workbook's sheets are unchanged.";
  return diagnostic("error", "wps.writeFailed", { zh: `写入失败：${reason(e)}。${kept}${ADVICE.zh}`, en: `Writing failed: ${reason(e)}. ${keptEn} ${ADVICE.en}` });
}

export interface SwapProgress {
  readonly written: readonly string[];
  readonly uncertain: readonly string[];
  readonly untouched: readonly string[];
}

/** The swap stopped part-way: which sheets are new, which are not, and where the rest is. */
export function writeFailedPartly(e: unknown, p: SwapProgress, temps: readonly string[]): Diagnostic {
  const list = (xs: readonly string[]) => xs.join("、");
  const parts = [p.written.length ? `已写入：${list(p.written)}` : "", p.uncertain.length ? `可能已写入：${list(p.uncertain)}` : "", p.untouched.length ? `未写入：${list(p.untouched)}` : ""].filter(Boolean);
  return diagnostic("error", "wps.writeIncomplete", {
    zh: `写入中断：${reason(e)}。${parts.join("；")}。新表保留在 ${list(temps)} 中；表间引用可能不一致，请重新执行本操作。`,
    en: `Writing stopped part-way: ${reason(e)}. Written: ${list(p.written) || "none"}; possibly written: ${list(p.uncertain) || "none"}; not written: ${list(p.untouched) || "none"}. The new sheets are kept in ${list(temps)}; run the operation again.`,
  });
}

/** Every sheet has its content; a width, a setting, the order or the clean-up failed. */
export function lookIncomplete(e: unknown): Diagnostic {
  return diagnostic("warning", "wps.lookIncomplete", {
    zh: `内容已全部写入，但列宽、冻结窗格、打印设置、保护或工作表顺序未能全部设置：${reason(e)}。再执行一次即可恢复。`,
    en: `All content was written, but some widths, panes, print settings, protection or the sheet order could not be set: ${reason(e)}. Running it again restores them.`,
  });
}

export function errorCells(sheet: string, cells: readonly string[]): Diagnostic {
  const shown = cells.slice(0, 10).join("、");
  const more = cells.length > 10 ? ` 等 ${cells.length} 个` : "";
  return diagnostic("warning", "wps.errorCells", {
    zh: `写入并重算后，${sheet} 的单元格 ${shown}${more} 显示错误值。请检查它们引用的数据后重新汇总。`,
    en: `After writing and recalculating, ${sheet} shows error values in ${cells.slice(0, 10).join(", ")}${cells.length > 10 ? ` and ${cells.length - 10} more` : ""}. Check the data they refer to and aggregate again.`,
  }, { sheet, cell: cells[0] ?? null });
}

/** The application's settings could not all be put back (screen updating, events, alerts, calculation). */
export function settingsNotRestored(e: unknown): Diagnostic {
  return diagnostic("warning", "wps.settingsNotRestored", {
    zh: `WPS 的屏幕刷新、事件、提示或计算模式未能全部恢复：${reason(e)}。如表格不再自动重算，请在“公式”→“计算选项”中选择“自动”。`,
    en: `WPS's screen updating, events, alerts or calculation mode could not all be restored: ${reason(e)}. If the sheets no longer recalculate, set Formulas → Calculation Options → Automatic.`,
  });
}
