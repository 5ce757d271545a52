import type { Scheme } from "../scheme/schema";
import type { Evaluation } from "../engine/evaluate";
import type { Component } from "../engine/trail";
import type { CellSpec, SheetSpec } from "../workbook/plan";
import { label, row, text } from "../layout/cells";
import { SHEETS } from "../layout/names";
import { summaryOrder } from "./summary";

export const COMPONENT_NAMES: Record<Component, string> = {
  basic: "基础工作",
  bestPractice: "最佳实践案例",
  composite: "综合评估",
  bonus: "加分",
  penalty: "扣分",
};

/** The explanation without the item name it starts with: the 项目 column already shows it. */
function withoutItem(explanation: string, item: string): string {
  return explanation.startsWith(`${item}：`) ? explanation.slice(item.length + 1) : explanation;
}

/** 扣分明细: every deduction, gate, cap and bonus behind each unit's total, with reason and source cell. */
export function detailsSheet(scheme: Scheme, evaluation: Evaluation, madeAt: string): SheetSpec {
  const headers = ["区域分类", "区县", "部分", "项目", "分值变化", "说明", "理由", "来源单元格"];
  const rows: (CellSpec | null)[][] = [
    row(headers.length, { 0: text(`扣分、加分与封顶明细（${scheme.year} 年度）`, "title") }),
    row(headers.length, { 0: text(`本表是 ${madeAt} 汇总时的快照（不随输入自动更新；输入修改后“汇总”表会提示重新汇总）。按汇总顺序列出每个区县的每一项扣分、门槛、倒扣、封顶、加分和扣分，及其理由与来源单元格。`, "note") }),
    headers.map((h) => text(h, "header")),
  ];
  for (const u of summaryOrder(scheme, evaluation)) {
    const group = scheme.groups.find((g) => g.id === u.group)!.shortName;
    for (const t of u.trail) {
      rows.push([
        label(group),
        label(u.unit),
        label(COMPONENT_NAMES[t.component]),
        label(t.item),
        { value: t.delta, style: "computed", numFmt: "+0.00;-0.00;0" },
        text(withoutItem(t.text.zh, t.item), "label"),
        text(t.reason ?? "", "label"),
        text(t.source ? `${t.source.sheet}!${t.source.cell}` : "", "label"),
      ]);
    }
  }
  return {
    name: SHEETS.details,
    rows,
    columnWidths: [12, 18, 12, 30, 10, 60, 40, 16],
    merges: ["A1:H1", "A2:H2"],
    freeze: { rows: 3, cols: 2 },
    print: { landscape: true, titleRows: "3:3" },
    protect: true,
    tabColor: "FFC00000",
  };
}
