import { describe, expect, it } from "vitest";
import { officePort } from "../../src/adapters/office/officePort";
import { builtinScheme } from "../../src/scheme/load";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { schemeSheet } from "../../src/layout/schemeSheet";
import { dataSheet } from "../../src/layout/dataSheet";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { OUTPUT_SHEETS, SHEETS } from "../../src/layout/names";
import type { SheetSpec, WritePlan } from "../../src/workbook/plan";
import type { WorkbookPort } from "../../src/workbook/port";
import { FakeExcel } from "../support/fakeExcel";
import { linkFormula } from "../../src/workbook/links";
import { aggregate } from "../../taskpane/operations";

/*
 * The Office adapter against a fake that binds references to sheets, as Excel does: replacing a
 * sheet, checking what Excel wrote, failures part-way, text that must stay text, merged areas and
 * cell-edit mode. Each test here fails on the adapter that deleted and renamed sheets.
 */

const scheme = builtinScheme();

/** A workbook the add-in built: the sample template written through the port into a new workbook. */
async function templateBook(): Promise<{ fake: FakeExcel; port: WorkbookPort & { stats: unknown } }> {
  const fake = new FakeExcel();
  fake.addSheetModel("Sheet1");
  const port = officePort({ run: fake.run, isSetSupported: () => true });
  const written = await port.applyPlan(templatePlan(scheme, { sample: sampleData(scheme, 5) }));
  expect(written.ok).toBe(true);
  return { fake, port };
}

async function aggregatePlanOf(port: WorkbookPort): Promise<WritePlan> {
  const read = await port.readSnapshot({ namesOnly: OUTPUT_SHEETS });
  if (!read.ok) throw new Error(read.diagnostics[0]!.message);
  const reading = readWorkbook(read.value);
  if (!reading.ok) throw new Error(reading.diagnostics.find((d) => d.severity === "error")?.message);
  return aggregatePlan(reading);
}

const broken = (fake: FakeExcel) => fake.references().filter((r) => r.text.includes("#REF!"));

/** A sheet's cells as "row,col" → formula or value, to compare whole sheets. */
const contentOf = (fake: FakeExcel, name: string) => JSON.stringify([...(fake.sheet(name)?.cells.entries() ?? [])].map(([k, c]) => [k, c.formula ?? c.value]).sort());

/** The same for a sheet as the plan has it. */
const planContent = (spec: SheetSpec) => JSON.stringify(spec.rows.flatMap((row, r) => row.flatMap((c, col) => {
  if (c?.formula !== undefined) return [[`${r},${col}`, `=${c.formula}`]];
  if (c?.link) return [[`${r},${col}`, `=${linkFormula(c)}`]];
  return c?.value === null || c?.value === undefined || c.value === "" ? [] : [[`${r},${col}`, c.value]];
})).sort());

describe("Office adapter: sheets are replaced in place, so references to them hold", () => {
  it("a template, then aggregating twice and saving the scheme leave no #REF! anywhere", async () => {
    const { fake, port } = await templateBook();
    expect(broken(fake)).toEqual([]);
    // The input sheets' dropdowns point at _evalsheet.
    expect(fake.references().filter((r) => r.at.startsWith("validation") && r.text.includes(SHEETS.data)).length).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++) {
      expect((await port.applyPlan(await aggregatePlanOf(port))).ok).toBe(true);
      expect(broken(fake), `aggregate ${i + 1}`).toEqual([]);
    }
    expect((await port.applyPlan({ sheets: [schemeSheet(scheme), dataSheet(scheme)], placement: "last" })).ok).toBe(true);
    expect(broken(fake)).toEqual([]);
    expect(fake.sheets.some((s) => s.name.startsWith("~evalsheet"))).toBe(false);
    // Replaced in place: the sheets keep their settings.
    expect(fake.sheet(SHEETS.data)!.visibility).toBe("Hidden");
    expect(fake.sheet(SHEETS.summary)!.props["protect"]).toBeTruthy();
  });

  it("a user's formula that points at 汇总 still points at it after a re-aggregate", async () => {
    const { fake, port } = await templateBook();
    expect((await port.applyPlan(await aggregatePlanOf(port))).ok).toBe(true);
    fake.addSheetModel("我的表");
    fake.typeFormula("我的表", "A1", "'汇总'!H4");
    expect((await port.applyPlan(await aggregatePlanOf(port))).ok).toBe(true);
    expect(fake.sheet("我的表")!.cells.get("0,0")!.formula).toBe("='汇总'!H4");
  });
});

