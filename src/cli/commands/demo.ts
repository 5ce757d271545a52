import { join } from "node:path";
import type { Scheme } from "../../scheme/schema";
import type { Evaluation } from "../../engine/evaluate";
import { summaryOrder } from "../../report/summary";
import { ruleMaxima } from "../../engine/basic";
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
  console.log(partsNote(r.reading.scheme, r.reading.evaluation));
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

/** The indicators made of a judged and a measured part, and the measures entered as 不适用. */
export function partsNote(scheme: Scheme, evaluation: Evaluation): string {
  const group = scheme.groups[0]!.id;
  const split = scheme.indicators
    .filter((i) => i.rules.filter((r) => r.kind === "manual" || r.kind === "target").length > 1)
    .map((i) => {
      const maxima = ruleMaxima(i, group);
      const parts = i.rules.flatMap((r, k) => (r.kind === "manual" ? [`定性 ${maxima[k]}`] : r.kind === "target" ? [`量化 ${maxima[k]}`] : []));
      return `${i.name} ${parts.join(" + ")}`;
    });
  const na = evaluation.units.flatMap((u) => u.trail.filter((t) => t.kind === "notApplicable").map((t) => `${u.unit}：${t.text.zh.split("：").slice(1).join("：")}`));
  return [
    say(`定性与定量相结合（默认分值，可在评价方案中调整）：${split.join("；")}。`, `Judged + measured parts (defaults, editable): ${split.join("; ")}.`),
    ...(na.length ? [say(`不适用（不扣分）：${na.join("；")}。`, `Not applicable (no points lost): ${na.join("; ")}.`)] : []),
  ].join("\n");
}

function f(n: number): string {
  return n.toFixed(2);
}
