/**
 * Bringing the ledgers back from the departments' files: rows appended below the master's, exact
 * duplicates dropped (however the same values were typed), the same contact or trip with other
 * details refused naming both places, and a master without the sheet told how to add it.
 */
import { describe, expect, it } from "vitest";
import { builtinScheme } from "../../src/scheme/load";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { SHEETS } from "../../src/layout/names";
import { CONTACT_LOG, RESEARCH_LOG } from "../../src/layout/ledgerColumns";
import { ledgerEdits, planLedgerCollect } from "../../src/collect/ledgerCollect";
import { isoToSerial } from "../../src/workbook/dates";
import type { CellValue, WorkbookSnapshot } from "../../src/workbook/snapshot";
import { planSnapshot } from "../support/planSnapshot";

const scheme = builtinScheme();
const R = RESEARCH_LOG.cols;
const C = CONTACT_LOG.cols;

/** A department's file with `rows` in `sheet` (from its first data row), each a column → value map. */
function departmentFile(sheet: string, rows: Record<number, CellValue>[], department = "宣教部"): WorkbookSnapshot {
  const wb = planSnapshot(templatePlan(scheme, { department }));
  const first = sheet === SHEETS.researchLog ? RESEARCH_LOG.firstDataRow : CONTACT_LOG.firstDataRow;
  return {
    ...wb,
    sheets: wb.sheets.map((s) => {
      if (s.name !== sheet) return s;
      const out = s.rows.map((r) => [...r]);
      rows.forEach((cells, i) => { for (const [c, v] of Object.entries(cells)) out[first + i]![Number(c)] = v; });
      return { ...s, rows: out };
    }),
  };
}

const trip = (leader: string, date: string, content: string): Record<number, CellValue> => ({
  [R.leader]: leader, [R.departments]: "宣教部", [R.date]: isoToSerial(date), [R.content]: content, [R.days]: 1, [R.visited]: "否",
});

const blankMaster = () => planSnapshot(templatePlan(scheme));

