import type { CellSpec, SheetSpec, WritePlan } from "../../workbook/plan";
import { temporarySheetName } from "../../workbook/port";
import { renameSheetRefs } from "./text";

/*
 * Where each sheet of a plan is built and how it is put in place — the same rules as the Office
 * adapter (src/adapters/office/swap.ts). ET, like Excel, binds a reference to a sheet, not to its
 * name: deleting a sheet turns the formulas and validation lists that point at it into #REF!,
 * renaming it rewrites them, and a reference written to a sheet that does not exist yet never binds
 * to one added later. So:
 *  - every new sheet is added first, under a temporary name, so each reference finds its target;
 *  - a reference to a sheet the workbook lacks is written to that sheet's temporary name (the
 *    rename puts it in place and ET rewrites the reference); one to a sheet the workbook has
 *    (汇总 on a re-aggregate, _evalsheet on a scheme save) to its real name;
 *  - a sheet the workbook has is never deleted: the built one is copied onto it whole
 *    (Range.Copy: values, formulas, formats, validation, merges), so it keeps its identity and every
 *    reference to it — the input sheets' dropdowns, the user's own formulas.
 */

const TEMPORARY = "~evalsheet-";

export function doneName(i: number): string {
  return `${TEMPORARY}done-${i}`;
}

export function isTemporary(name: string): boolean {
  return name.startsWith(TEMPORARY);
}

export interface LaidOutSheet {
  readonly name: string;
  readonly temp: string;
  /** The workbook has a sheet of this name: copy onto it; otherwise rename the temporary one. */
  readonly replaces: boolean;
  /** The spec with its references pointing at the sheets as they exist while building. */
  readonly spec: SheetSpec;
  readonly original: SheetSpec;
  readonly index: number;
}

export interface SheetLayout {
  readonly sheets: readonly LaidOutSheet[];
  /** Temporary sheets an interrupted run left: deleted before building. */
  readonly leftovers: readonly string[];
}

export function sheetLayout(plan: WritePlan, existing: readonly string[]): SheetLayout {
  const laid = plan.sheets.map((spec, index) => ({ name: spec.name, temp: temporarySheetName(index), replaces: existing.includes(spec.name) }));
  const fresh = new Map(laid.filter((s) => !s.replaces).map((s) => [s.name, s.temp]));
  // Most formulas name no sheet being created (none at all on a re-aggregate): skip those quickly.
  const retarget = (f: string) => ([...fresh.keys()].some((n) => f.includes(n)) ? renameSheetRefs(f, (n) => fresh.get(n)) : f);
  return {
    leftovers: existing.filter(isTemporary),
    sheets: laid.map((s, index) => ({ ...s, index, original: plan.sheets[index]!, spec: retargeted(plan.sheets[index]!, retarget) })),
  };
}

function retargeted(spec: SheetSpec, retarget: (f: string) => string): SheetSpec {
  const cell = (c: CellSpec | null): CellSpec | null => {
    if (!c) return c;
    const v = c.validation;
    const validation = v?.kind === "list" && v.source ? { ...v, source: retarget(v.source) } : v;
    return { ...c, ...(c.formula !== undefined ? { formula: retarget(c.formula) } : {}), ...(validation ? { validation } : {}) };
  };
  return { ...spec, rows: spec.rows.map((row) => row.map(cell)) };
}
