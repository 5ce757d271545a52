import { periodTitle } from "../scheme/year";
import type { Scheme } from "../scheme/schema";
import type { CellSpec, SheetSpec, ValidationSpec } from "../workbook/plan";
import { NOT_APPLICABLE, type RuleColumn } from "../engine/rules";
import { rangeA1 } from "../workbook/address";
import { isoToSerial } from "../workbook/dates";
import { columnLabel, columnMax, departmentLayout, groupRowHint, REASON_LABEL, SIGN_OFF, signOffRow, type DepartmentLayout } from "./department";
import { input, inputText, label, row, text } from "./cells";
import { A4_PRINTABLE, areaOf, fitRowHeights, SEQ_WIDTH, WIDTH_POINTS } from "./print";
import type { SampleData } from "./sample";

export function validationFor(column: RuleColumn, max: number): ValidationSpec {
  // A figure or 不适用: a dropdown offering 不适用 that lets a figure be typed without an alert
  // (a list cannot also check numbers); 校验 checks the figure and names the cell.
  if (column.notApplicable && (column.input === "percent" || column.input === "count")) {
    const what = column.input === "percent" ? "百分比（如 72%）" : "个数";
    return { kind: "list", items: [NOT_APPLICABLE], alert: false, prompt: `填写${what}；不适用于本区县时从下拉列表选择“${NOT_APPLICABLE}”`, error: `请填写${what}或“${NOT_APPLICABLE}”` };
  }
  switch (column.input) {
    case "score":
      return { kind: "decimal", min: 0, max, prompt: `填写 0 至 ${max} 之间的得分`, error: `得分应在 0 至 ${max} 之间` };
    case "percent":
      return { kind: "decimal", min: 0, max: 1, prompt: "填写百分比，如 72%", error: "请填写 0% 至 100% 之间的百分比" };
    case "count":
      return { kind: "whole", min: 0, prompt: "填写次数或个数（整数）", error: "请填写不小于 0 的整数" };
    case "yesno":
      return { kind: "list", items: ["是", "否"], prompt: "选择 是 或 否", error: "只能填写 是 或 否" };
  }
}

/** The department's basic-work sheet, blank or filled with sample data. */
export function departmentSheet(scheme: Scheme, department: string, sample?: SampleData): SheetSpec {
  const layout = departmentLayout(scheme, department);
  const width = layout.lastCol + 1;
  const rows: (CellSpec | null)[][] = [];
  const merges: string[] = [];
  const mergeRow = (r: number, left: number, right: number) => {
    if (right > left) merges.push(rangeA1({ top: r, left, bottom: r, right }));
  };

  rows.push(row(width, { 0: text(`${department} · 基础工作评分表（${periodTitle(scheme)}）`, "title") }));
  mergeRow(0, 0, layout.lastCol);
  rows.push(row(width, { 0: text(noteFor(scheme, layout), "note") }));
  mergeRow(1, 0, layout.lastCol);

  const header: Record<number, CellSpec> = { 0: text("序号", "header"), 1: text("区县", "header") };
  const labels: Record<number, CellSpec> = { 0: text("", "header"), 1: text("", "header") };
  for (const b of layout.blocks) {
    const first = b.columns[0]!.col;
    const co = b.indicator.coLeads.length ? `（与${b.indicator.coLeads.join("、")}共同牵头，由${department}评分）` : "";
    header[first] = { value: `${b.indicator.name}${co}`, style: "header", comment: `${b.indicator.programme}：${b.indicator.requirement}` };
    for (const c of b.columns) labels[c.col] = text(columnLabel(b, c), "subheader");
    header[b.reasonCol] = text("", "header");
    labels[b.reasonCol] = text(REASON_LABEL, "subheader");
    mergeRow(layout.headerRow, first, b.reasonCol);
  }
  rows.push(row(width, header));
  rows.push(row(width, labels));

  let seq = 1;
  for (const g of scheme.groups) {
    const members = scheme.units.filter((u) => u.group === g.id);
    // The group's name on two lines at most (its units are the rows below it): a third line would
    // make every group row as tall as three, and the sheet a page longer.
    const groupCells: Record<number, CellSpec> = { 0: text(`${g.name}各项满分`, "groupRow") };
    for (const b of layout.blocks) {
      for (const c of b.columns) groupCells[c.col] = { value: groupRowHint(b, c, g.id), style: "groupRow" };
      groupCells[b.reasonCol] = text("", "groupRow");
    }
    mergeRow(rows.length, 0, 1);
    rows.push(row(width, groupCells));
    for (const u of members) {
      const cells: Record<number, CellSpec> = { 0: label(seq++), 1: label(u.name) };
      for (const b of layout.blocks) {
        for (const c of b.columns) {
          const v = sample?.basic.get(`${u.name}|${b.indicator.id}|${c.key}`);
          cells[c.col] = input(v, validationFor(c, columnMax(b, c, g.id)), c.input === "percent" ? "0%" : undefined);
        }
        cells[b.reasonCol] = inputText(sample?.reasons.get(`${u.name}|${b.indicator.id}`));
      }
      rows.push(row(width, cells));
    }
  }

  rows.push(row(width, {}));
  if (rows.length !== signOffRow(scheme, layout)) throw new Error("sign-off row out of step with signOffRow()");
  rows.push(row(width, { 0: text(`${SIGN_OFF.heading}（经分管领导审定后，交办公室汇总）`, "groupRow") }));
  mergeRow(rows.length - 1, 0, layout.lastCol);
  const signed = sample?.signOff;
  for (const f of SIGN_OFF.fields) {
    const r = rows.length;
    const value = f.key === "date"
      // A real date: the evaluation runs in January of the next year, so the year and the next are accepted.
      ? input(signed ? isoToSerial(signed.date) : null, { kind: "date", min: `${scheme.year}-01-01`, max: `${scheme.year + 1}-12-31`, prompt: `审定日期，如 ${scheme.year + 1}-01-15`, error: `请填写 ${scheme.year}—${scheme.year + 1} 年的日期，如 ${scheme.year + 1}-01-15` }, "yyyy-mm-dd")
      : inputText(signed?.[f.key] ?? null);
    rows.push(row(width, { 0: text(f.label, "subheader"), [layout.unitCol + 1]: value }));
    mergeRow(r, 0, 1);
    mergeRow(r, layout.unitCol + 1, Math.min(layout.lastCol, layout.unitCol + 2));
  }

  const columnWidths = departmentWidths(layout);
  return {
    name: layout.sheet,
    rows,
    columnWidths,
    merges,
    rowHeights: fitRowHeights(rows, columnWidths, merges),
    freeze: { rows: layout.firstDataRow, cols: 2 },
    // One page wide, the units flowing onto a second page under the repeated header and 序号/区县.
    print: { landscape: true, titleRows: `${layout.headerRow + 1}:${layout.labelRow + 1}`, titleColumns: "A:B", area: areaOf(rows.length - 1, layout.lastCol), fitToWidth: 1 },
    protect: true,
    tabColor: "FF2B579A",
  };
}

