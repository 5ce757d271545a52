import { parseArgs } from "node:util";
import type { ZodError } from "zod";
import { say, UsageError } from "./io";

const USAGE = `evalsheet — 区县妇联工作分类评价

用法 (usage):
  evalsheet template --out FILE.xlsx [--year N] [--period 上半年] [--scheme S.json] [--sample] [--seed N] [--department 部室] [--force]
  evalsheet validate FILE.xlsx [--json] [--scheme S.json]
  evalsheet aggregate FILE.xlsx --out OUT.xlsx [--json RESULT.json] [--force] [--scheme S.json]
  evalsheet collect MASTER.xlsx DEPT.xlsx… --out OUT.xlsx [--force]
  evalsheet approve FILE.xlsx --by 审定人 [--date YYYY-MM-DD] --out OUT.xlsx [--force]
  evalsheet verify FILE.xlsx [--json]
  evalsheet periodic add ANNUAL.xlsx PERIOD.xlsx… --out OUT.xlsx [--force]
  evalsheet history add FILE.xlsx PRIOR.xlsx|RESULT.json… --out OUT.xlsx [--force]
  evalsheet publish FILE.xlsx --out DIR [--approved-only] [--force]
  evalsheet scheme [--json] [--scheme S.json]
  evalsheet demo [--out-dir out] [--seed N]

--year：评价年度（不早于方案的适用年份，cq-2024 为 2024）。省略时：1—6 月取上一年（次年 1 月评价上一年的工作），7—12 月取当年。
--year: the evaluation year (not before the scheme's first year, 2024 for cq-2024). Default: last year in January–June, this year in July–December.
approve：党组会审定后记录审定人、日期（默认今天）和全部输入的指纹；verify 检查审定后是否被修改（0 未修改 · 1 已修改并列出单元格 · 2 未审定）。
approve records who approved, when (default today) and a fingerprint of every input; verify: 0 unchanged · 1 changed (cells listed) · 2 not approved.
已存在的 --out 不会被覆盖（aggregate 可替换自己以前的输出；template、collect、approve 需加 --force）。
An existing --out is never overwritten (aggregate may replace its own earlier output; template, collect and approve need --force).
退出码 (exit codes): 0 成功 ok · 1 工作簿有错误 errors in the workbook · 2 文件无法读取或用法错误 unreadable file or usage
English messages: EVALSHEET_LANG=en evalsheet …`;

