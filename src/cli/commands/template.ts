import { builtinScheme } from "../../scheme/load";
import type { Scheme } from "../../scheme/schema";
import { templatePlan } from "../../layout/template";
import { sampleData } from "../../layout/sample";
import { departmentLayouts } from "../../layout/department";
import { foldName } from "../../scheme/names";
import { planToWorkbook, workbookBytes } from "../../adapters/xlsx/xlsxFile";
import { formatDiagnostics, guardOverwrite, say, UsageError, writeAtomic } from "../io";
import { loadSchemeFile } from "../schemeArg";
import { defaultEvaluationYear, withYear, yearProblem } from "../../scheme/year";

export interface TemplateArgs {
  out: string;
  scheme?: string | undefined;
  sample: boolean;
  seed: number;
  department?: string | undefined;
  /** The evaluation year; absent = defaultEvaluationYear (said in --help and in the output). */
  year?: number | undefined;
  /** A periodic workbook's period (上半年…): the same sheets and checks, titled with the period. */
  period?: string | undefined;
  /** Write over an existing --out (--force; the demo regenerates its own files). */
  overwrite?: boolean;
}

export async function templateCommand(args: TemplateArgs): Promise<number> {
  const given = resolveScheme(args.scheme);
  if (typeof given === "number") return given;
  const year = args.year ?? defaultEvaluationYear(new Date(), given);
  const problem = yearProblem(given, year);
  if (problem) throw new UsageError(say(problem.zh, problem.en));
  // The year lives in the embedded scheme: every title, the sample's dates and the 加分扣分 date check follow it.
  const yearly = withYear(given, year);
  if (args.period !== undefined && !yearly.periodic.periods.includes(args.period)) {
    throw new UsageError(say(`周期“${args.period}”不是本方案的平时评价周期。可选：${yearly.periodic.periods.join("、")}`, `"${args.period}" is not one of the scheme's periods: ${yearly.periodic.periods.join(", ")}`));
  }
  const scheme = args.period === undefined ? yearly : { ...yearly, period: args.period };
  let department: string | undefined;
  if (args.department) {
    const wanted = foldName(args.department);
    const d = scheme.departments.find((x) => [x.name, ...x.aliases].some((n) => foldName(n) === wanted));
    const owning = departmentLayouts(scheme).map((l) => l.department);
    if (!d || !owning.includes(d.name)) {
      throw new UsageError(say(`部室“${args.department}”没有基础工作指标。可选：${owning.join("、")}`, `Department "${args.department}" owns no indicator. Choose one of: ${owning.join(", ")}`));
    }
    department = d.name;
  }
  const plan = templatePlan(scheme, {
    ...(args.sample ? { sample: sampleData(scheme, args.seed) } : {}),
    ...(department ? { department } : {}),
  });
  await guardOverwrite(args.out, args.overwrite === true);
  const wb = await planToWorkbook(plan);
  writeAtomic(args.out, await workbookBytes(wb));
  const whichYear = args.year === undefined ? say("，未指定 --year，按当前日期取默认年度", ", the default as no --year was given") : "";
  console.log(say(`已生成${department ? `“${department}”评分表` : "评价工作簿"}（${year} 年${args.period ?? "度"}${whichYear}）：${args.out}${args.sample ? `（示例数据，种子 ${args.seed}）` : ""}`,
    `Wrote ${department ? `the ${department} sheet` : "the evaluation workbook"} (${year}${args.period ? ` ${args.period}` : ""}${whichYear}): ${args.out}${args.sample ? ` (sample data, seed ${args.seed})` : ""}`));
  return 0;
}

/** --scheme or the built-in; exit code 2 (after printing why) when the file is bad. */
export function resolveScheme(path: string | undefined): Scheme | number {
  if (!path) return builtinScheme();
  const r = loadSchemeFile(path);
  if (r.ok) return r.scheme;
  console.error(formatDiagnostics(r.diagnostics));
  return 2;
}
