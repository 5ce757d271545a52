import type { Scheme } from "../scheme/schema";
import { contactIndex, contactsOf, periodOf, researchOf, ROUTINE, termText } from "../scheme/contacts";
import type { ResearchPeriod } from "../scheme/ledgerSchema";
import type { CellSpec, SheetSpec, ValidationSpec } from "../workbook/plan";
import { columnLetters } from "../workbook/address";
import { isoDate, isoToSerial } from "../workbook/dates";
import { formula, input, inputText, label, row, text } from "./cells";
import { CONTACT_LOG, CONTACT_TABLE, membersRange, pointsListFormula, RESEARCH_LOG, RESULT_KINDS } from "./ledgerColumns";
import { SHEETS } from "./names";
import { areaOf, fitRowHeights, lastFilledRow, SEQ_WIDTH } from "./print";
import type { LedgerSample } from "./sampleLedgers";

/**
 * The sheets of 附件2 (联系点, 联系点台账) and 附件1 (调研台账). The table is a read-only view of
 * the scheme; the two ledgers are input, one row per contact or trip, printable on A4.
 */
export function ledgerSheets(scheme: Scheme, sample?: LedgerSample): SheetSpec[] {
  const withContacts = contactsOf(scheme) !== null;
  return [
    ...(withContacts ? [contactsSheet(scheme), contactLogSheet(scheme, sample)] : []),
    researchLogSheet(scheme, sample),
  ];
}

function heading(width: number, title: string, note: string): { rows: (CellSpec | null)[][]; merges: string[] } {
  const last = columnLetters(width - 1);
  return { rows: [row(width, { 0: text(title, "title") }), row(width, { 0: text(note, "note") })], merges: [`A1:${last}1`, `A2:${last}2`] };
}

function dateRule(year: number): ValidationSpec {
  return { kind: "date", min: `${year}-01-01`, max: `${year}-12-31`, prompt: `${year} 年内的日期，如 ${year}-03-01`, error: `请填写 ${year} 年内的日期（${year}-01-01 至 ${year}-12-31）` };
}

function dateCell(year: number, iso: string | undefined): CellSpec {
  return input(iso ? isoToSerial(iso) : null, dateRule(year), "yyyy-mm-dd");
}

/** 联系点: the contact-point table of the scheme, and the same by district. */
export function contactsSheet(scheme: Scheme): SheetSpec {
  const contacts = contactsOf(scheme)!;
  const index = contactIndex(scheme, contacts);
  const w = CONTACT_TABLE.headers.length;
  const { rows, merges } = heading(w, `市妇联党组成员基层联系点工作表（${scheme.year} 年度）`,
    `依据《重庆市妇联党组成员基层联系点制度》：党组成员分别联系 6—7 个区县及 2 个团体会员，联系点原则上每两年调整一次；现行联系点为 ${termText(contacts)} 年。本表由评价方案生成，只读；每次联系请登记在“${SHEETS.contactLog}”。`);
  rows.push(CONTACT_TABLE.headers.map((h) => text(h, "header")));
  contacts.members.forEach((m, i) => rows.push([
    label(i + 1), label(m.name), label(m.units.join("、")), label(m.organisations.join("、")), label(m.departments.join("、")),
  ]));
  rows.push(row(w, {}));
  rows.push(row(w, { 0: text("区县", "header"), 1: text("区域分类", "header"), 2: text("联系党组成员", "header") }));
  for (const u of scheme.units) {
    const holder = index.holder({ kind: "unit", name: u.name });
    rows.push(row(w, { 0: label(u.name), 1: label(scheme.groups.find((g) => g.id === u.group)?.shortName ?? u.group), 2: label(holder?.name ?? "（无）") }));
  }
  const columnWidths = [10, 12, 56, 44, 18];
  return {
    name: SHEETS.contacts, rows, merges, columnWidths,
    rowHeights: fitRowHeights(rows, columnWidths, merges),
    freeze: { rows: CONTACT_TABLE.firstDataRow, cols: 0 },
    print: { landscape: true, area: areaOf(rows.length - 1, w - 1), fitToWidth: 1 },
    protect: true,
    tabColor: "FF2F5597",
  };
}

