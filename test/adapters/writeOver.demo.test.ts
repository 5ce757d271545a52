/**
 * Issue 9 §3 on the evaluation workbook itself: an aggregate's output holds every input sheet of
 * the input cell for cell — the demo as this tool writes it, and the demo after LibreOffice saved
 * it (another writer's styles, validations and protection), which exceljs alone did not keep:
 * it locked every input cell of the protected department sheets.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { applyPlan } from "../../src/adapters/xlsx/render";
import { workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { writePlanOver } from "../../src/adapters/xlsx/writeOver";
import { aggregatePlan } from "../../src/report/aggregate";
import { OUTPUT_SHEETS, SHEETS } from "../../src/layout/names";
import { readWorkbook, type ReadingResult } from "../../src/validate/validate";
import { libreOfficeAvailable, recalcWithLibreOffice } from "../support/libreoffice";
import { expectSummaryMatches } from "../support/summaryParity";
import { sampleWorkbook, tempDir } from "../support/workbooks";
import { sheetDifferences, workbookModel } from "./sheetModel";
import { Package, packageProblems } from "./xmlParts";

const available = libreOfficeAvailable();
if (!available && process.env["CI"]) throw new Error("LibreOffice (soffice) is required in CI: .ci/run installs libreoffice-calc-nogui");

const REPLACED = [...OUTPUT_SHEETS, SHEETS.data];

async function aggregateBytes(bytes: Uint8Array, name: string): Promise<{ out: Uint8Array; reading: Extract<ReadingResult, { ok: true }>; warnings: string[] }> {
  const opened = await openXlsx(bytes, name);
  if (!opened.ok) throw new Error(opened.diagnostics[0]!.messageEn);
  const reading = readWorkbook(opened.snapshot);
  if (!reading.ok) throw new Error(`${name} unreadable`);
  const written = await writePlanOver(bytes, name, opened.workbook, aggregatePlan(reading, { madeAt: "2025-01-20 10:00" }));
  return { out: written.bytes, reading, warnings: written.diagnostics.map((d) => d.messageEn) };
}

async function expectInputSheetsKept(input: Uint8Array, output: Uint8Array): Promise<string[]> {
  const [a, b] = await Promise.all([workbookModel(input), workbookModel(output)]);
  const compared: string[] = [];
  for (const [name, model] of a) {
    if (REPLACED.includes(name)) continue;
    expect(sheetDifferences(model, b.get(name)!), name).toEqual([]);
    compared.push(name);
  }
  return compared;
}

const unlocked = async (bytes: Uint8Array, sheet: string, ref: string) => (await workbookModel(bytes)).get(sheet)!.cells.get(ref)!.style.includes("protect=locked:0");

describe("an aggregate's output keeps the input sheets", () => {
  const dir = tempDir("evalsheet-keep-");
  let demo: Uint8Array;
  let viaLibreOffice: Uint8Array | null = null;

  beforeAll(async () => {
    demo = await workbookBytes(await sampleWorkbook());
    writeFileSync(join(dir, "demo.xlsx"), demo);
    if (!available) return;
    mkdirSync(join(dir, "lo"));
    const [saved] = await recalcWithLibreOffice([join(dir, "demo.xlsx")], join(dir, "lo"));
    viaLibreOffice = new Uint8Array(readFileSync(saved!));
  }, 240_000);

  it("the demo: every input sheet cell for cell, nothing to warn about", async () => {
    const { out, warnings } = await aggregateBytes(demo, "demo.xlsx");
    expect(warnings).toEqual([]);
    expect(await packageProblems(out)).toEqual([]);
    const kept = await expectInputSheetsKept(demo, out);
    expect(kept).toEqual(expect.arrayContaining(["宣教部", "最佳实践案例", "加分扣分", "综合评估", "评价方案"]));
  });

  it("aggregating an output again replaces its output sheets, keeps the rest, and styles.xml does not grow", async () => {
    const { out: first } = await aggregateBytes(demo, "demo.xlsx");
    const { out: second, warnings } = await aggregateBytes(first, "汇总.xlsx");
    expect(warnings).toEqual([]);
    expect(await packageProblems(second)).toEqual([]);
    await expectInputSheetsKept(first, second);
    const styles = async (b: Uint8Array) => (await (await Package.load(b)).text("xl/styles.xml"))!.length;
    expect(await styles(second)).toBe(await styles(first));
    const back = await openXlsx(second, "汇总2.xlsx");
    if (!back.ok) throw new Error("unreadable");
    expect(back.snapshot.sheets.map((x) => x.name).filter((n) => n === SHEETS.summary)).toHaveLength(1);
    // The replaced sheets' parts went with them.
    const sheetParts = async (b: Uint8Array) => (await Package.load(b)).names().filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)).length;
    expect(await sheetParts(second)).toBe(await sheetParts(first));
  });

  it.skipIf(!available)("the demo saved by LibreOffice: every input sheet cell for cell, input cells still unlocked, 汇总 right in LibreOffice", async () => {
    const input = viaLibreOffice!;
    expect(await unlocked(input, "宣教部", "C6"), "LibreOffice kept 宣教部!C6 unlocked").toBe(true);
    // What the exceljs-only writer made of it: the input cells of a protected sheet locked.
    const opened = await openXlsx(input, "demo-lo.xlsx");
    if (!opened.ok) throw new Error("unreadable");
    await applyPlan(opened.workbook, aggregatePlan(readWorkbook(opened.snapshot) as Extract<ReadingResult, { ok: true }>));
    expect(await unlocked(await workbookBytes(opened.workbook), "宣教部", "C6"), "exceljs alone").toBe(false);

    const { out, reading, warnings } = await aggregateBytes(input, "demo-lo.xlsx");
    expect(warnings).toEqual([]);
    expect(await unlocked(out, "宣教部", "C6")).toBe(true);
    const before = new Set(await packageProblems(input));
    expect((await packageProblems(out)).filter((p) => !before.has(p))).toEqual([]);
    expect((await expectInputSheetsKept(input, out)).length).toBeGreaterThanOrEqual(11);
    writeFileSync(join(dir, "out-lo.xlsx"), out);
    const [recalculated] = await recalcWithLibreOffice([join(dir, "out-lo.xlsx")], join(dir, "lo2"));
    expect(await expectSummaryMatches(recalculated!, reading.evaluation)).toBe(reading.evaluation.units.length);
  }, 240_000);
});
