import { describe, expect, it } from "vitest";
import { builtinScheme } from "../../src/scheme/load";
import { withYear } from "../../src/scheme/year";
import { sampleData } from "../../src/layout/sample";
import { templatePlan } from "../../src/layout/template";
import { SHEETS } from "../../src/layout/names";
import { readWorkbook, type Reading } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { SUMMARY } from "../../src/report/summary";
import { resultJson } from "../../src/report/resultJson";
import { historySheet, readHistory, type History } from "../../src/history/history";
import { addToHistory, matchPrior, priorFromEvaluation, priorFromResultJson, type PriorFile } from "../../src/history/prior";
import { inputFingerprint } from "../../src/report/approval";
import { planSnapshot } from "../support/planSnapshot";
import { planHistory, priorFromWorkbook } from "../../src/history/priorFile";
import type { WorkbookSnapshot } from "../../src/workbook/snapshot";
import { paramRef } from "../../src/layout/schemeTables";

/**
 * 历年结果 (issue 10 §2) in the core: prior files matched to this scheme with their differences
 * named, a year given twice refused or accepted, the hidden sheet read back, and 汇总 / 分类指导
 * showing the latest prior year.
 */
const base = builtinScheme();

function yearReading(year: number, seed: number, extra: WorkbookSnapshot["sheets"] = []): Reading {
  const scheme = withYear(base, year);
  const wb = planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, seed) }));
  const r = readWorkbook({ ...wb, sheets: [...wb.sheets, ...extra] });
  if (!r.ok) throw new Error("sample invalid");
  return r;
}

const r2024 = yearReading(2024, 11);
const r2025 = yearReading(2025, 12);
const scheme2026 = withYear(base, 2026);
const fromJson = priorFromResultJson("r2024.json", resultJson(r2024.scheme, r2024.evaluation, []));
const fromWorkbook = priorFromEvaluation("o2025.xlsx", r2025.scheme, r2025.evaluation);
const col = (letter: string) => letter.charCodeAt(0) - 65;

describe("a prior file of another unit set or scheme is taken, its differences named", () => {
  const file: PriorFile = {
    ...fromWorkbook,
    schemeId: "cq-2023",
    // 綦江区 under its old name, 大渡口区 gone, a district this scheme does not know.
    units: [...fromWorkbook.units.filter((u) => u.name !== "大渡口区").map((u) => (u.name === "綦江区" ? { ...u, name: "綦江县" } : u)),
      { name: "测试新区", group: "重庆主城区都市圈", total: 80, groupRank: 23, overallRank: 42, tier: "良" }],
    indicators: [...fromWorkbook.indicators!.slice(1), { id: "X99", name: "旧指标" }],
  };
  const { year, diagnostics } = matchPrior(scheme2026, file);
  const by = (code: string) => diagnostics.filter((d) => d.code === code);

  it("matches districts by name and alias, and keeps the ones it cannot match without showing them", () => {
    const qijiang = year.units.find((u) => u.sourceName === "綦江县")!;
    expect(qijiang.unit).toBe("綦江区");
    expect(qijiang.total).toBe(r2025.evaluation.units.find((u) => u.unit === "綦江区")!.total);
    expect(year.units.find((u) => u.sourceName === "测试新区")!.unit).toBeNull();
  });

  it("names the districts missing and extra, the other scheme and the indicators dropped and added (by id)", () => {
    expect(by("history.extraUnits").map((d) => d.message)).toEqual([expect.stringContaining("测试新区")]);
    expect(by("history.missingUnits").map((d) => d.message)).toEqual([expect.stringContaining("大渡口区")]);
    expect(by("history.missingUnits")[0]!.message).not.toContain("綦江区");
    expect(by("history.otherScheme")[0]!.message).toContain("cq-2023");
    const first = base.indicators[0]!;
    expect(by("history.indicators")[0]!.message).toContain(`当年没有 ${first.id} ${first.name}`);
    expect(by("history.indicators")[0]!.message).toContain("本方案没有 X99 旧指标");
    for (const d of diagnostics) expect(d.message, d.code).toContain("「o2025.xlsx」");
  });

  it("says nothing about a prior file of the same districts and scheme", () => {
    expect(matchPrior(scheme2026, fromWorkbook).diagnostics).toEqual([]);
  });
});

