import { describe, expect, it } from "vitest";
import { builtinScheme } from "../../src/scheme/load";
import { sampleData } from "../../src/layout/sample";
import { templatePlan } from "../../src/layout/template";
import { A4_PRINTABLE } from "../../src/layout/print";
import { readWorkbook } from "../../src/validate/validate";
import { guidance } from "../../src/report/guidance";
import { guidanceSheet } from "../../src/report/guidanceSheet";
import { planSnapshot } from "../support/planSnapshot";

/**
 * The 分类指导 sheet's plan: a page per district that fits A4 portrait as Excel prints it (every
 * row's explicit height added up), even with the longest reasons, case titles and both comparisons;
 * long texts cut with a pointer to where the rest is; each page dated.
 */
const scheme = builtinScheme();

function planFor(mutate: (s: ReturnType<typeof sampleData>) => void = () => {}) {
  const sample = sampleData(scheme, 2024);
  mutate(sample);
  const r = readWorkbook(planSnapshot(templatePlan(scheme, { sample })));
  if (!r.ok) throw new Error("unreadable");
  return r;
}

function pages(sheet: ReturnType<typeof guidanceSheet>) {
  const starts = [0, ...sheet.print!.breaksBefore!, sheet.rows.length];
  return starts.slice(0, -1).map((from, k) => {
    const rows = sheet.rows.slice(from, starts[k + 1]);
    let height = 0;
    for (let r = from; r < starts[k + 1]!; r++) height += sheet.rowHeights![r]!;
    return { rows, height, text: rows.map((row) => row.map((c) => c?.value ?? "").join(" ")).join("\n") };
  });
}

describe("分类指导 sheet", () => {
  it("worst case — every reason 500 characters, long case titles, both comparisons: every page still fits A4, long texts cut with a pointer", () => {
    const r = planFor((s) => {
      for (const key of s.reasons.keys()) s.reasons.set(key, "该项工作开展不够扎实，台账资料不完整，".repeat(25));
      for (const c of s.cases) c.title = `${c.title}${"——巾帼建功新时代示范项目".repeat(6)}`;
    });
    const units = Object.fromEntries(r.evaluation.units.map((u) => [u.unit, { total: u.total - 3.25, groupRank: 1, tier: "特优" }]));
    const g = guidance(scheme, r.evaluation, r.inputs, { previous: { label: "2023 年度", units }, lastPeriod: { label: "上半年", units } });
    const sheet = guidanceSheet(g, "2025-01-20 15:04");
    const ps = pages(sheet);
    expect(ps).toHaveLength(41);
    for (const p of ps) expect(p.height).toBeLessThanOrEqual(A4_PRINTABLE.portrait.height);
    const all = ps.map((p) => p.text).join("\n");
    expect(all).toContain("…（全文见扣分明细）");
    expect(all).toContain("与上年比：2023 年度");
    expect(all).toContain("与上期比：上半年");
    for (const p of ps) expect(p.text).toContain("2025-01-20 15:04 汇总时的快照");
  });

  it("the demo: pages in group order, each with its district's title; a district at full marks says so", () => {
    const r = planFor();
    const g = guidance(scheme, r.evaluation, r.inputs);
    const full = g.units.find((u) => u.weakest.length === 0);
    const ps = pages(guidanceSheet(g, "2025-01-20 15:04"));
    ps.forEach((p, k) => expect(p.rows[0]![0]!.value).toBe(`${g.units[k]!.unit} 分类指导（2024 年度）`));
    expect(g.units.map((u) => u.groupId)).toEqual(scheme.groups.flatMap((gr) => scheme.units.filter((u) => u.group === gr.id).map(() => gr.id)));
    if (full) expect(ps[g.units.indexOf(full)]!.text).toContain("各项指标均为满分。");
    for (const p of ps) expect(p.text).toContain("与上年比：无上年数据");
  });
});
