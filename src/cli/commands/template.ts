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
  const scheme = withYear(given, year);
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
  console.log(say(`已生成${department ? `“${department}”评分表` : "评价工作簿"}（${year} 年度${whichYear}）：${args.out}${args.sample ? `（示例数据，种子 ${args.seed}）` : ""}`,
    `Wrote ${department ? `the ${department} sheet` : "the evaluation workbook"} (${year}${whichYear}): ${args.out}${args.sample ? ` (sample data, seed ${args.seed})` : ""}`));
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
