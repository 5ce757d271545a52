/**
 * The evaluation year is a parameter ("本方案适用于2024年及以后工作"): `template --year N`, a default
 * that follows the calendar of the evaluation, the year in every title and in the embedded scheme,
 * and a year before the scheme's first one refused.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinScheme } from "../../src/scheme/load";
import { defaultEvaluationYear, firstYear, withYear, yearProblem } from "../../src/scheme/year";
import { SHEETS } from "../../src/layout/names";
import { cli, expectExit, gone, load, scratchDir, sheet, show } from "./helpers";

const scheme = builtinScheme();

/** The scheme JSON a workbook carries (column A of the hidden data sheet). */
function embedded(wb: Awaited<ReturnType<typeof load>>): { year: number; applicableFrom?: number } {
  const ws = sheet(wb, SHEETS.data);
  let json = "";
  for (let r = 2; typeof ws.getCell(r, 1).value === "string"; r++) json += ws.getCell(r, 1).value as string;
  return JSON.parse(json) as { year: number; applicableFrom?: number };
}

describe("the evaluation year", () => {
  it("defaults to last year in January–June and this year from July, never before the scheme's first year", () => {
    expect(defaultEvaluationYear(new Date(2026, 0, 15))).toBe(2025);
    expect(defaultEvaluationYear(new Date(2026, 5, 30))).toBe(2025);
    expect(defaultEvaluationYear(new Date(2026, 6, 1))).toBe(2026);
    expect(defaultEvaluationYear(new Date(2026, 11, 31))).toBe(2026);
    expect(defaultEvaluationYear(new Date(2024, 2, 1), scheme)).toBe(2024);
    expect(firstYear(scheme)).toBe(2024);
  });

  it("a scheme moved to another year remembers its first year, so an earlier one is still refused", () => {
    const y2027 = withYear(scheme, 2027);
    expect(y2027).toMatchObject({ year: 2027, applicableFrom: 2024 });
    expect(yearProblem(y2027, 2025)).toBeNull();
    expect(yearProblem(y2027, 2023)?.zh).toContain("2024 年及以后");
    expect(withYear(scheme, scheme.year)).toBe(scheme);
  });

  it("template --year 2025: every title and the embedded scheme say 2025", async () => {
    const dir = scratchDir();
    const out = join(dir, "评价2025.xlsx");
    const r = await cli(["template", "--year", "2025", "--sample", "--out", out]);
    expectExit(r, 0);
    expect(r.stdout).toContain("2025 年度");
    const wb = await load(out);
    for (const name of ["宣教部", "办公室", SHEETS.cases, SHEETS.events, SHEETS.composite]) {
      expect(String(sheet(wb, name).getCell(1, 1).value), name).toContain("2025");
      expect(String(sheet(wb, name).getCell(1, 1).value), name).not.toContain("2024");
    }
    expect(embedded(wb)).toMatchObject({ year: 2025, applicableFrom: 2024 });
    const v = await cli(["validate", out]);
    expectExit(v, 0);
  });

  it("without --year: the default year, and the output says it was the default", async () => {
    const dir = scratchDir();
    const out = join(dir, "默认.xlsx");
    const r = await cli(["template", "--department", "宣教部", "--out", out]);
    expectExit(r, 0);
    const year = defaultEvaluationYear(new Date(), scheme);
    expect(r.stdout, show(r)).toContain(`${year} 年度，未指定 --year`);
    expect(embedded(await load(out)).year).toBe(year);
  });

  it("a year before 2024 is refused with a clear message, exit 2, nothing written", async () => {
    const dir = scratchDir();
    const out = join(dir, "2023.xlsx");
    const r = await cli(["template", "--year", "2023", "--out", out]);
    expectExit(r, 2);
    expect(r.stderr).toContain("评价方案 cq-2024 适用于 2024 年及以后的工作，不能用于 2023 年度");
    expect(gone(out)).toBe(true);
    const bad = await cli(["template", "--year", "明年", "--out", out]);
    expectExit(bad, 2);
    expect(bad.stderr).toContain("--year 须为四位数年份");
    expect(gone(out)).toBe(true);
  });

  it("--help states the default rule", async () => {
    const r = await cli(["--help"]);
    expectExit(r, 0);
    expect(r.stdout).toContain("--year");
    expect(r.stdout).toContain("1—6 月取上一年");
    expect(r.stdout).toContain("last year in January–June");
  });
});
