import type { Scheme } from "../scheme/schema";
import { contactIndex, contactsOf } from "../scheme/contacts";
import { columnLetters, parseA1, sheetRef } from "../workbook/address";
import { SHEETS } from "./names";
import { TABLE_COLUMNS } from "./schemeTables";

/**
 * Column layouts of the contact-point sheets (附件2) and the research ledger (附件1). Header texts
 * are checked when reading, so they are defined once, here. What precedes a bracket is the header
 * the reader matches: "调研时长（天）" still reads a sheet made from the 样表's "调研时长".
 */
export const CONTACT_TABLE = {
  headerRow: 2,
  firstDataRow: 3,
  cols: { seq: 0, member: 1, units: 2, organisations: 3, departments: 4 },
  headers: ["序号", "党组成员", "联系区县", "联系团体会员", "对口部室"],
} as const;

export const CONTACT_LOG = {
  headerRow: 2,
  firstDataRow: 3,
  cols: { seq: 0, date: 1, member: 2, point: 3, way: 4, content: 5, solved: 6, followUp: 7 },
  headers: ["序号", "日期", "党组成员", "联系点（区县或团体会员）", "工作方式", "联系内容", "解决的问题", "后续跟进"],
  blankRows: 300,
} as const;

/** The 样表 "市妇联下基层调研情况统计表" (序号 … 备注), then what the checks of 第三条、第四条 need. */
export const RESEARCH_LOG = {
  /** The 样表's 填表人 and 填表时间, above the table rather than below it: rows are appended at the bottom. */
  fillerRow: 2,
  headerRow: 3,
  firstDataRow: 4,
  cols: { seq: 0, leader: 1, departments: 2, date: 3, content: 4, days: 5, visited: 6, names: 7, solved: 8, note: 9, period: 10, result: 11, resultTitle: 12 },
  headers: ["序号", "带队领导", "参加部室（单位）", "调研时间", "调研内容", "调研时长（天）", "是否下访接访群众", "下访接访群众姓名", "帮助解决具体问题", "备注", "集中调研", "调研成果", "成果名称"],
  blankRows: 150,
} as const;

/** 调研成果's dropdown: a report of the 党组 counts as its leader's result too. */
export const RESULT_KINDS = { report: "党组调研报告", result: "调研成果" } as const;

/** The first column after the summary's tables on the data sheet (./schemeTables.ts), wherever they end. */
const AFTER_TABLES = Math.max(...Object.values(TABLE_COLUMNS).map((c) => parseA1(`${c}1`).col)) + 1;

/**
 * Lists on the hidden data sheet, after the summary's tables: the members (the dropdown of
 * 党组成员 and 带队领导), every district with its member (a lookup table: unit → member), and
 * one column per member listing their points — the dropdown of 联系点 follows the member chosen.
 */
export const LEDGER_LIST_COLUMNS = {
  members: AFTER_TABLES, contactUnit: AFTER_TABLES + 1, contactMember: AFTER_TABLES + 2, firstMemberPoints: AFTER_TABLES + 3,
} as const;

/** The data sheet's columns after the summary's tables, each a list top-down (none when the scheme has no table). */
export function ledgerListColumns(scheme: Scheme): string[][] {
  const contacts = contactsOf(scheme);
  if (!contacts) return [];
  const index = contactIndex(scheme, contacts);
  const held = contacts.members.flatMap((m) => index.pointsOf(m).units.map((u) => [u, m.name] as const));
  return [
    contacts.members.map((m) => m.name),
    held.map(([u]) => u),
    held.map(([, m]) => m),
    ...contacts.members.map((m) => {
      const p = index.pointsOf(m);
      return [...p.units, ...p.organisations];
    }),
  ];
}

/** '_evalsheet'!$R$1:$R$6: the members' list. */
export function membersRange(scheme: Scheme): string {
  const n = contactsOf(scheme)?.members.length ?? 1;
  const col = columnLetters(LEDGER_LIST_COLUMNS.members);
  return sheetRef(SHEETS.data, `$${col}$1:$${col}$${Math.max(n, 1)}`);
}

/**
 * The dropdown of 联系点 on a row whose member is in `memberCell` (e.g. "$C4"): that member's
 * column of points, picked with OFFSET and MATCH (二级联动下拉, which Excel, WPS and LibreOffice
 * all evaluate); before a member is chosen, the first member's column.
 */
export function pointsListFormula(scheme: Scheme, memberCell: string): string {
  const contacts = contactsOf(scheme);
  const longest = Math.max(1, ...(contacts ? ledgerListColumns(scheme).slice(3).map((c) => c.length) : [1]));
  const first = columnLetters(LEDGER_LIST_COLUMNS.firstMemberPoints);
  const anchor = sheetRef(SHEETS.data, `$${first}$1`);
  return `OFFSET(${anchor},0,IFERROR(MATCH(${memberCell},${membersRange(scheme)},0)-1,0),${longest},1)`;
}
