/**
 * `evalsheet validate` / `aggregate` through the real CLI on the sample workbook with exactly one
 * defect each: the error is reported with its code, sheet and exact cell, exit code 1, the input
 * file is never touched and aggregate writes nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic";
import { CASES, EVENTS } from "../../src/layout/otherSheets";
import { penaltyLabel } from "../../src/layout/lists";
import type { ResultJson } from "../../src/report/resultJson";
import { rowOf } from "../support/workbooks";
import { cli, columnOf, expectExit, gone, jsonDiagnostics, mutated, ref, scheme, sha256, sheet, show } from "./helpers";

type Expected = { code: string; sheet: string; cell: string | null; mentions?: string };

const DEPT = "宣教部";
const B01 = () => columnOf(DEPT, "B01", "score");

/** validate (text and --json) exit 1 naming the cell; aggregate exits 1 and writes nothing; FILE unchanged. */
async function expectRejected(dir: string, file: string, exp: Expected): Promise<Diagnostic[]> {
  const before = sha256(file);
  const out = join(dir, "OUT.xlsx");
  const json = join(dir, "R.json");
  const [text, js, agg] = await Promise.all([
    cli(["validate", file]),
    cli(["validate", file, "--json"]),
    cli(["aggregate", file, "--out", out, "--json", json]),
  ]);
  expectExit(text, 1);
  expect(text.stdout).toContain(exp.cell ? `${exp.sheet}!${exp.cell}` : exp.sheet);
  expectExit(js, 1);
  const ds = jsonDiagnostics(js);
  expect(ds, show(js)).toContainEqual(expect.objectContaining({
    severity: "error", code: exp.code, sheet: exp.sheet, cell: exp.cell,
    ...(exp.mentions ? { message: expect.stringContaining(exp.mentions) } : {}),
  }));
  expectExit(agg, 1);
  expect(gone(out), "aggregate wrote OUT despite errors").toBe(true);
  expect(gone(json), "aggregate wrote RESULT.json despite errors").toBe(true);
  expect(sha256(file)).toBe(before);
  return ds;
}

/** Mutate the valid sample (the mutation returns what it expects), then expectRejected. */
function rejects(name: string, mutate: (wb: ExcelJS.Workbook) => Expected): void {
  it(name, async () => {
    let exp: Expected | undefined;
    const { dir, file } = await mutated((wb) => {
      exp = mutate(wb);
    });
    await expectRejected(dir, file, exp!);
  });
}

/** Set a department-sheet cell of one unit; returns its A1 address. */
function setUnitCell(wb: ExcelJS.Workbook, dept: string, unit: string, col: number, value: ExcelJS.CellValue): string {
  const ws = sheet(wb, dept);
  const r = rowOf(ws, unit);
  ws.getCell(r, col).value = value;
  return ref(r, col);
}

/** First 加分扣分 row with nothing in it (after the sample's events), 1-based. */
function blankEventRow(ws: ExcelJS.Worksheet): number {
  for (let r = EVENTS.firstDataRow + 1; ; r++) {
    if ([EVENTS.cols.unit, EVENTS.cols.item, EVENTS.cols.reason].every((c) => ws.getCell(r, c + 1).value === null)) return r;
  }
}

/** A 加分扣分 row: unit, item, points, reason (1-based row). */
function addEvent(wb: ExcelJS.Workbook, e: { item: string; points?: number; reason?: string }): number {
  const ws = sheet(wb, "加分扣分");
  const r = blankEventRow(ws);
  const c = EVENTS.cols;
  ws.getCell(r, c.unit + 1).value = "渝中区";
  ws.getCell(r, c.item + 1).value = e.item;
  if (e.points !== undefined) ws.getCell(r, c.points + 1).value = e.points;
  ws.getCell(r, c.evidence + 1).value = "证明.pdf";
  if (e.reason !== undefined) ws.getCell(r, c.reason + 1).value = e.reason;
  return r;
}

const D4 = penaltyLabel(scheme.penalties.items.find((p) => p.id === "D4")!);

/** 1-based rows of each unit's cases on 最佳实践案例. */
function caseRows(ws: ExcelJS.Worksheet): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (let r = CASES.firstDataRow + 1; r <= ws.rowCount; r++) {
    const u = ws.getCell(r, CASES.cols.unit + 1).value;
    // Case rows that are filled; every unit also has empty prepared rows with just its name.
    if (typeof u === "string" && ws.getCell(r, CASES.cols.score + 1).value !== null) m.set(u, [...(m.get(u) ?? []), r]);
  }
  return m;
}

