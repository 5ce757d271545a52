import { diagnostic, hasErrors, type Diagnostic } from "../diagnostics/diagnostic";
import type { Reading, ReadingResult } from "../validate/validate";
import { judgedScores, key, type PeriodicRecord } from "./periodic";

/*
 * Bringing periodic workbooks into the annual one (`evalsheet periodic add`, the pane's 导入平时评价):
 * which files are accepted, and the record of periods they make. Pure: the CLI and the pane read
 * the files and write the 平时评价 sheet.
 */

export interface PeriodFile {
  /** The file's name, as people see it in messages and on the 平时评价 sheet. */
  readonly name: string;
  readonly reading: ReadingResult;
}

export interface AddResult {
  readonly record: PeriodicRecord;
  /** Periods new to the workbook, in the scheme's order. */
  readonly added: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The annual judged-score cell and value of each unit × indicator, before any period counted in. */
export function annualScoreCells(annual: Reading): Map<string, { sheet: string; cell: string; value: number }> {
  const out = new Map<string, { sheet: string; cell: string; value: number }>();
  for (const b of annual.annualInputs.basic) {
    const v = b.values["score"];
    const at = b.sources["score"];
    if (typeof v === "number" && at) out.set(key(b.unit, b.indicator), { sheet: at.sheet, cell: at.cell, value: v });
  }
  return out;
}

export function addPeriods(annual: Reading, files: readonly PeriodFile[]): AddResult {
  const scheme = annual.scheme;
  const out: Diagnostic[] = [];
  const periods = new Map(annual.periodic.periods);
  const added: string[] = [];
  for (const f of files) {
    const problem = refusal(annual, f);
    if (problem) {
      out.push(problem);
      continue;
    }
    const r = f.reading as Reading;
    const period = r.scheme.period!;
    const scores = judgedScores(r.inputs);
    const before = periods.get(period);
    if (before) {
      if (!sameScores(before.scores, scores)) {
        out.push(diagnostic("error", "periodic.conflict", {
          zh: `${period}的平时评价已有一份（来自「${before.file}」），「${f.name}」中的评分与之不同（如 ${firstDifference(before.scores, scores)}）。请确认哪一份是最终结果，只导入那一份。`,
          en: `${period} is already in (from "${before.file}") and "${f.name}" scores it differently (e.g. ${firstDifference(before.scores, scores)}). Decide which is final and add only that one.`,
        }));
      } else {
        out.push(diagnostic("info", "periodic.same", { zh: `「${f.name}」与已导入的${period}（「${before.file}」）相同，未重复计入。`, en: `"${f.name}" equals the ${period} already in ("${before.file}"); counted once.` }));
      }
      continue;
    }
    periods.set(period, { file: f.name, scores, totals: new Map(r.evaluation.units.map((u) => [u.unit, u.total])) });
    added.push(period);
  }
  const ordered = new Map(scheme.periodic.periods.flatMap((p) => (periods.has(p) ? [[p, periods.get(p)!] as const] : [])));
  return { record: { periods: ordered }, added: scheme.periodic.periods.filter((p) => added.includes(p)), diagnostics: out };
}

/** Why a file cannot be a periodic result of this annual workbook; null when it can. */
function refusal(annual: Reading, f: PeriodFile): Diagnostic | null {
  const scheme = annual.scheme;
  const error = (code: string, zh: string, en: string) => diagnostic("error", code, { zh, en });
  if (!f.reading.ok || hasErrors(f.reading.diagnostics)) {
    const errors = f.reading.diagnostics.filter((d) => d.severity === "error");
    const where = errors.slice(0, 3).map((d) => (d.sheet ? `${d.sheet}!${d.cell ?? ""}` : d.message)).join("、");
    return error("periodic.errors", `「${f.name}」有 ${errors.length} 处错误（如 ${where}），不能计入。请先在该文件中改正（evalsheet validate 「${f.name}」列出全部），再导入。`, `"${f.name}" has ${errors.length} error(s) (e.g. ${where}); it cannot count in. Correct them first (evalsheet validate lists them all), then add it.`);
  }
  const s = f.reading.scheme;
  if (!s.period) {
    return error("periodic.notPeriodic", `「${f.name}」是年度评价工作簿，不是平时评价工作簿。平时评价工作簿用 evalsheet template --period ${scheme.periodic.periods[0]} 生成。`, `"${f.name}" is an annual workbook, not a periodic one. Make periodic workbooks with evalsheet template --period ${scheme.periodic.periods[0]}.`);
  }
  if (s.id !== scheme.id || s.year !== annual.scheme.year) {
    return error("periodic.otherScheme", `「${f.name}」是方案 ${s.id}、${s.year} 年度的平时评价，年度工作簿是方案 ${scheme.id}、${scheme.year} 年度，不能计入。请导入同一方案、同一年度的平时评价。`, `"${f.name}" is a periodic evaluation of scheme ${s.id}, ${s.year}; the annual workbook is scheme ${scheme.id}, ${scheme.year}. Add periodic workbooks of the same scheme and year.`);
  }
  if (!scheme.periodic.periods.includes(s.period)) {
    return error("periodic.unknownPeriod", `「${f.name}」的周期“${s.period}”不在年度方案的平时评价周期（${scheme.periodic.periods.join("、")}）之中。`, `"${f.name}" is for "${s.period}", which is not one of the annual scheme's periods (${scheme.periodic.periods.join(", ")}).`);
  }
  return null;
}

function sameScores(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

function firstDifference(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): string {
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(k) !== b.get(k)) {
      const [unit, indicator] = k.split("\u0000");
      return `${unit} ${indicator}：${a.get(k) ?? "空"} 与 ${b.get(k) ?? "空"}`;
    }
  }
  return "";
}
