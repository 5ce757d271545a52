import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { diagnostic, hasErrors, type Diagnostic } from "../../diagnostics/diagnostic";
import { readWorkbook } from "../../validate/validate";
import { SHEETS } from "../../layout/names";
import { addPeriods, annualScoreCells, type PeriodFile } from "../../report/periodicAdd";
import { missingPeriods, periodicSheet } from "../../report/periodic";
import { dataSheet } from "../../layout/dataSheet";
import { writePlanOver } from "../../adapters/xlsx/writeOver";
import { formatDiagnostics, guardOverwrite, openFileDirect, samePath, say, UsageError, writeAtomic } from "../io";

export interface PeriodicArgs {
  file: string;
  periods: string[];
  out: string;
  force?: boolean;
}

/**
 * `evalsheet periodic add ANNUAL PERIOD… --out OUT`: OUT = ANNUAL with each periodic workbook's judged
 * scores in its 平时评价 sheet (every other part of ANNUAL as it was). Exit 0 written · 1 refused
 * (a periodic workbook of another scheme or year, an annual one, one with errors, the same period
 * twice with different values), nothing written · 2 unreadable file or usage.
 */
export async function periodicCommand(args: PeriodicArgs): Promise<number> {
  if ([args.file, ...args.periods].some((f) => samePath(f, args.out))) throw new UsageError(say("--out 不能与输入文件相同：输入文件从不被修改。", "--out must differ from every input file: inputs are never modified."));
  await guardOverwrite(args.out, args.force === true);
  const opened = await openFileDirect(args.file);
  if (!opened.ok) return done(opened.diagnostics, 2);
  const name = basename(args.file);
  const annual = readWorkbook(opened.snapshot);
  if (!annual.ok) return done(annual.diagnostics, 1);
  if (annual.scheme.period) {
    return done([diagnostic("error", "periodic.annualIsPeriodic", {
      zh: `「${name}」是${annual.scheme.period}的平时评价工作簿，不是年度评价工作簿。请把年度工作簿放在第一个参数，平时评价工作簿放在其后。`,
      en: `"${name}" is the periodic workbook of ${annual.scheme.period}, not the annual one. Give the annual workbook first, then the periodic ones.`,
    })], 1);
  }

  const files: PeriodFile[] = [];
  for (const path of args.periods) {
    const got = await openFileDirect(path);
    if (!got.ok) return done(got.diagnostics, 2);
    const reading = readWorkbook(got.snapshot);
    files.push({ name: basename(path), reading });
  }
  const result = addPeriods(annual, files);
  if (hasErrors(result.diagnostics)) {
    console.log(formatDiagnostics(result.diagnostics, { showInfo: true }));
    console.log(say("未写出任何文件。", "Nothing was written."));
    return 1;
  }
  const sheet = periodicSheet(annual.scheme, result.record, annualScoreCells(annual));
  // _evalsheet too: 平时评价's formulas read the scheme's numbers there (decimals in P9), and a
  // workbook made by an earlier version, not aggregated since, does not have them yet.
  const written = await writePlanOver(new Uint8Array(readFileSync(args.file)), name, opened.workbook, { sheets: [dataSheet(annual.scheme), sheet], placement: "last" });
  writeAtomic(args.out, written.bytes);
  const shown = [...result.diagnostics, ...written.diagnostics];
  if (shown.length) console.log(formatDiagnostics(shown, { showInfo: true }));
  const missing = missingPeriods(annual.scheme, result.record);
  const aggregated = opened.snapshot.sheets.some((s) => s.name === SHEETS.summary);
  console.log(say(
    `已导入平时评价：${result.added.join("、") || "无新周期"}；${missing.length ? `尚缺：${missing.join("、")}` : "各周期均已导入"}。已写出：${args.out}（“${SHEETS.periodic}”表）。${aggregated ? "重新汇总后计入：" : "汇总时计入："}evalsheet aggregate ${args.out} --out 汇总.xlsx`,
    `Periodic results added: ${result.added.join(", ") || "no new period"}; ${missing.length ? `still missing: ${missing.join(", ")}` : "every period is in"}. Wrote ${args.out} (sheet ${SHEETS.periodic}). ${aggregated ? "They count in once aggregated again" : "They count in when aggregated"}: evalsheet aggregate ${args.out} --out OUT.xlsx`,
  ));
  return 0;
}

function done(diagnostics: readonly Diagnostic[], code: number): number {
  console.log(formatDiagnostics([...diagnostics], { showInfo: true }));
  return code;
}
