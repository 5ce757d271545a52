import ExcelJS from "exceljs";
import { linkFormula } from "../../src/workbook/links";
import { beforeAll, describe, expect, it } from "vitest";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { xlsxPort } from "../../src/adapters/xlsx/xlsxPort";
import { workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { officePort } from "../../src/adapters/office/officePort";
import { wpsPort } from "../../src/adapters/wps/wpsPort";
import type { WorkbookPort } from "../../src/workbook/port";
import type { WritePlan } from "../../src/workbook/plan";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/workbook/snapshot";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { SHEETS } from "../../src/layout/names";
import { a1 } from "../../src/workbook/address";
import { builtinScheme } from "../../src/scheme/load";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { schemeSheet } from "../../src/layout/schemeSheet";
import { dataSheet } from "../../src/layout/dataSheet";
import { FakeExcel, dateSerial } from "../support/fakeExcel";
import { FakeEt } from "../support/fakeEt";
import { sheetNamesIn } from "../support/fakeSheetRefs";
import { sampleWorkbook } from "../support/workbooks";

/**
 * One contract, three adapters: the file adapter (exceljs), the Office.js adapter (on the
 * recording fake) and the WPS adapter (on the fake ET object model) must read and write the same
 * way, and fail the same way.
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
  ["WPS adapter (fake ET object model)", async () => {
    const fake = FakeEt.from(seed);
    return wpsPort({ app: () => fake.app });
  }],
];

/**
 * A workbook as the port leaves it, seen from outside the port: every formula and validation list
 * (as the spreadsheet would show it now), and a formula typed by a user into a sheet of their own.
 */
interface Inspected {
  readonly port: WorkbookPort;
  sheetNames(): string[];
  references(): { sheet: string; at: string; text: string }[];
  typeFormula(sheet: string, address: string, formula: string): void;
  formulaAt(sheet: string, address: string): string | null;
}

/** Each adapter over a workbook that has one empty sheet, as a new workbook has. */
const fromScratch: [string, () => Inspected][] = [
  ["xlsx file adapter", () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1");
    return {
      port: xlsxPort(wb),
      sheetNames: () => wb.worksheets.map((w) => w.name),
      references: () => wb.worksheets.flatMap((ws) => {
        const out: { sheet: string; at: string; text: string }[] = [];
        ws.eachRow((row) => row.eachCell((cell) => {
          if (cell.formula) out.push({ sheet: ws.name, at: cell.address, text: cell.formula });
        }));
        const model = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae?: unknown[] }> } }).dataValidations.model;
        for (const [at, v] of Object.entries(model)) if (v.type === "list") out.push({ sheet: ws.name, at, text: String(v.formulae?.[0] ?? "") });
        return out;
      }),
      typeFormula: (sheet, address, formula) => {
        (wb.getWorksheet(sheet) ?? wb.addWorksheet(sheet)).getCell(address).value = { formula } as ExcelJS.CellFormulaValue;
      },
      formulaAt: (sheet, address) => wb.getWorksheet(sheet)?.getCell(address).formula ?? null,
    };
  }],
  ["Office.js adapter (recording fake)", () => {
    const fake = new FakeExcel();
    fake.addSheetModel("Sheet1");
    return {
      port: officePort({ run: fake.run, isSetSupported: () => true }),
      sheetNames: () => fake.sheets.map((x) => x.name),
      references: () => fake.references().map((r) => ({ ...r, text: r.text.slice(1) })),
      typeFormula: (sheet, address, formula) => {
        if (!fake.sheet(sheet)) fake.addSheetModel(sheet);
        fake.typeFormula(sheet, address, formula);
      },
      formulaAt: (sheet, address) => {
        const f = [...(fake.sheet(sheet)?.cells.entries() ?? [])].find(([k]) => k === `${Number(address.slice(1)) - 1},${address.charCodeAt(0) - 65}`)?.[1].formula;
        return f ? f.slice(1) : null;
      },
    };
  }],
  ["WPS adapter (fake ET object model)", () => {
    const fake = new FakeEt();
    fake.active = fake.addSheetModel("Sheet1");
    return {
      port: wpsPort({ app: () => fake.app }),
      sheetNames: () => fake.sheets.map((x) => x.name),
      references: () => fake.references().map((r) => ({ ...r, text: r.text.slice(1) })),
      typeFormula: (sheet, address, formula) => {
        if (!fake.sheet(sheet)) fake.addSheetModel(sheet);
        fake.typeFormula(sheet, address, formula);
      },
      formulaAt: (sheet, address) => {
        const f = fake.grid(sheet)[Number(address.slice(1)) - 1]?.[address.charCodeAt(0) - 65];
        return typeof f === "string" && f.startsWith("=") ? f.slice(1) : null;
      },
    };
  }],
];

