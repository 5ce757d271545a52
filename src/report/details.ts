import { periodTitle } from "../scheme/year";
import type { Scheme } from "../scheme/schema";
import type { Evaluation, UnitResult } from "../engine/evaluate";
import { dec, roundTo, sum, toNumber } from "../engine/decimal";
import type { Component, TrailEntry } from "../engine/trail";
import { columnLetters, sheetRef } from "../workbook/address";
import type { CellSpec, SheetSpec } from "../workbook/plan";
import { formula, label, row, text } from "../layout/cells";
import { unitsInSheetOrder } from "../layout/department";
import { SHEETS } from "../layout/names";
import { areaOf, fitRowHeights } from "../layout/print";
import { paramRef } from "../layout/schemeTables";

export const COMPONENT_NAMES: Record<Component, string> = {
  basic: "基础工作",
  bestPractice: "最佳实践案例",
  composite: "综合评估",
  bonus: "加分",
  penalty: "扣分",
};

/** Components in the order a unit's entries are listed: case shortfalls apart from penalties. */
const ORDER: readonly Component[] = ["basic", "bestPractice", "composite", "bonus", "penalty"];

const HEADERS = ["区域分类", "区县", "部分", "项目", "分值变化", "说明", "理由", "来源单元格"];
const DELTA = 4;

/** The explanation without the item name it starts with: the 项目 column already shows it. */
function withoutItem(explanation: string, item: string): string {
  return explanation.startsWith(`${item}：`) ? explanation.slice(item.length + 1) : explanation;
}

/** What a component's entries add up to: its score less its full marks (bonus and penalty start at 0; a penalty counts down). */
function componentChange(scheme: Scheme, u: UnitResult, c: Component): number {
  const k = scheme.components;
  const change = { basic: dec(u.basic).minus(k.basic), bestPractice: dec(u.bestPractice).minus(k.bestPractice), composite: dec(u.composite).minus(k.composite), bonus: dec(u.bonus), penalty: dec(u.penalty).neg() }[c];
  return toNumber(roundTo(change, scheme.rounding.decimals));
}

/**
 * 扣分明细: every deduction, gate, cap, bonus and penalty behind each unit's total, with reason and
 * a link to its source cell; per unit a 合计 row whose change, added to the full marks of basic
 * work, cases and composite, is the unit's total. Amounts are rounded as the scheme rounds; where
 * the rounded entries of a component do not add up to its rounded score (each indicator is
 * rounded on its own), a 舍入 row says by how much.
 */
export function detailsSheet(scheme: Scheme, evaluation: Evaluation, madeAt: string): SheetSpec {
  const d = scheme.rounding.decimals;
  const width = HEADERS.length;
  const fmt = d > 0 ? `+0.${"0".repeat(d)};-0.${"0".repeat(d)};0` : "+0;-0;0";
  const rows: (CellSpec | null)[][] = [
    row(width, { 0: text(`扣分、加分与封顶明细（${periodTitle(scheme)}）`, "title") }),
    row(width, { 0: text(`本表是 ${madeAt} 汇总时的快照（不随输入自动更新；输入修改后“汇总”表会提示重新汇总）。按汇总顺序列出每个区县的每一项扣分、门槛、倒扣、封顶、加分和扣分，及其理由与来源单元格（点击可跳转）；每个区县的“合计”行：基础工作、最佳实践案例、综合评估的满分之和加上各项变化，即为总分。分值按方案保留 ${d} 位小数。`, "note") }),
    HEADERS.map((h) => text(h, "header")),
  ];
  const k = scheme.components;
  const start = k.basic + k.bestPractice + k.composite;
  const results = new Map(evaluation.units.map((u) => [u.unit, u]));
  for (const unit of unitsInSheetOrder(scheme)) {
    const u = results.get(unit.name);
    if (!u) continue;
    const group = scheme.groups.find((g) => g.id === u.group)!.shortName;
    const first = rows.length;
    for (const c of ORDER) {
      const entries = u.trail.filter((t) => t.component === c);
      const shown = entries.map((t) => toNumber(roundTo(dec(t.delta), d)));
      entries.forEach((t, i) => rows.push(entryRow(group, u.unit, t, shown[i]!, fmt)));
      const off = toNumber(dec(componentChange(scheme, u, c)).minus(sum(shown.map((x) => dec(x)))));
      if (off !== 0) {
        rows.push([label(group), label(u.unit), label(COMPONENT_NAMES[c]), label("舍入"), { value: off, style: "computed", numFmt: fmt },
          text(`各项变化分别保留 ${d} 位小数，其和与${COMPONENT_NAMES[c]}得分相差的部分`, "label"), text("", "label"), text("", "label")]);
      }
    }
    const r = rows.length + 1;
    const change = toNumber(roundTo(dec(u.total).minus(start), d));
    const range = rows.length > first ? `SUM(${columnLetters(DELTA)}${first + 1}:${columnLetters(DELTA)}${r - 1})` : "0";
    const n = (x: number) => x.toFixed(d);
    rows.push([
      text(group, "total"), text(u.unit, "total"), text("合计", "total"), text(`总分 ${n(u.total)}`, "total"),
      formula(`ROUND(${range},${paramRef("decimals")})`, change, "total", fmt),
      text(`${start}（基础工作 ${k.basic} + 最佳实践案例 ${k.bestPractice} + 综合评估 ${k.composite}）${change < 0 ? "−" : "+"} ${n(Math.abs(change))} = ${n(u.total)}；`
        + `基础工作 ${n(u.basic)}、最佳实践案例 ${n(u.bestPractice)}、综合评估 ${n(u.composite)}、加分 ${n(u.bonus)}、扣分 ${n(u.penalty)}`, "total"),
      text("", "total"), text("", "total"),
    ]);
  }
  // 区域分类 and 部分 as wide as their names (主城都市圈, 最佳实践案例), so a row is as tall as its text;
  // 说明 and 理由 take the rest of an A4 landscape width (147 units: Excel prints at ≈ 100 %, LibreOffice ≈ 95 %).
  const columnWidths = [12, 11, 14, 18, 8, 42, 30, 12];
  const merges = ["A1:H1", "A2:H2"];
  return {
    name: SHEETS.details,
    rows,
    columnWidths,
    merges,
    rowHeights: fitRowHeights(rows, columnWidths, merges),
    freeze: { rows: 3, cols: 2 },
    print: { landscape: true, titleRows: "3:3", area: areaOf(rows.length - 1, width - 1), fitToWidth: 1 },
    protect: true,
    tabColor: "FFC00000",
  };
}

function entryRow(group: string, unit: string, t: TrailEntry, delta: number, fmt: string): (CellSpec | null)[] {
  const source: CellSpec = t.source
    ? { value: `${t.source.sheet}!${t.source.cell}`, style: "label", link: sheetRef(t.source.sheet, t.source.cell) }
    : text("", "label");
  return [
    label(group),
    label(unit),
    label(COMPONENT_NAMES[t.component]),
    label(t.item),
    { value: delta, style: "computed", numFmt: fmt },
    text(withoutItem(t.text.zh, t.item), "label"),
    text(t.reason ?? "", "label"),
    source,
  ];
}
