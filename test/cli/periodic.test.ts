import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cli, expectExit, expectNoStack, gone, jsonDiagnostics, load, scheme, scratchDir, sheet, show } from "./helpers";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { readWorkbook, type Reading } from "../../src/validate/validate";
import { SHEETS } from "../../src/layout/names";
import { departmentLayout } from "../../src/layout/department";
import { libreOfficeAvailable, recalcWithLibreOffice } from "../support/libreoffice";
import { expectSummaryMatches } from "../support/summaryParity";

/*
 * Issue 10 §1: periodic evaluations feed the annual one. Two periodic workbooks (上半年, 下半年) made
 * from the same scheme, filled and added to the annual workbook: each indicator's judged score
 * becomes 年度 × 70 % + 平时平均 × 30 % (the scheme's default weight), in the engine and in the
 * native formulas LibreOffice recalculates — also after a department edits its annual score.
 */

const available = libreOfficeAvailable();
if (!available && process.env["CI"]) throw new Error("LibreOffice (soffice) is required in CI: .ci/run installs libreoffice-calc-nogui");

let dir = "";
const path = (f: string) => join(dir, f);

async function reading(file: string): Promise<Reading> {
  const opened = await openXlsx(new Uint8Array(readFileSync(file)), file);
  if (!opened.ok) throw new Error(`cannot open ${file}`);
  const r = readWorkbook(opened.snapshot);
  if (!r.ok) throw new Error(`cannot read ${file}`);
  return r;
}

/** The judged score ("score" column) of a unit's indicator as the department entered it in a file. */
function judged(r: Reading, unit: string, indicator: string): number {
  const v = r.annualInputs.basic.find((b) => b.unit === unit && b.indicator === indicator)?.values["score"];
  if (typeof v !== "number") throw new Error(`no judged score for ${unit} ${indicator}`);
  return v;
}

beforeAll(async () => {
  dir = scratchDir();
  const made = await Promise.all([
    cli(["template", "--out", path("annual.xlsx"), "--sample", "--year", "2024", "--seed", "7"]),
    cli(["template", "--out", path("h1.xlsx"), "--sample", "--year", "2024", "--seed", "11", "--period", "上半年"]),
    cli(["template", "--out", path("h2.xlsx"), "--sample", "--year", "2024", "--seed", "12", "--period", "下半年"]),
    cli(["template", "--out", path("h1-other.xlsx"), "--sample", "--year", "2024", "--seed", "13", "--period", "上半年"]),
    cli(["template", "--out", path("h1-2025.xlsx"), "--sample", "--year", "2025", "--seed", "11", "--period", "上半年"]),
  ]);
  for (const r of made) expectExit(r, 0);
  expectExit(await cli(["periodic", "add", path("annual.xlsx"), path("h1.xlsx"), path("h2.xlsx"), "--out", path("with.xlsx")]), 0);
  expectExit(await cli(["aggregate", path("with.xlsx"), "--out", path("agg.xlsx")]), 0);
}, 420_000);

