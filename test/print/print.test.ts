import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { builtinScheme } from "../../src/scheme/load";
import { sampleData, type SampleData } from "../../src/layout/sample";
import { templatePlan } from "../../src/layout/template";
import { departmentLayouts } from "../../src/layout/department";
import { SHEETS } from "../../src/layout/names";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { writePlanOver } from "../../src/adapters/xlsx/writeOver";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { BOX_PER_POINT, missingPrintTools, overprints, pageImages, printToPdf, readPrint, sheetPages, sheetPrint, smallestWord, type PrintedPdf, type SheetPrint } from "../support/pdf";

/**
 * The workbook printed, measured: the demo's aggregated output, a department's own file and the
 * blank template, rendered to PDF by LibreOffice (A4, their print set-up) and read back word by
 * word with poppler. Every sheet this test owns prints its text at ≥ 9 pt, no word over another,
 * a page-number footer on every page; department sheets fit two pages. The pages are kept as PNGs
 * in test-artifacts/print/ to look at. 汇总 is measured the same way by its own test.
 */
const missing = missingPrintTools();
if (missing.length > 0 && process.env["CI"]) throw new Error(`${missing.join(", ")} required in CI: .ci/run installs libreoffice-calc-nogui and poppler-utils`);

const OUT = join(process.cwd(), "test-artifacts", "print");
const scheme = builtinScheme();
const departments = departmentLayouts(scheme).map((l) => l.department);
const OWNED = [SHEETS.basicScores, SHEETS.details, ...departments, SHEETS.cases, SHEETS.events, SHEETS.composite, SHEETS.schemeView];
/** A 9 pt word's box is 9 × 1.3 pt high; allow for the PDF's 3-decimal coordinates. */
const NINE_POINTS = 9 - 0.01;
const LONG_CASE = "妇联".repeat(250);

async function demoOutput(path: string): Promise<void> {
  const sample: SampleData = sampleData(scheme, 2024);
  // The first case at the 500-character limit: it must wrap, not print over the rows below.
  const long = { ...sample, cases: [{ ...sample.cases[0]!, text: LONG_CASE }, ...sample.cases.slice(1)] };
  const input = await workbookBytes(await planToWorkbook(templatePlan(scheme, { sample: long })));
  const opened = await openXlsx(input, "demo.xlsx");
  if (!opened.ok) throw new Error(opened.diagnostics[0]!.message);
  const reading = readWorkbook(opened.snapshot);
  if (!reading.ok) throw new Error(reading.diagnostics[0]!.message);
  // As `aggregate` writes it: the input's parts kept, the aggregate's sheets spliced in.
  const written = await writePlanOver(input, "demo.xlsx", opened.workbook, aggregatePlan(reading));
  expect(written.diagnostics).toEqual([]);
  writeFileSync(path, written.bytes);
}

/** Cells at 9 and 11 pt printed at 100 %: the word boxes the thresholds are read against. */
async function calibration(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("calibration");
  [9, 11].forEach((size, i) => {
    const c = ws.getCell(i + 1, 1);
    c.value = `区县妇联 ${size}`;
    c.font = { name: "宋体", size };
  });
  Object.assign(ws.pageSetup, { paperSize: 9, scale: 100 });
  // What the check must catch: wrapped text in a merged cell one line high, its lines reaching into the row below.
  const over = wb.addWorksheet("overprint");
  over.mergeCells("A1:B1");
  over.getCell("A1").value = "区县妇联工作分类评价".repeat(4);
  over.getCell("A1").alignment = { wrapText: true, vertical: "middle" };
  over.getCell("A2").value = "下一行";
  over.getCell("B2").value = "下一行";
  over.getRow(1).height = 15;
  Object.assign(over.pageSetup, { paperSize: 9, scale: 100 });
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
}

