import type { CellSpec, SheetSpec } from "../workbook/plan";
import { columnLetters } from "../workbook/address";
import { label, row, text } from "../layout/cells";
import { SHEETS } from "../layout/names";
import { A4_PRINTABLE, areaOf, DEFAULT_ROW, fitRowHeights, linesOf, WIDTH_POINTS } from "../layout/print";
import { changeText, gapPoints, NO_PERIOD, NO_PREVIOUS, WEAKEST_COUNT, type Guidance, type IndicatorStanding, type UnitGuidance } from "./guidance";

/**
 * 分类指导: one printed A4 page (portrait) per district, in group order — its score per programme
 * and indicator against its group's mean and best, its weakest indicators with the responsible
 * department and the department's 扣分理由, its strengths, its change since last year and the last
 * period, its cases. Values, not formulas: choosing "the three weakest relative to the group"
 * and quoting reasons needs sorting and text lookups no formula common to Excel, WPS and LibreOffice
 * does (no SORT/FILTER); like 扣分明细 it is a snapshot, dated on every page, rewritten by every aggregate.
 */
const HEADERS = ["指标", "牵头部室", "得分", "满分", "组内平均", "组内最高", "得分率差"];
const W = HEADERS.length;
/**
 * Portrait A4 holds 537 pt of width: 74 units × 7 pt (LibreOffice's measure) prints at 100 %. An
 * indicator name of 12 characters and a department of 5 fit on one line.
 */
// 得分 and 满分 are wide enough for a bold 57.30 / 100.00 (总分, 小计): at 6 and 5.5, LibreOffice
// printed those rows' figures as ###.
const COLUMN_WIDTHS = [27, 12, 8, 8, 7, 7, 9.5];
const FULL_WIDTH_PT = COLUMN_WIDTHS.reduce((a, b) => a + b, 0) * WIDTH_POINTS.narrow;
/** Lines a quoted reason or a case list may take, so that a district never runs onto a second page. */
const MAX_LINES = 2;
/** A portrait page's printable height (A4 less the margins), less a little for rounding. */
export const PAGE_PT = A4_PRINTABLE.portrait.height - 3;

type Rows = (CellSpec | null)[][];

const num = (v: number): CellSpec => ({ value: v, style: "computed", numFmt: "0.00" });
const pts = (gap: number | null): CellSpec => (gap === null ? label("—") : { value: Math.round(gap * 1000) / 10, style: "computed", numFmt: "+0.0;-0.0;0.0" });

/** `text` cut to what fits `lines` lines across the page, with a pointer to where the rest is. */
export function fitted(value: string, lines: number, more: string): string {
  if (linesOf(value, 11, FULL_WIDTH_PT) <= lines) return value;
  // No more characters fit than narrow ones (0.6 em) fill the lines: start there, not at a 500-character reason's end.
  let n = Math.min(value.length, Math.ceil((lines * FULL_WIDTH_PT) / (0.6 * 11)));
  while (n > 0 && linesOf(`${value.slice(0, n)}…${more}`, 11, FULL_WIDTH_PT) > lines) n--;
  return `${value.slice(0, n)}…${more}`;
}

function indicatorRow(i: IndicatorStanding, style: "label" | "total" = "label"): (CellSpec | null)[] {
  return [text(i.name, style), text(i.department, style), num(i.score), num(i.max), num(i.groupMean), num(i.groupBest), pts(i.gap)];
}

interface Block {
  readonly rows: Rows;
  /** Merged rows, as row indices within the block (each merged across the page). */
  readonly lines: number[];
}