/** 联系点台账: one row per contact; 联系点's dropdown follows the member chosen on the row. */
export function contactLogSheet(scheme: Scheme, sample?: LedgerSample): SheetSpec {
  const contacts = contactsOf(scheme)!;
  const y = scheme.year;
  const { cols, headers } = CONTACT_LOG;
  const { rows, merges } = heading(headers.length, `党组成员基层联系点联系情况台账（${y} 年度）`,
    `每次联系登记一行。日期填 ${y} 年内的日期；党组成员从下拉列表选择；联系点从该成员的联系区县和团体会员中选择（列表随所选成员变化）；工作方式：${contacts.ways.join("、")}等；联系内容写明走访座谈、宣教宣讲、指导工作、关爱帮扶等具体情况，解决的问题和后续跟进如实填写。`);
  rows.push(headers.map((h) => text(h, "header")));
  const filled = sample?.contacts ?? [];
  const n = Math.max(CONTACT_LOG.blankRows, filled.length + 50);
  for (let i = 0; i < n; i++) {
    const e = filled[i];
    const r = rows.length + 1;
    rows.push([
      label(i + 1),
      dateCell(y, e?.date),
      inputText(e?.member, { kind: "list", items: [], source: membersRange(scheme), prompt: "选择党组成员", error: "请从列表中选择党组成员" }),
      inputText(e?.point, { kind: "list", items: [], source: pointsListFormula(scheme, `$${columnLetters(cols.member)}${r}`), alert: false, prompt: "选择该成员的联系区县或团体会员", error: "请选择联系点" }),
      inputText(e?.way, { kind: "list", items: contacts.ways, alert: false, prompt: `${contacts.ways.join("、")}等`, error: "请选择工作方式" }),
      inputText(e?.content),
      inputText(e?.solved),
      inputText(e?.followUp),
    ]);
  }
  // The date column holds yyyy-mm-dd with room to spare: at 11, LibreOffice printed the dates as ###.
  const columnWidths = [SEQ_WIDTH, 13, 9, 24, 9, 36, 28, 22];
  const lastRow = Math.max(lastFilledRow(rows, [cols.seq]), CONTACT_LOG.firstDataRow + 19);
  return {
    name: SHEETS.contactLog, rows, merges, columnWidths,
    rowHeights: fitRowHeights(rows, columnWidths, merges),
    freeze: { rows: CONTACT_LOG.firstDataRow, cols: 2 },
    print: { landscape: true, titleRows: `${CONTACT_LOG.headerRow + 1}:${CONTACT_LOG.headerRow + 1}`, area: areaOf(lastRow, headers.length - 1), fitToWidth: 1 },
    tabColor: "FF2F5597",
  };
}

/** The last day of `month` in `year`, as "yyyy-mm-dd". */
function lastDay(year: number, month: number): string {
  for (let d = 31; d >= 28; d--) {
    const iso = isoDate(year, month, d);
    if (iso) return iso;
  }
  throw new RangeError(`no last day for ${year}-${month}`);
}

/** 集中调研 from 调研时间, with the year's boundaries as serials: only IF, ISNUMBER and AND (portable everywhere). */
function periodFormula(year: number, periods: readonly ResearchPeriod[], dateRef: string): string {
  let f = `"${ROUTINE}"`;
  for (const p of [...periods].reverse()) {
    const from = isoToSerial(isoDate(year, p.fromMonth, 1)!);
    const to = isoToSerial(lastDay(year, p.toMonth));
    f = `IF(AND(${dateRef}>=${from},${dateRef}<=${to}),"${p.name}",${f})`;
  }
  return `IF(ISNUMBER(${dateRef}),${f},"")`;
}

