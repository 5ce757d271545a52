import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { diagnostic, hasErrors, type Diagnostic } from "../../diagnostics/diagnostic";
import { readWorkbook, schemeOf } from "../../validate/validate";
import { SCHEME_MARKER } from "../../layout/dataSheet";
import { SHEETS } from "../../layout/names";
import { ResultJsonSchema } from "../../report/resultJson";
import { historySheet, readHistory } from "../../history/history";
import { addToHistory, priorFromEvaluation, priorFromResultJson, type PriorFile } from "../../history/prior";
import { writePlanOver } from "../../adapters/xlsx/writeOver";
import { formatDiagnostics, guardOverwrite, openFile, samePath, say, UsageError, writeAtomic } from "../io";
import type { WorkbookSnapshot } from "../../workbook/snapshot";

export interface HistoryArgs {
  file: string;
  priors: string[];
  out: string;
  force?: boolean;
}

/**
 * `evalsheet history add FILE PRIOR… --out OUT`: OUT = FILE with the prior years' results in its
 * hidden 历年结果 sheet (every other part of FILE as it was). A PRIOR is an earlier aggregate's
 * output (.xlsx, re-evaluated from the inputs and scheme it carries) or its result.json. Exit 0
 * written · 1 refused (a year not before FILE's, one year twice with other values, a prior with
 * errors or not a result), nothing written · 2 unreadable file or usage.
 */
export async function historyCommand(args: HistoryArgs): Promise<number> {
  if ([args.file, ...args.priors].some((f) => samePath(f, args.out))) throw new UsageError(say("--out 不能与输入文件相同：输入文件从不被修改。", "--out must differ from every input file: inputs are never modified."));
  await guardOverwrite(args.out, args.force === true);
  const opened = await openFile(args.file);
  if (!opened.ok) return done(opened.diagnostics, 2);
  const name = basename(args.file);
  if (!carriesScheme(opened.snapshot)) {
    return done([diagnostic("error", "history.notEvaluationWorkbook", {
      zh: `「${name}」不是评价工作簿（没有保存的评价方案），未写出任何文件。请把本年度的评价工作簿（evalsheet template 生成）放在第一个参数。`,
      en: `"${name}" is not an evaluation workbook (it carries no scheme); nothing was written. Give this year's evaluation workbook (made by evalsheet template) first.`,
    })], 1);
  }
  const problems: Diagnostic[] = [];
  const scheme = schemeOf(opened.snapshot, problems);
  if (!scheme) return done(problems, 1);

  const files: PriorFile[] = [];
  for (const path of args.priors) {
    const prior = await readPrior(path);
    if ("code" in prior) return done(prior.diagnostics, prior.code);
    problems.push(...prior.diagnostics);
    files.push(prior.file);
  }
  const current = readHistory(opened.snapshot);
  const result = addToHistory(scheme, current.history, files);
  const all = [...current.diagnostics, ...problems, ...result.diagnostics];
  if (hasErrors(all)) {
    console.log(formatDiagnostics(all, { showInfo: true }));
    console.log(say("未写出任何文件。", "Nothing was written."));
    return 1;
  }
  const written = await writePlanOver(new Uint8Array(readFileSync(args.file)), name, opened.workbook, { sheets: [historySheet(result.history)], placement: "last" });
  writeAtomic(args.out, written.bytes);
  const shown = [...all, ...written.diagnostics];
  if (shown.length) console.log(formatDiagnostics(shown, { showInfo: true }));
  const years = result.history.years.map((y) => y.year).join("、");
  const aggregated = opened.snapshot.sheets.some((s) => s.name === SHEETS.summary);
  console.log(say(
    `已导入 ${result.added.length ? result.added.join("、") : "0 个"}年度的结果（工作簿现有历年结果：${years}），已写出：${args.out}。${aggregated ? "汇总表和分类指导在重新汇总后显示上年结果：" : "汇总时显示上年结果："}evalsheet aggregate ${args.out} --out 汇总.xlsx`,
    `Added ${result.added.length ? result.added.join(", ") : "no"} year(s) (prior years now held: ${years}); wrote ${args.out}. ${aggregated ? "汇总 and 分类指导 show last year's results once aggregated again" : "An aggregate shows last year's results"}: evalsheet aggregate ${args.out} --out OUT.xlsx`,
  ));
  return 0;
}

