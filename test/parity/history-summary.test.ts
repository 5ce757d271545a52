import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { libreOfficeAvailable, readCachedValues, recalcWithLibreOffice } from "../support/libreoffice";
import { num } from "../support/summaryParity";
import { tempDir } from "../support/workbooks";
import { planSnapshot } from "../support/planSnapshot";
import { builtinScheme } from "../../src/scheme/load";
import { withYear } from "../../src/scheme/year";
import { sampleData } from "../../src/layout/sample";
import { templatePlan } from "../../src/layout/template";
import { bonusLabel } from "../../src/layout/lists";
import { EVENTS } from "../../src/layout/otherSheets";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { applyPlan } from "../../src/adapters/xlsx/render";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { readWorkbook, type Reading } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { SUMMARY } from "../../src/report/summary";
import { historySheet } from "../../src/history/history";
import { addToHistory, priorFromEvaluation, priorFromResultJson } from "../../src/history/prior";
import { resultJson } from "../../src/report/resultJson";

/**
 * 历年结果 in 汇总, recalculated by LibreOffice (issue 10 §2): a 2026 workbook carrying 2024 (from
 * result.json) and 2025 (from an output) shows 2025's 上年总分 and 上年等次, and its 变化 column —
 * a formula — equals the engine's total less 2025's, before and after an edit that moves totals.
 */
const available = libreOfficeAvailable();
if (!available && process.env["CI"]) throw new Error("LibreOffice (soffice) is required in CI: .ci/run installs libreoffice-calc-nogui");

const base = builtinScheme();
const col = (letter: string) => letter.charCodeAt(0) - 65;

function reading(year: number, seed: number): Reading {
  const scheme = withYear(base, year);
  const r = readWorkbook(planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, seed) })));
  if (!r.ok) throw new Error("invalid");
  return r;
}

async function readFile(file: string): Promise<Reading> {
  const opened = await openXlsx(new Uint8Array(readFileSync(file)), file);
  if (!opened.ok) throw new Error("unreadable");
  const r = readWorkbook(opened.snapshot);
  if (!r.ok) throw new Error("invalid");
  return r;
}

describe.skipIf(!available)("汇总's 上年 columns in LibreOffice", () => {
  const r2024 = reading(2024, 41);
  const r2025 = reading(2025, 42);
  const files: Record<string, { path: string; reading: Reading; recalculated: string }> = {};

  beforeAll(async () => {
    const dir = tempDir("evalsheet-history-parity-");
    const scheme = withYear(base, 2026);
    const history = addToHistory(scheme, { years: [] }, [
      priorFromResultJson("r2024.json", resultJson(r2024.scheme, r2024.evaluation, [])),
      priorFromEvaluation("o2025.xlsx", r2025.scheme, r2025.evaluation),
    ]).history;
    const wb = await planToWorkbook(templatePlan(scheme, { sample: sampleData(scheme, 43) }));
    await applyPlan(wb, { sheets: [historySheet(history)], placement: "last" });
    const opened = await openXlsx(await workbookBytes(wb), "y2026.xlsx");
    if (!opened.ok) throw new Error("unreadable");
    const r = readWorkbook(opened.snapshot);
    if (!r.ok) throw new Error("invalid");
    await applyPlan(opened.workbook, aggregatePlan(r, { madeAt: "2027-01-20 10:00" }));
    const aggregated = join(dir, "o2026.xlsx");
    writeFileSync(aggregated, await workbookBytes(opened.workbook));

    // An edit after aggregating: a 市委表彰 row moves to another district, so two totals change.
    const edited = new ExcelJS.Workbook();
    await edited.xlsx.load(readFileSync(aggregated) as unknown as ArrayBuffer);
    const ws = edited.getWorksheet("加分扣分")!;
    const item = bonusLabel(scheme.bonus.items.find((b) => b.id === "A1")!);
    let moved = false;
    for (let row = EVENTS.firstDataRow + 1; row <= ws.rowCount && !moved; row++) {
      const unit = ws.getCell(row, EVENTS.cols.unit + 1);
      if (ws.getCell(row, EVENTS.cols.item + 1).value === item && unit.value !== "忠县") {
        unit.value = "忠县";
        moved = true;
      }
    }
    if (!moved) throw new Error("the sample has no 市委表彰 row");
    const editedPath = join(dir, "edited.xlsx");
    writeFileSync(editedPath, Buffer.from(await edited.xlsx.writeBuffer()));

    const out = await recalcWithLibreOffice([aggregated, editedPath], join(dir, "lo"));
    files["aggregated"] = { path: aggregated, reading: await readFile(aggregated), recalculated: out[0]! };
    files["edited"] = { path: editedPath, reading: await readFile(editedPath), recalculated: out[1]! };
  }, 300_000);

  it.each(["aggregated", "edited"])("%s: 上年总分 and 上年等次 are 2025's, 变化 = the engine's total − 2025's", async (name) => {
    const f = files[name]!;
    expect(f.reading.history.years.map((y) => y.year)).toEqual([2024, 2025]);
    const grid = await readCachedValues(f.recalculated, "汇总");
    const c = SUMMARY.cols;
    let checked = 0;
    for (const u of f.reading.evaluation.units) {
      const row = grid.find((r) => r[col(c.unit)] === u.unit)!;
      const prior = r2025.evaluation.units.find((x) => x.unit === u.unit)!;
      expect({ unit: u.unit, got: [row[col(c.total)], row[col(c.prevTotal)], row[col(c.prevTier)], row[col(c.change)]].map(num) })
        .toEqual({ unit: u.unit, got: [u.total, prior.total, prior.tier, Math.round((u.total - prior.total) * 100) / 100] });
      checked++;
    }
    expect(checked).toBe(41);
  });

  it("the edit really changed totals, and 变化 followed them", () => {
    const before = files["aggregated"]!.reading.evaluation.units;
    const after = files["edited"]!.reading.evaluation.units;
    const changed = after.filter((u) => before.find((b) => b.unit === u.unit)!.total !== u.total).map((u) => u.unit);
    expect(changed).toContain("忠县");
    expect(changed.length).toBeGreaterThanOrEqual(2);
  });
});
