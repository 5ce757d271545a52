import { describe, expect, it } from "vitest";
import { officePort } from "../../src/adapters/office/officePort";
import { MARGINS } from "../../src/adapters/office/print";
import { heightAreas } from "../../src/adapters/office/ops";
import { builtinScheme } from "../../src/scheme/load";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { OUTPUT_SHEETS, SHEETS } from "../../src/layout/names";
import { parseRange } from "../../src/workbook/address";
import type { SheetSpec, WritePlan } from "../../src/workbook/plan";
import { linkFormula } from "../../src/workbook/links";
import { FakeExcel } from "../support/fakeExcel";
import type { FakeSheet } from "../support/fakeExcelBase";

/*
 * The workbook prints as a document from Excel too: what the file adapter writes as pageSetup
 * (A4, margins, fit to width, print titles and area, footer, page breaks), the row heights that
 * keep wrapped and merged text readable, links to the source cells, rows resizable on protected
 * sheets — applied through Office.js, checked on the recording fake.
 */

const scheme = builtinScheme();

async function aggregated(fake: FakeExcel): Promise<{ plan: WritePlan; diagnostics: { code: string; severity: string; message: string }[]; ok: boolean }> {
  const port = officePort({ run: fake.run, isSetSupported: () => true });
  const read = await port.readSnapshot({ namesOnly: OUTPUT_SHEETS });
  if (!read.ok) throw new Error(read.diagnostics[0]!.message);
  const reading = readWorkbook(read.value);
  if (!reading.ok) throw new Error("sample does not read");
  const plan = aggregatePlan(reading);
  const written = await port.applyPlan(plan);
  return { plan, diagnostics: written.diagnostics, ok: written.ok };
}

async function bookWithTemplate(): Promise<FakeExcel> {
  const fake = new FakeExcel();
  fake.addSheetModel("Sheet1");
  const port = officePort({ run: fake.run, isSetSupported: () => true });
  expect((await port.applyPlan(templatePlan(scheme, { sample: sampleData(scheme, 5) }))).ok).toBe(true);
  return fake;
}

/** Row heights the fake holds, by 0-based row, from the per-area format records. */
function heightsOf(sheet: FakeSheet): Map<number, number> {
  const out = new Map<number, number>();
  for (const [k, v] of Object.entries(sheet.props)) {
    const m = /^format\|([^|]+)\|rowHeight$/.exec(k);
    if (!m) continue;
    const r = parseRange(m[1]!);
    for (let row = r.top; row <= r.bottom; row++) out.set(row, v as number);
  }
  return out;
}

function expectPrinted(sheet: FakeSheet, spec: SheetSpec): void {
  const p = spec.print!;
  const at = `${spec.name}: `;
  expect(sheet.props["pageLayout.orientation"], at + "orientation").toBe(p.landscape ? "Landscape" : "Portrait");
  expect(sheet.props["pageLayout.paperSize"], at + "paper").toBe("A4");
  for (const [k, v] of Object.entries(MARGINS)) expect(sheet.props[`pageLayout.${k}`], at + k).toBe(v);
  expect(sheet.props["pageLayout.zoom"], at + "zoom").toEqual(p.fitToWidth !== undefined ? { horizontalFitToPages: p.fitToWidth, verticalFitToPages: 0 } : { scale: 100 });
  expect(sheet.props["pageLayout.headersFooters.defaultForAllPages.centerFooter"], at + "footer").toBe(p.footer ?? "第 &P 页 共 &N 页");
  if (p.titleRows) expect(sheet.props["printTitleRows"], at + "title rows").toBe(`$${p.titleRows.replace(":", ":$")}`);
  if (p.titleColumns) expect(sheet.props["printTitleColumns"], at + "title columns").toBe(`$${p.titleColumns.replace(":", ":$")}`);
  if (p.area) expect(sheet.props["printArea"], at + "area").toBe(p.area);
  expect(sheet.props["pageBreaks"] ?? [], at + "breaks").toEqual((p.breaksBefore ?? []).filter((r) => r > 0).map((r) => `A${r + 1}`));
}

