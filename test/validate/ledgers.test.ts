/**
 * `validate` over the two ledgers: every problem names its sheet and cell and says what to do;
 * the year's research is checked against 附件1 (each concentrated period, each member's study and
 * result, the 党组's report), each finding naming the member or the period.
 */
import { describe, expect, it } from "vitest";
import { builtinScheme } from "../../src/scheme/load";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { SHEETS } from "../../src/layout/names";
import { CONTACT_LOG, RESEARCH_LOG } from "../../src/layout/ledgerColumns";
import { readWorkbook } from "../../src/validate/validate";
import { isoToSerial } from "../../src/workbook/dates";
import { a1 } from "../../src/workbook/address";
import type { CellValue, WorkbookSnapshot } from "../../src/workbook/snapshot";
import { planSnapshot } from "../support/planSnapshot";

const scheme = builtinScheme();
const sample = () => planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 2024) }));

/** The workbook with `edits` applied: sheet → [row, col, value] (0-based). */
function edited(wb: WorkbookSnapshot, sheet: string, edits: [number, number, CellValue][]): WorkbookSnapshot {
  return {
    ...wb,
    sheets: wb.sheets.map((s) => {
      if (s.name !== sheet) return s;
      const rows = s.rows.map((r) => [...r]);
      for (const [r, c, v] of edits) {
        while (rows.length <= r) rows.push([]);
        rows[r]![c] = v;
      }
      return { ...s, rows };
    }),
  };
}

function read(wb: WorkbookSnapshot) {
  const r = readWorkbook(wb);
  if (!r.ok) throw new Error("unreadable");
  return r;
}

const at = (wb: ReturnType<typeof read>, code: string) => wb.diagnostics.filter((d) => d.code === code);
const C = CONTACT_LOG.cols;
const R = RESEARCH_LOG.cols;
const c0 = CONTACT_LOG.firstDataRow;
const r0 = RESEARCH_LOG.firstDataRow;

