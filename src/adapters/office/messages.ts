import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic";
import { SHEETS } from "../../layout/names";
import type { SwapState } from "./swap";

/* What the Office adapter tells people, Chinese first. Every claim about the workbook is checked first. */

export function codeOf(e: unknown): string {
  return (e as { code?: string }).code ?? "";
}

function reason(e: unknown): { text: string; where: string; code: string } {
  const err = e as { code?: string; message?: string; debugInfo?: { errorLocation?: string } };
  const code = err.code ?? "Unknown";
  return { text: err.message ?? code, where: err.debugInfo?.errorLocation ? `（${err.debugInfo.errorLocation}）` : "", code };
}

/** What to do about a failed request, by its cause. */
function advice(code: string): { zh: string; en: string } {
  if (code === "InvalidOperationInCellEditMode") {
    return { zh: "Excel 正在编辑单元格：请按 Enter 或 Esc 结束编辑后重试。", en: "Excel is editing a cell: press Enter or Esc, then try again." };
  }
  if (code === "RequestPayloadSizeLimitExceeded") {
    return { zh: "数据量超过 Excel 网页版单次请求上限，请在桌面版 Excel 中操作。", en: "The data exceeds Excel on the web's request limit; use Excel desktop." };
  }
  return { zh: "请结束单元格编辑、取消工作表保护后重试。", en: "Leave cell edit mode, unprotect the sheets and try again." };
}

export function readFailed(e: unknown): Diagnostic {
  const r = reason(e);
  const a = advice(r.code);
  return diagnostic("error", "office.readFailed", { zh: `读取工作簿失败：${r.text}${r.where}。${a.zh}`, en: `Reading the workbook failed: ${r.text}. ${a.en}` });
}

/**
 * Writing failed and the workbook's sheets are as they were (the new ones were never put in
 * place). Only then is "原有的汇总表保持不变" said, and only when there was a 汇总 to keep.
 */
export function writeFailedUnchanged(e: unknown, replaced: readonly string[]): Diagnostic {
  const r = reason(e);
  const a = advice(r.code);
  const kept = replaced.includes(SHEETS.summary) ? "原有的汇总表保持不变。" : replaced.length ? `原有的工作表（${replaced.join("、")}）保持不变。` : "工作簿未作改动。";
  const keptEn = replaced.includes(SHEETS.summary) ? "The previous summary is unchanged." : "The workbook's sheets are unchanged.";
  return diagnostic("error", "office.writeFailed", { zh: `写入失败：${r.text}${r.where}。${kept}${a.zh}`, en: `Writing failed: ${r.text}. ${keptEn} ${a.en}` });
}

/** The swap stopped part-way: say exactly which sheets are new, which are not, and where the rest is. */
export function writeFailedPartly(e: unknown, state: SwapState, temps: readonly string[]): Diagnostic {
  const r = reason(e);
  const list = (xs: readonly string[]) => xs.join("、");
  const parts = [
    state.written.length ? `已写入：${list(state.written)}` : "",
    state.uncertain.length ? `可能已写入：${list(state.uncertain)}` : "",
    state.untouched.length ? `未写入：${list(state.untouched)}` : "",
  ].filter(Boolean);
  return diagnostic("error", "office.writeIncomplete", {
    zh: `写入中断：${r.text}${r.where}。${parts.join("；")}。新表保留在 ${list(temps)} 中；表间引用可能不一致，请重新执行本操作。`,
    en: `Writing stopped part-way: ${r.text}. Written: ${list(state.written) || "none"}; possibly written: ${list(state.uncertain) || "none"}; not written: ${list(state.untouched) || "none"}. The new sheets are kept in ${list(temps)}; run the operation again.`,
  });
}

/** Every sheet has its new content, but a width, a setting, the order or the clean-up failed. */
export function lookIncomplete(e: unknown): Diagnostic {
  const r = reason(e);
  return diagnostic("warning", "office.lookIncomplete", {
    zh: `内容已全部写入，但列宽、冻结窗格、保护或工作表顺序未能全部设置：${r.text}${r.where}。再执行一次即可恢复。`,
    en: `All content was written, but some widths, panes, protection or the sheet order could not be set: ${r.text}. Running it again restores them.`,
  });
}

export function mergesUnchecked(why: "api" | "tooMany"): Diagnostic {
  return diagnostic("info", "office.mergesUnchecked", why === "api"
    ? { zh: "此版本的 Excel 不支持读取合并单元格（需要 ExcelApi 1.13），未检查输入区域的合并单元格。", en: "This Excel does not report merged cells (needs ExcelApi 1.13); merged input cells were not checked." }
    : { zh: "Excel 未能报告合并单元格（一张表超过 512 个合并区域时即如此），未检查输入区域的合并单元格。", en: "Excel could not report the merged cells (it cannot when a sheet has more than 512 merged areas); merged input cells were not checked." });
}

export function errorCells(sheet: string, cells: readonly string[]): Diagnostic {
  const shown = cells.slice(0, 10).join("、");
  const more = cells.length > 10 ? ` 等 ${cells.length} 个` : "";
  return diagnostic("warning", "office.errorCells", {
    zh: `写入并重算后，${sheet} 的单元格 ${shown}${more} 显示错误值。请检查它们引用的数据后重新汇总。`,
    en: `After writing and recalculating, ${sheet} shows error values in ${cells.slice(0, 10).join(", ")}${cells.length > 10 ? ` and ${cells.length - 10} more` : ""}. Check the data they refer to and aggregate again.`,
  }, { sheet, cell: cells[0] ?? null });
}

export function fillRewritten(sheet: string, range: string): Diagnostic {
  return diagnostic("info", "office.fillRewritten", {
    zh: `Excel 向下填充的结果与预期不符（${sheet}!${range}），已逐格重写。`,
    en: `Excel's fill-down did not give the expected cells (${sheet}!${range}); they were written one by one.`,
  }, { sheet, cell: range.split(":")[0] ?? null });
}

export function checkFailed(e: unknown): Diagnostic {
  const r = reason(e);
  return diagnostic("info", "office.checkFailed", {
    zh: `内容已写入，但写入后的核对（重算与检查错误值）未能完成：${r.text}。`,
    en: `The content was written, but the check afterwards (recalculation, error cells) could not finish: ${r.text}.`,
  });
}

/** The sheets are written; only how they print (page set-up, footers, page breaks) could not be set. */
export function printSetupFailed(e: unknown, sheets: readonly string[]): Diagnostic {
  const r = reason(e);
  return diagnostic("warning", "office.printSetupFailed", {
    zh: `内容已全部写入，但 ${sheets.join("、")} 的打印设置（A4、页脚页码、打印区域、分页）未能设置：${r.text}${r.where}。打印前请在“页面布局”中设置，或连接打印机后重新汇总。`,
    en: `All content was written, but the print set-up of ${sheets.join(", ")} (A4, page-number footer, print area, page breaks) could not be set: ${r.text}. Set it under Page Layout before printing, or aggregate again with a printer available.`,
  }, { sheet: sheets[0] ?? null, cell: null });
}