describe("adding years", () => {
  const start = addToHistory(scheme2026, { years: [] }, [fromJson, fromWorkbook]);

  it("takes two earlier years, earliest first", () => {
    expect(start.diagnostics).toEqual([]);
    expect(start.history.years.map((y) => [y.year, y.source, y.units.length])).toEqual([[2024, "r2024.json", 41], [2025, "o2025.xlsx", 41]]);
  });

  it("refuses one year twice with other values, naming both files; accepts it with the same values", () => {
    const other = priorFromEvaluation("另一份2025.xlsx", r2025.scheme, yearReading(2025, 99).evaluation);
    const conflict = addToHistory(scheme2026, start.history, [other]);
    const errors = conflict.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => d.code)).toEqual(["history.conflict"]);
    expect(errors[0]!.message).toContain("「o2025.xlsx」");
    expect(errors[0]!.message).toContain("「另一份2025.xlsx」");
    expect(errors[0]!.message).toContain("2025 年度");
    // Two files of one year in one call, too.
    expect(addToHistory(scheme2026, { years: [] }, [fromWorkbook, other]).diagnostics.map((d) => d.code)).toEqual(["history.conflict"]);

    const again = addToHistory(scheme2026, start.history, [{ ...fromWorkbook, source: "副本.xlsx" }]);
    expect(again.diagnostics.map((d) => [d.severity, d.code])).toEqual([["info", "history.sameYear"]]);
    expect(again.history).toEqual(start.history);
    expect(again.same).toEqual([2025]);
  });

  it("refuses a year not before the workbook's", () => {
    const r = addToHistory(withYear(base, 2025), { years: [] }, [fromWorkbook]);
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([["error", "history.notEarlier"]]);
    expect(r.diagnostics[0]!.message).toContain("「o2025.xlsx」是 2025 年度的结果，不早于本工作簿的 2025 年度");
  });

  it("the hidden sheet reads back as written, and is not part of the approval fingerprint", () => {
    const sheet = planSnapshot({ sheets: [historySheet(start.history)], placement: "last" });
    expect(sheet.sheets[0]!.state).toBe("hidden");
    expect(readHistory(sheet)).toEqual({ history: start.history, diagnostics: [] });
    expect(Object.keys(inputFingerprint(sheet))).toEqual([]);
  });

  it("a damaged row is left out with a warning at its cell", () => {
    const sheet = planSnapshot({ sheets: [historySheet(start.history)], placement: "last" });
    const rows = sheet.sheets[0]!.rows.map((r) => [...r]);
    rows[5]![4] = "abc";
    const read = readHistory({ ...sheet, sheets: [{ ...sheet.sheets[0]!, rows }] });
    expect(read.diagnostics.map((d) => `${d.sheet}!${d.cell}`)).toEqual([`${SHEETS.history}!A6`]);
    expect(read.history.years[0]!.units).toHaveLength(40);
  });
});

describe("汇总 and 分类指导 show the latest prior year", () => {
  const history: History = addToHistory(scheme2026, { years: [] }, [fromJson, fromWorkbook]).history;
  const withHistory = yearReading(2026, 13, planSnapshot({ sheets: [historySheet(history)], placement: "last" }).sheets);
  const without = yearReading(2026, 13);
  const plan = aggregatePlan(withHistory, { madeAt: "2027-01-20 10:00" });
  const summary = plan.sheets.find((s) => s.name === SHEETS.summary)!;
  const c = SUMMARY.cols;

  it("上年总分 and 上年等次 are 2025's values; 变化 is the formula 总分 − 上年总分 with the engine's difference cached", () => {
    expect(withHistory.history.years.map((y) => y.year)).toEqual([2024, 2025]);
    expect(summary.rows[SUMMARY.headerRow]![col(c.prevTotal)]!.value).toBe("上年总分\n（2025年）");
    let checked = 0;
    summary.rows.forEach((row, r) => {
      const u = withHistory.evaluation.units.find((x) => x.unit === row[col(c.unit)]?.value);
      if (!u || r <= SUMMARY.headerRow) return;
      const prior = r2025.evaluation.units.find((x) => x.unit === u.unit)!;
      expect(row[col(c.prevTotal)]!.value).toBe(prior.total);
      expect(row[col(c.prevTier)]!.value).toBe(prior.tier);
      expect(row[col(c.change)]!.formula).toBe(`IF(ISNUMBER(${c.prevTotal}${r + 1}),ROUND(${c.total}${r + 1}-${c.prevTotal}${r + 1},${paramRef("decimals")}),"")`);
      expect(row[col(c.change)]!.value).toBeCloseTo(u.total - prior.total, 6);
      checked++;
    });
    expect(checked).toBe(41);
  });

  it("without history the 上年 columns are empty and 分类指导 says 无上年数据", () => {
    const bare = aggregatePlan(without, { madeAt: "2027-01-20 10:00" });
    const rows = bare.sheets.find((s) => s.name === SHEETS.summary)!.rows.filter((r) => without.evaluation.units.some((u) => u.unit === r[col(c.unit)]?.value));
    expect(rows).toHaveLength(41);
    for (const r of rows) expect([r[col(c.prevTotal)]!.value, r[col(c.prevTier)]!.value, r[col(c.change)]!.value]).toEqual([null, null, ""]);
    const text = JSON.stringify(bare.sheets.find((s) => s.name === SHEETS.guidance)!.rows);
    expect(text).toContain("无上年数据");
    expect(text).not.toContain("2025 年度");
  });

  it("分类指导 compares each district with 2025", () => {
    const text = JSON.stringify(plan.sheets.find((s) => s.name === SHEETS.guidance)!.rows);
    expect(text).not.toContain("无上年数据");
    const u = withHistory.evaluation.units.find((x) => x.unit === "渝中区")!;
    const prior = r2025.evaluation.units.find((x) => x.unit === "渝中区")!;
    expect(text).toContain(`2025 年度 ${prior.total.toFixed(2)} 分`);
    expect(u.total).toBeGreaterThan(0);
  });

  it("the history is an input: the aggregate never writes it", () => {
    expect(plan.sheets.map((s) => s.name)).not.toContain(SHEETS.history);
  });
});

