import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { SHEETS } from "../../layout/names";
import { planHistory, priorFromJsonText, priorFromWorkbook, type PriorRead } from "../../history/priorFile";
import type { PriorFile } from "../../history/prior";
import { writePlanOver } from "../../adapters/xlsx/writeOver";
import { formatDiagnostics, guardOverwrite, openFileDirect, samePath, say, UsageError, writeAtomic } from "../io";

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
  const opened = await openFileDirect(args.file);
  if (!opened.ok) return done(opened.diagnostics, 2);

  const files: PriorFile[] = [];
  const carried: PriorFile[] = [];
  const notes: Diagnostic[] = [];
  for (const path of args.priors) {
    const prior = await readPrior(path);
    if (!prior.ok) return done(prior.diagnostics, prior.unreadable ? 2 : 1);
    notes.push(...prior.diagnostics);
    files.push(prior.file);
    carried.push(...prior.carried);
  }
  // The files given first: a year they hold wins the naming in a conflict with a year carried inside one.
  files.push(...carried);
  const name = basename(args.file);
  const planned = planHistory(name, opened.snapshot, files);
  if (!planned.ok) {
    console.log(formatDiagnostics([...notes, ...planned.diagnostics], { showInfo: true }));
    console.log(say("未写出任何文件。", "Nothing was written."));
    return 1;
  }
  const written = await writePlanOver(new Uint8Array(readFileSync(args.file)), name, opened.workbook, planned.plan);
  writeAtomic(args.out, written.bytes);
  const shown = [...notes, ...planned.diagnostics, ...written.diagnostics];
  if (shown.length) console.log(formatDiagnostics(shown, { showInfo: true }));
  const years = planned.history.years.map((y) => y.year).join("、");
  const aggregated = opened.snapshot.sheets.some((s) => s.name === SHEETS.summary);
  console.log(say(
    `已导入 ${planned.added.length ? planned.added.join("、") : "0 个"}年度的结果（工作簿现有历年结果：${years}），已写出：${args.out}。${aggregated ? "汇总表和分类指导在重新汇总后显示上年结果：" : "汇总时显示上年结果："}evalsheet aggregate ${args.out} --out 汇总.xlsx`,
    `Added ${planned.added.length ? planned.added.join(", ") : "no"} year(s) (prior years now held: ${years}); wrote ${args.out}. ${aggregated ? "汇总 and 分类指导 show last year's results once aggregated again" : "An aggregate shows last year's results"}: evalsheet aggregate ${args.out} --out OUT.xlsx`,
  ));
  return 0;
}

/** A prior year from a result.json, or from an earlier output workbook. */
async function readPrior(path: string): Promise<PriorRead> {
  const name = basename(path);
  if (/\.json$/i.test(path)) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      return { ok: false, unreadable: true, diagnostics: (await openFileDirect(path)).diagnostics };
    }
    return priorFromJsonText(name, text);
  }
  const opened = await openFileDirect(path);
  if (!opened.ok) return { ok: false, unreadable: true, diagnostics: opened.diagnostics };
  return priorFromWorkbook(name, opened.snapshot);
}

function done(diagnostics: Diagnostic[], code: number): number {
  console.log(formatDiagnostics(diagnostics, { showInfo: true }));
  return code;
}
