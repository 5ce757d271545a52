import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { libreOfficeAvailable, readCachedValues, recalcWithLibreOffice } from "../support/libreoffice";
import { expectSummaryMatches, num } from "../support/summaryParity";
import { rowOf, sampleWorkbook, tempDir } from "../support/workbooks";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { applyPlan } from "../../src/adapters/xlsx/render";
import { workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { readWorkbook, type Reading } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { builtinScheme } from "../../src/scheme/load";
import type { Scheme } from "../../src/scheme/schema";
import type { Evaluation } from "../../src/engine/evaluate";
import { departmentLayout } from "../../src/layout/department";

/**
 * The summary's native formulas, recalculated by LibreOffice (an engine that shares no code with
 * ours), must give exactly the engine's numbers — on the demo data, on a scheme using the other
 * rule variants, and after a department edits a score in the aggregated file.
 */
const available = libreOfficeAvailable();
if (!available && process.env["CI"]) throw new Error("LibreOffice (soffice) is required in CI: .ci/run installs libreoffice-calc-nogui");

async function aggregateTo(wb: ExcelJS.Workbook, path: string): Promise<Reading> {
  const opened = await openXlsx(await workbookBytes(wb), "in.xlsx");
  if (!opened.ok) throw new Error(opened.diagnostics[0]!.message);
  const reading = readWorkbook(opened.snapshot);
  if (!reading.ok) throw new Error(reading.diagnostics[0]!.message);
  await applyPlan(opened.workbook, aggregatePlan(reading));
  writeFileSync(path, await workbookBytes(opened.workbook));
  return reading;
}

function variantScheme(): Scheme {
  const s = structuredClone(builtinScheme());
  return {
    ...s,
    id: "variant",
    tiers: { kind: "quota", tiers: [{ name: "特优", share: 0.2 }, { name: "优", share: 0.5 }], otherwise: "良" },
    cases: { ...s.cases, combine: { kind: "mean" } },
    notApplicable: "full",
    indicators: s.indicators.map((i) => (i.id === "B16" ? { ...i, rules: i.rules.map((r) => (r.kind === "target" ? { ...r, below: "zero" as const } : r)) } : i)),
  };
}


describe.skipIf(!available)("LibreOffice recalculates the summary to the engine's numbers", () => {
  const dir = tempDir("evalsheet-parity-");
  const files = { demo: join(dir, "demo.xlsx"), variant: join(dir, "variant.xlsx"), edited: join(dir, "edited.xlsx") };
  const readings: Record<string, Reading> = {};
  let recalculated: string[] = [];

  beforeAll(async () => {
    readings["demo"] = await aggregateTo(await sampleWorkbook({ seed: 2024 }), files.demo);

    const variant = await sampleWorkbook({ seed: 7, scheme: variantScheme() });
    // Text numbers as people type them: the engine reads them; the formula must read them the same.
    const xj = variant.getWorksheet("宣教部")!;
    xj.getCell(rowOf(xj, "江北区"), 3).value = " 2.5 ";
    xj.getCell(rowOf(xj, "南岸区"), 3).value = "１.５";
    // 不适用 as a department types it, on a measure of a two-measure part (the other decides) and
    // on both (the part counts as met under this scheme's "full" rule).
    const jr = variant.getWorksheet("家儿部")!;
    const b10 = departmentLayout(variantScheme(), "家儿部").blocks.find((b) => b.indicator.id === "B10")!;
    jr.getCell(rowOf(jr, "江北区"), b10.columns[1]!.col + 1).value = " 不适用";
    jr.getCell(rowOf(jr, "万州区"), b10.columns[1]!.col + 1).value = "不适用";
    jr.getCell(rowOf(jr, "万州区"), b10.columns[2]!.col + 1).value = "不适用";
    readings["variant"] = await aggregateTo(variant, files.variant);

    // A department edits the aggregated file: 宣教部 渝中区 系统深入理论武装 → 0, and the first event count → 0.
    const edited = new ExcelJS.Workbook();
    await edited.xlsx.load(readFileSync(files.demo) as unknown as ArrayBuffer);
    const ws = edited.getWorksheet("宣教部")!;
    ws.getCell(rowOf(ws, "渝中区"), 3).value = 0;
    const events = edited.getWorksheet("加分扣分")!;
    events.getCell(4, 4).value = 0; // the first event row's count
    writeFileSync(files.edited, Buffer.from(await edited.xlsx.writeBuffer()));
    const reread = await openXlsx(new Uint8Array(readFileSync(files.edited)), "edited.xlsx");
    if (!reread.ok) throw new Error("edited file unreadable");
    const r = readWorkbook(reread.snapshot);
    if (!r.ok) throw new Error("edited file invalid");
    readings["edited"] = r;

    recalculated = await recalcWithLibreOffice([files.demo, files.variant, files.edited], join(dir, "lo"));
  });

  it("demo workbook: every summary number and every indicator equals the engine's", async () => {
    // The demo has a whole measured part 不适用 (两江新区's mediation rate), rescaled onto the judged part.
    expect(readings["demo"]!.evaluation.units.find((u) => u.unit === "两江新区")!.trail.some((t) => t.kind === "notApplicableRescale")).toBe(true);
    expect(await expectSummaryMatches(recalculated[0]!, readings["demo"]!.evaluation)).toBe(41);
  });

  it("a workbook saved by LibreOffice reads back with no error and the same results (filled in LibreOffice, aggregated here)", async () => {
    const reopened = await openXlsx(new Uint8Array(readFileSync(recalculated[0]!)), "demo-lo.xlsx");
    expect(reopened.ok).toBe(true);
    if (!reopened.ok) return;
    const again = readWorkbook(reopened.snapshot);
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    const strip = (e: Evaluation) => e.units.map(({ trail: _t, ...rest }) => rest);
    expect(strip(again.evaluation)).toEqual(strip(readings["demo"]!.evaluation));
  });

  it("other rule variants (quota tiers, mean of cases, target below = zero, 不适用 counted as met, text numbers) agree too", async () => {
    expect(readings["variant"]!.scheme.id).toBe("variant");
    const b10 = (unit: string) => readings["variant"]!.inputs.basic.find((b) => b.unit === unit && b.indicator === "B10")!.values;
    expect(b10("江北区")["m:urbanSchools"]).toBe("na");
    expect([b10("万州区")["m:urbanSchools"], b10("万州区")["m:ruralSchools"]]).toEqual(["na", "na"]);
    expect(await expectSummaryMatches(recalculated[1]!, readings["variant"]!.evaluation)).toBe(41);
  });

  it("editing a score in OUT.xlsx changes the summary after recalculation, as the engine says", async () => {
    const before = readings["demo"]!.evaluation.units.find((u) => u.unit === "渝中区")!;
    const after = readings["edited"]!.evaluation.units.find((u) => u.unit === "渝中区")!;
    expect(after.basic).toBe(before.basic - 3);
    await expectSummaryMatches(recalculated[2]!, readings["edited"]!.evaluation);
    const grid = await readCachedValues(recalculated[2]!, "汇总");
    const row = grid.find((r) => r[1] === "渝中区")!;
    expect(num(row[2]!)).toBe(after.basic);
  });
});