function carriesScheme(wb: WorkbookSnapshot): boolean {
  return wb.sheets.find((s) => s.name === SHEETS.data)?.rows[0]?.[0] === SCHEME_MARKER;
}

type PriorRead = { file: PriorFile; diagnostics: Diagnostic[] } | { code: number; diagnostics: Diagnostic[] };

/** A prior year from a result.json, or from an earlier output workbook evaluated with the scheme it carries. */
async function readPrior(path: string): Promise<PriorRead> {
  const name = basename(path);
  if (/\.json$/i.test(path)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, "utf8"));
    } catch {
      return { code: 2, diagnostics: [fileProblem("history.unreadableJson", `「${name}」无法作为 JSON 读取（或找不到该文件）。请给出 evalsheet aggregate --json 写出的 result.json。`, `"${name}" cannot be read as JSON (or is missing). Give a result.json written by evalsheet aggregate --json.`)] };
    }
    const json = ResultJsonSchema.safeParse(parsed);
    if (!json.success) return { code: 2, diagnostics: [fileProblem("history.notResultJson", `「${name}」不是 evalsheet aggregate --json 写出的 result.json（缺少 scheme 或 units）。`, `"${name}" is not a result.json written by evalsheet aggregate --json (no scheme or units).`)] };
    return { file: priorFromResultJson(name, json.data), diagnostics: [] };
  }
  const opened = await openFile(path);
  if (!opened.ok) return { code: 2, diagnostics: opened.diagnostics };
  const sheets = opened.snapshot.sheets;
  if (!carriesScheme(opened.snapshot) || !sheets.some((s) => s.name === SHEETS.summary)) {
    return { code: 1, diagnostics: [fileProblem("history.notResult", `「${name}」不是汇总结果（没有评价方案或“${SHEETS.summary}”表），不能作为历年结果导入。请给出往年 evalsheet aggregate 写出的汇总工作簿，或其 result.json。`, `"${name}" is not an aggregate's output (no scheme or no ${SHEETS.summary}); it cannot be added as a prior year. Give an earlier year's aggregate output or its result.json.`)] };
  }
  const reading = readWorkbook(opened.snapshot);
  if (!reading.ok || hasErrors(reading.diagnostics)) {
    const errors = reading.diagnostics.filter((d) => d.severity === "error");
    return { code: 1, diagnostics: [fileProblem("history.priorErrors", `「${name}」有 ${errors.length} 处错误（如 ${errors.slice(0, 3).map((d) => d.sheet ? `${d.sheet}!${d.cell ?? ""}` : d.message).join("、")}），其结果不能作为历年结果。请导入审定后的汇总结果或其 result.json。`, `"${name}" has ${errors.length} error(s) (e.g. ${errors.slice(0, 3).map((d) => d.sheet ? `${d.sheet}!${d.cell ?? ""}` : d.messageEn).join(", ")}); its results cannot be a prior year. Add the approved output or its result.json.`)] };
  }
  const notes: Diagnostic[] = [];
  if (reading.approval && reading.changedSinceApproval.length) {
    notes.push(diagnostic("warning", "history.changedSinceApproval", {
      zh: `「${name}」在审定后有 ${reading.changedSinceApproval.length} 个输入单元格被修改（如 ${reading.changedSinceApproval.slice(0, 3).join("、")}）：导入的是按修改后数据计算的结果，与审定结果可能不同。`,
      en: `"${name}" has ${reading.changedSinceApproval.length} input cell(s) changed since approval (e.g. ${reading.changedSinceApproval.slice(0, 3).join(", ")}): the results added are computed from the edited data and may differ from the approved ones.`,
    }));
  }
  return { file: priorFromEvaluation(name, reading.scheme, reading.evaluation), diagnostics: notes };
}

function fileProblem(code: string, zh: string, en: string): Diagnostic {
  return diagnostic("error", code, { zh, en });
}

function done(diagnostics: Diagnostic[], code: number): number {
  console.log(formatDiagnostics(diagnostics, { showInfo: true }));
  return code;
}
