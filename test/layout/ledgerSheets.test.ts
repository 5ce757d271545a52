/**
 * The sheets of 附件2 and 附件1 as the template writes them: the 联系点 table, 联系点台账 with
 * its dropdowns (the point list follows the member), 调研台账 with exactly the 样表's columns and
 * what the checks need, their lists on the hidden data sheet, and A4 print set-up.
 */
import { describe, expect, it } from "vitest";
import { builtinScheme } from "../../src/scheme/load";
import { contactsOf } from "../../src/scheme/contacts";
import { withYear } from "../../src/scheme/year";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { SHEETS } from "../../src/layout/names";
import { dataSheet } from "../../src/layout/dataSheet";
import { CONTACT_LOG, CONTACT_TABLE, LEDGER_LIST_COLUMNS, RESEARCH_LOG } from "../../src/layout/ledgerColumns";
import { foldName } from "../../src/scheme/names";
import { isoToSerial, serialToIso } from "../../src/workbook/dates";
import type { SheetSpec } from "../../src/workbook/plan";
import { columnLetters, parseA1 } from "../../src/workbook/address";
import { TABLE_COLUMNS } from "../../src/layout/schemeTables";

const scheme = withYear(builtinScheme(), 2025);
const plan = templatePlan(scheme, { sample: sampleData(scheme, 7) });
const sheet = (name: string) => plan.sheets.find((s) => s.name === name)!;
const values = (s: SheetSpec, r: number) => s.rows[r]!.map((c) => c?.value ?? null);
const letter = columnLetters;
/** The members' list on the data sheet. */
const MEMBERS = `'_evalsheet'!$${letter(LEDGER_LIST_COLUMNS.members)}$1:$${letter(LEDGER_LIST_COLUMNS.members)}$6`;

describe("联系点", () => {
  it("shows each member's districts, member organisations and 对口部室, and each district's member", () => {
    const s = sheet(SHEETS.contacts);
    expect(values(s, CONTACT_TABLE.headerRow)).toEqual(["序号", "党组成员", "联系区县", "联系团体会员", "对口部室"]);
    expect(values(s, CONTACT_TABLE.firstDataRow)).toEqual([1, "彭焱", "万州区、江北区、沙坪坝区、永川区、丰都县、秀山县", "重庆市女性人才研究会、重庆市女检察官协会", "办公室、发展部"]);
    expect(String(s.rows[1]![0]!.value)).toContain("联系点原则上每两年调整一次");
    const byDistrict = s.rows.map((r) => [r[0]?.value, r[2]?.value]);
    expect(byDistrict).toContainEqual(["忠县", "张青莉"]);
    expect(byDistrict).toContainEqual(["西部科学城重庆高新区", "张莲"]);
    expect(s.protect).toBe(true);
  });
});

describe("联系点台账", () => {
  const s = sheet(SHEETS.contactLog);
  const first = s.rows[CONTACT_LOG.firstDataRow]!;
  const { cols } = CONTACT_LOG;

  it("one row per contact: a date cell of the year, the member from a list, the point from that member's list, the way from the document's", () => {
    expect(values(s, CONTACT_LOG.headerRow)).toEqual(["序号", "日期", "党组成员", "联系点（区县或团体会员）", "工作方式", "联系内容", "解决的问题", "后续跟进"]);
    expect(String(s.rows[0]![0]!.value)).toBe("党组成员基层联系点联系情况台账（2025 年度）");
    const date = first[cols.date]!;
    expect(serialToIso(date.value as number).slice(0, 4)).toBe("2025");
    expect(date).toMatchObject({ numFmt: "yyyy-mm-dd", validation: { kind: "date", min: "2025-01-01", max: "2025-12-31" } });
    expect(first[cols.member]!.validation).toMatchObject({ kind: "list", source: MEMBERS });
    // 二级联动: the member cell of the same row picks the column of points.
    expect(first[cols.point]!.validation).toMatchObject({
      kind: "list", alert: false,
      source: `OFFSET('_evalsheet'!$${letter(LEDGER_LIST_COLUMNS.firstMemberPoints)}$1,0,IFERROR(MATCH($C${CONTACT_LOG.firstDataRow + 1},${MEMBERS},0)-1,0),9,1)`,
    });
    expect(first[cols.way]!.validation).toMatchObject({ kind: "list", items: ["走访", "接访", "下访", "座谈", "宣讲", "调研", "视讯交流"] });
    expect(s.rows.length - CONTACT_LOG.firstDataRow).toBeGreaterThanOrEqual(CONTACT_LOG.blankRows);
  });

  it("the lists on the hidden data sheet, after the summary's tables: the members, each district's member, each member's points", () => {
    const data = dataSheet(scheme);
    const column = (c: number) => data.rows.map((r) => r[c]?.value).filter((v) => v !== undefined && v !== null);
    const members = contactsOf(scheme)!.members;
    // Right after the summary's tables, which keep their columns.
    expect(LEDGER_LIST_COLUMNS.members).toBe(Math.max(...Object.values(TABLE_COLUMNS).map((c) => parseA1(`${c}1`).col)) + 1);
    expect(column(LEDGER_LIST_COLUMNS.members)).toEqual(members.map((m) => m.name));
    expect(column(LEDGER_LIST_COLUMNS.contactUnit)).toHaveLength(41);
    const unitRow = column(LEDGER_LIST_COLUMNS.contactUnit).indexOf("秀山县");
    expect(column(LEDGER_LIST_COLUMNS.contactMember)[unitRow]).toBe("彭焱");
    expect(column(LEDGER_LIST_COLUMNS.firstMemberPoints + 5)).toEqual([...members[5]!.units, ...members[5]!.organisations]);
    // The summary's tables (A–P) are where they were.
    expect(data.rows[0]![parseA1(`${TABLE_COLUMNS.paramName}1`).col]!.value).toBe("基础工作满分");
  });
});

