import { describe, expect, it } from "vitest";
import { officePort } from "../../src/adapters/office/officePort";
import { builtinScheme } from "../../src/scheme/load";
import type { Scheme } from "../../src/scheme/schema";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { OUTPUT_SHEETS, SHEETS } from "../../src/layout/names";
import type { WritePlan } from "../../src/workbook/plan";
import { a1 } from "../../src/workbook/address";
import { linkFormula } from "../../src/workbook/links";
import { FakeExcel } from "../support/fakeExcel";
import { planSnapshot } from "../support/planSnapshot";

const LIMIT = 4_000_000;
/** 3,000 units: the engine, the plan and the fake's bookkeeping take minutes on a shared 2-core machine. */
const BIG = 900_000;

function schemeWithUnits(n: number): Scheme {
  const base = builtinScheme();
  const units = Array.from({ length: n }, (_, i) => ({ name: `单位${String(i + 1).padStart(4, "0")}`, group: base.groups[i % 4]!.id, aliases: [] }));
  return { ...base, id: `cq-${n}`, units };
}

/** Aggregate in the fake Excel exactly as the pane does: read (outputs by name only), validate and evaluate, write. */
async function aggregateInFake(scheme: Scheme, fake = FakeExcel.from(planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 5) }))), port = officePort({ run: fake.run, isSetSupported: () => true, maxRequestBytes: LIMIT }), withGuidance = true) {
  const syncsBefore = fake.syncs;
  const read = await port.readSnapshot({ namesOnly: OUTPUT_SHEETS });
  if (!read.ok) throw new Error(read.diagnostics[0]!.message);
  const reading = readWorkbook(read.value);
  if (!reading.ok) throw new Error(reading.diagnostics[0]!.message);
  // 分类指导 (a printed page per district: 125,001 rows at 3,000 units) is budgeted on its own below.
  const full = aggregatePlan(reading);
  const plan = withGuidance ? full : { ...full, sheets: full.sheets.filter((s) => s.name !== SHEETS.guidance) };
  const written = await port.applyPlan(plan);
  return { fake, port, reading, plan, written, syncs: fake.syncs - syncsBefore, requests: fake.requestBytes.slice(syncsBefore), responses: fake.responseBytes.slice(syncsBefore) };
}

/** The pane reads the workbook when it opens (to show its scheme); 汇总 comes after. */
async function openedPane(scheme: Scheme) {
  const fake = FakeExcel.from(planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 5) })));
  const port = officePort({ run: fake.run, isSetSupported: () => true, maxRequestBytes: LIMIT });
  const opened = await port.readSnapshot({ namesOnly: OUTPUT_SHEETS });
  expect(opened.ok).toBe(true);
  expect(fake.syncs).toBe(2); // cold: the sheet list, then the cells
  return { fake, port };
}

/** Every cell the plan writes, as the fake workbook holds it after the fills: formula or value, and number format. */
function expectPlanWritten(fake: FakeExcel, plan: WritePlan): void {
  for (const spec of plan.sheets) {
    const sheet = fake.sheet(spec.name)!;
    spec.rows.forEach((row, r) => row.forEach((cell, c) => {
      const got = sheet.cells.get(`${r},${c}`);
      const where = `${spec.name}!${a1(r, c)}`;
      if (cell?.formula !== undefined) expect(got?.formula, where).toBe(`=${cell.formula}`);
      else if (cell?.link) expect(got?.formula, where).toBe(`=${linkFormula(cell)}`);
      else if (cell?.value !== undefined && cell.value !== null && cell.value !== "") expect(got?.value, where).toEqual(cell.value);
      if (cell?.numFmt) expect(got?.numberFormat ?? sheet.formats.get(`${r},${c}`), where).toBe(cell.numFmt);
    }));
  }
}

const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;

/** No formula or validation list anywhere in the fake workbook has a broken reference. */
function expectNoBrokenReference(fake: FakeExcel): void {
  expect(fake.references().filter((r) => r.text.includes("#REF!")).slice(0, 5)).toEqual([]);
}

/** The written sheets were calculated after the last write reached them (Manual calculation mode). */
function expectCalculatedAfterWriting(fake: FakeExcel, plan: WritePlan): void {
  expect(new Set(fake.calculated)).toEqual(new Set(plan.sheets.map((s) => s.name)));
  const lastWrite = Math.max(...["range.formulas", "range.copyFrom", "worksheet.name", "range.numberFormat"].map((l) => fake.log.lastIndexOf(l)));
  expect(fake.log.lastIndexOf("worksheet.calculate")).toBeGreaterThan(lastWrite);
}