const options = {
  out: { type: "string" },
  scheme: { type: "string" },
  sample: { type: "boolean", default: false },
  seed: { type: "string" },
  department: { type: "string" },
  year: { type: "string" },
  period: { type: "string" },
  by: { type: "string" },
  date: { type: "string" },
  json: { type: "string" },
  force: { type: "boolean", default: false },
  "out-dir": { type: "string" },
  "approved-only": { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** The arguments' schemas; zod is loaded after --help is answered (it is most of a bare start). */
async function argSchemas() {
  const { z } = await import("zod");
  return {
    Seed: z.coerce.number().int().min(0).max(2 ** 31 - 1),
    Year: z.coerce.number({ message: "--year 须为四位数年份，如 2025 (--year must be a year such as 2025)" }).int({ message: "--year 须为整数年份 (--year must be a whole year)" }),
    Xlsx: z.string().regex(/\.xlsx$/i, { message: "需要 .xlsx 文件 (an .xlsx file is required)" }),
  };
}

function isZodError(e: unknown): e is ZodError {
  return (e as { name?: unknown } | null)?.name === "ZodError" && Array.isArray((e as { issues?: unknown }).issues);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  // --json takes a file for aggregate, nothing for validate/scheme: normalise before parsing.
  const flagOnlyJson = command === "validate" || command === "scheme" || command === "verify";
  const args = flagOnlyJson ? rest.map((a) => (a === "--json" ? "--json=1" : a)) : rest;
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const { Seed, Year, Xlsx } = await argSchemas();
  const seed = Seed.parse(values.seed ?? 2024);
  // Each command is loaded when it runs, so --help loads neither exceljs nor the workbook writer.
  switch (command) {
    case "template":
      return (await import("./commands/template")).templateCommand({ out: Xlsx.parse(need(values.out, "--out")), scheme: values.scheme, sample: values.sample, seed, department: values.department, period: values.period, overwrite: values.force, year: values.year === undefined ? undefined : Year.parse(values.year) });
    case "validate":
      return (await import("./commands/validate")).validateCommand({ file: one(positionals, "FILE.xlsx"), json: values.json !== undefined, scheme: values.scheme });
    case "aggregate":
      return (await import("./commands/aggregate")).aggregateCommand({ file: one(positionals, "FILE.xlsx"), out: Xlsx.parse(need(values.out, "--out")), json: values.json, force: values.force, scheme: values.scheme });
    case "collect": {
      if (positionals.length < 2) throw new UsageError(say("collect 需要主表和至少一个部室文件。", "collect needs the master and at least one department file."));
      const [master, ...departments] = positionals;
      return (await import("./commands/collect")).collectCommand({ master: master!, departments, out: Xlsx.parse(need(values.out, "--out")), force: values.force });
    }
    case "approve":
      return (await import("./commands/approve")).approveCommand({ file: one(positionals, "FILE.xlsx"), by: values.by, date: values.date, out: Xlsx.parse(need(values.out, "--out")), force: values.force });
    case "verify":
      return (await import("./commands/approve")).verifyCommand({ file: one(positionals, "FILE.xlsx"), json: values.json !== undefined });
    case "publish":
      // 晾晒 (issue 10 §4): loaded only when asked for.
      return (await import("./commands/publish")).publishCommand({ file: one(positionals, "FILE.xlsx"), outDir: need(values.out, "--out"), approvedOnly: values["approved-only"], force: values.force });
    case "periodic": {
      // 平时评价 (issue 10 §1): periodic workbooks' judged scores into the annual workbook's 平时评价 sheet.
      const [verb, file, ...periods] = positionals;
      if (verb !== "add" || !file || periods.length === 0) throw new UsageError(say("用法：evalsheet periodic add 年度工作簿.xlsx 平时评价.xlsx… --out 输出.xlsx", "Usage: evalsheet periodic add ANNUAL.xlsx PERIOD.xlsx… --out OUT.xlsx"));
      return (await import("./commands/periodic")).periodicCommand({ file, periods, out: Xlsx.parse(need(values.out, "--out")), force: values.force });
    }
    case "history": {
      // 历年结果 (issue 10 §2): prior years' outputs or result.json files into the workbook's hidden 历年结果.
      const [verb, file, ...priors] = positionals;
      if (verb !== "add" || !file || priors.length === 0) throw new UsageError(say("用法：evalsheet history add 本年度工作簿.xlsx 往年汇总.xlsx|result.json… --out 输出.xlsx", "Usage: evalsheet history add FILE.xlsx PRIOR.xlsx|RESULT.json… --out OUT.xlsx"));
      return (await import("./commands/history")).historyCommand({ file, priors, out: Xlsx.parse(need(values.out, "--out")), force: values.force });
    }
    case "scheme":
      return (await import("./commands/scheme")).schemeCommand({ json: values.json !== undefined, scheme: values.scheme });
    case "demo":
      return (await import("./commands/demo")).demoCommand({ outDir: values["out-dir"] ?? "out", seed });
    default:
      throw new UsageError(say(`未知命令“${command}”。`, `Unknown command "${command}".`));
  }
}

function need(v: string | undefined, flag: string): string {
  if (!v) throw new UsageError(say(`缺少 ${flag}。`, `Missing ${flag}.`));
  return v;
}

function one(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(say(`需要且只需要一个 ${what}。`, `Exactly one ${what} is needed.`));
  return positionals[0]!;
}

/** Usage problems exit 2 with the usage text; anything unexpected exits 2 with one line, no stack. */
export async function run(argv: string[]): Promise<number> {
  try {
    return await main(argv);
  } catch (e) {
    if (e instanceof UsageError || isZodError(e) || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      const text = isZodError(e) ? e.issues.map((i) => i.message).join("；") : (e as Error).message;
      console.error(`${text}\n\n${USAGE}`);
      return 2;
    }
    console.error(say(`内部错误：${(e as Error).message}。请把此信息和文件发给维护人员。`, `Internal error: ${(e as Error).message}. Please report it with the file.`));
    if (process.env["EVALSHEET_DEBUG"]) console.error(e);
    return 2;
  }
}
