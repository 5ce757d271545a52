import { beforeAll, describe, expect, it } from "vitest";
import { renderPane } from "../support/renderPane";
import HistoryTab from "../../taskpane/history/HistoryChart";
import { DetailTabs, UnitGuidancePanel } from "../../taskpane/guidance/GuidanceTab";
import * as ops from "../../taskpane/operations";
import { xlsxPort } from "../../src/adapters/xlsx/xlsxPort";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { writePlanOver } from "../../src/adapters/xlsx/writeOver";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { readWorkbook, type Reading } from "../../src/validate/validate";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { builtinScheme } from "../../src/scheme/load";
import { withYear } from "../../src/scheme/year";
import { SHEETS } from "../../src/layout/names";
import { aggregatePlan } from "../../src/report/aggregate";
import { resultJson } from "../../src/report/resultJson";
import { planSnapshot } from "../support/planSnapshot";

/**
 * The pane's 历年 (issue 10 §2): 导入历年结果 writes the hidden sheet through the workbook port, and
 * the explanation dialog's chart plots each year's total and group rank, this year last.
 */
const render = renderPane;

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const base = builtinScheme();

function reading(year: number, seed: number): Reading {
  const scheme = withYear(base, year);
  const r = readWorkbook(planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, seed) })));
  if (!r.ok) throw new Error("invalid");
  return r;
}

/** The points the chart draws: series, year, value and the y it is drawn at. */
function plotted(html: string): { series: string; year: number; value: number; cy: number }[] {
  return [...html.matchAll(/<circle [^>]*>/g)].map(([tag]) => {
    const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)![1]!;
    return { series: attr("data-series"), year: Number(attr("data-year")), value: Number(attr("data-value")), cy: Number(attr("cy")) };
  });
}

describe("导入历年结果 and the 历年 chart", () => {
  const r2024 = reading(2024, 51);
  const r2025 = reading(2025, 52);
  let withHistory: Reading;
  let port: ReturnType<typeof xlsxPort>;
  let added: Awaited<ReturnType<typeof ops.importHistory>>;
  let refused: Awaited<ReturnType<typeof ops.importHistory>>;
  const phases: string[] = [];

  // 导入历年结果 through the file port (2024 from result.json, 2025 from an output), a refused second
  // import, then 汇总: what the chart and the tab are given.
  beforeAll(async () => {
    const y2025 = withYear(base, 2025);
    const input2025 = await workbookBytes(await planToWorkbook(templatePlan(y2025, { sample: sampleData(y2025, 52) })));
    const opened = await openXlsx(input2025, "y2025.xlsx");
    if (!opened.ok) throw new Error("unreadable");
    const out2025 = (await writePlanOver(input2025, "y2025.xlsx", opened.workbook, aggregatePlan(r2025, { madeAt: "2026-01-20 10:00" }))).bytes;
    const json2024 = new TextEncoder().encode(JSON.stringify(resultJson(r2024.scheme, r2024.evaluation, [])));

    const y2026 = withYear(base, 2026);
    port = xlsxPort(await planToWorkbook(templatePlan(y2026, { sample: sampleData(y2026, 53) })));
    added = await ops.importHistory({ port, progress: (p) => phases.push(p) }, [{ name: "r2024.json", bytes: json2024 }, { name: "o2025.xlsx", bytes: out2025 }]);
    const other = resultJson(r2025.scheme, reading(2025, 99).evaluation, []);
    refused = await ops.importHistory({ port }, [{ name: "另一份.json", bytes: new TextEncoder().encode(JSON.stringify(other)) }]);
    const agg = await ops.aggregate({ port });
    if (!agg.ok) throw new Error("aggregate failed");
    withHistory = agg.value;
  }, 120_000);

  it("imports a result.json and an earlier output through the port; the next aggregate's reading carries both years", async () => {
    expect(added.ok, JSON.stringify(added.diagnostics)).toBe(true);
    if (added.ok) expect(added.value).toEqual({ added: [2024, 2025], years: [2024, 2025] });
    expect(phases).toEqual(["phaseRead", "phaseValidate", "phaseWrite"]);

    // The same year again with other values is refused, naming both files, and nothing is written.
    expect(refused.ok).toBe(false);
    expect(refused.diagnostics.map((d) => d.code)).toContain("history.conflict");
    expect(refused.diagnostics.find((d) => d.code === "history.conflict")!.message).toMatch(/「o2025\.xlsx」和「另一份\.json」/);

    expect(withHistory.history.years.map((y) => [y.year, y.source])).toEqual([[2024, "r2024.json"], [2025, "o2025.xlsx"]]);
    const read = await port.readSnapshot();
    if (read.ok) expect(read.value.sheets.find((s) => s.name === SHEETS.history)?.state).toBe("hidden");
  });

  it("plots 2024, 2025 and this year's total and group rank for a district, higher totals and better ranks drawn higher", () => {
    const unit = "渝中区";
    const html = render(<HistoryTab reading={withHistory} unit={unit} />);
    const points = plotted(html);
    const years = [r2024, r2025, withHistory].map((r) => r.evaluation.units.find((u) => u.unit === unit)!);
    expect(points.filter((p) => p.series === "total").map((p) => [p.year, p.value])).toEqual([[2024, years[0]!.total], [2025, years[1]!.total], [2026, years[2]!.total]]);
    expect(points.filter((p) => p.series === "groupRank").map((p) => [p.year, p.value])).toEqual([[2024, years[0]!.groupRank], [2025, years[1]!.groupRank], [2026, years[2]!.groupRank]]);
    for (const series of ["total", "groupRank"]) {
      const ps = points.filter((p) => p.series === series);
      for (const a of ps) for (const b of ps) {
        const better = series === "total" ? a.value > b.value : a.value < b.value;
        if (better) expect(a.cy, `${series} ${a.year} above ${b.year}`).toBeLessThan(b.cy);
      }
    }
    expect(text(html)).toContain("2026（本年）");
    expect(text(html)).toContain(`第 ${years[2]!.groupRank} 名（共 22 个）`);
  });

  it("without history the tab says how to add it and plots this year only; the dialog offers the tab", () => {
    const bare = reading(2026, 53);
    const html = render(<HistoryTab reading={bare} unit="渝中区" />);
    expect(text(html)).toContain("没有历年结果");
    expect(plotted(html).map((p) => p.year)).toEqual([2026, 2026]);
    expect(text(render(<DetailTabs tab="history" onTab={() => undefined} />))).toMatch(/得分说明.*分类指导.*历年/);
  });

  it("the pane's 分类指导 compares with last year from the workbook's history", () => {
    const prior = r2025.evaluation.units.find((u) => u.unit === "渝中区")!;
    const html = text(render(<UnitGuidancePanel reading={withHistory} unit="渝中区" />));
    expect(html).toContain(`2025 年度 ${prior.total.toFixed(2)} 分`);
    expect(text(render(<UnitGuidancePanel reading={reading(2026, 53)} unit="渝中区" />))).toContain("无上年数据");
  });
});
