import { hasErrors, type Diagnostic } from "../../diagnostics/diagnostic";
import { readWorkbook, type Reading } from "../../validate/validate";
import { aggregatePlan } from "../../report/aggregate";
import { resultJson } from "../../report/resultJson";
import { applyPlan } from "../../adapters/xlsx/render";
import { workbookBytes } from "../../adapters/xlsx/xlsxFile";
import { formatDiagnostics, guardOverwrite, openFile, samePath, say, UsageError, writeAtomic } from "../io";
import { SHEETS } from "../../layout/names";
import { resolveScheme } from "./template";

export interface AggregateArgs {
  file: string;
  out: string;
  json?: string | undefined;
  force: boolean;
  scheme?: string | undefined;
  quiet?: boolean;
}

export type AggregateOutcome = { code: number; reading?: Reading; diagnostics: Diagnostic[] };

/**
 * Validate, evaluate, and write OUT = the input workbook plus 汇总, 基础工作得分 and 扣分明细.
 * FILE is never modified; with errors nothing is written unless --force.
 */
export async function aggregate(args: AggregateArgs): Promise<AggregateOutcome> {
  if (samePath(args.file, args.out)) throw new UsageError(say("--out 不能与输入文件相同：输入文件从不被修改。", "--out must differ from the input file: the input is never modified."));
  if (args.json && (samePath(args.json, args.file) || samePath(args.json, args.out))) throw new UsageError(say("--json 必须是另一个文件。", "--json must be another file."));
  await guardOverwrite(args.out, false, isEarlierOutput);
  const scheme = args.scheme ? resolveScheme(args.scheme) : undefined;
  if (typeof scheme === "number") return { code: scheme, diagnostics: [] };
  const opened = await openFile(args.file);
  if (!opened.ok) return { code: 2, diagnostics: opened.diagnostics };
  const reading = readWorkbook(opened.snapshot, scheme ? { scheme } : {});
  const diagnostics = [...opened.diagnostics, ...reading.diagnostics];
  if (!reading.ok) return { code: 1, diagnostics };
  if (hasErrors(diagnostics) && !args.force) return { code: 1, reading, diagnostics };

  await applyPlan(opened.workbook, aggregatePlan(reading));
  const bytes = await workbookBytes(opened.workbook);
  // Both files are complete in memory before either is written.
  const json = args.json ? JSON.stringify(resultJson(reading.scheme, reading.evaluation, diagnostics), null, 2) + "\n" : null;
  writeAtomic(args.out, bytes);
  if (args.json && json) writeAtomic(args.json, json);
  return { code: hasErrors(diagnostics) ? 1 : 0, reading, diagnostics };
}

/** An earlier aggregate's output (it has a 汇总 sheet) may be replaced; any other file is someone's. */
async function isEarlierOutput(path: string): Promise<boolean> {
  const opened = await openFile(path);
  return opened.ok && opened.snapshot.sheets.some((s) => s.name === SHEETS.summary);
}

export async function aggregateCommand(args: AggregateArgs): Promise<number> {
  const r = await aggregate(args);
  if (r.diagnostics.length) console.log(formatDiagnostics(r.diagnostics));
  const wrote = r.reading && (!hasErrors(r.diagnostics) || args.force);
  if (wrote) console.log(say(`已写出汇总：${args.out}${args.json ? `，结果 ${args.json}` : ""}${hasErrors(r.diagnostics) ? "（有错误，按 --force 强制汇总）" : ""}`, `Wrote ${args.out}${args.json ? ` and ${args.json}` : ""}${hasErrors(r.diagnostics) ? " (forced despite errors)" : ""}`));
  else if (r.code === 1) console.log(say("有错误，未写出任何文件。请修改后重试，或用 --force 强制汇总。", "Errors found; nothing was written. Fix them, or use --force."));
  return r.code;
}
