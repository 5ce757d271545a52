import { beforeAll, describe, expect, it } from "vitest";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cli, expectExit, expectNoStack, load, scratchDir, sha256, sheet, show } from "./helpers";
import { builtinScheme } from "../../src/scheme/load";
import { withYear } from "../../src/scheme/year";
import { sampleData } from "../../src/layout/sample";
import { templatePlan } from "../../src/layout/template";
import { SHEETS } from "../../src/layout/names";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { writePlanOver } from "../../src/adapters/xlsx/writeOver";
import { readWorkbook, type Reading } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { resultJson, type ResultJson } from "../../src/report/resultJson";
import { SUMMARY } from "../../src/report/summary";
import { paramRef } from "../../src/layout/schemeTables";

/**
 * `evalsheet history add FILE PRIOR… --out OUT` (issue 10 §2): prior years from an earlier output
 * workbook and a result.json, kept by aggregate and shown in 汇总; differences listed; a year
 * given twice with other values refused naming both files; exit codes 0 · 1 · 2.
 */
const base = builtinScheme();
let dir = "";
let r2024: Reading;
let r2025: Reading;
const path = (name: string) => join(dir, name);

/** The sample for `year` (seeded), written as a template, and aggregated: its output and result.json. */
async function yearFiles(year: number, seed: number): Promise<Reading> {
  const scheme = withYear(base, year);
  const input = await workbookBytes(await planToWorkbook(templatePlan(scheme, { sample: sampleData(scheme, seed) })));
  writeFileSync(path(`y${year}.xlsx`), input);
  const opened = await openXlsx(input, `y${year}.xlsx`);
  if (!opened.ok) throw new Error("unreadable");
  const reading = readWorkbook(opened.snapshot);
  if (!reading.ok) throw new Error("invalid");
  writeFileSync(path(`o${year}.xlsx`), (await writePlanOver(input, `y${year}.xlsx`, opened.workbook, aggregatePlan(reading, { madeAt: `${year + 1}-01-20 10:00` }))).bytes);
  writeFileSync(path(`r${year}.json`), JSON.stringify(resultJson(reading.scheme, reading.evaluation, reading.diagnostics)));
  return reading;
}

beforeAll(async () => {
  dir = scratchDir();
  r2024 = await yearFiles(2024, 31);
  r2025 = await yearFiles(2025, 32);
  await yearFiles(2026, 33);
}, 120_000);