describe.skipIf(missing.length > 0)("printed on A4 by LibreOffice, measured with poppler", () => {
  const docs: Record<string, PrintedPdf> = {};
  const report: SheetPrint[] = [];

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    // Built and converted in a directory of this run's own (another run may be printing too); the
    // PDFs and PNGs are then copied to test-artifacts/print/.
    const work = mkdtempSync(join(tmpdir(), "evalsheet-print-"));
    const files = { demo: join(work, "demo-output.xlsx"), department: join(work, "家儿部.xlsx"), blank: join(work, "blank-template.xlsx"), calibration: join(work, "calibration.xlsx") };
    await demoOutput(files.demo);
    writeFileSync(files.department, await workbookBytes(await planToWorkbook(templatePlan(scheme, { department: "家儿部", sample: sampleData(scheme, 2024) }))));
    writeFileSync(files.blank, await workbookBytes(await planToWorkbook(templatePlan(scheme))));
    await calibration(files.calibration);
    const pdfs = await printToPdf(Object.values(files), work);
    for (const f of [...Object.values(files), ...pdfs]) copyFileSync(f, join(OUT, basename(f)));
    for (const [i, key] of Object.keys(files).entries()) docs[key] = await readPrint(pdfs[i]!);
    for (const [key, doc] of Object.entries(docs)) await pageImages(doc, OUT, key);
    for (const sheet of OWNED) report.push(sheetPrint(docs["demo"]!, sheet));
    writeFileSync(join(OUT, "demo-output.json"), JSON.stringify(report.map(({ overprints, ...r }) => ({ ...r, overprints: overprints.length })), null, 2));
    console.log(report.map((r) => `${r.sheet}: ${r.pages} pages, smallest text ${r.minPoints} pt`).join("\n"));
  });

  it("calibration: a 9 pt word's box is 9 × 1.3 pt high, an 11 pt word's 11 × 1.3", () => {
    const words = sheetPages(docs["calibration"]!, "calibration")[0]!.words;
    const box = (size: number) => words.find((w) => w.text === String(size))!;
    for (const size of [9, 11]) expect(box(size).yMax - box(size).yMin).toBeCloseTo(size * BOX_PER_POINT, 1);
    expect(smallestWord(sheetPages(docs["calibration"]!, "calibration"))!.points).toBeGreaterThan(NINE_POINTS);
  });

  it("calibration: wrapped text that does not fit its merged cell is caught (its lines reach into the row below)", () => {
    expect(overprints(sheetPages(docs["calibration"]!, "overprint")).length).toBeGreaterThan(0);
    expect(overprints(sheetPages(docs["calibration"]!, "calibration"))).toEqual([]);
  });

  it.each(OWNED)("demo output, %s: text ≥ 9 pt, no word over another, 第 k 页 共 n 页 on every page", (sheet) => {
    const r = report.find((x) => x.sheet === sheet)!;
    expect(r.pages).toBeGreaterThan(0);
    expect({ sheet, smallest: r.smallest, points: r.minPoints >= NINE_POINTS ? "≥ 9" : r.minPoints }).toEqual({ sheet, smallest: r.smallest, points: "≥ 9" });
    expect(r.overprints.map((o) => `p${o.page}: ${o.a.text} / ${o.b.text}`)).toEqual([]);
    // Numbered from 1 on every sheet; 共 n counts the pages of what was printed (here the whole workbook).
    r.footers.forEach((f, k) => expect(f).toMatch(new RegExp(`^第 ${k + 1} 页 共 \\d+ 页$`)));
  });

  it("every sheet any of the three files prints (ledgers, 联系点调研汇总, 分类指导 included): text ≥ 9 pt, no word over another, no number printed as ### (too wide for its column), 第 k 页 on every page", () => {
    const bad: string[] = [];
    for (const key of ["demo", "department", "blank"]) {
      for (const sheet of docs[key]!.sheets.keys()) {
        const r = sheetPrint(docs[key]!, sheet);
        if (r.minPoints < NINE_POINTS) bad.push(`${key}/${sheet}: ${r.minPoints} pt (${r.smallest})`);
        for (const o of r.overprints) bad.push(`${key}/${sheet} p${o.page}: ${o.a.text} / ${o.b.text}`);
        sheetPages(docs[key]!, sheet).forEach((page, k) => {
          const hashes = page.words.filter((w) => /^#{2,}$/.test(w.text)).length;
          if (hashes) bad.push(`${key}/${sheet} p${k + 1}: ${hashes} numbers too wide for their columns (###)`);
        });
        r.footers.forEach((f, k) => { if (!new RegExp(`^第 ${k + 1} 页 共 \\d+ 页$`).test(f)) bad.push(`${key}/${sheet} p${k + 1}: footer "${f}"`); });
      }
      expect(docs[key]!.sheets.size, key).toBeGreaterThan(3);
    }
    expect(bad).toEqual([]);
  });

  it("department sheets: at most two pages each when blank, at ≥ 9 pt", () => {
    for (const d of departments) {
      const r = sheetPrint(docs["blank"]!, d);
      expect({ d, pages: r.pages, overprints: r.overprints.length, nine: r.minPoints >= NINE_POINTS }).toEqual({ d, pages: Math.min(r.pages, 2), overprints: 0, nine: true });
    }
  });

  it("department sheets filled with the demo's scores and reasons: at most two pages each, at ≥ 9 pt (were 3–7)", () => {
    // LibreOffice lays columns out in Calibri's metrics (Carlito) as Excel does, so the widths planned
    // for two pages hold; the 扣分理由 columns keep a 7–9-character reason on one line.
    for (const l of departmentLayouts(scheme)) {
      const r = sheetPrint(docs["demo"]!, l.department);
      expect({ d: l.department, pages: r.pages, overprints: r.overprints.length, nine: r.minPoints >= NINE_POINTS }).toEqual({ d: l.department, pages: Math.min(r.pages, 2), overprints: 0, nine: true });
    }
  });

  it("a department's own file (家儿部 with the sample's reasons): ≥ 9 pt, no word over another, footers; 序号/区县 and the header on every page", () => {
    const r = sheetPrint(docs["department"]!, "家儿部");
    expect(r.minPoints).toBeGreaterThanOrEqual(NINE_POINTS);
    expect(r.overprints).toEqual([]);
    r.footers.forEach((f, k) => expect(f).toMatch(new RegExp(`^第 ${k + 1} 页 共 \\d+ 页$`)));
    for (const page of sheetPages(docs["department"]!, "家儿部")) {
      const words = page.words.map((w) => w.text);
      expect(words).toContain("序号");
      expect(words).toContain("区县");
    }
  });

  it("基础工作得分: six pages, each with its header, 区县 and a 满分 row; never 25 columns on one page", () => {
    const pages = sheetPages(docs["demo"]!, SHEETS.basicScores);
    expect(pages).toHaveLength(6);
    for (const p of pages) {
      const words = p.words.map((w) => w.text);
      expect(words).toEqual(expect.arrayContaining(["序号", "区县", "满分", "小计"]));
      // The numbers of one unit's row: at most 10 indicator and subtotal columns, and a total.
      const row = p.words.filter((w) => Math.abs(w.yMin - p.words.find((x) => x.text === "满分")!.yMin) < 1 && /^\d+$/.test(w.text));
      expect(row.length).toBeLessThanOrEqual(11);
    }
  });

  it("加分扣分 prints its events and no pages of empty numbered rows; the 500-character case prints whole", () => {
    const events = sheetPages(docs["demo"]!, SHEETS.events);
    for (const p of events) expect(p.words.some((w) => /^\d{4}-\d{2}-\d{2}$/.test(w.text))).toBe(true);
    const printed = sheetPages(docs["demo"]!, SHEETS.cases).flatMap((p) => p.words).filter((w) => /^[妇联]+$/.test(w.text)).map((w) => w.text).join("");
    expect(printed).toBe(LONG_CASE);
  });
});
