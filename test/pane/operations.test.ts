import { describe, expect, it } from "vitest";
import * as ops from "../../taskpane/operations";
import { officePort } from "../../src/adapters/office/officePort";
import { xlsxPort } from "../../src/adapters/xlsx/xlsxPort";
import { planToWorkbook } from "../../src/adapters/xlsx/xlsxFile";
import { builtinScheme } from "../../src/scheme/load";
import { withYear } from "../../src/scheme/year";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { SHEETS } from "../../src/layout/names";
import type { WorkbookPort } from "../../src/workbook/port";
import type { WritePlan } from "../../src/workbook/plan";
import { FakeExcel } from "../support/fakeExcel";
import { planSnapshot } from "../support/planSnapshot";

/** The pane's operations, on the standalone (file) port and on the Excel port over the fake. */
const scheme = builtinScheme();
const ports: [string, (plan: WritePlan) => Promise<WorkbookPort>][] = [
  ["file port", async (plan) => xlsxPort(await planToWorkbook(plan))],
  ["Excel port (fake)", async (plan) => officePort({ run: FakeExcel.from(planSnapshot(plan)).run, isSetSupported: () => true })],
];
const sample = () => templatePlan(scheme, { sample: sampleData(scheme, 2024) });

async function sheetNames(port: WorkbookPort): Promise<string[]> {
  const r = await port.readSnapshot();
  if (!r.ok) throw new Error("read failed");
  return r.value.sheets.map((s) => s.name);
}

