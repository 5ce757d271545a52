import { beforeAll, describe, expect, it } from "vitest";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { xlsxPort } from "../../src/adapters/xlsx/xlsxPort";
import { workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { officePort } from "../../src/adapters/office/officePort";
import type { WorkbookPort } from "../../src/workbook/port";
import type { WritePlan } from "../../src/workbook/plan";
import type { SheetSnapshot, WorkbookSnapshot } from "../../src/workbook/snapshot";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { SHEETS } from "../../src/layout/names";
import { a1 } from "../../src/workbook/address";
import { FakeExcel } from "../support/fakeExcel";
import { sampleWorkbook } from "../support/workbooks";

/**
 * One contract, two adapters: the file adapter (exceljs) and the Office.js adapter (on the
 * recording fake) must read and write the same way, and fail the same way.
 */
let seed: WorkbookSnapshot;
let seedBytes: Uint8Array;

beforeAll(async () => {
  seedBytes = await workbookBytes(await sampleWorkbook({ seed: 11 }));
  const opened = await openXlsx(seedBytes, "seed.xlsx");
  if (!opened.ok) throw new Error("seed unreadable");
  seed = opened.snapshot;
});

const adapters: [string, () => Promise<WorkbookPort>][] = [
  ["xlsx file adapter", async () => {
    const opened = await openXlsx(seedBytes, "seed.xlsx");
    if (!opened.ok) throw new Error("seed unreadable");
    return xlsxPort(opened.workbook);
  }],
  ["Office.js adapter (recording fake)", async () => officePort({ run: FakeExcel.from(seed).run, isSetSupported: () => true })],
];

/** Literal values only (formula results are the spreadsheet's business), trailing empties dropped. */
function literals(sheet: SheetSnapshot): (string | number | boolean | null)[][] {
  return sheet.rows.map((row, r) => {
    const out = row.map((v, c) => (sheet.formulas[a1(r, c)] !== undefined ? null : v !== null && typeof v === "object" ? JSON.stringify(v) : v));
    while (out.length && out[out.length - 1] === null) out.pop();
    return out;
  });
}

function trimRows<T>(rows: T[][]): T[][] {
  const out = [...rows];
  while (out.length && out[out.length - 1]!.length === 0) out.pop();
  return out;
}

async function read(port: WorkbookPort): Promise<WorkbookSnapshot> {
  const r = await port.readSnapshot({ formulas: true });
  if (!r.ok) throw new Error(r.diagnostics[0]!.message);
  return r.value;
}

function planFor(snapshot: WorkbookSnapshot): WritePlan {
  const reading = readWorkbook(snapshot);
  if (!reading.ok) throw new Error("seed invalid");
  return aggregatePlan(reading);
}

describe.each(adapters)("workbook port contract: %s", (_name, makePort) => {
  it("reads every sheet with its name, visibility, literal values and merges", async () => {
    const got = await read(await makePort());
    expect(got.sheets.map((s) => [s.name, s.state])).toEqual(seed.sheets.map((s) => [s.name, s.state]));
    for (const s of seed.sheets) {
      const g = got.sheets.find((x) => x.name === s.name)!;
      expect(trimRows(literals(g)), s.name).toEqual(trimRows(literals(s)));
      expect([...g.merges].sort(), s.name).toEqual([...s.merges].sort());
    }
  });

  it("writes a plan: the new sheets come first with the plan's values and formulas; other sheets are untouched", async () => {
    const port = await makePort();
    const plan = planFor(await read(port));
    const result = await port.applyPlan(plan);
    expect(result.ok).toBe(true);
    const after = await read(port);
    expect(after.sheets.slice(0, 3).map((s) => s.name)).toEqual([SHEETS.summary, SHEETS.basicScores, SHEETS.details]);
    for (const spec of plan.sheets) {
      const sheet = after.sheets.find((s) => s.name === spec.name)!;
      spec.rows.forEach((row, r) => row.forEach((cell, c) => {
        if (cell?.formula !== undefined) expect(sheet.formulas[a1(r, c)], `${spec.name}!${a1(r, c)}`).toBe(cell.formula);
        else if (cell?.value !== undefined && cell.value !== null && cell.value !== "") expect(sheet.rows[r]?.[c], `${spec.name}!${a1(r, c)}`).toEqual(cell.value);
      }));
    }
    for (const s of seed.sheets) expect(trimRows(literals(after.sheets.find((x) => x.name === s.name)!))).toEqual(trimRows(literals(s)));
  });

  it("re-applying replaces the output sheets: no duplicates, no temporary sheets left", async () => {
    const port = await makePort();
    const plan = planFor(await read(port));
    expect((await port.applyPlan(plan)).ok).toBe(true);
    expect((await port.applyPlan(plan)).ok).toBe(true);
    const names = (await read(port)).sheets.map((s) => s.name);
    expect(names.filter((n) => n === SHEETS.summary)).toHaveLength(1);
    expect(names.some((n) => n.startsWith("~evalsheet"))).toBe(false);
    expect(names).toHaveLength(seed.sheets.length + 3);
  });

  it("writes individual cells of existing sheets and nothing else", async () => {
    const port = await makePort();
    const result = await port.writeCells([
      { sheet: "宣教部", row: 5, col: 2, value: 1.5 },
      { sheet: "宣教部", row: 5, col: 3, value: "资料不全" },
      // A reason typed as "-0.5 材料缺失" or "=见附件" is text, not a formula, after the import.
      { sheet: "宣教部", row: 6, col: 3, value: "-0.5 材料缺失" },
      { sheet: "宣教部", row: 7, col: 3, value: "=见附件" },
      { sheet: "组联部", row: 6, col: 2, value: null },
    ]);
    expect(result.ok).toBe(true);
    const after = await read(port);
    const x = after.sheets.find((s) => s.name === "宣教部")!;
    expect([x.rows[5]![2], x.rows[5]![3], x.rows[6]![3], x.rows[7]![3]]).toEqual([1.5, "资料不全", "-0.5 材料缺失", "=见附件"]);
    expect(after.sheets.find((s) => s.name === "组联部")!.rows[6]?.[2] ?? null).toBeNull();
    const untouched = after.sheets.find((s) => s.name === "办公室")!;
    expect(trimRows(literals(untouched))).toEqual(trimRows(literals(seed.sheets.find((s) => s.name === "办公室")!)));
    expect((await port.writeCells([{ sheet: "不存在", row: 0, col: 0, value: 1 }])).ok).toBe(false);
  });

  it("a plan that fails while building keeps the previous summary and leaves no temporary sheet", async () => {
    const port = await makePort();
    const plan = planFor(await read(port));
    expect((await port.applyPlan(plan)).ok).toBe(true);
    const before = (await read(port)).sheets.find((s) => s.name === SHEETS.summary)!;
    const broken: WritePlan = { ...plan, sheets: plan.sheets.map((s, i) => (i === 1 ? { ...s, merges: [...s.merges, "NOT A RANGE"] } : s)) };
    const result = await port.applyPlan(broken);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics[0]!.severity).toBe("error");
    const after = await read(port);
    expect(after.sheets.map((s) => s.name).some((n) => n.startsWith("~evalsheet"))).toBe(false);
    const summary = after.sheets.find((s) => s.name === SHEETS.summary)!;
    expect(summary.formulas).toEqual(before.formulas);
    expect(trimRows(literals(summary))).toEqual(trimRows(literals(before)));
  });
});
