import { join } from "node:path";
import type { Scheme } from "../../scheme/schema";
import type { Evaluation } from "../../engine/evaluate";
import { summaryOrder } from "../../report/summary";
import { builtinScheme } from "../../scheme/load";
import { formatDiagnostics, say } from "../io";
import { table } from "../table";
import { aggregate } from "./aggregate";
import { templateCommand } from "./template";

/** template --sample → aggregate → each group's ranked table; writes out/demo.xlsx. */
export async function demoCommand(args: { outDir: string; seed: number }): Promise<number> {
  const input = join(args.outDir, "demo-input.xlsx");
  const output = join(args.outDir, "demo.xlsx");
  const json = join(args.outDir, "demo-result.json");
  // The scheme's own year, not today's default: the demo's output stays the same from year to year.
  const code = await templateCommand({ out: input, sample: true, seed: args.seed, overwrite: true, year: builtinScheme().year });
  if (code !== 0) return code;
  const r = await aggregate({ file: input, out: output, json, force: false });
  if (!r.reading) {
    console.log(formatDiagnostics(r.diagnostics));
    return r.code;
  }
  const warnings = r.diagnostics.filter((d) => d.severity !== "info").length;
  console.log(rankedTables(r.reading.scheme, r.reading.evaluation));
  console.log("");
  console.log(say(`校验：${warnings === 0 ? "无错误、无警告" : `${warnings} 条错误或警告`}。已写出 ${output}（汇总表为公式）和 ${json}。`,
    `Validation: ${warnings === 0 ? "no errors or warnings" : `${warnings} errors or warnings`}. Wrote ${output} (formula summary) and ${json}.`));
  return r.code;
}

export function rankedTables(scheme: Scheme = builtinScheme(), evaluation: Evaluation): string {
  const ordered = summaryOrder(scheme, evaluation);
  const parts: string[] = [];
  for (const g of scheme.groups) {
    const units = ordered.filter((u) => u.group === g.id);
    parts.push(`\n【${g.name}】${units.length} 个`);
    parts.push(table(
      ["组内", "全市", "区县", "基础", "案例", "综合", "加分", "扣分", "总分", "等次"],
      units.map((u) => [String(u.groupRank), String(u.overallRank), u.unit, f(u.basic), f(u.bestPractice), f(u.composite), f(u.bonus), f(u.penalty), f(u.total), u.tier]),
      [true, true, false, true, true, true, true, true, true, false],
    ));
  }
  return parts.join("\n");
}

function f(n: number): string {
  return n.toFixed(2);
}