describe.each(ports)("pane operations on the %s", (_name, make) => {
  it("validate reports progress by phase and finds no error in the sample", async () => {
    const phases: string[] = [];
    const r = await ops.validate({ port: await make(sample()), progress: (p) => phases.push(p) });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(phases).toEqual(["phaseRead", "phaseValidate"]);
  });

  it("aggregate writes the three output sheets first", async () => {
    const port = await make(sample());
    const r = await ops.aggregate({ port });
    expect(r.ok).toBe(true);
    expect((await sheetNames(port)).slice(0, 3)).toEqual([SHEETS.summary, SHEETS.basicScores, SHEETS.details]);
  });

  it("aggregate with errors writes nothing and returns the diagnostics", async () => {
    const plan = sample();
    const broken: WritePlan = { ...plan, sheets: plan.sheets.map((s) => (s.name !== "宣教部" ? s : { ...s, rows: s.rows.map((row, i) => (i !== 5 ? row : row.map((c, j) => (j === 2 ? { value: "abc", style: "input" as const } : c)))) })) };
    const port = await make(broken);
    const r = await ops.aggregate({ port });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.some((d) => d.code === "value.notNumber" && d.sheet === "宣教部" && d.cell === "C6")).toBe(true);
    expect(await sheetNames(port)).not.toContain(SHEETS.summary);
  });

  it("cancel before the write leaves the workbook unchanged", async () => {
    const port = await make(sample());
    const controller = new AbortController();
    const r = await ops.aggregate({ port, signal: controller.signal, progress: (p) => p === "phasePlan" && controller.abort() });
    expect(r).toMatchObject({ ok: false, cancelled: true });
    expect(await sheetNames(port)).not.toContain(SHEETS.summary);
  });

  it("生成模板 adds only the missing sheets and never overwrites an existing one", async () => {
    const plan = sample();
    const partial: WritePlan = { ...plan, sheets: plan.sheets.filter((s) => s.name !== "组联部" && s.name !== SHEETS.events) };
    const port = await make(partial);
    const before = await port.readSnapshot();
    const r = await ops.addTemplate({ port });
    expect(r).toMatchObject({ ok: true, value: ["组联部", SHEETS.events] });
    const after = await port.readSnapshot();
    if (!before.ok || !after.ok) throw new Error("read failed");
    const x = (w: typeof after) => w.value.sheets.find((s) => s.name === "宣教部")!.rows;
    expect(x(after)).toEqual(x(before));
    // Once complete, a second 生成模板 adds nothing.
    expect(await ops.addTemplate({ port })).toMatchObject({ ok: true, value: [] });
  });

  it("生成模板 for a year: a blank workbook gets that year's sheets and scheme; a year before 2024 is refused", async () => {
    const port = await make({ sheets: [], placement: "last" });
    expect(await ops.addTemplate({ port }, undefined, 2023)).toMatchObject({ ok: false, diagnostics: [{ code: "template.year" }] });
    const r = await ops.addTemplate({ port }, undefined, 2027);
    expect(r.ok).toBe(true);
    const v = await ops.validate({ port });
    expect(v.ok && v.value.scheme).toMatchObject({ year: 2027, applicableFrom: 2024 });
    const read = await port.readSnapshot();
    if (!read.ok) throw new Error("read failed");
    expect(String(read.value.sheets.find((s) => s.name === SHEETS.events)!.rows[0]![0])).toContain("2027 年度");
  });

  it("生成模板 for another year than the one the workbook carries is refused, nothing written", async () => {
    const plan = sample();
    const port = await make({ ...plan, sheets: plan.sheets.filter((s) => s.name !== SHEETS.events) });
    const r = await ops.addTemplate({ port }, undefined, 2025);
    expect(r).toMatchObject({ ok: false, diagnostics: [{ code: "template.otherYear", message: expect.stringContaining("此工作簿是 2024 年度的") }] });
    expect(await sheetNames(port)).not.toContain(SHEETS.events);
    expect(await ops.addTemplate({ port }, undefined, 2024)).toMatchObject({ ok: true, value: [SHEETS.events] });
  });

  it("导入部室表 refuses a department file made for another year", async () => {
    const port = await make(templatePlan(scheme));
    const y2025 = withYear(scheme, 2025);
    const dept = planSnapshot(templatePlan(y2025, { sample: sampleData(y2025, 9), department: "宣教部" }));
    const r = await ops.importDepartments({ port }, [{ name: "宣教部2025.xlsx", snapshot: dept }]);
    expect(r).toMatchObject({ ok: false, diagnostics: [expect.objectContaining({ code: "collect.otherScheme", message: expect.stringContaining("「宣教部2025.xlsx」是按评价方案 cq-2024（2025 年度）生成的") })] });
  });

  it("导入部室表 copies a department's file into the input cells and lists who is missing", async () => {
    const port = await make(templatePlan(scheme));
    const dept = planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 9), department: "宣教部" }));
    const r = await ops.importDepartments({ port }, [{ name: "宣教部.xlsx", snapshot: dept }]);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.imported).toEqual(["宣教部"]);
      expect(r.value.missing).toEqual(["办公室", "发展部", "家儿部", "维权部", "妇儿工委办", "组联部"]);
    }
    const after = await port.readSnapshot();
    if (!after.ok) throw new Error("read failed");
    const cells = (rows: readonly (readonly unknown[])[]) => Array.from({ length: 6 }, (_, i) => rows[5]?.[2 + i] ?? null);
    expect(cells(after.value.sheets.find((s) => s.name === "宣教部")!.rows)).toEqual(cells(dept.sheets.find((s) => s.name === "宣教部")!.rows));
    expect(cells(dept.sheets.find((s) => s.name === "宣教部")!.rows).filter((v) => v !== null).length).toBeGreaterThan(2);
  });

  it("审定 records the approval, marks the summary approved, and later edits are named by cell", async () => {
    const port = await make(sample());
    const r = await ops.approve({ port }, "党组会", "2027-01-20");
    expect(r.ok).toBe(true);
    const read = await port.readSnapshot();
    if (!read.ok) throw new Error("read failed");
    expect(read.value.sheets.map((s) => s.name)).toContain(SHEETS.approval);
    const note = read.value.sheets.find((s) => s.name === SHEETS.summary)!.rows[1]![0];
    expect(String(note)).toContain("已审定（2027-01-20，党组会）");
    expect((await port.writeCells([{ sheet: "宣教部", row: 5, col: 2, value: 0 }])).ok).toBe(true);
    const v = await ops.validate({ port });
    expect(v.ok && v.value.changedSinceApproval).toEqual(["宣教部!C6"]);
    expect(v.diagnostics.filter((d) => d.code === "approval.changed").map((d) => `${d.sheet}!${d.cell}`)).toEqual(["宣教部!C6"]);
  });

  it("saving an edited scheme changes what the workbook is scored with", async () => {
    const port = await make(sample());
    const edited = { ...scheme, tiers: { kind: "thresholds" as const, tiers: [{ name: "特优", min: 90 }, { name: "优", min: 80 }], otherwise: "良" } };
    expect((await ops.saveScheme({ port }, edited)).ok).toBe(true);
    const v = await ops.validate({ port });
    expect(v.ok && v.value.scheme.tiers).toEqual(edited.tiers);
  });
});