describe("Office adapter: the check after writing", () => {
  it("a column Excel filled otherwise is found by its last row and written cell by cell", async () => {
    const { fake, port } = await templateBook();
    const plan = await aggregatePlanOf(port);
    fake.brokenFill = true;
    const written = await port.applyPlan(plan);
    expect(written.ok).toBe(true);
    if (written.ok) expect(written.diagnostics.some((d) => d.code === "office.fillRewritten")).toBe(true);
    for (const spec of plan.sheets) {
      spec.rows.forEach((row, r) => row.forEach((cell, c) => {
        if (cell?.formula !== undefined) expect(fake.sheet(spec.name)!.cells.get(`${r},${c}`)?.formula, `${spec.name} ${r},${c}`).toBe(`=${cell.formula}`);
      }));
    }
  });

  it("formula cells that show an error after writing are named in a warning", async () => {
    const { fake, port } = await templateBook();
    const plan: WritePlan = { sheets: [{ name: "报表", rows: [[{ value: "x" }, { formula: "'不存在'!A1" }]], columnWidths: [10, 10], merges: [] }], placement: "last" };
    const written = await port.applyPlan(plan);
    expect(written.ok).toBe(true);
    if (written.ok) expect(written.diagnostics).toEqual([expect.objectContaining({ code: "office.errorCells", severity: "warning", sheet: "报表", cell: "B1" })]);
    expect(fake.calculated).toContain("报表");
  });
});

/** The plan with a new title on every sheet. */
function marked(plan: WritePlan): WritePlan {
  return { ...plan, sheets: plan.sheets.map((s) => ({ ...s, rows: [[{ ...s.rows[0]![0], value: `${String(s.rows[0]![0]?.value ?? "")}（新）` }, ...s.rows[0]!.slice(1)], ...s.rows.slice(1)] })) };
}

describe("Office adapter: a swap that fails part-way", () => {
  it("never loses a sheet's old and new content both, and says 原有的汇总表保持不变 only when it is so", async () => {
    // One workbook aggregated once; each scenario re-aggregates a copy of it with a new title on every sheet.
    const { fake: base, port: basePort } = await templateBook();
    expect((await basePort.applyPlan(await aggregatePlanOf(basePort))).ok).toBe(true);
    // 分类指导 (a page per district: 1,708 rows, 444 merges) adds no case to the swap, only minutes to each of
    // the dozen re-aggregates below: the scenarios run without it.
    const full = marked(await aggregatePlanOf(basePort));
    const plan = { ...full, sheets: full.sheets.filter((s) => s.name !== SHEETS.guidance) };
    const newContent = new Map(plan.sheets.map((s) => [s.name, planContent(s)]));
    const old = new Map(plan.sheets.map((s) => [s.name, contentOf(base, s.name)]));
    /** Re-aggregates a copy, failing its n-th operation; the labels of the operations applied. */
    async function failAt(n: number) {
      const fake = base.clone();
      const port = officePort({ run: fake.run, isSetSupported: () => true });
      fake.failAt(n, "GeneralException");
      const result = await port.applyPlan(plan);
      return { fake, result, labels: fake.log };
    }
    // Where the swap's operations are: a run that does not fail shows them. Every content step
    // (unprotect, unmerge, paste, rename) of every sheet, and the first steps after them.
    const probe = await failAt(1_000_000);
    expect(probe.result.ok).toBe(true);
    const firstSwap = probe.labels.indexOf("worksheet.unprotect");
    const content = new Set(["worksheet.unprotect", "range.unmerge", "range.copyFrom", "worksheet.name"]);
    const swap = probe.labels.map((l, i) => ({ l, n: i + 1 })).filter((x) => x.n > firstSwap);
    const lastContent = Math.max(...swap.filter((x) => content.has(x.l)).map((x) => x.n));
    const indices = [...swap.filter((x) => x.n <= lastContent).map((x) => x.n), lastContent + 1, probe.labels.lastIndexOf("worksheet.position") + 1, probe.labels.lastIndexOf("worksheet.delete") + 1];
    expect(indices.length).toBeGreaterThan(12);
    const codes = new Set<string>();
    for (const n of indices) {
      const { fake, result } = await failAt(n);
      const where = `failure at operation ${n} (${probe.labels[n - 1]})`;
      const message = result.ok ? "" : result.diagnostics[0]!.message;
      codes.add(result.ok ? "ok" : result.diagnostics[0]!.code);
      for (const spec of plan.sheets) {
        const now = contentOf(fake, spec.name);
        const kept = fake.sheets.some((s) => s.name.startsWith("~evalsheet-new-") && contentOf(fake, s.name) === newContent.get(spec.name));
        // The sheet holds its old or its new content; when it is not the new, the new waits in a temporary sheet.
        expect(now === old.get(spec.name) || now === newContent.get(spec.name), `${where}: ${spec.name}`).toBe(true);
        if (now !== newContent.get(spec.name) && !result.ok && result.diagnostics[0]!.code === "office.writeIncomplete") expect(kept, `${where}: ${spec.name} kept`).toBe(true);
      }
      if (message.includes("原有的汇总表保持不变")) expect(contentOf(fake, SHEETS.summary), where).toBe(old.get(SHEETS.summary));
      if (!result.ok && result.diagnostics[0]!.code === "office.writeFailed") {
        expect(fake.sheets.some((s) => s.name.startsWith("~evalsheet")), where).toBe(false);
        expect(message, where).toContain("原有的汇总表保持不变");
        expect(fake.sheet(SHEETS.summary)!.props["protect"], `${where}: protection restored`).toBeTruthy();
      }
    }
    // Every outcome was met: nothing changed, part written, content written but not the look.
    expect([...codes].sort()).toEqual(["office.writeFailed", "office.writeIncomplete", "ok"]);
  }, 600_000);
});