describe("planLedgerCollect", () => {
  it("appends each file's rows below the master's last row, in file order, input cells only", () => {
    const files = [
      { name: "宣教部.xlsx", snapshot: departmentFile(SHEETS.researchLog, [trip("彭焱", "2024-03-05", "家庭教育调研"), trip("李艺", "2024-09-10", "宣讲调研")]) },
      { name: "办公室.xlsx", snapshot: departmentFile(SHEETS.contactLog, [{ [C.date]: isoToSerial("2024-05-06"), [C.member]: "彭焱", [C.point]: "万州区", [C.way]: "走访", [C.content]: "走访座谈" }], "办公室") },
    ];
    const plan = planLedgerCollect(scheme, blankMaster(), files);
    expect(plan.diagnostics).toEqual([]);
    expect(plan.appended).toEqual([
      { sheet: SHEETS.contactLog, file: "办公室.xlsx", rows: 1 },
      { sheet: SHEETS.researchLog, file: "宣教部.xlsx", rows: 2 },
    ]);
    const research = plan.copies.find((c) => c.toSheet === SHEETS.researchLog)!;
    expect(new Set(research.cells.map((c) => c.to.row))).toEqual(new Set([RESEARCH_LOG.firstDataRow, RESEARCH_LOG.firstDataRow + 1]));
    // Neither 序号 nor the formula column 集中调研 is copied.
    expect(research.cells.some((c) => c.to.col === R.seq || c.to.col === R.period)).toBe(false);
    const edits = ledgerEdits(plan, files);
    expect(edits).toContainEqual({ sheet: SHEETS.researchLog, row: RESEARCH_LOG.firstDataRow + 1, col: R.content, value: "宣讲调研" });
    expect(edits).toContainEqual({ sheet: SHEETS.contactLog, row: CONTACT_LOG.firstDataRow, col: C.date, value: isoToSerial("2024-05-06") });
  });

  it("below a master that already has rows; a row identical to one there (spaced name, date as a date cell) is dropped with a note", () => {
    const master = planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 2024) }));
    const log = master.sheets.find((s) => s.name === SHEETS.researchLog)!;
    let last = RESEARCH_LOG.firstDataRow;
    while (log.rows[last + 1]?.[R.leader]) last++;
    const existing = log.rows[RESEARCH_LOG.firstDataRow]!;
    const same: Record<number, CellValue> = {};
    for (const c of Object.values(R)) if (c !== R.seq && c !== R.period) same[c] = existing[c] ?? null;
    same[R.leader] = "彭 焱";
    same[R.date] = { date: `${new Date((Number(existing[R.date]) - 25569) * 86400000).toISOString().slice(0, 10)}T00:00:00` };
    const plan = planLedgerCollect(scheme, master, [{ name: "宣教部.xlsx", snapshot: departmentFile(SHEETS.researchLog, [same, trip("文艳", "2024-10-08", "维权调研")]) }]);
    expect(plan.diagnostics.map((d) => [d.severity, d.code])).toEqual([["info", "collect.ledgerDuplicate"]]);
    expect(plan.diagnostics[0]!.message).toContain("1 行与已有记录完全相同，未重复导入");
    expect(plan.appended).toEqual([{ sheet: SHEETS.researchLog, file: "宣教部.xlsx", rows: 1 }]);
    expect(Math.min(...plan.copies[0]!.cells.map((c) => c.to.row))).toBe(last + 1);
  });

  it("the same trip (date and leader) with other details in two files is a conflict naming both files and rows", () => {
    const files = [
      { name: "宣教部.xlsx", snapshot: departmentFile(SHEETS.researchLog, [trip("彭焱", "2024-03-05", "家庭教育调研")]) },
      { name: "发展部.xlsx", snapshot: departmentFile(SHEETS.researchLog, [trip("彭焱", "2024-03-05", "妇女创业就业调研")], "发展部") },
    ];
    const plan = planLedgerCollect(scheme, blankMaster(), files);
    const conflict = plan.diagnostics.filter((d) => d.code === "collect.ledgerConflict");
    expect(conflict).toHaveLength(1);
    expect(conflict[0]).toMatchObject({ severity: "error", sheet: SHEETS.researchLog });
    const row = RESEARCH_LOG.firstDataRow + 1;
    expect(conflict[0]!.message).toBe(`「发展部.xlsx」“调研台账”第 ${row} 行与「宣教部.xlsx」第 ${row} 行是同一条记录（2024-03-05，彭焱 带队的调研），但其他内容不同。请核对后只保留一份（改正或删去其中一行），再重新导入。`);
    expect(conflict[0]!.messageEn).toContain(`row ${row} of "宣教部.xlsx"`);
  });

  it("a master without the ledger sheet is told to add it, naming the file and its rows", () => {
    const master = blankMaster();
    const old = { ...master, sheets: master.sheets.filter((s) => s.name !== SHEETS.contactLog) };
    const plan = planLedgerCollect(scheme, old, [{ name: "办公室.xlsx", snapshot: departmentFile(SHEETS.contactLog, [{ [C.date]: isoToSerial("2024-05-06"), [C.member]: "彭焱", [C.point]: "万州区" }], "办公室") }]);
    expect(plan.diagnostics).toMatchObject([{ severity: "error", code: "sheet.missing", sheet: SHEETS.contactLog }]);
    expect(plan.diagnostics[0]!.message).toContain("无法导入「办公室.xlsx」的 1 行");
  });

  it("blank ledgers in the files add nothing", () => {
    const plan = planLedgerCollect(scheme, blankMaster(), [{ name: "宣教部.xlsx", snapshot: planSnapshot(templatePlan(scheme, { department: "宣教部" })) }]);
    expect(plan).toEqual({ copies: [], appended: [], diagnostics: [] });
  });
});
