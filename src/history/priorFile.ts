import { diagnostic, hasErrors, type Diagnostic } from "../diagnostics/diagnostic";
import { SCHEME_MARKER } from "../layout/dataSheet";
import { SHEETS } from "../layout/names";
import { ResultJsonSchema } from "../report/resultJson";
import { readWorkbook, schemeOf } from "../validate/validate";
import type { WritePlan } from "../workbook/plan";
import type { WorkbookSnapshot } from "../workbook/snapshot";
import { historySheet, readHistory, type History } from "./history";
import { addToHistory, priorFromEvaluation, priorFromResultJson, type PriorFile } from "./prior";

/**
 * Prior files as the CLI and the pane receive them — a result.json's text, an output workbook's
 * snapshot — turned into prior years, and the plan that stores them. One core for both, so
 * `evalsheet history add` and the pane's 导入历年结果 accept and refuse the same files.
 */
export type PriorRead =
  /** `carried`: the prior years an output workbook itself carries in its 历年结果, taken along with it. */
  | { readonly ok: true; readonly file: PriorFile; readonly carried: readonly PriorFile[]; readonly diagnostics: Diagnostic[] }
  /** `unreadable`: not JSON / not a workbook at all (the CLI's exit 2); otherwise refused (exit 1). */
  | { readonly ok: false; readonly unreadable: boolean; readonly diagnostics: Diagnostic[] };

const refuse = (unreadable: boolean, code: string, zh: string, en: string): PriorRead => ({ ok: false, unreadable, diagnostics: [diagnostic("error", code, { zh, en })] });

export function priorFromJsonText(name: string, text: string): PriorRead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refuse(true, "history.unreadableJson", `「${name}」无法作为 JSON 读取。请给出 evalsheet aggregate --json 写出的 result.json。`, `"${name}" cannot be read as JSON. Give a result.json written by evalsheet aggregate --json.`);
  }
  const json = ResultJsonSchema.safeParse(parsed);
  if (!json.success) return refuse(true, "history.notResultJson", `「${name}」不是 evalsheet aggregate --json 写出的 result.json（缺少 scheme 或 units）。`, `"${name}" is not a result.json written by evalsheet aggregate --json (no scheme or units).`);
  return { ok: true, file: priorFromResultJson(name, json.data), carried: [], diagnostics: [] };
}

export function carriesScheme(wb: WorkbookSnapshot): boolean {
  return wb.sheets.find((s) => s.name === SHEETS.data)?.rows[0]?.[0] === SCHEME_MARKER;
}

/**
 * An earlier aggregate's output, evaluated again from the inputs and the scheme it carries (the
 * hidden data, rather than 汇总's cells, which anyone may have typed over). A workbook with errors,
 * or one that is not an output, is refused.
 */
export function priorFromWorkbook(name: string, wb: WorkbookSnapshot): PriorRead {
  if (!carriesScheme(wb) || !wb.sheets.some((s) => s.name === SHEETS.summary)) {
    return refuse(false, "history.notResult", `「${name}」不是汇总结果（没有评价方案或“${SHEETS.summary}”表），不能作为历年结果导入。请给出往年 evalsheet aggregate 写出的汇总工作簿，或其 result.json。`,
      `"${name}" is not an aggregate's output (no scheme or no ${SHEETS.summary}); it cannot be added as a prior year. Give an earlier year's aggregate output or its result.json.`);
  }
  const reading = readWorkbook(wb);
  if (!reading.ok || hasErrors(reading.diagnostics)) {
    const errors = reading.diagnostics.filter((d) => d.severity === "error");
    const where = (d: Diagnostic, en: boolean) => (d.sheet ? `${d.sheet}!${d.cell ?? ""}` : en ? d.messageEn : d.message);
    return refuse(false, "history.priorErrors", `「${name}」有 ${errors.length} 处错误（如 ${errors.slice(0, 3).map((d) => where(d, false)).join("、")}），其结果不能作为历年结果。请导入审定后的汇总结果或其 result.json。`,
      `"${name}" has ${errors.length} error(s) (e.g. ${errors.slice(0, 3).map((d) => where(d, true)).join(", ")}); its results cannot be a prior year. Add the approved output or its result.json.`);
  }
  if (reading.scheme.period) {
    return refuse(false, "history.periodic", `「${name}」是${reading.scheme.year}年${reading.scheme.period}的平时评价结果，不是年度结果，不能作为历年结果导入。平时评价请用 evalsheet periodic add 计入当年的年度工作簿。`,
      `"${name}" is the periodic result of ${reading.scheme.period} ${reading.scheme.year}, not an annual one; it cannot be a prior year. Periodic results go into that year's annual workbook with evalsheet periodic add.`);
  }
  const notes: Diagnostic[] = [];
  if (reading.approval && reading.changedSinceApproval.length) {
    notes.push(diagnostic("warning", "history.changedSinceApproval", {
      zh: `「${name}」在审定后有 ${reading.changedSinceApproval.length} 个输入单元格被修改（如 ${reading.changedSinceApproval.slice(0, 3).join("、")}）：导入的是按修改后数据计算的结果，与审定结果可能不同。`,
      en: `"${name}" has ${reading.changedSinceApproval.length} input cell(s) changed since approval (e.g. ${reading.changedSinceApproval.slice(0, 3).join(", ")}): the results added are computed from the edited data and may differ from the approved ones.`,
    }));
  }
  // Last year's output carries the years before it: importing it brings them too, so history grows by
  // one import a year. Matched again by name (its canonical name there, else as first written).
  const carried = reading.history.years.map((y): PriorFile => ({
    source: `${name}中的历年结果（来自「${y.source}」）`, year: y.year, schemeId: y.schemeId, indicators: null,
    units: y.units.map((u) => ({ name: u.unit ?? u.sourceName, group: u.group, total: u.total, groupRank: u.groupRank, overallRank: u.overallRank, tier: u.tier })),
  }));
  return { ok: true, file: priorFromEvaluation(name, reading.scheme, reading.evaluation), carried, diagnostics: notes };
}

export type HistoryPlan =
  | { readonly ok: true; readonly plan: WritePlan; readonly history: History; readonly added: readonly number[]; readonly diagnostics: Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** The workbook's history with `files` added, as a plan writing only `_历年结果`; refused with errors. */
export function planHistory(name: string, wb: WorkbookSnapshot, files: readonly PriorFile[]): HistoryPlan {
  if (!carriesScheme(wb)) {
    return { ok: false, diagnostics: [diagnostic("error", "history.notEvaluationWorkbook", {
      zh: `「${name}」不是评价工作簿（没有保存的评价方案），未写出任何文件。请在本年度的评价工作簿（evalsheet template 或“生成模板”生成）中导入历年结果。`,
      en: `"${name}" is not an evaluation workbook (it carries no scheme); nothing was written. Add prior years to this year's evaluation workbook (made by evalsheet template or 生成模板).`,
    })] };
  }
  const problems: Diagnostic[] = [];
  const scheme = schemeOf(wb, problems);
  if (!scheme) return { ok: false, diagnostics: problems };
  const current = readHistory(wb);
  const result = addToHistory(scheme, current.history, files);
  const diagnostics = [...problems, ...current.diagnostics, ...result.diagnostics];
  if (hasErrors(diagnostics)) return { ok: false, diagnostics };
  return { ok: true, plan: { sheets: [historySheet(result.history)], placement: "last" }, history: result.history, added: result.added, diagnostics };
}