describe("an earlier output brings the years it carries", () => {
  // 2025's output, aggregated with 2024 in its own 历年结果.
  const scheme2025 = withYear(base, 2025);
  const history2024 = addToHistory(scheme2025, { years: [] }, [fromJson]).history;
  const input = planSnapshot(templatePlan(scheme2025, { sample: sampleData(scheme2025, 12) }));
  const withPrior = { ...input, sheets: [...input.sheets, ...planSnapshot({ sheets: [historySheet(history2024)], placement: "last" }).sheets] };
  const reading2025 = readWorkbook(withPrior);
  if (!reading2025.ok) throw new Error("invalid");
  const output = { ...withPrior, sheets: [...planSnapshot(aggregatePlan(reading2025, { madeAt: "2026-01-20 10:00" })).sheets, ...withPrior.sheets] };
  const y2026 = planSnapshot(templatePlan(scheme2026, { sample: sampleData(scheme2026, 13) }));

  it("one import of last year's output gives both years; a different 2024 beside it is refused naming both", () => {
    const prior = priorFromWorkbook("o2025.xlsx", output);
    if (!prior.ok) throw new Error(JSON.stringify(prior.diagnostics));
    expect(prior.file.units.find((u) => u.name === "渝中区")!.total).toBe(r2025.evaluation.units.find((u) => u.unit === "渝中区")!.total);
    expect(prior.carried.map((f) => [f.year, f.source])).toEqual([[2024, "o2025.xlsx中的历年结果（来自「r2024.json」）"]]);
    const planned = planHistory("y2026.xlsx", y2026, [prior.file, ...prior.carried]);
    if (!planned.ok) throw new Error(JSON.stringify(planned.diagnostics));
    expect(planned.history.years.map((y) => y.year)).toEqual([2024, 2025]);
    expect(planned.history.years[0]!.units.map((u) => [u.unit, u.total])).toEqual(r2024.evaluation.units.map((u) => [u.unit, u.total]));

    const other = priorFromResultJson("另一份2024.json", resultJson(r2024.scheme, yearReading(2024, 77).evaluation, []));
    const refused = planHistory("y2026.xlsx", y2026, [prior.file, other, ...prior.carried]);
    expect(refused.ok).toBe(false);
    expect(refused.diagnostics.find((d) => d.code === "history.conflict")!.message).toContain("「另一份2024.json」和「o2025.xlsx中的历年结果（来自「r2024.json」）」");
  });

  it("a template is not a prior year", () => {
    const template = priorFromWorkbook("y2025.xlsx", input);
    expect(template.ok ? [] : template.diagnostics.map((d) => d.code)).toEqual(["history.notResult"]);
  });

  it("a periodic result (上半年) is not a prior year: it goes into that year's annual workbook", () => {
    const s = { ...withYear(base, 2025), period: "上半年" };
    const wb = planSnapshot(templatePlan(s, { sample: sampleData(s, 12) }));
    const r = readWorkbook(wb);
    if (!r.ok) throw new Error("periodic sample invalid");
    const output = { ...wb, sheets: [...aggregatePlan(r, { madeAt: "2025-07-10 10:00" }).sheets.map((x) => planSnapshot({ sheets: [x], placement: "first" }).sheets[0]!), ...wb.sheets.filter((x) => !aggregatePlan(r).sheets.some((y) => y.name === x.name))] };
    const periodic = priorFromWorkbook("2025上半年汇总.xlsx", output);
    expect(periodic.ok).toBe(false);
    expect(periodic.ok ? "" : periodic.diagnostics[0]!.message).toContain("平时评价结果");
    expect(periodic.ok ? [] : periodic.diagnostics.map((d) => d.code)).toEqual(["history.periodic"]);
  });
});
