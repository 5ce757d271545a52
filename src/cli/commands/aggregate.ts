import { hasErrors, type Diagnostic } from "../../diagnostics/diagnostic";
import { readWorkbook, type Reading } from "../../validate/validate";
import { aggregatePlan } from "../../report/aggregate";
import { resultJson } from "../../report/resultJson";
import { writePlanOver } from "../../adapters/xlsx/writeOver";
import { formatDiagnostics, openFileDirect, samePath, say, UsageError, writeAtomic } from "../io";
import { SHEETS } from "../../layout/names";
import { SCHEME_MARKER } from "../../layout/dataSheet";
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";

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
  await guardOut(args.out);
  // template.ts writes workbooks through exceljs: imported only for --scheme, so a plain aggregate loads no exceljs.
  const scheme = args.scheme ? (await import("./template")).resolveScheme(args.scheme) : undefined;
  if (typeof scheme === "number") return { code: scheme, diagnostics: [] };
  // The cells straight from the XML where possible: exceljs loads only if the file or the writer needs it.
  const opened = await openFileDirect(args.file);
  if (!opened.ok) return { code: 2, diagnostics: opened.diagnostics };
  const reading = readWorkbook(opened.snapshot, scheme ? { scheme } : {});
  const diagnostics = [...opened.diagnostics, ...reading.diagnostics];
  if (!reading.ok) return { code: 1, diagnostics };
  if (hasErrors(diagnostics) && !args.force) return { code: 1, reading, diagnostics };

  // The input's own parts are kept as they are; anything that cannot be is named in a warning.
  const written = await writePlanOver(new Uint8Array(readFileSync(args.file)), basename(args.file), opened.workbook, aggregatePlan(reading));
  const all = [...diagnostics, ...written.diagnostics];
  // Both files are complete in memory before either is written.
  const json = args.json ? JSON.stringify(resultJson(reading.scheme, reading.evaluation, all), null, 2) + "\n" : null;
  writeAtomic(args.out, written.bytes);
  if (args.json && json) writeAtomic(args.json, json);
  return { code: hasErrors(all) ? 1 : 0, reading, diagnostics: all };
}

/**
 * An existing --out is replaced only when it is an earlier aggregate's output: the hidden data
 * sheet with its marker and every sheet an aggregate writes, the hidden _计算 included. A sheet
 * named 汇总 proves nothing (budgets have one); a template carries the data sheet but no result;
 * an approved result carries who approved it and when, which a new aggregate would erase.
 */
async function guardOut(path: string): Promise<void> {
  if (!existsSync(path)) return;
  const why = await notOurs(path);
  if (!why) return;
  throw new UsageError(say(
    `文件「${path}」已存在，且${why.zh}。为避免覆盖他人的数据，该文件未做任何修改：请用 --out 指定一个新的文件名。`,
    `File "${path}" exists and ${why.en}. It was left unchanged so that no one's data is overwritten: use --out with a new file name.`,
  ));
}

const CORE_OUTPUTS = [SHEETS.summary, SHEETS.basicScores, SHEETS.details, SHEETS.calc];

async function notOurs(path: string): Promise<{ zh: string; en: string } | null> {
  const opened = await openFileDirect(path);
  if (!opened.ok) return { zh: "无法作为工作簿读取，不是本工具写出的汇总结果", en: "cannot be read as a workbook, so it is not an earlier output of this tool" };
  const sheets = opened.snapshot.sheets;
  const data = sheets.find((s) => s.name === SHEETS.data);
  if (data?.rows[0]?.[0] !== SCHEME_MARKER) return { zh: "不是本工具写出的汇总结果（没有本工具的输出标记）", en: "is not an output of this tool (it has no evalsheet output marker)" };
  if (sheets.some((s) => s.name === SHEETS.approval)) return { zh: "是已审定的结果（含审定记录），重新汇总会抹去审定记录", en: "is an approved result (it holds the approval record), which a new aggregate would erase" };
  // The sheets every aggregate has written since the hidden _计算 came: outputs added later
  // (联系点调研汇总) are not required, or an earlier output would pass for a template.
  if (!CORE_OUTPUTS.every((name) => sheets.some((s) => s.name === name))) return { zh: "是评价模板或填报表，不是汇总结果", en: "is an evaluation template or a filled-in workbook, not an aggregate's output" };
  return null;
}

export async function aggregateCommand(args: AggregateArgs): Promise<number> {
  const r = await aggregate(args);
  if (r.diagnostics.length) console.log(formatDiagnostics(r.diagnostics));
  const wrote = r.reading && (!hasErrors(r.diagnostics) || args.force);
  if (wrote) console.log(say(`已写出汇总：${args.out}${args.json ? `，结果 ${args.json}` : ""}${hasErrors(r.diagnostics) ? "（有错误，按 --force 强制汇总）" : ""}`, `Wrote ${args.out}${args.json ? ` and ${args.json}` : ""}${hasErrors(r.diagnostics) ? " (forced despite errors)" : ""}`));
  else if (r.code === 1) console.log(say("有错误，未写出任何文件。请修改后重试，或用 --force 强制汇总。", "Errors found; nothing was written. Fix them, or use --force."));
  return r.code;
}
