import { beforeAll, describe, expect, it } from "vitest";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { builtinScheme } from "../../src/scheme/load";
import { sampleData } from "../../src/layout/sample";
import { templatePlan } from "../../src/layout/template";
import { unitsInSheetOrder } from "../../src/layout/department";
import { SHEETS } from "../../src/layout/names";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { readWorkbook } from "../../src/validate/validate";
import { guidance } from "../../src/report/guidance";
import { guidanceSheet } from "../../src/report/guidanceSheet";
import { missingPrintTools, pageImages, pageText, printToPdf, readPrint, sheetPages, sheetPrint, type SheetPrint } from "../support/pdf";

/**
 * 分类指导 printed by LibreOffice and read back with poppler: one A4 page per district (41 for the
 * demo), in group order, each page its own district's, text ≥ 9 pt, no word over another, the page
 * footer. The demo's reasons are made long for one district, so the cut to two lines is exercised.
 */
const missing = missingPrintTools();
if (missing.length > 0 && process.env["CI"]) throw new Error(`${missing.join(", ")} required in CI: .ci/run installs libreoffice-calc-nogui and poppler-utils`);

const OUT = join(process.cwd(), "test-artifacts", "print");
const scheme = builtinScheme();
const NINE_POINTS = 9 - 0.01;

describe.skipIf(missing.length > 0)("分类指导 printed on A4 by LibreOffice", () => {
  let printed: SheetPrint;
  let texts: string[] = [];

  beforeAll(async () => {
    const sample = sampleData(scheme, 2024);
    // The longest text a department may write, on a district's every reason.
    for (const key of sample.reasons.keys()) if (key.startsWith("渝中区|")) sample.reasons.set(key, "该项工作开展不够扎实，".repeat(20));
    const opened = await openXlsx(await workbookBytes(await planToWorkbook(templatePlan(scheme, { sample }))), "demo.xlsx");
    if (!opened.ok) throw new Error("unreadable");
    const reading = readWorkbook(opened.snapshot);
    if (!reading.ok) throw new Error("invalid");
    const sheet = guidanceSheet(guidance(scheme, reading.evaluation, reading.inputs), "2025-01-20 15:04");
    const work = mkdtempSync(join(tmpdir(), "evalsheet-guidance-print-"));
    const file = join(work, "guidance.xlsx");
    writeFileSync(file, await workbookBytes(await planToWorkbook({ placement: "first", sheets: [sheet] })));
    const [pdf] = await printToPdf([file], work);
    mkdirSync(OUT, { recursive: true });
    copyFileSync(pdf!, join(OUT, basename(pdf!)));
    const doc = await readPrint(pdf!);
    printed = sheetPrint(doc, SHEETS.guidance);
    texts = sheetPages(doc, SHEETS.guidance).map(pageText);
    await pageImages(doc, OUT, "guidance");
    console.log(`分类指导: ${printed.pages} pages, smallest text ${printed.minPoints} pt`);
  });

  it("one page per district (41), in group order, each page its own district's", () => {
    const units = unitsInSheetOrder(scheme).map((u) => u.name);
    expect(printed.pages).toBe(units.length);
    texts.forEach((t, k) => expect(t.replace(/\s+/g, "")).toContain(`${units[k]}分类指导`));
  });

  it("text ≥ 9 pt, no word over another, 第 k 页 共 n 页 on every page", () => {
    expect(printed.minPoints).toBeGreaterThanOrEqual(NINE_POINTS);
    expect(printed.overprints.map((o) => `p${o.page}: ${o.a.text} / ${o.b.text}`)).toEqual([]);
    printed.footers.forEach((f, k) => expect(f).toMatch(new RegExp(`^第 ${k + 1} 页 共 \\d+ 页$`)));
  });
});