/** Literal values only (formula results are the spreadsheet's business), trailing empties dropped; a date as its serial number, as Excel gives it. */
function literals(sheet: SheetSnapshot): (string | number | boolean | null)[][] {
  const plain = (v: CellValue) => (v !== null && typeof v === "object" ? ("date" in v ? dateSerial(v.date) : JSON.stringify(v)) : v);
  return sheet.rows.map((row, r) => {
    const out = row.map((v, c) => (sheet.formulas[a1(r, c)] !== undefined ? null : plain(v)));
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
        // A link to a source cell is a HYPERLINK formula in every adapter (src/workbook/links.ts).
        else if (cell?.link) expect(sheet.formulas[a1(r, c)], `${spec.name}!${a1(r, c)}`).toBe(linkFormula(cell));
        else if (cell?.value !== undefined && cell.value !== null && cell.value !== "") expect(sheet.rows[r]?.[c], `${spec.name}!${a1(r, c)}`).toEqual(cell.value);
      }));
    }
    for (const s of seed.sheets) expect(trimRows(literals(after.sheets.find((x) => x.name === s.name)!))).toEqual(trimRows(literals(s)));
  });

  it("re-applying replaces the output sheets: no duplicates, no temporary sheets left, every formula still the plan's", async () => {
    const port = await makePort();
    const plan = planFor(await read(port));
    expect((await port.applyPlan(plan)).ok).toBe(true);
    expect((await port.applyPlan(plan)).ok).toBe(true);
    const after = await read(port);
    const names = after.sheets.map((s) => s.name);
    expect(names.filter((n) => n === SHEETS.summary)).toHaveLength(1);
    expect(names.some((n) => n.startsWith("~evalsheet"))).toBe(false);
    expect(names).toHaveLength(new Set([...seed.sheets.map((x) => x.name), ...plan.sheets.map((x) => x.name)]).size);
    // Each reference still names the sheet it was written for (in Excel: is bound to it).
    for (const spec of plan.sheets) {
      const sheet = after.sheets.find((s) => s.name === spec.name)!;
      spec.rows.forEach((row, r) => row.forEach((cell, c) => {
        if (cell?.formula !== undefined) expect(sheet.formulas[a1(r, c)], `${spec.name}!${a1(r, c)}`).toBe(cell.formula);
      }));
    }
  });

  it("writes individual cells of existing sheets and nothing else", async () => {
    const port = await makePort();
    const result = await port.writeCells([
      { sheet: "宣教部", row: 5, col: 2, value: 1.5 },
      { sheet: "宣教部", row: 5, col: 3, value: "资料不全" },
      // A reason typed as "-0.5 材料缺失" or "=见附件" is text, not a formula, after the import.
      { sheet: "宣教部", row: 6, col: 3, value: "-0.5 材料缺失" },
      { sheet: "宣教部", row: 7, col: 3, value: "=见附件" },
      // Text Excel would parse as typed input stays the text the department wrote.
      { sheet: "宣教部", row: 8, col: 3, value: "00123" },
      { sheet: "宣教部", row: 9, col: 3, value: "2024-03-01" },
      { sheet: "宣教部", row: 10, col: 3, value: "TRUE" },
      { sheet: "宣教部", row: 11, col: 3, value: "#N/A" },
      { sheet: "宣教部", row: 12, col: 3, value: "'引号开头" },
      { sheet: "组联部", row: 6, col: 2, value: null },
    ]);
    expect(result.ok).toBe(true);
    const after = await read(port);
    const x = after.sheets.find((s) => s.name === "宣教部")!;
    expect([x.rows[5]![2], x.rows[5]![3], x.rows[6]![3], x.rows[7]![3]]).toEqual([1.5, "资料不全", "-0.5 材料缺失", "=见附件"]);
    expect([8, 9, 10, 11, 12].map((r) => x.rows[r]![3])).toEqual(["00123", "2024-03-01", "TRUE", "#N/A", "'引号开头"]);
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

describe.each(fromScratch)("workbook port contract, references among sheets: %s", (_name, make) => {
  /** No formula or validation list refers to a sheet that is not there (#REF! in Excel, an unknown name in a file). */
  function expectEveryReferenceResolves(book: Inspected, when: string): void {
    const names = new Set(book.sheetNames());
    const refs = book.references();
    expect(refs.length, when).toBeGreaterThan(0);
    const broken = refs.filter((r) => r.text.includes("#REF!") || sheetNamesIn(r.text).some((n) => !names.has(n)));
    expect(broken.slice(0, 5), when).toEqual([]);
  }

  it("after a template into a workbook with some sheets, an aggregate, a re-aggregate and a scheme save, every reference resolves; a user's formula to 汇总 survives", async () => {
    const book = make();
    const scheme = builtinScheme();
    const template = templatePlan(scheme, { sample: sampleData(scheme, 11) });
    // The workbook first gets some of the template's sheets (the hidden lists and a sheet using them), then the rest.
    const first = new Set(["宣教部", SHEETS.cases, SHEETS.data]);
    expect((await book.port.applyPlan({ sheets: template.sheets.filter((s) => first.has(s.name)), placement: "last" })).ok).toBe(true);
    expectEveryReferenceResolves(book, "template, first part");
    expect((await book.port.applyPlan({ sheets: template.sheets.filter((s) => !first.has(s.name)), placement: "last" })).ok).toBe(true);
    expectEveryReferenceResolves(book, "template, the rest");

    const plan = planFor(await read(book.port));
    expect((await book.port.applyPlan(plan)).ok).toBe(true);
    expectEveryReferenceResolves(book, "first aggregate");
    book.typeFormula("我的表", "A1", "'汇总'!H4");
    expect((await book.port.applyPlan(planFor(await read(book.port)))).ok).toBe(true);
    expectEveryReferenceResolves(book, "re-aggregate");
    expect(book.formulaAt("我的表", "A1"), "the user's reference to 汇总 after a re-aggregate").toBe("'汇总'!H4");

    expect((await book.port.applyPlan({ sheets: [schemeSheet(scheme), dataSheet(scheme)], placement: "last" })).ok).toBe(true);
    expectEveryReferenceResolves(book, "scheme save");
    expect(book.formulaAt("我的表", "A1")).toBe("'汇总'!H4");
    expect(book.sheetNames().some((n) => n.startsWith("~evalsheet"))).toBe(false);
  });
});