describe("Office adapter: the sheets print as they do from the file", () => {
  it("every written sheet gets the plan's page set-up, row heights and links, on a first aggregate and on a re-aggregate", async () => {
    const fake = await bookWithTemplate();
    for (let round = 0; round < 2; round++) {
      const { plan, ok, diagnostics } = await aggregated(fake);
      expect(ok).toBe(true);
      expect(diagnostics.filter((d) => d.code === "office.printSetupFailed")).toEqual([]);
      const printed = plan.sheets.filter((s) => s.print);
      expect(printed.map((s) => s.name)).toEqual(expect.arrayContaining([SHEETS.summary, SHEETS.basicScores, SHEETS.details]));
      for (const spec of printed) expectPrinted(fake.sheet(spec.name)!, spec);
      for (const spec of plan.sheets) {
        const heights = heightsOf(fake.sheet(spec.name)!);
        for (const [r, h] of Object.entries(spec.rowHeights ?? {})) expect(heights.get(Number(r)), `${spec.name} row ${Number(r) + 1}`).toBe(h);
      }
      // 扣分明细's source cells are links in Excel too, not plain text.
      const details = plan.sheets.find((s) => s.name === SHEETS.details)!;
      const links = details.rows.flatMap((row, r) => row.flatMap((c, col) => (c?.link ? [{ r, col, c }] : [])));
      expect(links.length).toBeGreaterThan(0);
      for (const { r, col, c } of links) expect(fake.sheet(SHEETS.details)!.cells.get(`${r},${col}`)?.formula).toBe(`=${linkFormula(c)}`);
    }
  }, 240_000);

  it("the template's department sheets print one page wide with their titles, and stay resizable when protected", async () => {
    const fake = await bookWithTemplate();
    const plan = templatePlan(scheme, { sample: sampleData(scheme, 5) });
    const departments = plan.sheets.filter((s) => s.protect && s.print);
    expect(departments.length).toBeGreaterThan(0);
    for (const spec of departments) {
      const sheet = fake.sheet(spec.name)!;
      expectPrinted(sheet, spec);
      expect(sheet.props["protect"], spec.name).toMatchObject({ allowFormatRows: true, allowFormatColumns: true });
    }
  }, 240_000);

  it("without a printer the page set-up fails, and the sheets are written anyway with a warning that says what to do", async () => {
    const fake = await bookWithTemplate();
    fake.noPrinter = true;
    const { plan, ok, diagnostics } = await aggregated(fake);
    expect(ok).toBe(true);
    const warning = diagnostics.find((d) => d.code === "office.printSetupFailed");
    expect(warning?.severity).toBe("warning");
    expect(warning?.message).toContain("页面布局");
    expect(warning?.message).toContain(SHEETS.summary);
    // Content, heights and protection are in place; only the page set-up is missing.
    const summary = plan.sheets.find((s) => s.name === SHEETS.summary)!;
    expect(fake.sheet(SHEETS.summary)!.cells.get("0,0")?.value).toBe(summary.rows[0]![0]!.value);
    expect(fake.sheet(SHEETS.summary)!.props["pageLayout.paperSize"]).toBeUndefined();
    for (const spec of plan.sheets.filter((s) => s.protect)) expect(fake.sheet(spec.name)!.props["protect"], spec.name).toBeTruthy();
  }, 240_000);
});

describe("row heights as RangeAreas", () => {
  it("groups rows by height into addresses under 255 characters that cover each row exactly once", () => {
    const heights: Record<number, number> = {};
    for (let r = 0; r < 5000; r++) heights[r] = r % 3 === 0 ? 15 : r % 7 === 0 ? 40.5 : 28;
    const areas = heightAreas(heights);
    const seen = new Map<number, number>();
    for (const { areas: address, height } of areas) {
      expect(address.length).toBeLessThanOrEqual(255);
      for (const a of address.split(",")) {
        const r = parseRange(a);
        for (let row = r.top; row <= r.bottom; row++) {
          expect(seen.has(row)).toBe(false);
          seen.set(row, height);
        }
      }
    }
    expect(Object.fromEntries(seen)).toEqual(heights);
    // Far fewer actions than rows.
    expect(areas.length).toBeLessThan(400);
  });
});

describe("very tall sheets", () => {
  it("a sheet of 130,000 rows (分类指导 at 3,000 units: 125,001) is planned and chunked without overflowing the call stack", async () => {
    const { buildOps, chunkOps } = await import("../../src/adapters/office/ops");
    const { sheetLayout } = await import("../../src/adapters/office/swap");
    const rows = Array.from({ length: 130_000 }, (_, r) => [{ value: `第 ${r} 行`, style: "label" as const }, r % 41 === 0 ? { value: r, style: "total" as const } : null]);
    const rowHeights: Record<number, number> = {};
    for (let r = 0; r < rows.length; r++) rowHeights[r] = r % 41 === 0 ? 30 : 15;
    const merges = Array.from({ length: 3_000 }, (_, i) => `A${i * 41 + 1}:B${i * 41 + 1}`);
    const spec: SheetSpec = { name: "分类指导", rows, columnWidths: [20, 10], merges, rowHeights, print: { landscape: false, breaksBefore: Array.from({ length: 3_000 }, (_, i) => i * 41) } };
    const { ops } = buildOps(sheetLayout({ sheets: [spec], placement: "first" }, []));
    expect(ops.filter((o) => o.kind === "merge")).toHaveLength(3_000);
    expect(ops.filter((o) => o.kind === "rowHeight").length).toBeLessThan(2_000);
    expect(chunkOps(ops, 4_000_000).length).toBeGreaterThan(0);
  });
});
