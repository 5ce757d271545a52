import type { Indicator, Scheme } from "../scheme/schema";
import { ruleKind, type RuleColumn } from "../engine/rules";
import { ruleMaxima } from "../engine/basic";

/**
 * A department's basic-work sheet: units as rows grouped by region group (a group row shows that
 * group's maximum for every indicator), one block of columns per indicator (its rule columns and
 * a reason column). The same description serves writing the template and reading it back.
 */
export interface BlockColumn extends RuleColumn {
  readonly col: number;
  /** Index of the rule (part or modifier) that asks for this column, in indicator.rules. */
  readonly ruleIndex: number;
}

export interface IndicatorBlock {
  readonly indicator: Indicator;
  readonly columns: readonly BlockColumn[];
  readonly reasonCol: number;
}

export interface DepartmentLayout {
  readonly sheet: string;
  readonly department: string;
  readonly blocks: readonly IndicatorBlock[];
  /** 0-based rows of the two header lines. */
  readonly headerRow: number;
  readonly labelRow: number;
  readonly firstDataRow: number;
  readonly seqCol: number;
  readonly unitCol: number;
  readonly lastCol: number;
}

export const REASON_LABEL = "扣分理由";

/** Units in the order every per-unit sheet lists them: by region group, then as the scheme lists them. */
export function unitsInSheetOrder(scheme: Scheme): Scheme["units"] {
  return scheme.groups.flatMap((g) => scheme.units.filter((u) => u.group === g.id));
}

export function departmentLayouts(scheme: Scheme): DepartmentLayout[] {
  return scheme.departments
    .map((d) => d.name)
    .filter((name) => scheme.indicators.some((i) => i.department === name))
    .map((name) => departmentLayout(scheme, name));
}

export function departmentLayout(scheme: Scheme, department: string): DepartmentLayout {
  let col = 2;
  const blocks = scheme.indicators
    .filter((i) => i.department === department)
    .map((indicator) => {
      const columns = indicator.rules.flatMap((r, ruleIndex) => ruleKind(r).columns(r).map((c) => ({ ...c, ruleIndex, col: col++ })));
      return { indicator, columns, reasonCol: col++ };
    });
  return { sheet: department, department, blocks, headerRow: 2, labelRow: 3, firstDataRow: 4, seqCol: 0, unitCol: 1, lastCol: col - 1 };
}

/** The points of the part a column belongs to, for a group (the indicator's points for a modifier's column). */
export function columnMax(block: IndicatorBlock, column: BlockColumn, groupId: string): number {
  return ruleMaxima(block.indicator, groupId)[column.ruleIndex]!;
}

/** What the group row shows above a column: the part's points, the target, or the answer format. */
export function groupRowHint(block: IndicatorBlock, column: BlockColumn, groupId: string): string | number {
  return column.hint(columnMax(block, column, groupId));
}

/**
 * The label under the indicator's name. In an indicator of several parts (定性 + 量化) each
 * column names its part, so the sheet shows the split; the part's target and points are on each
 * group's row (they may differ by group), not repeated here — a long label wraps into a header
 * row as tall as a quarter of the page, on every printed page. Readers compare only the part
 * before "（", so sheets written with the longer labels still read.
 */
export function columnLabel(block: IndicatorBlock, column: BlockColumn): string {
  const parts = block.indicator.rules.filter((r) => ruleKind(r).role === "part").length;
  if (parts < 2) return column.label;
  const rule = block.indicator.rules[column.ruleIndex]!;
  if (rule.kind === "manual") return `${column.label}（定性部分）`;
  if (rule.kind === "target" && rule.points !== undefined) return `${column.label}（量化部分）`;
  return column.label;
}

/** The base of a label, as readers compare it. */
export function labelBase(label: string): string {
  const i = label.indexOf("（");
  return i > 0 && !label.startsWith("（") ? label.slice(0, i) : label;
}

/**
 * 部室审定 ("经分管领导审定后，交办公室汇总"): below the units, a heading row then 评分人,
 * 分管领导审定 and 审定日期, each a label in 序号/区县 and its value in the first input column.
 * Readers find the heading by its text, so rows inserted above it do not matter.
 */
export const SIGN_OFF = {
  heading: "部室审定",
  fields: [
    { key: "scorer", label: "评分人" },
    { key: "approver", label: "分管领导审定" },
    { key: "date", label: "审定日期" },
  ],
} as const;

export type SignOffKey = (typeof SIGN_OFF.fields)[number]["key"];

/** 0-based row of the sign-off heading in a freshly generated sheet (one blank row below the last unit). */
export function signOffRow(scheme: Scheme, layout: DepartmentLayout): number {
  return layout.firstDataRow + scheme.groups.length + scheme.units.length + 1;
}
