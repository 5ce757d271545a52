import { periodTitle } from "../scheme/year";
import type { Scheme } from "../scheme/schema";
import { bestPracticeFormula } from "../engine/cases";
import { bonusFormula } from "../engine/bonus";
import { compositeFormula } from "../engine/composite";
import type { Evaluation, UnitResult } from "../engine/evaluate";
import { str } from "../engine/formula";
import { penaltyFormula } from "../engine/penalty";
import { tierFormula } from "../engine/tier";
import { columnLetters, sheetRef } from "../workbook/address";
import type { CellSpec, SheetSpec } from "../workbook/plan";
import { formula, label, row, text } from "../layout/cells";
import { SHEETS } from "../layout/names";
import { ITEM_KIND, paramRef, schemeNumberCells, TABLE_COLUMNS } from "../layout/schemeTables";
import { CALC, type CalcLayout } from "./calcSheet";
import { summaryPageBreaks } from "./pages";
import { contactMemberOf } from "../scheme/contacts";
import { heightFor, linesOf, SEQ_WIDTH, STYLE_TEXT, WIDTH_POINTS } from "../layout/print";
import { priorByUnit, type PriorYear } from "../history/history";

/** 汇总 columns, fixed so tests and the pane can find them; units are found by name in column B. */
export const SUMMARY = {
  headerRow: 2,
  cols: { seq: "A", unit: "B", basic: "C", bestPractice: "D", composite: "E", bonus: "F", penalty: "G", total: "H", groupRank: "I", overallRank: "J", tier: "K", prevTotal: "L", prevTier: "M", change: "N", contact: "O", remark: "P", snapshot: "Q" },
  /** Columns that print: A..P; Q keeps each total as it was when 扣分明细 was made. */
  printedWidth: 16,
} as const;

export function summaryHeaders(scheme: Scheme, prior: PriorYear | null = null): string[] {
  const c = scheme.components;
  // Each maximum on its own line: the header wraps there, never inside the bracket.
  // Narrow columns break where a reader would (组内 / 排名), not where the width runs out.
  return ["序号", "区县", `基础工作\n（${c.basic}分）`, `最佳实践案例\n（${c.bestPractice}分）`, `综合评估\n（${c.composite}分）`, `加分\n（不超过${c.bonusCap}分）`, "扣分", "总分", "组内\n排名", "全市\n排名", "等次",
    prior ? `上年总分\n（${prior.year}年）` : "上年\n总分", "上年\n等次", "变化", "联系党组\n成员", "备注"];
}

/**
 * Widths of A..Q. The printed ones (A..P) add up to 158 units: fitted to the width of an A4
 * landscape page, Excel (5.25 pt a unit) prints them at ≈ 94 %, LibreOffice (5.58 pt) at ≈ 89 %,
 * so text prints at ≥ 9.8 pt; pages.ts plans the pages at 100 %, which fit at any smaller scale.
 * Headers wrap; each component's name and its maximum keep a line each; 序号 stays on one line;
 * 区县 holds 西部科学城重庆高新区 on one line.
 */
const WIDTHS = [SEQ_WIDTH, 22, 11, 14, 11, 15, 7, 7, 7, 7, 6, 8, 7, 7, 9, 14, 12];
/**
 * A unit's row. At 100 % (Excel) the title, the status, the header, the group row and the 22 units
 * of 重庆主城区都市圈 must share one page's A4_PRINTABLE height, as pages.ts plans them.
 */
const UNIT_ROW = 18;

/** Units ranked for display (the pane, the CLI): by region group, then group rank, then scheme order. */
export function summaryOrder(scheme: Scheme, evaluation: Evaluation): UnitResult[] {
  const groupIndex = new Map(scheme.groups.map((g, i) => [g.id, i]));
  const unitIndex = new Map(scheme.units.map((u, i) => [u.name, i]));
  return [...evaluation.units].sort(
    (a, b) => groupIndex.get(a.group)! - groupIndex.get(b.group)! || a.groupRank - b.groupRank || unitIndex.get(a.unit)! - unitIndex.get(b.unit)!,
  );
}

const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
export const STALE_FLAG = "输入已修改：扣分明细为汇总时的快照，请重新汇总";