describe("Office adapter: text, merged areas, cell-edit mode", () => {
  it("text in a written sheet that Excel would parse stays text", async () => {
    const { fake, port } = await templateBook();
    const texts = ["00123", "2024-03-01", "TRUE", "#N/A", "1-2", "-5", "'引号"];
    const plan: WritePlan = { sheets: [{ name: "备注", rows: texts.map((t) => [{ value: t }]), columnWidths: [10], merges: [] }], placement: "last" };
    expect((await port.applyPlan(plan)).ok).toBe(true);
    const read = await port.readSnapshot();
    if (!read.ok) throw new Error("read failed");
    expect(read.value.sheets.find((s) => s.name === "备注")!.rows.map((r) => r[0])).toEqual(texts);
    expect(fake.sheet("备注")!.cells.get("0,0")!.numberFormat).toBe("@");
  });

  it("merges are read only where validation needs them; more than 512 merged areas: read again without merges, and say so", async () => {
    const { fake, port } = await templateBook();
    const many = fake.addSheetModel("排版");
    many.merges = Array.from({ length: 600 }, (_, i) => `A${2 * i + 1}:B${2 * i + 1}`);
    many.cells.set("0,0", { value: "x" });
    // 排版 is not an input sheet: its merges are not asked for, so nothing fails.
    const skipping = await port.readSnapshot({ skipMerges: ["排版", SHEETS.data, SHEETS.schemeView] });
    expect(skipping.ok && skipping.diagnostics).toEqual([]);
    if (skipping.ok) expect(skipping.value.sheets.find((s) => s.name === "宣教部")!.merges.length).toBeGreaterThan(0);
    const syncs = fake.syncs;
    const asking = await port.readSnapshot();
    expect(asking.ok).toBe(true);
    if (asking.ok) expect(asking.diagnostics.map((d) => d.code)).toEqual(["office.mergesUnchecked"]);
    expect(fake.syncs - syncs).toBe(2);
  });

  it("while the user edits a cell, requests wait for the edit to end instead of failing", async () => {
    const { fake, port } = await templateBook();
    fake.cellEdit = "editing";
    const read = await port.readSnapshot();
    expect(read.ok).toBe(true);
    expect(fake.runOptions.at(-1)).toEqual({ delayForCellEdit: true });
    const plan = await aggregatePlanOf(port);
    // Excel versions that ignore delayForCellEdit still fail: the message says what to do.
    fake.cellEdit = "stuck";
    const written = await port.applyPlan(plan);
    expect(written.ok).toBe(false);
    if (!written.ok) expect(written.diagnostics[0]!.message).toContain("正在编辑单元格");
  });
});

describe("the pane's operations over the Office adapter", () => {
  it("汇总 shows what the check after writing found, and asks no merges of the sheets validation does not check", async () => {
    const { fake, port } = await templateBook();
    // Hidden and generated sheets may have any number of merged areas: their merges are not asked for.
    fake.sheet(SHEETS.data)!.merges = Array.from({ length: 600 }, (_, i) => `A${2 * i + 1}:B${2 * i + 1}`);
    fake.brokenFill = true;
    const r = await aggregate({ port });
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => d.code)).toContain("office.fillRewritten");
    expect(r.diagnostics.map((d) => d.code)).not.toContain("office.mergesUnchecked");
  });
});