describe("periodic workbooks", () => {
  it("template --period titles every sheet with the period and stores it; the annual one says 年度", async () => {
    const wb = await load(path("h1.xlsx"));
    expect(String(sheet(wb, "宣教部").getCell("A1").value)).toContain("2024 年上半年");
    expect(String(sheet(wb, SHEETS.events).getCell("A1").value)).toContain("2024 年上半年");
    expect((await reading(path("h1.xlsx"))).scheme.period).toBe("上半年");
    expect((await reading(path("annual.xlsx"))).scheme.period).toBeUndefined();
    const bad = await cli(["template", "--out", path("x.xlsx"), "--period", "第三季度"]);
    expectExit(bad, 2);
    expect(bad.stderr).toContain("上半年、下半年");
  });

  it("each judged score counts in as 年度 × 70% + 平时平均 × 30%, by an independent calculation from the three files", async () => {
    const [annual, h1, h2, agg] = await Promise.all([reading(path("annual.xlsx")), reading(path("h1.xlsx")), reading(path("h2.xlsx")), reading(path("agg.xlsx"))]);
    // Indicators scored by judgement alone: the indicator's score is the judged score, so the blend shows directly.
    const judgedOnly = scheme.indicators.filter((i) => i.rules.length === 1 && i.rules[0]!.kind === "manual");
    expect(judgedOnly.length).toBeGreaterThan(5);
    let changed = 0;
    for (const u of scheme.units) {
      const result = agg.evaluation.units.find((x) => x.unit === u.name)!;
      for (const ind of judgedOnly) {
        const a = judged(annual, u.name, ind.id);
        const mean = (judged(h1, u.name, ind.id) + judged(h2, u.name, ind.id)) / 2;
        const want = Math.round((a * 0.7 + mean * 0.3) * 100 + 1e-9) / 100;
        const got = result.indicators.find((k) => k.id === ind.id)!.score;
        expect({ unit: u.name, ind: ind.id, got }).toEqual({ unit: u.name, ind: ind.id, got: want });
        if (want !== a) changed++;
      }
    }
    // The periods really moved scores: they are not silently ignored.
    expect(changed).toBeGreaterThan(20);
    expect(agg.periodic.periods.size).toBe(2);
  });

  it("汇总 and 基础工作得分 say which periods counted in; 平时评价 lists the figures and the files", async () => {
    const wb = await load(path("agg.xlsx"));
    const text = (name: string) => sheet(wb, name).getSheetValues().flat().filter((v) => typeof v === "string").join("\n");
    expect(text(SHEETS.summary)).toContain("平时评价：已计入 上半年、下半年");
    expect(text(SHEETS.basicScores)).toContain("平时评价：已计入 上半年、下半年");
    expect(text(SHEETS.periodic)).toContain("h1.xlsx");
    expect(text(SHEETS.periodic)).toContain("h2.xlsx");
  });

  it("分类指导 compares each district with its total in the last period (下半年), from the periodic workbook itself", async () => {
    const [h2, agg] = await Promise.all([reading(path("h2.xlsx")), reading(path("agg.xlsx"))]);
    const wb = await load(path("agg.xlsx"));
    const lines = sheet(wb, SHEETS.guidance).getSheetValues().flat().filter((v): v is string => typeof v === "string");
    for (const unit of ["渝中区", "城口县"]) {
      const was = h2.evaluation.units.find((u) => u.unit === unit)!.total;
      const now = agg.evaluation.units.find((u) => u.unit === unit)!.total;
      const page = lines.findIndex((l) => l.startsWith(`${unit} 分类指导`));
      const line = lines.slice(page).find((l) => l.startsWith("与上期比"));
      const delta = Math.round((now - was) * 100) / 100;
      expect(line, unit).toContain(`2024年下半年 ${was.toFixed(2)} 分`);
      expect(line, unit).toContain(`${delta > 0 ? "+" : delta < 0 ? "−" : "±"}${Math.abs(delta).toFixed(2)} 分`);
    }
  });

  it("the native formulas recalculated by LibreOffice equal the engine, also after a department edits its annual score", async () => {
    if (!available) return;
    // A department's annual judged score edited in the aggregated workbook, without aggregating again.
    const wb = await load(path("agg.xlsx"));
    const layout = departmentLayout(scheme, "宣教部");
    const block = layout.blocks.find((b) => b.indicator.rules.length === 1)!;
    const scoreCol = block.columns.find((c) => c.key === "score")!.col + 1;
    const ws = sheet(wb, "宣教部");
    let row = 0;
    ws.eachRow((r, n) => { if (!row && r.getCell(layout.unitCol + 1).value === "渝中区") row = n; });
    ws.getCell(row, scoreCol).value = 0.5;
    await wb.xlsx.writeFile(path("edited.xlsx"));
    const [fresh, edited] = await recalcWithLibreOffice([path("agg.xlsx"), path("edited.xlsx")], join(dir, "lo"));
    await expectSummaryMatches(fresh!, (await reading(path("agg.xlsx"))).evaluation);
    const after = await reading(path("edited.xlsx"));
    expect(after.evaluation.units.find((u) => u.unit === "渝中区")!.indicators.find((k) => k.id === block.indicator.id)!.score)
      .not.toBe((await reading(path("agg.xlsx"))).evaluation.units.find((u) => u.unit === "渝中区")!.indicators.find((k) => k.id === block.indicator.id)!.score);
    await expectSummaryMatches(edited!, after.evaluation);
  }, 420_000);

  it("refuses another year's period, an annual file, and the same period twice with other values — naming both files, writing nothing", async () => {
    const other = await cli(["periodic", "add", path("annual.xlsx"), path("h1-2025.xlsx"), "--out", path("o1.xlsx")]);
    expectExit(other, 1);
    expect(other.stdout).toContain("h1-2025.xlsx");
    expect(other.stdout).toContain("2025");
    expect(gone(path("o1.xlsx"))).toBe(true);

    const annualAsPeriod = await cli(["periodic", "add", path("annual.xlsx"), path("annual.xlsx"), "--out", path("o2.xlsx")]);
    expectExit(annualAsPeriod, 1);
    expect(annualAsPeriod.stdout).toContain("不是平时评价工作簿");
    expect(gone(path("o2.xlsx"))).toBe(true);

    // Already holding 上半年 from h1.xlsx: another 上半年 with other scores is refused, naming both.
    const twice = await cli(["periodic", "add", path("with.xlsx"), path("h1-other.xlsx"), "--out", path("o3.xlsx")]);
    expectExit(twice, 1);
    expect(twice.stdout).toContain("h1.xlsx");
    expect(twice.stdout).toContain("h1-other.xlsx");
    expect(gone(path("o3.xlsx"))).toBe(true);

    // The same file again is accepted (counted once).
    expectExit(await cli(["periodic", "add", path("with.xlsx"), path("h1.xlsx"), "--out", path("o4.xlsx")]), 0);
    for (const r of [other, annualAsPeriod, twice]) expectNoStack(r);
  }, 240_000);

  it("a workbook from before the scheme-numbers table (no _evalsheet!P9) gets it with 平时评价, whose formulas round by it", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path("annual.xlsx")) as never);
    const data = wb.getWorksheet(SHEETS.data)!;
    for (let r = 9; r <= data.rowCount; r++) for (const c of ["O", "P"]) data.getCell(`${c}${r}`).value = null;
    await wb.xlsx.writeFile(path("old.xlsx"));
    expectExit(await cli(["periodic", "add", path("old.xlsx"), path("h1.xlsx"), "--out", path("old-with.xlsx")]), 0);
    const out = await load(path("old-with.xlsx"));
    expect(out.getWorksheet(SHEETS.data)!.getCell("P9").value).toBe(scheme.rounding.decimals);
    const formulas: string[] = [];
    out.getWorksheet(SHEETS.periodic)!.eachRow((row) => row.eachCell((c) => { if (c.formula) formulas.push(c.formula); }));
    expect(formulas.some((f) => f.includes("'_evalsheet'!$P$9"))).toBe(true);
  }, 240_000);

  it("lists the periods still missing", async () => {
    const one = await cli(["periodic", "add", path("annual.xlsx"), path("h1.xlsx"), "--out", path("half.xlsx")]);
    expectExit(one, 0);
    expect(one.stdout, show(one)).toContain("尚缺：下半年");
    const v = await cli(["validate", path("half.xlsx"), "--json"]);
    const missing = jsonDiagnostics(v).find((d) => d.code === "periodic.missing");
    expect(missing?.message).toContain("平时评价尚缺：下半年");
    expect(missing?.sheet).toBe(SHEETS.periodic);
  }, 240_000);
});