/** A district's page; `lines` is how many lines a quoted reason or the case list may take. */
function unitBlock(g: UnitGuidance, year: number, madeAt: string, lines: number): Block {
  const rows: Rows = [];
  const merged: number[] = [];
  const line = (cell: CellSpec) => {
    merged.push(rows.length);
    rows.push(row(W, { 0: cell }));
  };
  line(text(`${g.unit} 分类指导（${year} 年度）`, "title"));
  line(text(`${g.group}（${g.groupSize} 个区县）｜组内第 ${g.groupRank} 名｜等次 ${g.tier}`, "note"));
  line(text(fitted(`与上年比：${changeText(g.previous, NO_PREVIOUS)}`, 2, ""), "note"));
  line(text(fitted(`与上期比：${changeText(g.lastPeriod, NO_PERIOD)}`, 2, ""), "note"));
  rows.push(HEADERS.map((h) => text(h, "header")));
  rows.push([text("总分", "total"), text(`等次 ${g.tier}`, "total"), num(g.total), label(""), num(g.groupMeanTotal), num(g.groupBestTotal), label("")]);
  for (const p of g.programmes) {
    rows.push([text(p.programme, "total"), text("小计", "total"), num(p.score), num(p.max), num(p.groupMean), num(p.groupBest), label("")]);
    for (const i of g.indicators.filter((x) => x.programme === p.programme)) rows.push(indicatorRow(i));
  }
  line(text(`短板：得分率比组内平均低得最多的 ${WEAKEST_COUNT} 项（未得满分者）`, "groupRow"));
  if (g.weakest.length === 0) line(text("各项指标均为满分。", "note"));
  for (const w of g.weakest) {
    rows.push(indicatorRow(w));
    const reason = w.reason ? `扣分理由（${w.reasonCell}）：${w.reason}` : "扣分理由：部室未填写";
    line(text(fitted(reason, lines, "（全文见扣分明细）"), "note"));
  }
  line(text(fitted(`亮点：${g.strengths.length ? g.strengths.map((s) => `${s.name}（${gapPoints(s.gap)}）`).join("、") : "无得分率高于组内平均的指标"}`, lines, ""), "note"));
  const cases = g.cases.length
    ? g.cases.map((c) => `《${c.title || "（无标题）"}》${c.project ? `（${c.project}${c.score === null ? "" : `，${c.score} 分`}）` : ""}`).join("；")
    : "未报送";
  line(text(fitted(`最佳实践案例：${cases}`, lines, "（详见最佳实践案例表）"), "note"));
  line(text(lines > 1
    ? `${madeAt} 汇总时的快照，修改评分后请重新汇总。得分率差 = 得分率（得分 ÷ 满分）− 组内平均得分率，单位为百分点。`
    : `${madeAt} 汇总时的快照，修改评分后请重新汇总。得分率差单位：百分点。`, "note"));
  return { rows, lines: merged };
}

const mergesOf = (b: Block, offset: number) => b.lines.map((r) => `A${offset + r + 1}:${columnLetters(W - 1)}${offset + r + 1}`);

/** Row heights of a block: every row gets one (LibreOffice sizes a row left to it by its CJK font, taller than 15 pt). */
function heightsOf(b: Block): number[] {
  const measured = fitRowHeights(b.rows, COLUMN_WIDTHS, mergesOf(b, 0));
  return b.rows.map((_, r) => measured[r] ?? DEFAULT_ROW);
}

/**
 * A district's page, fitted to A4: Excel prints rows at exactly these heights, at 100 % (the
 * columns are planned for LibreOffice's wider measure), so a block no taller than the page never
 * runs over. Long reasons and case lists are cut to fewer lines until it fits.
 */
function pageOf(g: UnitGuidance, year: number, madeAt: string): { block: Block; heights: number[] } {
  for (const lines of [MAX_LINES, 1]) {
    const block = unitBlock(g, year, madeAt, lines);
    const heights = heightsOf(block);
    if (lines === 1 || heights.reduce((a, b) => a + b, 0) <= PAGE_PT) return { block, heights };
  }
  throw new Error("unreachable");
}

export function guidanceSheet(g: Guidance, madeAt: string): SheetSpec {
  const rows: Rows = [];
  const merges: string[] = [];
  const breaks: number[] = [];
  const rowHeights: Record<number, number> = {};
  for (const u of g.units) {
    if (rows.length > 0) breaks.push(rows.length);
    const { block, heights } = pageOf(u, g.year, madeAt);
    merges.push(...mergesOf(block, rows.length));
    heights.forEach((h, r) => (rowHeights[rows.length + r] = h));
    rows.push(...block.rows);
  }
  if (rows.length === 0) rows.push(row(W, { 0: text(`分类指导（${g.year} 年度）：没有区县的结果`, "title") }));
  return {
    name: SHEETS.guidance, rows, merges, columnWidths: COLUMN_WIDTHS, rowHeights,
    print: { landscape: false, area: areaOf(rows.length - 1, W - 1), fitToWidth: 1, breaksBefore: breaks },
    protect: true,
    tabColor: "FF548235",
  };
}