describe("validate: the baseline", () => {
  it("the seeded sample validates with 0 errors and no warnings (exit 0)", async () => {
    const { file } = await mutated(() => {});
    const [text, js] = await Promise.all([cli(["validate", file]), cli(["validate", file, "--json"])]);
    expectExit(text, 0);
    expect(text.stdout).toContain("可以汇总");
    expectExit(js, 0);
    expect(jsonDiagnostics(js).filter((d) => d.severity !== "info")).toEqual([]);
  });
});

describe("validate: one error each → exit 1, cell named, nothing written", () => {
  rejects("unknown unit name on a department sheet → unit.unknown", (wb) =>
    ({ code: "unit.unknown", sheet: DEPT, cell: setUnitCell(wb, DEPT, "渝中区", 2, "火星区"), mentions: "火星区" }));

  rejects("a unit row deleted → unit.missing naming the sheet", (wb) => {
    // Emptied rather than spliced: the 部室审定 block below it keeps its merges where they are.
    const ws = sheet(wb, DEPT);
    const last = "西部科学城重庆高新区";
    const r = rowOf(ws, last);
    for (let c = 1; c <= ws.columnCount; c++) ws.getCell(r, c).value = null;
    return { code: "unit.missing", sheet: DEPT, cell: null, mentions: last };
  });

  rejects("a unit listed twice → unit.duplicate on the second row", (wb) => {
    const first = ref(rowOf(sheet(wb, DEPT), "渝中区"), 2);
    return { code: "unit.duplicate", sheet: DEPT, cell: setUnitCell(wb, DEPT, "大渡口区", 2, "渝中区"), mentions: first };
  });

  rejects("score \"abc\" → value.notNumber", (wb) =>
    ({ code: "value.notNumber", sheet: DEPT, cell: setUnitCell(wb, DEPT, "渝中区", B01(), "abc"), mentions: "abc" }));

  rejects("score \"5分\" → value.notNumber", (wb) =>
    ({ code: "value.notNumber", sheet: DEPT, cell: setUnitCell(wb, DEPT, "江北区", B01(), "5分"), mentions: "5分" }));

  rejects("score over its maximum → value.overMax", (wb) =>
    ({ code: "value.overMax", sheet: DEPT, cell: setUnitCell(wb, DEPT, "渝中区", B01(), 4) }));

  rejects("negative score → value.negative", (wb) =>
    ({ code: "value.negative", sheet: DEPT, cell: setUnitCell(wb, DEPT, "渝中区", B01(), -1) }));

  rejects("formula error value in a score cell → value.formulaError", (wb) =>
    ({ code: "value.formulaError", sheet: DEPT, cell: setUnitCell(wb, DEPT, "渝中区", B01(), { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue), mentions: "#DIV/0!" }));

  rejects("unknown bonus/penalty item on 加分扣分 → item.unknown", (wb) => {
    const r = addEvent(wb, { item: "加分：火星表彰", reason: "无" });
    return { code: "item.unknown", sheet: "加分扣分", cell: ref(r, EVENTS.cols.item + 1), mentions: "火星表彰" };
  });

  rejects("discretionary penalty without points → penalty.noPoints", (wb) => {
    expect(D4.startsWith("扣分：弄虚作假")).toBe(true);
    const r = addEvent(wb, { item: D4, reason: "数据与实际不符" });
    return { code: "penalty.noPoints", sheet: "加分扣分", cell: ref(r, EVENTS.cols.points + 1) };
  });

  rejects("discretionary penalty without reason → penalty.noReason", (wb) => {
    const r = addEvent(wb, { item: D4, points: 1 });
    return { code: "penalty.noReason", sheet: "加分扣分", cell: ref(r, EVENTS.cols.reason + 1) };
  });

  rejects("case text over 500 characters → case.tooLong", (wb) => {
    const r = CASES.firstDataRow + 1;
    sheet(wb, "最佳实践案例").getCell(r, CASES.cols.text + 1).value = "案".repeat(501);
    return { code: "case.tooLong", sheet: "最佳实践案例", cell: ref(r, CASES.cols.text + 1), mentions: "501" };
  });

  rejects("3 cases for one unit → case.tooMany on the third", (wb) => {
    const ws = sheet(wb, "最佳实践案例");
    const [unit, rows] = [...caseRows(ws)].find(([, rs]) => rs.length === 2)!;
    const r = ws.rowCount + 1;
    ws.getRow(r).values = (ws.getRow(rows[0]!).values as ExcelJS.CellValue[]).slice();
    ws.getCell(r, CASES.cols.seq + 1).value = r - CASES.firstDataRow;
    ws.getCell(r, CASES.cols.score + 1).value = 20;
    ws.getCell(r, CASES.cols.department + 1).value = null;
    return { code: "case.tooMany", sheet: "最佳实践案例", cell: ref(r, CASES.cols.unit + 1), mentions: unit };
  });

  rejects("a department sheet deleted → sheet.missing", (wb) => {
    wb.removeWorksheet(sheet(wb, DEPT).id);
    return { code: "sheet.missing", sheet: DEPT, cell: null };
  });

  rejects("a header renamed → header.changed at that header cell", (wb) => {
    // Header row 3, first column of the B01 block.
    sheet(wb, DEPT).getCell(3, B01()).value = "理论学习";
    return { code: "header.changed", sheet: DEPT, cell: ref(3, B01()), mentions: "理论学习" };
  });

  rejects("merged cells over input cells → cell.merged", (wb) => {
    const ws = sheet(wb, DEPT);
    const r = rowOf(ws, "渝中区");
    const range = `${ref(r, B01())}:${ref(r, B01() + 1)}`;
    ws.mergeCells(range);
    return { code: "cell.merged", sheet: DEPT, cell: range };
  });

  rejects("a percent cell with 72 instead of 72% → value.percentRange", (wb) =>
    ({ code: "value.percentRange", sheet: "家儿部", cell: setUnitCell(wb, "家儿部", "渝中区", columnOf("家儿部", "B09", "m:greenFamilies"), 72), mentions: "72%" }));

  rejects("gate cell \"也许\" → value.notYesNo", (wb) =>
    ({ code: "value.notYesNo", sheet: "办公室", cell: setUnitCell(wb, "办公室", "渝中区", columnOf("办公室", "B20", "gate"), "也许"), mentions: "也许" }));
});

describe("validate: info and warnings are not errors (exit 0)", () => {
  async function accepted(mutate: (wb: ExcelJS.Workbook) => void) {
    const { dir, file } = await mutated(mutate);
    const before = sha256(file);
    const json = join(dir, "R.json");
    const [js, agg] = await Promise.all([cli(["validate", file, "--json"]), cli(["aggregate", file, "--out", join(dir, "OUT.xlsx"), "--json", json])]);
    expectExit(js, 0);
    expectExit(agg, 0);
    const ds = jsonDiagnostics(js);
    expect(ds.filter((d) => d.severity === "error")).toEqual([]);
    expect(sha256(file)).toBe(before);
    return { ds, result: JSON.parse(readFileSync(json, "utf8")) as ResultJson };
  }

  it("names with a space, an ideographic space, an alias or half-width brackets → unit.normalised info", async () => {
    const cells: string[] = [];
    const { ds, result } = await accepted((wb) => {
      cells.push(setUnitCell(wb, DEPT, "忠县", 2, "忠 县"));
      cells.push(setUnitCell(wb, DEPT, "巫山县", 2, "巫\u3000山县"));
      cells.push(setUnitCell(wb, DEPT, "石柱县", 2, "石柱土家族自治县"));
      cells.push(setUnitCell(wb, DEPT, "西部科学城重庆高新区", 2, "西部(重庆)科学城"));
    });
    for (const cell of cells) expect(ds).toContainEqual(expect.objectContaining({ severity: "info", code: "unit.normalised", sheet: DEPT, cell }));
    expect(result.units.map((u) => u.unit).sort()).toEqual(scheme.units.map((u) => u.name).sort());
  });

  it("a score typed as full-width text \"５\" → warning value.textNumber, and 5 is used", async () => {
    let cell = "";
    let unit = "";
    const { ds, result } = await accepted((wb) => {
      const ws = sheet(wb, "最佳实践案例");
      const [u, rows] = [...caseRows(ws)].find(([, rs]) => rs.length === 1)!;
      unit = u;
      ws.getCell(rows[0]!, CASES.cols.score + 1).value = "５";
      cell = ref(rows[0]!, CASES.cols.score + 1);
    });
    expect(ds).toContainEqual(expect.objectContaining({ severity: "warning", code: "value.textNumber", sheet: "最佳实践案例", cell }));
    expect(result.units.find((u) => u.unit === unit)!.bestPractice).toBe(5);
  });

  it("a manual score below its maximum with an empty reason → warning reason.missing at the reason cell", async () => {
    let reasonCell = "";
    const { ds, result } = await accepted((wb) => {
      setUnitCell(wb, DEPT, "渝中区", B01(), 2);
      reasonCell = setUnitCell(wb, DEPT, "渝中区", columnOf(DEPT, "B01", "reason"), null);
    });
    expect(ds).toContainEqual(expect.objectContaining({ severity: "warning", code: "reason.missing", sheet: DEPT, cell: reasonCell }));
    expect(result.units.find((u) => u.unit === "渝中区")).toBeDefined();
  });
});