/** 调研台账: the 样表 "市妇联下基层调研情况统计表", one row per trip, and what the checks need. */
export function researchLogSheet(scheme: Scheme, sample?: LedgerSample): SheetSpec {
  const y = scheme.year;
  const rules = researchOf(scheme);
  const { cols, headers } = RESEARCH_LOG;
  const w = headers.length;
  const periods = rules.periods.map((p) => p.name).join("、");
  const { rows, merges } = heading(w, `市妇联下基层调研情况统计表（${y} 年度）`,
    `依据《重庆市妇联下基层调研工作制度》：每年 ${periods} 两次集中调研；党组成员每年至少牵头完成 ${rules.studiesPerMember} 项调查研究、推出 ${rules.resultsPerMember} 项调研成果；党组每年至少形成 ${rules.reportsPerYear} 篇高质量调研报告。每次调研登记一行：调研时间填 ${y} 年内的日期（多日的填开始日期）；调研时长以天计（半天填 0.5）；下访接访群众的须填写群众姓名；“集中调研”按调研时间自动显示；形成成果的选择“调研成果”并填写成果名称。`);
  rows.push(row(w, { 0: text("填表人："), 1: inputText(null), 3: text("填表时间："), 4: dateCell(y, undefined) }));
  rows.push(headers.map((h) => text(h, "header")));
  const members = contactsOf(scheme) ? membersRange(scheme) : null;
  const filled = sample?.research ?? [];
  const n = Math.max(RESEARCH_LOG.blankRows, filled.length + 30);
  for (let i = 0; i < n; i++) {
    const e = filled[i];
    const r = rows.length + 1;
    const dateRef = `${columnLetters(cols.date)}${r}`;
    rows.push([
      label(i + 1),
      inputText(e?.leader, members ? { kind: "list", items: [], source: members, alert: false, prompt: "选择带队的党组成员（其他领导带队的可直接填写姓名）", error: "请选择带队领导" } : undefined),
      inputText(e?.departments),
      dateCell(y, e?.date),
      inputText(e?.content),
      input(e?.days, { kind: "decimal", min: 0.1, max: 366, prompt: "以天计，如 1、0.5", error: "调研时长以天计，请填写大于 0 的天数（如 1、0.5）" }),
      inputText(e?.visited, { kind: "list", items: ["是", "否"], prompt: "是否下访接访群众", error: "请选择“是”或“否”" }),
      inputText(e?.names),
      inputText(e?.solved),
      inputText(e?.note),
      formula(periodFormula(y, rules.periods, dateRef), e?.date ? periodOf(rules.periods, e.date) : ""),
      inputText(e?.result, { kind: "list", items: [RESULT_KINDS.report, RESULT_KINDS.result], prompt: "形成成果的选择：党组调研报告或调研成果", error: "请从列表中选择" }),
      inputText(e?.resultTitle),
    ]);
  }
  // 调研时间 (yyyy-mm-dd) at 13: at 11, LibreOffice printed the dates as ###.
  const columnWidths = [SEQ_WIDTH, 9, 13, 13, 26, 6, 7, 12, 20, 10, 8, 11, 18];
  const lastRow = Math.max(lastFilledRow(rows, [cols.seq, cols.period]), RESEARCH_LOG.firstDataRow + 19);
  return {
    name: SHEETS.researchLog, rows, merges, columnWidths,
    rowHeights: fitRowHeights(rows, columnWidths, merges),
    freeze: { rows: RESEARCH_LOG.firstDataRow, cols: 2 },
    print: { landscape: true, titleRows: `${RESEARCH_LOG.headerRow + 1}:${RESEARCH_LOG.headerRow + 1}`, area: areaOf(lastRow, w - 1), fitToWidth: 1 },
    tabColor: "FF548235",
  };
}