/**
 * The print scale column widths are planned for: 11 pt text at 9.24 pt, the smallest that leaves
 * room for two pages. LibreOffice (with Carlito) prints the demo's sheets at 9.09–9.5 pt —
 * up to 2 % below plan, still above 9 — and Excel, whose columns are 6 % narrower, larger.
 */
export const DEPARTMENT_MIN_SCALE = 0.84;

/**
 * Widths in character units. The sheet must print on two landscape pages at ≥ 9 pt, so every
 * unit's row should stay one or two lines: 序号 narrow, 区县 as wide as the longest name
 * ("西部科学城重庆高新区" wraps once), a score column as wide as its label, a measured column
 * wide enough for its short label to wrap into few lines, and what the page has left shared by
 * the 扣分理由 columns — the only free text, so the widest columns where the page allows.
 */
function departmentWidths(layout: DepartmentLayout): number[] {
  const budget = Math.floor(A4_PRINTABLE.landscape.width / DEPARTMENT_MIN_SCALE / WIDTH_POINTS.wide);
  const widths: number[] = new Array<number>(layout.lastCol + 1).fill(0);
  widths[layout.seqCol] = SEQ_WIDTH;
  widths[layout.unitCol] = 12;
  const measured = layout.blocks.flatMap((b) => b.columns.filter((c) => c.input !== "score").map((c) => c.col));
  for (const b of layout.blocks) for (const c of b.columns) widths[c.col] = c.input !== "score" ? MEASURED_WIDTH.min : columnLabel(b, c) === c.label ? 6 : 7;
  const left = () => budget - widths.reduce((a, w) => a + w, 0);
  const reasons = layout.blocks.length;
  // Measured columns grow while the reasons keep a comfortable width …
  const grow = Math.min(MEASURED_WIDTH.max - MEASURED_WIDTH.min, Math.floor((left() - REASON_WIDTH.comfortable * reasons) / Math.max(1, measured.length)));
  if (grow > 0) for (const c of measured) widths[c]! += grow;
  // … and the reasons take the rest (a narrow sheet fills the page too: printed at the same scale
  // as the wide ones, it fits two pages).
  const each = Math.max(REASON_WIDTH.min, Math.floor(left() / reasons));
  for (const b of layout.blocks) widths[b.reasonCol] = each;
  return widths;
}

/** A measured column: its figure, a label such as "城市社区家长学校覆盖率（量化部分）" in 3–4 lines, and "目标≥70%（1分）" on two. */
const MEASURED_WIDTH = { min: 12, max: 14 } as const;
/** A 扣分理由 column: "部分工作资料不完整" on one line when comfortable, never narrower than min. */
const REASON_WIDTH = { min: 9, comfortable: 20 } as const;

function noteFor(scheme: Scheme, layout: DepartmentLayout): string {
  const reason = scheme.reasonBelowMax === "off" ? "" : "评分低于满分、门槛选“否”或有扣分次数时，在“扣分理由”写明理由（量化部分以所填数值为准，无需另写）；";
  return `请只在浅黄色单元格填写，不要改动表头和区县名称。各区域分类的满分不同，见每组第一行。${reason}共同牵头的指标由本表所列部室评分一次。（指标数：${layout.blocks.length}）`;
}