describe("Office.js adapter: requests per aggregate", () => {
  it("41 units: 汇总 is 5 requests once the pane is open (read, build, swap, print set-up, check); 6 from cold; the new sheets are calculated last", async () => {
    const { fake, port } = await openedPane(builtinScheme());
    const run = await aggregateInFake(builtinScheme(), fake, port);
    expect(run.written.ok).toBe(true);
    if (run.written.ok) expect(run.written.diagnostics).toEqual([]);
    expect(run.syncs).toBe(5);
    expect(Math.max(...run.requests)).toBeLessThan(LIMIT);
    // Calculation is suspended while building and swapping, then the check calculates the new sheets.
    expect(fake.suspendedCalcSyncs).toBe(2);
    expectCalculatedAfterWriting(fake, run.plan);
    expect(fake.sheets.slice(0, 3).map((s) => s.name)).toEqual([SHEETS.summary, SHEETS.basicScores, SHEETS.details]);
    expectPlanWritten(fake, run.plan);
    expectNoBrokenReference(fake);
    const cold = await aggregateInFake(builtinScheme());
    expect(cold.syncs).toBe(6);
    console.log(`41 units: ${run.syncs} requests once open (${cold.syncs} cold); request bytes ${run.requests.map(mb).join(" / ")}; responses ${run.responses.map(mb).join(" / ")}`);
  });

  // Since the printed 基础工作得分 bands, _计算 and 联系点调研汇总, a 3,000-unit aggregate styles ≈ 12,000
  // rectangles, each up to 19 Office actions: sized per action (ops.ts opBytes), the build takes four
  // requests under 4 MB (it sent one of ≈ 6.4 MB when a style counted as one action).
  it("3,000 units (分类指导 apart): 汇总 is at most 9 requests once the pane is open (the print set-up is one; 扣分明细's 26,790 links as HYPERLINK formulas ≈ 1.3 MB more), each request under 4 MB and each response under Excel on the web's 5 MB", async () => {
    const scheme = schemeWithUnits(3000);
    const { fake, port } = await openedPane(scheme);
    const run = await aggregateInFake(scheme, fake, port, false);
    expect(run.written.ok).toBe(true);
    expect(run.syncs).toBeLessThanOrEqual(9);
    expect(Math.max(...run.requests)).toBeLessThan(LIMIT);
    expect(Math.max(...run.responses)).toBeLessThan(5_000_000);
    // The read, the print set-up and the check are not writes of cells; every other request suspends calculation.
    expect(fake.suspendedCalcSyncs).toBe(run.syncs - 3);
    // The fills reproduce every formula, value and number format of the plan: nothing is lost to compression.
    expectPlanWritten(fake, run.plan);
    expect(run.plan.sheets[0]!.rows.filter((r) => typeof r[1]?.value === "string" && r[1].value.startsWith("单位"))).toHaveLength(3000);
    console.log(`3,000 units: ${run.syncs} requests once open; request bytes ${run.requests.map(mb).join(" / ")}; responses ${run.responses.map(mb).join(" / ")}`);
  }, BIG);

  it("3,000 units, aggregated again: the previous outputs are not read back, the request count stays the same, and 汇总's references still resolve", async () => {
    const scheme = schemeWithUnits(3000);
    const { fake, port } = await openedPane(scheme);
    const first = await aggregateInFake(scheme, fake, port, false);
    const again = await aggregateInFake(scheme, fake, port, false);
    expect(again.written.ok).toBe(true);
    expect(again.syncs).toBe(first.syncs);
    expect(again.responses[0]).toBeLessThan(first.responses[0]! * 1.01);
    expect(fake.sheets.filter((s) => s.name === SHEETS.summary)).toHaveLength(1);
    expectPlanWritten(fake, again.plan);
    expectNoBrokenReference(fake);
  }, BIG);

  it("a response Excel finds too large is read again in row slices, and reads the same workbook", async () => {
    const scheme = schemeWithUnits(600);
    const whole = FakeExcel.from(planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 5) })));
    const expected = await officePort({ run: whole.run, isSetSupported: () => true }).readSnapshot();
    const fake = FakeExcel.from(planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 5) })));
    fake.responseLimit = 300_000;
    const port = officePort({ run: fake.run, isSetSupported: () => true, maxReadCells: 20_000 });
    const sliced = await port.readSnapshot();
    expect(sliced.ok && expected.ok).toBe(true);
    if (sliced.ok && expected.ok) expect(sliced.value).toEqual(expected.value);
    // The cold read's cell request was refused; every request of the sliced read that succeeded stayed under the cap.
    expect(fake.responseBytes[1]).toBeGreaterThan(300_000);
    expect(fake.responseBytes.at(-1)).toBeLessThanOrEqual(300_000);
    console.log(`600 units, responses capped at 0.3 MB: ${fake.syncs} requests (one refused, then sizes, then slices)`);
  });

  it("a sheet renamed since the last read: the guessed read fails, the cold read gets it right; a new sheet costs one more request", async () => {
    const { fake, port } = await openedPane(builtinScheme());
    fake.sheet("宣教部")!.name = "宣教部（旧）";
    const renamed = await port.readSnapshot();
    expect(renamed.ok).toBe(true);
    if (renamed.ok) expect(renamed.value.sheets.map((s) => s.name)).toContain("宣教部（旧）");
    const before = fake.syncs;
    fake.addSheetModel("备注").cells.set("0,0", { value: "新表" });
    const added = await port.readSnapshot();
    expect(fake.syncs - before).toBe(2);
    if (added.ok) expect(added.value.sheets.find((s) => s.name === "备注")!.rows[0]).toEqual(["新表"]);
  });

  it("error cells are read as errors (from Excel's special cells, not a second copy of every value)", async () => {
    const fake = FakeExcel.from(planSnapshot(templatePlan(builtinScheme(), { sample: sampleData(builtinScheme(), 5) })));
    fake.sheet("宣教部")!.cells.set("5,2", { value: "#N/A", error: "#N/A" });
    fake.sheet("宣教部")!.cells.set("6,2", { value: "#N/A" });
    const read = await officePort({ run: fake.run, isSetSupported: () => true }).readSnapshot();
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const sheet = read.value.sheets.find((s) => s.name === "宣教部")!;
    expect(sheet.rows[5]![2]).toEqual({ error: "#N/A" });
    expect(sheet.rows[6]![2]).toBe("#N/A");
    const reading = readWorkbook(read.value);
    expect(reading.diagnostics.some((d) => d.sheet === "宣教部" && d.cell === "C6" && d.severity === "error")).toBe(true);
  });
});

