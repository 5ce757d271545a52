import type { Scheme } from "../scheme/schema";
import { researchOf } from "../scheme/contacts";
import type { CellSpec, SheetSpec } from "../workbook/plan";
import { columnLetters } from "../workbook/address";
import { label, row, text } from "../layout/cells";
import { SHEETS } from "../layout/names";
import { areaOf, fitRowHeights } from "../layout/print";
import { weakText, type LedgerSummary, type MemberView } from "./memberSummary";

/**
 * 联系点调研汇总: one printable block per Party group member (a page each), then the year's
 * research by period and by member. A snapshot written by the aggregate, like 扣分明细.
 */
const HEADERS = ["联系点", "区域分类", "总分", "组内排名", "等次", "得分率最低的指标", "本年联系次数", "最近联系日期"];
const W = HEADERS.length;

type Rows = (CellSpec | null)[][];

function num(value: number | null, numFmt?: string): CellSpec {
  return value === null ? label("—") : { value, style: "computed", ...(numFmt ? { numFmt } : {}) };
}

function line(rows: Rows, merges: string[], cell: CellSpec): void {
  merges.push(`A${rows.length + 1}:${columnLetters(W - 1)}${rows.length + 1}`);
  rows.push(row(W, { 0: cell }));
}

function memberBlock(scheme: Scheme, m: MemberView, s: LedgerSummary, rows: Rows, merges: string[]): void {
  const rules = researchOf(scheme);
  line(rows, merges, text(`党组成员 ${m.member}｜对口部室：${m.departments.join("、") || "—"}｜联系区县 ${m.units.length} 个、团体会员 ${m.organisations.length} 个`, "groupRow"));
  rows.push(HEADERS.map((h) => text(h, "header")));
  for (const u of m.units) {
    rows.push([
      label(u.unit), label(u.group), num(u.total, "0.00"), num(u.groupRank), label(u.tier ?? "—"),
      label(u.weakest.length ? u.weakest.map(weakText).join("；") : u.total === null ? "—" : "各项均为满分"),
      num(s.contactLog ? u.contacts : null), label(u.lastContact ?? "—"),
    ]);
  }
  for (const o of m.organisations) {
    rows.push([label(o.name), label("团体会员"), label("—"), label("—"), label("—"), label("—"), num(s.contactLog ? o.contacts : null), label(o.lastContact ?? "—")]);
  }
  const ledger = !s.contactLog
    ? `工作簿中没有“${SHEETS.contactLog}”，联系次数无从统计。`
    : m.notContacted.length ? `本年未联系的区县：${m.notContacted.join("、")}。` : `本年已联系全部 ${m.units.length} 个联系区县。`;
  line(rows, merges, text(ledger, "note"));
  const r = m.research;
  const short = (n: number, min: number) => (n < min ? `（少于 ${min}）` : "");
  line(rows, merges, text(s.researchLog
    ? `下基层调研：牵头 ${r.studies} 项${short(r.studies, rules.studiesPerMember)}、推出调研成果 ${r.results} 项${short(r.results, rules.resultsPerMember)}，其中党组调研报告 ${r.reports} 篇；调研 ${r.days} 天，下访接访群众 ${r.visits} 次。`
    : `工作簿中没有“${SHEETS.researchLog}”，调研情况无从统计。`, "note"));
  rows.push(row(W, {}));
}

function researchBlock(scheme: Scheme, s: LedgerSummary, rows: Rows, merges: string[]): void {
  const rules = researchOf(scheme);
  line(rows, merges, text(`下基层调研（${s.year} 年度）：党组调研报告 ${s.reports} 篇（至少 ${rules.reportsPerYear} 篇）`, "groupRow"));
  rows.push(row(W, { 0: text("期间", "header"), 1: text("类型", "header"), 2: text("调研次数", "header"), 3: text("调研天数", "header"), 4: text("下访接访", "header"), 5: text("带队党组成员", "header") }));
  for (const p of s.periods) {
    rows.push(row(W, {
      0: label(p.period), 1: label(p.concentrated ? "集中调研" : "日常调研"), 2: num(p.trips), 3: num(p.days), 4: num(p.visits),
      5: label(p.leaders.join("、") || (p.concentrated && p.trips === 0 ? "未登记调研" : "—")),
    }));
  }
  if (s.members.length === 0) return;
  rows.push(row(W, {}));
  rows.push(row(W, { 0: text("党组成员", "header"), 1: text("牵头调研", "header"), 2: text("调研成果", "header"), 3: text("调研报告", "header"), 4: text("调研天数", "header"), 5: text("下访接访群众次数", "header") }));
  for (const m of s.members) {
    const r = m.research;
    rows.push(row(W, { 0: label(m.member), 1: num(r.studies), 2: num(r.results), 3: num(r.reports), 4: num(r.days), 5: num(r.visits) }));
  }
}

export function memberSummarySheet(scheme: Scheme, summary: LedgerSummary, madeAt: string): SheetSpec {
  const rows: Rows = [];
  const merges: string[] = [];
  line(rows, merges, text(`党组成员联系点与下基层调研情况（${scheme.year} 年度）`, "title"));
  line(rows, merges, text(`本表是 ${madeAt} 汇总时的快照（不随输入自动更新）：依据《重庆市妇联党组成员基层联系点制度》和《重庆市妇联下基层调研工作制度》，列出每位党组成员所联系区县本年度的评价结果（总分、等次、得分率最低的指标）、联系点台账（联系次数、本年未联系的区县）和下基层调研情况，每位成员一页。修改评分或台账后请重新汇总。`, "note"));
  rows.push(row(W, {}));
  const breaks: number[] = [];
  summary.members.forEach((m, i) => {
    if (i > 0) breaks.push(rows.length);
    memberBlock(scheme, m, summary, rows, merges);
  });
  if (summary.members.length > 0) breaks.push(rows.length);
  researchBlock(scheme, summary, rows, merges);
  const columnWidths = [22, 11, 8, 8, 7, 44, 10, 12];
  return {
    name: SHEETS.memberSummary, rows, merges, columnWidths,
    rowHeights: fitRowHeights(rows, columnWidths, merges),
    print: { landscape: true, area: areaOf(rows.length - 1, W - 1), fitToWidth: 1, breaksBefore: breaks },
    protect: true,
    tabColor: "FF2F5597",
  };
}