describe("联系点台账", () => {
  it("the sample's ledgers read back: every contact and trip, no warning", () => {
    const r = read(sample());
    expect(r.ledgers.contacts!.length).toBeGreaterThan(40);
    expect(r.ledgers.research!.length).toBeGreaterThanOrEqual(7);
    expect(r.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("a date outside the year, a member who is not one, an unknown point: errors naming the cell", () => {
    const r = read(edited(sample(), SHEETS.contactLog, [
      [c0, C.date, isoToSerial("2023-12-30")],
      [c0 + 1, C.member, "王五"],
      [c0 + 2, C.point, "火星区"],
    ]));
    expect(at(r, "value.dateOutOfYear")).toMatchObject([{ severity: "error", sheet: "联系点台账", cell: a1(c0, C.date) }]);
    expect(at(r, "contactLog.memberUnknown")).toMatchObject([{ severity: "error", sheet: "联系点台账", cell: a1(c0 + 1, C.member) }]);
    expect(at(r, "contactLog.memberUnknown")[0]!.message).toContain("请从下拉列表中选择党组成员");
    expect(at(r, "contactLog.pointUnknown")).toMatchObject([{ severity: "error", cell: a1(c0 + 2, C.point) }]);
  });

  it("another member's point is a warning naming both members; a way the rules do not list is a note; an empty content a warning", () => {
    const r = read(edited(sample(), SHEETS.contactLog, [
      [c0, C.member, "彭焱"], [c0, C.point, "大渡口区"],
      [c0 + 1, C.way, "电话沟通"],
      [c0 + 2, C.content, null],
    ]));
    const other = at(r, "contactLog.otherMember");
    expect(other).toMatchObject([{ severity: "warning", sheet: "联系点台账", cell: a1(c0, C.point) }]);
    expect(other[0]!.message).toContain("“大渡口区”是 文艳 的联系点，不是 彭焱 的");
    expect(at(r, "contactLog.wayOther")).toMatchObject([{ severity: "info", cell: a1(c0 + 1, C.way) }]);
    expect(at(r, "contactLog.noContent")).toMatchObject([{ severity: "warning", cell: a1(c0 + 2, C.content) }]);
  });

  it("names typed with spaces or aliases still resolve (\"彭 焱\", \"石柱土家族自治县\")", () => {
    const r = read(edited(sample(), SHEETS.contactLog, [[c0, C.member, "张 青莉"], [c0, C.point, "石柱土家族自治县"]]));
    expect(r.ledgers.contacts![0]).toMatchObject({ member: "张青莉", point: { kind: "unit", name: "石柱县" } });
    expect(r.diagnostics.filter((d) => d.sheet === "联系点台账" && d.severity !== "info")).toEqual([]);
  });
});

describe("调研台账", () => {
  it("a duration that is not a positive number of days, 是 without names, not 是/否, an unknown result: each named at its cell", () => {
    const r = read(edited(sample(), SHEETS.researchLog, [
      [r0, R.days, 0],
      [r0 + 1, R.days, "半天"],
      [r0 + 2, R.days, 45356],
      [r0 + 3, R.visited, "是"], [r0 + 3, R.names, null],
      [r0 + 4, R.visited, "有"],
      [r0 + 5, R.result, "论文"],
      [r0 + 6, R.date, isoToSerial("2025-01-05")],
    ]));
    const one = (code: string) => at(r, code).map((d) => `${d.severity} ${d.sheet}!${d.cell}`);
    expect(one("research.daysNotPositive")).toEqual([`error 调研台账!${a1(r0, R.days)}`]);
    expect(at(r, "research.daysNotPositive")[0]!.message).toContain("以天计");
    expect(one("value.notNumber")).toEqual([`error 调研台账!${a1(r0 + 1, R.days)}`]);
    expect(one("research.daysTooMany")).toEqual([`error 调研台账!${a1(r0 + 2, R.days)}`]);
    expect(one("research.namesMissing")).toEqual([`error 调研台账!${a1(r0 + 3, R.names)}`]);
    expect(one("value.notYesNo")).toEqual([`error 调研台账!${a1(r0 + 4, R.visited)}`]);
    expect(one("research.resultUnknown")).toEqual([`error 调研台账!${a1(r0 + 5, R.result)}`]);
    expect(one("value.dateOutOfYear")).toEqual([`error 调研台账!${a1(r0 + 6, R.date)}`]);
  });

  it("a leader who is not a Party group member is recorded with a note, and does not count as a member's study", () => {
    const r = read(edited(sample(), SHEETS.researchLog, [[r0 + 1, R.leader, "办公室主任"]]));
    expect(at(r, "research.leaderNotMember")).toMatchObject([{ severity: "info", cell: a1(r0 + 1, R.leader) }]);
    // The sample's second trip was 张青莉's only one: now she has led none.
    const studies = at(r, "research.memberStudies");
    expect(studies.map((d) => d.message)).toEqual([expect.stringContaining("党组成员 张青莉 本年度牵头的调研 0 项")]);
    expect(studies[0]).toMatchObject({ severity: "warning", sheet: "调研台账" });
  });

  it("the year's checks: a concentrated period with nothing logged, a member without a result, no 党组 report — each named", () => {
    const wb = sample();
    const rows = wb.sheets.find((s) => s.name === SHEETS.researchLog)!.rows;
    const edits: [number, number, CellValue][] = [];
    for (let r = r0; r < rows.length; r++) {
      const d = rows[r]![R.date];
      // Every trip of September–October moves to June; every result is cleared.
      if (typeof d === "number" && [9, 10].includes(Number(new Date((d - 25569) * 86400000).toISOString().slice(5, 7)))) edits.push([r, R.date, isoToSerial("2024-06-15")]);
      edits.push([r, R.result, null], [r, R.resultTitle, null]);
    }
    const r = read(edited(wb, SHEETS.researchLog, edits));
    expect(at(r, "research.periodMissing").map((d) => d.message)).toEqual([expect.stringContaining("2024 年 9—10月 集中调研期间没有登记任何调研")]);
    expect(at(r, "research.memberResults").map((d) => d.message.split(" ")[1])).toEqual(["彭焱", "张青莉", "臧秀梅", "李艺", "张莲", "文艳"]);
    expect(at(r, "research.memberStudies")).toEqual([]);
    expect(at(r, "research.reports")).toMatchObject([{ severity: "warning", sheet: "调研台账" }]);
    expect(at(r, "research.reports")[0]!.message).toContain("党组本年度形成的调研报告 0 篇，少于制度规定的至少 1 篇");
  });

  it("a workbook made before the ledgers gets a note per missing sheet and no research findings", () => {
    const wb = sample();
    const r = read({ ...wb, sheets: wb.sheets.filter((s) => s.name !== SHEETS.researchLog && s.name !== SHEETS.contactLog) });
    expect(at(r, "ledger.missing").map((d) => `${d.severity} ${d.sheet}`).sort()).toEqual(["info 联系点台账", "info 调研台账"]);
    expect(r.diagnostics.filter((d) => d.code.startsWith("research."))).toEqual([]);
    expect(r.ledgers).toEqual({ contacts: null, research: null });
  });

  it("a header changed by hand is named", () => {
    const r = read(edited(sample(), SHEETS.researchLog, [[RESEARCH_LOG.headerRow, R.days, "时长"]]));
    expect(at(r, "header.changed")).toMatchObject([{ sheet: "调研台账", cell: a1(RESEARCH_LOG.headerRow, R.days) }]);
  });
});
