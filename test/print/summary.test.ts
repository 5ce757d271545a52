import { beforeAll, describe, expect, it } from "vitest";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { builtinScheme } from "../../src/scheme/load";
import { sampleData } from "../../src/layout/sample";
import { templatePlan } from "../../src/layout/template";
import { SHEETS } from "../../src/layout/names";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { writePlanOver } from "../../src/adapters/xlsx/writeOver";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { missingPrintTools, pageImages, pageText, printToPdf, readPrint, sheetPages, sheetPrint, type PdfPage, type SheetPrint } from "../support/pdf";

/**
 * 汇总 printed as the document leaders sign: the demo's output rendered to PDF by LibreOffice and
 * read word by word (test/support/pdf.ts). Text ≥ 9 pt, no word over another, a page-number
 * footer, a region group never split over two pages, the technical column and notes not printed.
 */
const missing = missingPrintTools();
if (missing.length > 0 && process.env["CI"]) throw new Error(`${missing.join(", ")} required in CI: .ci/run installs libreoffice-calc-nogui and poppler-utils`);

const OUT = join(process.cwd(), "test-artifacts", "print");
const scheme = builtinScheme();

describe.skipIf(missing.length > 0)("汇总 prints as a document to sign", () => {
  let pages: readonly PdfPage[] = [];
  let r: SheetPrint;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const work = mkdtempSync(join(tmpdir(), "evalsheet-summary-print-"));
    const file = join(work, "summary-output.xlsx");
    const input = await workbookBytes(await planToWorkbook(templatePlan(scheme, { sample: sampleData(scheme, 2024) })));
    const opened = await openXlsx(input, "demo.xlsx");
    if (!opened.ok) throw new Error("unreadable");
    const reading = readWorkbook(opened.snapshot);
    if (!reading.ok) throw new Error("invalid");
    writeFileSync(file, (await writePlanOver(input, "demo.xlsx", opened.workbook, aggregatePlan(reading, { madeAt: "2025-01-20 10:00" }))).bytes);
    const [pdf] = await printToPdf([file], work);
    for (const f of [file, pdf!]) copyFileSync(f, join(OUT, basename(f)));
    const doc = await readPrint(pdf!);
    pages = sheetPages(doc, SHEETS.summary);
    r = sheetPrint(doc, SHEETS.summary);
    await pageImages({ ...doc, sheets: new Map([[SHEETS.summary, pages]]) }, OUT, "summary");
  }, 300_000);

  it("text ≥ 9 pt, no word over another, 第 k 页 on every page, at most one page per region group", () => {
    expect(r.minPoints, r.smallest).toBeGreaterThanOrEqual(9 - 0.01);
    expect(r.overprints.map((o) => `p${o.page}: ${o.a.text} / ${o.b.text}`)).toEqual([]);
    r.footers.forEach((f, k) => expect(f).toMatch(new RegExp(`^第 ${k + 1} 页 共 \\d+ 页$`)));
    expect(r.pages).toBeGreaterThan(0);
    expect(r.pages).toBeLessThanOrEqual(scheme.groups.length);
  });

  it("the title with the year, the status, the components with their maxima, 等次分布 and the signature block print", () => {
    const all = pages.map(pageText).join("\n").replace(/\s+/g, "");
    for (const t of ["2024年度区县妇联工作分类评价结果汇总表", "初步意见（待党组会审定）", "等次分布", "合计", "制表单位", "审核人"]) {
      expect(all, t).toContain(t);
    }
    // Headers wrap over two lines in their cells: each component's name and its maximum.
    const header = pageText(pages[0]!).replace(/\s+/g, "");
    for (const [name, max] of [["基础工作", "60"], ["最佳实践案例", "25"], ["综合评估", "10"]]) {
      expect(header).toContain(name);
      expect(header).toContain(`（${max}分）`);
    }
  });

  it("a region group never splits over two pages", () => {
    for (const g of scheme.groups) {
      const units = scheme.units.filter((u) => u.group === g.id).map((u) => u.name);
      const on = new Set(units.map((u) => pages.findIndex((p) => pageText(p).replace(/\s+/g, "").includes(u))));
      expect({ group: g.name, pages: on.size, missing: on.has(-1) }).toEqual({ group: g.name, pages: 1, missing: false });
    }
  });

  it("the snapshot column and the technical notes stay out of the printed area", () => {
    const all = pages.map(pageText).join("\n").replace(/\s+/g, "");
    expect(all).not.toContain("快照总分");
    expect(all).not.toContain("本表数值均为公式");
  });
});