describe("Office.js adapter: importing cells", () => {
  it("a large import is packed into requests under the limit, and every cell arrives", async () => {
    const fake = FakeExcel.from(planSnapshot(templatePlan(builtinScheme())));
    const port = officePort({ run: fake.run, isSetSupported: () => true, maxRequestBytes: 100_000 });
    const edits = Array.from({ length: 6000 }, (_, i) => ({ sheet: "宣教部", row: 5 + (i % 40), col: 3 + Math.floor(i / 40), value: `扣分理由第${i}条：材料不全，未按时报送，需补充说明` }));
    expect((await port.writeCells(edits)).ok).toBe(true);
    expect(fake.syncs).toBeGreaterThan(1);
    expect(Math.max(...fake.requestBytes)).toBeLessThan(100_000);
    for (const e of edits) expect(fake.sheet("宣教部")!.cells.get(`${e.row},${e.col}`)?.value).toBe(e.value);
    const before = fake.syncs;
    expect((await port.writeCells([])).ok).toBe(true);
    expect(fake.syncs).toBe(before);
  });
});

describe("Office.js adapter: failures", () => {
  it("a write that fails half-way keeps the previous summary, removes the temporary sheets and says so", async () => {
    const first = await aggregateInFake(builtinScheme());
    const before = [...first.fake.sheet(SHEETS.summary)!.cells.entries()];
    const fake = first.fake;
    const port = officePort({ run: fake.run, isSetSupported: () => true });
    const read = await port.readSnapshot();
    if (!read.ok) throw new Error("read failed");
    const reading = readWorkbook(read.value);
    if (!reading.ok) throw new Error("invalid");
    // The 60th operation of the write request fails: the new sheets are half built.
    fake.failAt(60, "GeneralException");
    const result = await port.applyPlan(aggregatePlan(reading));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.diagnostics[0]).toMatchObject({ severity: "error", code: "office.writeFailed" });
      expect(result.diagnostics[0]!.message).toContain("原有的汇总表保持不变");
    }
    expect([...fake.sheet(SHEETS.summary)!.cells.entries()]).toEqual(before);
    expect(fake.sheets.some((s) => s.name.startsWith("~evalsheet"))).toBe(false);
  });

  it("a read failure becomes a diagnostic, not an exception; in cell-edit mode it says to leave the cell", async () => {
    const fake = FakeExcel.from(planSnapshot(templatePlan(builtinScheme())));
    fake.cellEdit = "stuck";
    const result = await officePort({ run: fake.run, isSetSupported: () => true }).readSnapshot();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.diagnostics[0]!.code).toBe("office.readFailed");
      expect(result.diagnostics[0]!.message).toContain("正在编辑单元格");
    }
  });

  it("without ExcelApi 1.13, merges are not read and an info diagnostic says they were not checked", async () => {
    const fake = FakeExcel.from(planSnapshot(templatePlan(builtinScheme())));
    const result = await officePort({ run: fake.run, isSetSupported: (_s, v) => v !== "1.13" }).readSnapshot();
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.diagnostics.map((d) => d.code)).toEqual(["office.mergesUnchecked"]);
      expect(result.value.sheets.every((s) => s.merges.length === 0)).toBe(true);
      expect(fake.syncs).toBe(2);
    }
  });

  it("leftover temporary sheets from an interrupted run are cleared before writing", async () => {
    const fake = FakeExcel.from(planSnapshot(templatePlan(builtinScheme(), { sample: sampleData(builtinScheme(), 5) })));
    fake.addSheetModel("~evalsheet-new-0");
    const { written } = await aggregateInFake(builtinScheme(), fake);
    expect(written.ok).toBe(true);
    expect(fake.sheets.some((s) => s.name.startsWith("~evalsheet"))).toBe(false);
  });
});