/**
 * 汇总, a table a leader can sign: the units in the scheme's official order, grouped in sections
 * by region group, each component with its maximum in the header, ranks and tier as live formulas.
 * Every number is a native formula — basic work through 基础工作得分, cases, events and the
 * comprehensive assessment through `_计算` and the scheme's tables — so any edit of an input sheet
 * recalculates here without the add-in. Keeping the official order (rather than sorting by rank)
 * is what lets the ranks stay right after an edit: only the rank columns move.
 */
export function summarySheet(
  scheme: Scheme, evaluation: Evaluation, basicTotalCell: ReadonlyMap<string, string>, calc: CalcLayout,
  status: string, notes: readonly string[] = [],
  /** The latest prior year (历年结果): 上年总分 and 上年等次 as values, 变化 a live formula. */
  prior: PriorYear | null = null,
): SheetSpec {
  const d = scheme.rounding.decimals;
  // Formulas round to the data sheet's decimals cell and take tier limits from its table: no scheme number is typed in.
  const dRef = paramRef("decimals");
  const numberCell = schemeNumberCells(scheme);
  const c = SUMMARY.cols;
  const width = SUMMARY.printedWidth + 1;
  const last = columnLetters(SUMMARY.printedWidth - 1);
  const byUnit = new Map(evaluation.units.map((u) => [u.unit, u]));
  const merges = [`A1:${last}1`, "A2:H2", `I2:${last}2`];
  const headers = summaryHeaders(scheme, prior);
  const heights: Record<number, number> = { 0: 30, 1: 24, 2: Math.max(36, ...headers.map((h, i) => heightFor(linesOf(h, STYLE_TEXT.header.size, WIDTHS[i]! * WIDTH_POINTS.narrow), STYLE_TEXT.header.size))) };
  const rows: (CellSpec | null)[][] = [
    row(width, { 0: text(`${periodTitle(scheme, true)}区县妇联工作分类评价结果汇总表`, "title") }),
    row(width, { 0: text(status, "badge") }),
    [...headers.map((h) => text(h, "header")), text("快照总分（汇总时）", "header")],
  ];
  const priorOf = prior ? priorByUnit(prior) : new Map<string, never>();

  const evUnit = calc.range(CALC.events.unit, "events");
  const evItem = calc.range(CALC.events.item, "events");
  const evKind = calc.range(CALC.events.kind, "events");
  const evPoints = calc.range(CALC.events.points, "events");
  const caseUnit = calc.range(CALC.cases.unit, "cases");
  const caseIndex = calc.range(CALC.cases.index, "cases");
  const caseScore = calc.range(CALC.cases.score, "cases");
  const compUnit = calc.range(CALC.composite.unit, "composite");
  const compDeduction = calc.range(CALC.composite.deduction, "composite");
  const itemCap = (i: number) => sheetRef(SHEETS.data, `$${TABLE_COLUMNS.itemCap}$${i}`);

  const sections: { groupId: string; first: number; last: number }[] = [];
  let seq = 1;
  scheme.groups.forEach((g, gi) => {
    const members = scheme.units.filter((u) => u.group === g.id);
    heights[rows.length] = 22;
    merges.push(`A${rows.length + 1}:${last}${rows.length + 1}`);
    rows.push(row(width, { 0: text(`${NUMERALS[gi] ?? gi + 1}、${g.name}（${members.length}个）`, "groupRow") }));
    const first = rows.length + 1;
    const lastRow = first + members.length - 1;
    sections.push({ groupId: g.id, first, last: lastRow });
    for (const m of members) {
      const u = byUnit.get(m.name)!;
      const R = rows.length + 1;
      const unit = `$${c.unit}${R}`;
      const sumifs = (range: string, ...criteria: [string, string][]) => `SUMIFS(${range},${criteria.map(([r, v]) => `${r},${v}`).join(",")})`;
      const was = priorOf.get(u.unit);
      // A long name or remark wraps: the row grows to hold it (rows are never auto-fitted).
      const lines = Math.max(...[[u.unit, c.unit], [remarkOf(u), c.remark]].map(([t, col]) => linesOf(t!, STYLE_TEXT.label.size, WIDTHS[colIndex(col!)]! * WIDTH_POINTS.narrow)));
      heights[rows.length] = Math.max(UNIT_ROW, heightFor(lines, STYLE_TEXT.label.size));
      rows.push([
        label(seq++),
        label(u.unit),
        formula(sheetRef(SHEETS.basicScores, basicTotalCell.get(u.unit)!), u.basic, "computed", "0.00"),
        formula(bestPracticeFormula(scheme, {
          scoreOf: (k) => sumifs(caseScore, [caseUnit, unit], [caseIndex, String(k)]),
          count: `COUNTIFS(${caseUnit},${unit})`,
          perUnitRef: paramRef("casesPerUnit"), capRef: paramRef("casesCap"), componentRef: paramRef("bestPractice"),
        }, dRef), u.bestPractice, "computed", "0.00"),
        formula(compositeFormula(sumifs(compDeduction, [compUnit, unit]), paramRef("composite"), dRef), u.composite, "computed", "0.00"),
        formula(bonusFormula(scheme, (i) => sumifs(evPoints, [evUnit, unit], [evItem, String(i)]), itemCap, paramRef("bonusCap"), dRef), u.bonus, "computed", "0.00"),
        formula(penaltyFormula((kind) => sumifs(evPoints, [evUnit, unit], [evKind, str(ITEM_KIND[kind])]), dRef), u.penalty, "computed", "0.00"),
        formula(`ROUND(${c.basic}${R}+${c.bestPractice}${R}+${c.composite}${R}+${c.bonus}${R}-${c.penalty}${R},${dRef})`, u.total, "total", "0.00"),
        formula(`1+SUMPRODUCT(--($${c.total}$${first}:$${c.total}$${lastRow}>${c.total}${R}))`, u.groupRank, "computed"),
        null, // overall rank: needs every section's range, filled in below
        formula(tierFormula(scheme.tiers, `${c.total}${R}`, `${c.groupRank}${R}`, (k) => numberCell(scheme.tiers.kind === "thresholds" ? `tier:${k}` : `tier:${g.id}:${k}`)), u.tier, "badge"),
        // 上年: values from 历年结果 (closed results, which no edit of this year's inputs changes); "—"
        // when the history has no result for the district. 变化 is live: 总分 − 上年总分.
        was ? { value: was.total, style: "computed", numFmt: "0.00" } : { value: prior ? "—" : null, style: "computed" },
        { value: was?.tier ?? (prior ? "—" : null), style: "computed" },
        formula(`IF(ISNUMBER(${c.prevTotal}${R}),ROUND(${c.total}${R}-${c.prevTotal}${R},${dRef}),"")`, was ? round(u.total - was.total, d) : "", "computed", "+0.00;-0.00;0.00"),
        text(contactMemberOf(scheme, u.unit) ?? "", "label"),
        text(remarkOf(u), "label"),
        { value: u.total, style: "plain", numFmt: "0.00" },
      ]);
    }
  });
  // 全市排名 over every section's totals (section rows between them are left out).
  for (const s of sections) {
    for (let R = s.first; R <= s.last; R++) {
      const unit = rows[R - 1]![1]!.value as string;
      const terms = sections.map((x) => `SUMPRODUCT(--($${c.total}$${x.first}:$${c.total}$${x.last}>${c.total}${R}))`);
      rows[R - 1]![9] = formula(`1+${terms.join("+")}`, byUnit.get(unit)!.overallRank, "computed");
    }
  }
  const snapshotRanges = sections.map((s) => [`${c.total}${s.first}:${c.total}${s.last}`, `${c.snapshot}${s.first}:${c.snapshot}${s.last}`] as const);
  const drift = snapshotRanges.map(([live, snap]) => `SUMPRODUCT((${live}-${snap})^2)`).join("+");
  rows[1]![8] = formula(`IF(${drift}>0.000001,${str(STALE_FLAG)},"")`, "", "badge");

  rows.push(row(width, {}));
  const tierNames = [...scheme.tiers.tiers.map((t) => t.name), scheme.tiers.otherwise];
  const tierTop = rows.length;
  merges.push(`A${tierTop + 1}:B${tierTop + 1}`);
  rows.push(row(width, { 0: text("等次分布", "header"), 1: text("", "header"), ...Object.fromEntries(tierNames.map((t, i) => [2 + i, text(t, "header")])), [2 + tierNames.length]: text("合计", "header") }));
  scheme.groups.forEach((g, gi) => {
    const s = sections[gi]!;
    const R = rows.length + 1;
    merges.push(`A${R}:B${R}`);
    const members = evaluation.units.filter((u) => u.group === g.id);
    rows.push(row(width, {
      0: label(g.name), 1: label(""),
      ...Object.fromEntries(tierNames.map((t, i) => [2 + i, formula(`COUNTIF($${c.tier}$${s.first}:$${c.tier}$${s.last},${str(t)})`, members.filter((u) => u.tier === t).length)])),
      [2 + tierNames.length]: formula(`SUM(${columnLetters(2)}${R}:${columnLetters(1 + tierNames.length)}${R})`, members.length, "total"),
    }));
  });
  const R = rows.length + 1;
  merges.push(`A${R}:B${R}`);
  rows.push(row(width, {
    0: text("合计", "total"), 1: text("", "total"),
    ...Object.fromEntries([...tierNames, ""].map((t, i) => [2 + i, formula(`SUM(${columnLetters(2 + i)}${tierTop + 2}:${columnLetters(2 + i)}${R - 1})`,
      t === "" ? evaluation.units.length : evaluation.units.filter((u) => u.tier === t).length, "total")])),
  }));

  for (const n of notes) {
    rows.push(row(width, {}));
    heights[rows.length] = 32;
    merges.push(`A${rows.length + 1}:${last}${rows.length + 1}`);
    rows.push(row(width, { 0: text(n, "note") }));
  }
  rows.push(row(width, {}));
  heights[rows.length] = 28;
  merges.push(`A${rows.length + 1}:C${rows.length + 1}`, `D${rows.length + 1}:F${rows.length + 1}`, `G${rows.length + 1}:I${rows.length + 1}`, `J${rows.length + 1}:${last}${rows.length + 1}`);
  rows.push(row(width, { 0: text("制表单位：", "plain"), 3: text("制表人：", "plain"), 6: text("审核人：", "plain"), 9: text("日期：", "plain") }));
  const printedRows = rows.length;

  // Technical notes, below the printed area.
  rows.push(row(width, {}));
  for (const n of [
    `方案：${scheme.id}（${scheme.title}）。本表数值均为公式：基础工作引用“${SHEETS.basicScores}”（再引用各部室评分表），案例、加分、扣分和综合评估经隐藏的“${SHEETS.calc}”引用“${SHEETS.cases}”“${SHEETS.events}”“${SHEETS.composite}”，分值和封顶取自隐藏的“${SHEETS.data}”中的方案表。修改输入表后自动重算，无需加载项。`,
    prior
      ? `上年总分、上年等次取自隐藏的“${SHEETS.history}”（${prior.year} 年度，来自「${prior.source}」，为数值）；变化 = 总分 − 上年总分（公式）。`
      : `本工作簿没有历年结果：用 evalsheet history add 或评价面板的“导入历年结果”导入往年的汇总结果后重新汇总，即显示上年总分、上年等次和变化。`,
    `${c.snapshot} 列是汇总时的总分快照；输入修改后总分与快照不同，第 2 行会提示“${STALE_FLAG}”。扣分与封顶的说明见“${SHEETS.details}”。`,
  ]) {
    merges.push(`A${rows.length + 1}:${last}${rows.length + 1}`);
    heights[rows.length] = 32;
    rows.push(row(width, { 0: text(n, "note") }));
  }

  return {
    name: SHEETS.summary,
    rows,
    columnWidths: WIDTHS,
    merges,
    rowHeights: heights,
    freeze: { rows: SUMMARY.headerRow + 1, cols: 2 },
    print: {
      landscape: true,
      titleRows: `${SUMMARY.headerRow + 1}:${SUMMARY.headerRow + 1}`,
      area: `A1:${last}${printedRows}`,
      fitToWidth: 1,
      // The last group keeps 等次分布 and the signature block with it: a page of units
      // that ends with the place to sign, never a signature alone on a page.
      breaksBefore: summaryPageBreaks(heights, sections.map((s) => s.first - 2), printedRows, SUMMARY.headerRow),
    },
    protect: true,
    tabColor: "FFC00000",
  };
}

const colIndex = (letter: string) => letter.charCodeAt(0) - 65;
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** What 备注 says: the caps that bit (as when 扣分明细 was made). */
function remarkOf(u: UnitResult): string {
  if (u.capsHit.length === 0) return "";
  return u.capsHit.includes("加分总分") ? "加分累计封顶" : "加分项封顶";
}
