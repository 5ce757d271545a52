import type { Scheme } from "../scheme/schema";
import { bestPracticeFormula } from "../engine/cases";
import { bonusFormula } from "../engine/bonus";
import { compositeFormula } from "../engine/composite";
import type { Evaluation, UnitResult } from "../engine/evaluate";
import { countOrOne, str } from "../engine/formula";
import type { EvaluationInputs } from "../engine/inputs";
import { penaltyFormula } from "../engine/penalty";
import { groupRankFormula, overallRankFormula } from "../engine/rank";
import { tierFormula } from "../engine/tier";
import { sheetRef } from "../workbook/address";
import type { CellSpec, SheetSpec } from "../workbook/plan";
import { formula, label, row, text } from "../layout/cells";
import { SHEETS } from "../layout/names";

/** 汇总 columns, fixed so tests and the pane can find them. */
export const SUMMARY = {
  headerRow: 2,
  firstDataRow: 3,
  headers: ["区域分类", "区县", "基础工作", "最佳实践案例", "综合评估", "加分", "扣分", "总分", "组内排名", "全市排名", "评价等次"],
  cols: { group: "A", unit: "B", basic: "C", bestPractice: "D", composite: "E", bonus: "F", penalty: "G", total: "H", groupRank: "I", overallRank: "J", tier: "K" },
} as const;

/** Units in the order the summary lists them: by region group, then group rank, then scheme order. */
export function summaryOrder(scheme: Scheme, evaluation: Evaluation): UnitResult[] {
  const groupIndex = new Map(scheme.groups.map((g, i) => [g.id, i]));
  const unitIndex = new Map(scheme.units.map((u, i) => [u.name, i]));
  return [...evaluation.units].sort(
    (a, b) => groupIndex.get(a.group)! - groupIndex.get(b.group)! || a.groupRank - b.groupRank || unitIndex.get(a.unit)! - unitIndex.get(b.unit)!,
  );
}

/**
 * 汇总: every number a native formula over the input sheets (through 基础工作得分), cached
 * results written too, so the workbook shows right numbers in Excel, WPS and LibreOffice
 * without the add-in and recalculates when a department edits a score.
 */
export function summarySheet(scheme: Scheme, inputs: EvaluationInputs, evaluation: Evaluation, basicTotalCell: ReadonlyMap<string, string>, status: string, notes: readonly string[] = []): SheetSpec {
  const d = scheme.rounding.decimals;
  const c = SUMMARY.cols;
  const width = SUMMARY.headers.length;
  const ordered = summaryOrder(scheme, evaluation);
  const first = SUMMARY.firstDataRow + 1;
  const last = SUMMARY.firstDataRow + ordered.length;
  // Columns show a group's short name, headings its full name — the same on every sheet.
  const groupName = (id: string) => scheme.groups.find((g) => g.id === id)!.shortName;
  const groupSize = (id: string) => scheme.units.filter((u) => u.group === id).length;
  const merges = ["A1:K1", "A2:K2"];
  const rows: (CellSpec | null)[][] = [
    row(width, { 0: text(`区县妇联工作评价汇总（${scheme.year} 年度）`, "title") }),
    row(width, { 0: text(`${status}｜方案：${scheme.id}。本表数值均为公式，引用各部室评分表、最佳实践案例、加分扣分和综合评估表；修改这些表后自动重算。扣分与封顶见“${SHEETS.details}”。`, "note") }),
    SUMMARY.headers.map((h) => text(h, "header")),
  ];
  const ref = (s: { sheet: string; cell: string }) => sheetRef(s.sheet, s.cell);
  for (const u of ordered) {
    const r = rows.length + 1;
    const cases = inputs.cases.filter((x) => x.unit === u.unit).map((x) => ref(x.source));
    const events = inputs.events.filter((e) => e.unit === u.unit);
    const bonusRefs = new Map<string, string[]>();
    for (const e of events.filter((x) => x.kind === "bonus")) bonusRefs.set(e.itemId, [...(bonusRefs.get(e.itemId) ?? []), countOrOne(ref(e.countSource))]);
    const penalties = events.filter((x) => x.kind === "penalty").map((e) => ({ itemId: e.itemId, countExpr: countOrOne(ref(e.countSource)), pointsRef: ref(e.pointsSource) }));
    const composite = inputs.composite.find((x) => x.unit === u.unit);
    rows.push([
      label(groupName(u.group)),
      label(u.unit),
      formula(sheetRef(SHEETS.basicScores, basicTotalCell.get(u.unit)!), u.basic, "computed", "0.00"),
      formula(bestPracticeFormula(scheme, cases, d), u.bestPractice, "computed", "0.00"),
      formula(compositeFormula(scheme, composite ? ref(composite.source) : null, d), u.composite, "computed", "0.00"),
      formula(bonusFormula(scheme, bonusRefs, d), u.bonus, "computed", "0.00"),
      formula(penaltyFormula(scheme, penalties, d), u.penalty, "computed", "0.00"),
      formula(`ROUND(${c.basic}${r}+${c.bestPractice}${r}+${c.composite}${r}+${c.bonus}${r}-${c.penalty}${r},${d})`, u.total, "total", "0.00"),
      formula(groupRankFormula(c.group, c.total, first, last, r), u.groupRank, "computed"),
      formula(overallRankFormula(c.total, first, last, r), u.overallRank, "computed"),
      formula(tierFormula(scheme.tiers, `${c.total}${r}`, `${c.groupRank}${r}`, groupSize(u.group)), u.tier, "badge"),
    ]);
  }
  rows.push(row(width, {}));
  const tierNames = [...scheme.tiers.tiers.map((t) => t.name), scheme.tiers.otherwise];
  rows.push(row(width, { 0: text("等次分布", "header"), ...Object.fromEntries(tierNames.map((t, i) => [2 + i, text(t, "header")])) }));
  for (const g of scheme.groups) {
    const r = rows.length + 1;
    rows.push(row(width, {
      0: label(g.name),
      ...Object.fromEntries(tierNames.map((t, i) => [2 + i, formula(
        `COUNTIFS($${c.group}$${first}:$${c.group}$${last},${str(g.shortName)},$${c.tier}$${first}:$${c.tier}$${last},${str(t)})`,
        ordered.filter((u) => u.group === g.id && u.tier === t).length,
      )])),
    }));
  }
  if (notes.length) {
    rows.push(row(width, {}));
    rows.push(row(width, { 0: text("说明", "header") }));
    for (const n of notes) {
      rows.push(row(width, { 0: text(n, "note") }));
      merges.push(`A${rows.length}:K${rows.length}`);
    }
  }
  return {
    name: SHEETS.summary,
    rows,
    columnWidths: [22, 20, 10, 12, 10, 8, 8, 10, 9, 9, 10],
    merges,
    freeze: { rows: SUMMARY.firstDataRow, cols: 2 },
    print: { landscape: true, titleRows: "3:3" },
    protect: true,
    tabColor: "FFC00000",
  };
}
