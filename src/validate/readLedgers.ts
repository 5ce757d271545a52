import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Scheme } from "../scheme/schema";
import { contactIndex, contactsOf, periodOf, researchOf, type ContactIndex, type ContactPoint } from "../scheme/contacts";
import { foldName } from "../scheme/names";
import { CONTACT_LOG, RESEARCH_LOG, RESULT_KINDS } from "../layout/ledgerColumns";
import { SHEETS } from "../layout/names";
import { a1 } from "../workbook/address";
import { cellAt, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "../workbook/snapshot";
import { cellText, isBlank, parseDate, parseNumber, parseYesNo } from "./cellParse";
import { msg } from "./messages";
import { checkHeaderRow } from "./readOffice";
import { contactTableProblems } from "./contactTable";
import { researchChecks } from "./researchChecks";

/** One row of 联系点台账, as read; unusable fields are null (and reported). */
export interface ContactEntry {
  readonly row: number;
  readonly date: string | null;
  readonly member: string | null;
  readonly point: ContactPoint | null;
  readonly way: string | null;
  readonly content: string | null;
  readonly solved: string | null;
}

/** One row of 调研台账. `leader` is the member's name when `byMember`, else as typed. */
export interface ResearchEntry {
  readonly row: number;
  readonly leader: string | null;
  readonly byMember: boolean;
  readonly date: string | null;
  /** The concentrated period's name, or 日常调研; null without a date. */
  readonly period: string | null;
  readonly days: number | null;
  readonly visited: boolean | null;
  readonly result: "report" | "result" | null;
}

/** The two ledgers; null when the workbook has no such sheet (one made before them). */
export interface Ledgers {
  readonly contacts: readonly ContactEntry[] | null;
  readonly research: readonly ResearchEntry[] | null;
}

/** Read and check the contact-point table and both ledgers; the research rules are checked over the year. */
export function readLedgers(scheme: Scheme, wb: WorkbookSnapshot, out: Diagnostic[]): Ledgers {
  out.push(...contactTableProblems(scheme));
  const table = contactsOf(scheme);
  const index = table ? contactIndex(scheme, table) : null;
  const contactSheet = table ? findLedger(wb, SHEETS.contactLog, "党组成员基层联系点联系情况台账", out) : undefined;
  const researchSheet = findLedger(wb, SHEETS.researchLog, "下基层调研情况统计表", out);
  const contacts = contactSheet && index ? readContactLog(scheme, index, contactSheet, out) : null;
  const research = researchSheet ? readResearchLog(scheme, index, researchSheet, out) : null;
  if (research && researchSheet) out.push(...researchChecks(scheme, index, research, researchSheet.name));
  return { contacts, research };
}

/** A ledger sheet by its name (spaces and full-width forms folded); a workbook without one is told how to add it. */
function findLedger(wb: WorkbookSnapshot, name: string, what: string, out: Diagnostic[]): SheetSnapshot | undefined {
  const sheet = wb.sheets.find((s) => s.name === name) ?? wb.sheets.find((s) => foldName(s.name) === foldName(name));
  if (!sheet) out.push(msg.ledgerMissing(name, what));
  else if (sheet.name !== name) out.push(msg.sheetRenamed(name, sheet.name));
  return sheet;
}

/** The rows with something typed in `cols`, 0-based, from the first data row. */
function filledRows(sheet: SheetSnapshot, first: number, cols: readonly number[]): number[] {
  const rows: number[] = [];
  for (let r = first; r < sheet.rows.length; r++) if (cols.some((c) => !isBlank(cellAt(sheet, r, c)))) rows.push(r);
  return rows;
}

/** A required date within the evaluation year; null when missing or unusable (reported). */
function readLedgerDate(year: number, sheet: string, cell: string, v: CellValue, what: string, out: Diagnostic[]): string | null {
  const p = parseDate(v);
  if (p.kind === "empty") out.push(msg.empty(sheet, cell, what));
  else if (p.kind === "invalid") out.push(msg.notDate(sheet, cell, p.raw, year));
  else if (p.kind === "errorValue") out.push(msg.errorValue(sheet, cell, p.error));
  else {
    if (p.note) out.push(msg.dateAsText(sheet, cell, p.iso));
    if (!p.iso.startsWith(`${year}-`)) out.push(msg.dateOutOfYear(sheet, cell, p.iso, year));
    else return p.iso;
  }
  return null;
}

export function readContactLog(scheme: Scheme, index: ContactIndex, sheet: SheetSnapshot, out: Diagnostic[]): ContactEntry[] {
  const { cols, headers, headerRow, firstDataRow } = CONTACT_LOG;
  checkHeaderRow(sheet, headerRow, headers, out);
  const ways = contactsOf(scheme)?.ways ?? [];
  const entries: ContactEntry[] = [];
  const inputs = [cols.date, cols.member, cols.point, cols.way, cols.content, cols.solved, cols.followUp];
  for (const r of filledRows(sheet, firstDataRow, inputs)) {
    const at = (c: number) => cellAt(sheet, r, c);
    const where = (c: number) => a1(r, c);
    const date = readLedgerDate(scheme.year, sheet.name, where(cols.date), at(cols.date), "日期", out);
    const memberText = cellText(at(cols.member));
    const member = memberText ? index.member(memberText) : undefined;
    if (!memberText) out.push(msg.empty(sheet.name, where(cols.member), "党组成员"));
    else if (!member) out.push(msg.memberUnknown(sheet.name, where(cols.member), memberText));
    const pointText = cellText(at(cols.point));
    const point = pointText ? index.point(pointText) : undefined;
    if (!pointText) out.push(msg.empty(sheet.name, where(cols.point), "联系点"));
    else if (!point) out.push(msg.pointUnknown(sheet.name, where(cols.point), pointText));
    else if (member) {
      const holder = index.holder(point);
      if (holder && holder.name !== member.name) out.push(msg.pointOfOther(sheet.name, where(cols.point), point.name, member.name, holder.name));
    }
    const way = cellText(at(cols.way));
    if (way && !ways.some((w) => foldName(w) === foldName(way))) out.push(msg.wayOther(sheet.name, where(cols.way), way, ways));
    const content = cellText(at(cols.content));
    if (!content) out.push(msg.noContent(sheet.name, where(cols.content)));
    entries.push({ row: r, date, member: member?.name ?? null, point: point ?? null, way, content, solved: cellText(at(cols.solved)) });
  }
  return entries;
}

export function readResearchLog(scheme: Scheme, index: ContactIndex | null, sheet: SheetSnapshot, out: Diagnostic[]): ResearchEntry[] {
  const { cols, headers, headerRow, firstDataRow } = RESEARCH_LOG;
  checkHeaderRow(sheet, headerRow, headers, out);
  const periods = researchOf(scheme).periods;
  const entries: ResearchEntry[] = [];
  const inputs = [cols.leader, cols.departments, cols.date, cols.content, cols.days, cols.visited, cols.names, cols.solved, cols.note, cols.result, cols.resultTitle];
  for (const r of filledRows(sheet, firstDataRow, inputs)) {
    const at = (c: number) => cellAt(sheet, r, c);
    const where = (c: number) => a1(r, c);
    const leaderText = cellText(at(cols.leader));
    const member = leaderText && index ? index.member(leaderText) : undefined;
    if (!leaderText) out.push(msg.empty(sheet.name, where(cols.leader), "带队领导"));
    else if (index && !member) out.push(msg.leaderNotMember(sheet.name, where(cols.leader), leaderText));
    const date = readLedgerDate(scheme.year, sheet.name, where(cols.date), at(cols.date), "调研时间", out);
    if (!cellText(at(cols.content))) out.push(msg.empty(sheet.name, where(cols.content), "调研内容"));
    const days = readDays(sheet.name, where(cols.days), at(cols.days), out);
    const visited = readVisited(sheet.name, where(cols.visited), at(cols.visited), out);
    if (visited && !cellText(at(cols.names))) out.push(msg.namesMissing(sheet.name, where(cols.names)));
    const result = readResult(sheet.name, where(cols.result), at(cols.result), out);
    if (result && !cellText(at(cols.resultTitle))) out.push(msg.resultNoTitle(sheet.name, where(cols.resultTitle)));
    entries.push({
      row: r, leader: member?.name ?? leaderText, byMember: member !== undefined, date,
      period: date ? periodOf(periods, date) : null, days, visited, result,
    });
  }
  return entries;
}

/** 调研时长: a positive number of days, at most a year (a date typed here is a serial in the tens of thousands). */
function readDays(sheet: string, cell: string, v: CellValue, out: Diagnostic[]): number | null {
  const p = parseNumber(v);
  if (p.kind === "empty") out.push(msg.empty(sheet, cell, "调研时长（天）"));
  else if (p.kind === "invalid") out.push(msg.notNumber(sheet, cell, p.raw, "调研时长（天）"));
  else if (p.kind === "errorValue") out.push(msg.errorValue(sheet, cell, p.error));
  else {
    if (p.note) out.push(msg.numberAsText(sheet, cell, p));
    if (p.value <= 0) out.push(msg.daysNotPositive(sheet, cell, p.value));
    else if (p.value > 366) out.push(msg.daysTooMany(sheet, cell, p.value));
    else return p.value;
  }
  return null;
}

function readVisited(sheet: string, cell: string, v: CellValue, out: Diagnostic[]): boolean | null {
  const p = parseYesNo(v);
  if (p.kind === "yesno") return p.value;
  if (p.kind === "empty") out.push(msg.empty(sheet, cell, "是否下访接访群众（是/否）"));
  else if (p.kind === "invalid") out.push(msg.notYesNo(sheet, cell, p.raw));
  else out.push(msg.errorValue(sheet, cell, p.error));
  return null;
}

function readResult(sheet: string, cell: string, v: CellValue, out: Diagnostic[]): "report" | "result" | null {
  const raw = cellText(v);
  if (!raw) return null;
  const f = foldName(raw);
  if (f === foldName(RESULT_KINDS.report) || f === "调研报告") return "report";
  if (f === foldName(RESULT_KINDS.result)) return "result";
  out.push(msg.resultUnknown(sheet, cell, raw, Object.values(RESULT_KINDS)));
  return null;
}