describe("evalsheet history add", () => {
  it("adds 2024 from result.json, then 2025 from an output workbook; aggregate keeps them and 汇总 shows 2025", async () => {
    const before = sha256(path("y2026.xlsx"));
    const first = await cli(["history", "add", path("y2026.xlsx"), path("r2024.json"), "--out", path("h1.xlsx")]);
    expectExit(first, 0);
    expect(first.stdout).toContain("已导入 2024年度的结果");
    const second = await cli(["history", "add", path("h1.xlsx"), path("o2025.xlsx"), "--out", path("h2.xlsx")]);
    expectExit(second, 0);
    expect(second.stdout).toContain("工作簿现有历年结果：2024、2025");
    expect(sha256(path("y2026.xlsx"))).toBe(before);

    const h2 = await load(path("h2.xlsx"));
    expect(sheet(h2, SHEETS.history).state).toBe("hidden");
    // Every sheet of the input is still there, in order, with the history after them.
    const input = await load(path("y2026.xlsx"));
    expect(h2.worksheets.map((w) => w.name)).toEqual([...input.worksheets.map((w) => w.name), SHEETS.history]);

    const agg = await cli(["aggregate", path("h2.xlsx"), "--out", path("o2026.xlsx")]);
    expectExit(agg, 0);
    // Again over its own earlier output: still allowed, history still kept.
    expectExit(await cli(["aggregate", path("h2.xlsx"), "--out", path("o2026.xlsx")]), 0);
    const out = await load(path("o2026.xlsx"));
    expect(out.worksheets.filter((w) => w.name === SHEETS.history)).toHaveLength(1);
    const summary = sheet(out, SHEETS.summary);
    expect(summary.getCell(`${SUMMARY.cols.prevTotal}${SUMMARY.headerRow + 1}`).value).toBe("上年总分\n（2025年）");
    let checked = 0;
    summary.eachRow((row, r) => {
      const prior = r2025.evaluation.units.find((u) => u.unit === row.getCell(SUMMARY.cols.unit).value);
      if (!prior || r <= SUMMARY.headerRow + 1) return;
      expect(row.getCell(SUMMARY.cols.prevTotal).value).toBe(prior.total);
      expect(row.getCell(SUMMARY.cols.prevTier).value).toBe(prior.tier);
      expect((row.getCell(SUMMARY.cols.change).value as { formula: string }).formula).toBe(`IF(ISNUMBER(L${r}),ROUND(H${r}-L${r},${paramRef("decimals")}),"")`);
      checked++;
    });
    expect(checked).toBe(41);

    // 审定 does not count the history as input: approving, then verifying, finds nothing changed.
    expectExit(await cli(["approve", path("o2026.xlsx"), "--by", "党组会", "--date", "2027-01-20", "--out", path("a2026.xlsx")]), 0);
    expectExit(await cli(["verify", path("a2026.xlsx")]), 0);
  }, 240_000);

  it("takes a prior of another unit set, listing the districts missing and extra", async () => {
    const json = JSON.parse(readFileSync(path("r2024.json"), "utf8")) as ResultJson;
    json.units = [...json.units.filter((u) => u.unit !== "大渡口区").map((u) => (u.unit === "綦江区" ? { ...u, unit: "綦江县" } : u)),
      { ...json.units[0]!, unit: "测试新区" }];
    writeFileSync(path("r2024-other.json"), JSON.stringify(json));
    const r = await cli(["history", "add", path("y2026.xlsx"), path("r2024-other.json"), "--out", path("other.xlsx")]);
    expectExit(r, 0);
    expect(r.stdout).toMatch(/「r2024-other\.json」中的区县 测试新区 不在本方案的区县中/);
    expect(r.stdout).toMatch(/「r2024-other\.json」没有本方案区县 大渡口区 的结果/);
    expect(r.stdout).not.toMatch(/綦江/);
  }, 60_000);

  it("refuses one year twice with other values, naming both files, and writes nothing; accepts an identical copy", async () => {
    const other = JSON.parse(readFileSync(path("r2025.json"), "utf8")) as ResultJson;
    other.units[0] = { ...other.units[0]!, total: other.units[0]!.total - 1 };
    writeFileSync(path("r2025-edited.json"), JSON.stringify(other));
    const r = await cli(["history", "add", path("y2026.xlsx"), path("o2025.xlsx"), path("r2025-edited.json"), "--out", path("conflict.xlsx")]);
    expectExit(r, 1);
    expectNoStack(r);
    expect(r.stdout, show(r)).toContain("「o2025.xlsx」和「r2025-edited.json」都是 2025 年度的结果，但数值不同");
    expect(existsSync(path("conflict.xlsx"))).toBe(false);

    copyFileSync(path("r2025.json"), path("r2025-copy.json"));
    const same = await cli(["history", "add", path("y2026.xlsx"), path("o2025.xlsx"), path("r2025-copy.json"), "--out", path("same.xlsx")]);
    expectExit(same, 0);
    expect(same.stdout).toContain("「r2025-copy.json」的 2025 年度结果与「o2025.xlsx」相同");
  }, 60_000);

  it("exit 1 for a year not before the workbook's and for a prior that is not a result; 2 for an unreadable file or bad usage", async () => {
    const notEarlier = await cli(["history", "add", path("y2025.xlsx"), path("o2025.xlsx"), "--out", path("x1.xlsx")]);
    expectExit(notEarlier, 1);
    expect(notEarlier.stdout).toContain("「o2025.xlsx」是 2025 年度的结果，不早于本工作簿的 2025 年度");
    const template = await cli(["history", "add", path("y2026.xlsx"), path("y2024.xlsx"), "--out", path("x2.xlsx")]);
    expectExit(template, 1);
    expect(template.stdout).toContain("「y2024.xlsx」不是汇总结果");
    writeFileSync(path("broken.json"), "{");
    const broken = await cli(["history", "add", path("y2026.xlsx"), path("broken.json"), "--out", path("x3.xlsx")]);
    expectExit(broken, 2);
    expect(broken.stdout).toContain("「broken.json」无法作为 JSON 读取");
    const usage = await cli(["history", path("y2026.xlsx"), path("o2025.xlsx"), "--out", path("x4.xlsx")]);
    expectExit(usage, 2);
    expect(usage.stderr).toContain("evalsheet history add");
    for (const f of ["x1.xlsx", "x2.xlsx", "x3.xlsx", "x4.xlsx"]) expect(existsSync(path(f)), f).toBe(false);
    expect(r2024.scheme.year).toBe(2024);
  }, 120_000);
});