describe("调研台账", () => {
  const s = sheet(SHEETS.researchLog);
  const { cols } = RESEARCH_LOG;
  const SAMPLE_TABLE = ["序号", "带队领导", "参加部室 (单位)", "调研时间", "调研内容", "调研时长", "是否下 访接访 群众", "下访接访 群众姓名", "帮助解决具 体问题", "备注"];

  it("exactly the 样表's columns, in its order, then 集中调研, 调研成果, 成果名称; the duration says it is in days", () => {
    const headers = values(s, RESEARCH_LOG.headerRow) as string[];
    // The 样表 breaks its headers over lines; folded, each of ours is the 样表's header (with a unit in brackets at most).
    headers.slice(0, 10).forEach((h, i) => expect(foldName(h).replace(/\(.*\)$/, ""), h).toBe(foldName(SAMPLE_TABLE[i]!).replace(/\(.*\)$/, "")));
    expect(headers[2]).toBe("参加部室（单位）");
    expect(headers[5]).toBe("调研时长（天）");
    expect(headers.slice(10)).toEqual(["集中调研", "调研成果", "成果名称"]);
    expect(String(s.rows[0]![0]!.value)).toBe("市妇联下基层调研情况统计表（2025 年度）");
    expect(values(s, RESEARCH_LOG.fillerRow)).toContain("填表人：");
    expect(values(s, RESEARCH_LOG.fillerRow)).toContain("填表时间：");
  });

  it("validation in the sheet: dates of the year, a positive number of days, 是/否, the result kinds; 带队领导 offers the members", () => {
    const row = s.rows[RESEARCH_LOG.firstDataRow]!;
    expect(row[cols.date]).toMatchObject({ numFmt: "yyyy-mm-dd", validation: { kind: "date", min: "2025-01-01", max: "2025-12-31" } });
    expect(row[cols.days]!.validation).toMatchObject({ kind: "decimal", min: 0.1 });
    expect((row[cols.days]!.validation as { prompt: string }).prompt).toContain("以天计");
    expect(row[cols.visited]!.validation).toMatchObject({ kind: "list", items: ["是", "否"] });
    expect(row[cols.result]!.validation).toMatchObject({ kind: "list", items: ["党组调研报告", "调研成果"] });
    expect(row[cols.leader]!.validation).toMatchObject({ kind: "list", source: MEMBERS, alert: false });
  });

  it("集中调研 is a formula of 调研时间 with the year's period boundaries (only IF, ISNUMBER, AND)", () => {
    const r = RESEARCH_LOG.firstDataRow;
    const f = s.rows[r]![cols.period]!.formula!;
    const d = `D${r + 1}`;
    expect(f).toBe(`IF(ISNUMBER(${d}),IF(AND(${d}>=${isoToSerial("2025-03-01")},${d}<=${isoToSerial("2025-04-30")}),"3—4月",IF(AND(${d}>=${isoToSerial("2025-09-01")},${d}<=${isoToSerial("2025-10-31")}),"9—10月","日常调研")),"")`);
    // The cached value agrees with the date written on the row.
    const cached = s.rows.slice(r).map((row) => [row[cols.date]?.value, row[cols.period]?.value]).filter(([date]) => typeof date === "number");
    expect(cached.length).toBeGreaterThan(3);
    for (const [date, period] of cached) {
      const m = Number(serialToIso(date as number).slice(5, 7));
      expect(period).toBe(m >= 3 && m <= 4 ? "3—4月" : m >= 9 && m <= 10 ? "9—10月" : "日常调研");
    }
  });
});

describe("print", () => {
  it.each([SHEETS.contacts, SHEETS.contactLog, SHEETS.researchLog])("%s prints on A4 landscape, one page wide, to its last filled row, with its header repeated", (name) => {
    const s = sheet(name);
    expect(s.print).toMatchObject({ landscape: true, fitToWidth: 1 });
    expect(s.print!.area).toMatch(/^A1:[A-Z]+\d+$/);
    if (name !== SHEETS.contacts) expect(s.print!.titleRows).toMatch(/^\d+:\d+$/);
    // Blank rows for adding entries do not print.
    if (name !== SHEETS.contacts) expect(Number(s.print!.area!.split(/[A-Z]+/).pop())).toBeLessThan(s.rows.length);
  });

  it("the department's template carries the ledgers blank, for the department to fill", () => {
    const own = templatePlan(scheme, { department: "宣教部" });
    const log = own.sheets.find((x) => x.name === SHEETS.researchLog)!;
    expect(log.rows[RESEARCH_LOG.firstDataRow]![cols().leader]!.value).toBeNull();
    expect(own.sheets.map((x) => x.name)).toContain(SHEETS.contactLog);
  });
});

function cols() {
  return RESEARCH_LOG.cols;
}
