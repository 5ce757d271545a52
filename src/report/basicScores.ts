import type { Scheme } from "../scheme/schema";
import { indicatorFormula } from "../engine/basic";
import type { Evaluation } from "../engine/evaluate";
import type { EvaluationInputs, IndicatorInput } from "../engine/inputs";
import { columnLetters, sheetRef } from "../workbook/address";
import type { CellSpec, SheetSpec } from "../workbook/plan";
import { formula, label, row, text } from "../layout/cells";
import { SHEETS } from "../layout/names";
import { unitsInSheetOrder } from "../layout/department";

export const BASIC_FIRST_ROW = 3;
const FIRST_INDICATOR_COL = 3;

/** Where each unit's basic-work total sits on the 基础工作得分 sheet (A1 address). */
export interface BasicScoresSheet {
  readonly spec: SheetSpec;
  readonly totalCell: ReadonlyMap<string, string>;
}

/**
 * 基础工作得分: every indicator of every unit as a native formula over the department sheets,
 * so a department's edited cell recalculates here and in 汇总 without the add-in.
 */
export function basicScoresSheet(scheme: Scheme, inputs: EvaluationInputs, evaluation: Evaluation): BasicScoresSheet {
  const d = scheme.rounding.decimals;
  const byKey = new Map<string, IndicatorInput>();
  for (const b of inputs.basic) if (!byKey.has(`${b.unit}\u0000${b.indicator}`)) byKey.set(`${b.unit}\u0000${b.indicator}`, b);
  const width = FIRST_INDICATOR_COL + scheme.indicators.length + 1;
  const totalCol = FIRST_INDICATOR_COL + scheme.indicators.length;
  const rows: (CellSpec | null)[][] = [
    row(width, { 0: text(`基础工作得分明细（${scheme.year} 年度，满分 ${scheme.components.basic}）`, "title") }),
    row(width, { 0: text("本表由“汇总”生成，每格公式引用各部室评分表；修改部室表后自动重算。请勿在本表填写。", "note") }),
    row(width, {
      0: text("序号", "header"), 1: text("区域分类", "header"), 2: text("区县", "header"),
      ...Object.fromEntries(scheme.indicators.map((ind, i) => [FIRST_INDICATOR_COL + i, text(ind.name, "header")])),
      [totalCol]: text("基础工作合计", "header"),
    }),
  ];
  const totalCell = new Map<string, string>();
  const results = new Map(evaluation.units.map((u) => [u.unit, u]));
  // Department sheets' order, so each indicator column is one formula filled down per region
  // group: readers find units where they are on the department sheets, and Excel fills it.
  unitsInSheetOrder(scheme).forEach((u, i) => {
    const r = rows.length;
    const result = results.get(u.name)!;
    const cells: Record<number, CellSpec> = {
      0: label(i + 1),
      1: label(scheme.groups.find((g) => g.id === u.group)!.shortName),
      2: label(u.name),
    };
    scheme.indicators.forEach((ind, k) => {
      const input = byKey.get(`${u.name}\u0000${ind.id}`);
      const refs = input ? Object.fromEntries(Object.entries(input.sources).map(([key, s]) => [key, sheetRef(s.sheet, s.cell)])) : null;
      cells[FIRST_INDICATOR_COL + k] = formula(indicatorFormula(ind, u.group, refs, d, scheme.notApplicable), result.indicators[k]!.score, "computed", "0.00");
    });
    const first = columnLetters(FIRST_INDICATOR_COL);
    const last = columnLetters(totalCol - 1);
    cells[totalCol] = formula(`ROUND(SUM(${first}${r + 1}:${last}${r + 1}),${d})`, result.basic, "total", "0.00");
    rows.push(row(width, cells));
    totalCell.set(u.name, `${columnLetters(totalCol)}${r + 1}`);
  });
  return {
    spec: {
      name: SHEETS.basicScores,
      rows,
      columnWidths: [6, 12, 18, ...scheme.indicators.map(() => 11), 12],
      merges: [`A1:${columnLetters(width - 1)}1`, `A2:${columnLetters(width - 1)}2`],
      freeze: { rows: BASIC_FIRST_ROW, cols: 3 },
      print: { landscape: true, titleRows: "3:3" },
      protect: true,
      tabColor: "FFFFC000",
    },
    totalCell,
  };
}
