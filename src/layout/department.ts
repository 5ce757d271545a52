import type { Indicator, Scheme } from "../scheme/schema";
import { ruleKind, type RuleColumn } from "../engine/rules";
import { indicatorMax } from "../engine/basic";

/**
 * A department's basic-work sheet: units as rows grouped by region group (a group row shows that
 * group's maximum for every indicator), one block of columns per indicator (its rule columns and
 * a reason column). The same description serves writing the template and reading it back.
 */
export interface IndicatorBlock {
  readonly indicator: Indicator;
  readonly columns: readonly (RuleColumn & { readonly col: number })[];
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
      const columns = indicator.rules.flatMap((r) => ruleKind(r).columns(r)).map((c) => ({ ...c, col: col++ }));
      return { indicator, columns, reasonCol: col++ };
    });
  return { sheet: department, department, blocks, headerRow: 2, labelRow: 3, firstDataRow: 4, seqCol: 0, unitCol: 1, lastCol: col - 1 };
}

/** What the group row shows above a column: the group's points, the target, or the answer format. */
export function groupRowHint(block: IndicatorBlock, column: RuleColumn, groupId: string): string | number {
  return column.hint(indicatorMax(block.indicator, groupId));
}
