/// <reference types="office-js" />
import { sheetWidth, type SheetSpec, type WritePlan } from "../../workbook/plan";
import { temporarySheetName } from "../../workbook/port";
import { localAddress } from "./read";
import { columnLetters, parseRange } from "../../workbook/address";
import { sheetLook, type Op } from "./ops";

/*
 * Putting built sheets in place. In Excel a reference to another sheet is bound to that sheet, not
 * its name: deleting a sheet turns every formula and validation list pointing at it into #REF!,
 * renaming one rewrites them. So a sheet the workbook already has (汇总 on a re-aggregate, _evalsheet
 * on a scheme save) is never deleted: the new one is built beside it and then pasted onto it whole
 * (Range.copyFrom "All" over the old and new extent), which keeps its identity and so every
 * reference to it — the input sheets' lists, the user's own formulas. A sheet the workbook lacks is
 * renamed from its temporary name, and the references written to that name follow.
 *
 * The paste of one sheet is one operation: the sheet holds either its old content or the new.
 * After each paste the temporary sheet is renamed "~evalsheet-done-i", so after a failure the
 * sheet list says how far the swap got (see swapState).
 */

export interface LaidOutSheet {
  readonly name: string;
  /** The sheet it is built in. */
  readonly temp: string;
  /** The workbook has a sheet of this name: paste onto it; otherwise rename the temporary one. */
  readonly replaces: boolean;
  readonly spec: SheetSpec;
  readonly index: number;
}

export interface SheetLayout {
  readonly sheets: readonly LaidOutSheet[];
  /** Temporary sheets an interrupted run left: deleted before building. */
  readonly leftovers: readonly string[];
  readonly placement: WritePlan["placement"];
}

const TEMPORARY = "~evalsheet-";

export function doneName(i: number): string {
  return `${TEMPORARY}done-${i}`;
}

export function sheetLayout(plan: WritePlan, existing: readonly string[]): SheetLayout {
  return {
    leftovers: existing.filter((n) => n.startsWith(TEMPORARY)),
    sheets: plan.sheets.map((spec, index) => ({ name: spec.name, temp: temporarySheetName(index), replaces: existing.includes(spec.name), spec, index })),
    placement: plan.placement,
  };
}

/** The extent of an old sheet (its used range, formats included), read while the new one is built. */
export interface Extent {
  readonly rows: number;
  readonly cols: number;
}

export function extentOf(range: Excel.Range): Extent {
  if (range.isNullObject) return { rows: 0, cols: 0 };
  const r = parseRange(localAddress(range.address));
  return { rows: r.bottom + 1, cols: r.right + 1 };
}

export function widthOf(spec: SheetSpec): number {
  return sheetWidth(spec);
}

/**
 * The swap, one request: pastes and renames first (the content), then the replaced sheets' widths,
 * merges and settings, the order of the sheets, and the removal of the temporary sheets.
 */
export function swapOps(layout: SheetLayout, extents: ReadonlyMap<string, Extent>): Op[] {
  const ops: Op[] = [];
  for (const s of layout.sheets.filter((x) => x.replaces)) {
    const old = extents.get(s.name) ?? { rows: 0, cols: 0 };
    const rows = Math.max(s.spec.rows.length, old.rows, 1);
    const cols = Math.max(widthOf(s.spec), old.cols);
    ops.push(
      { kind: "unprotect", sheet: s.name },
      { kind: "unmerge", sheet: s.name, address: `A1:${columnLetters(cols - 1)}${rows}` },
      { kind: "paste", sheet: s.name, from: s.temp, rows, cols },
      { kind: "rename", sheet: s.temp, name: doneName(s.index) },
    );
  }
  for (const s of layout.sheets.filter((x) => !x.replaces)) ops.push({ kind: "rename", sheet: s.temp, name: s.name });
  for (const s of layout.sheets.filter((x) => x.replaces)) for (const op of sheetLook(s.spec, s.name, widthOf(s.spec))) ops.push(op);
  if (layout.placement === "first") layout.sheets.forEach((s, i) => ops.push({ kind: "position", sheet: s.name, position: i }));
  for (const s of layout.sheets.filter((x) => x.replaces)) ops.push({ kind: "deleteSheet", sheet: doneName(s.index) });
  return ops;
}

/** Where a failed swap stopped, from the sheet list (and, for the one sheet in progress, its cells). */
export interface SwapState {
  /** Sheets that hold their new content. */
  readonly written: string[];
  /** Sheets certainly as they were (or, new ones, still only under their temporary names). */
  readonly untouched: string[];
  /** The sheet whose paste was under way: its cells equal the new ones, which may also be its old ones. */
  readonly uncertain: string[];
  /** Every sheet has its content: only widths, settings, order or clean-up failed. */
  readonly contentDone: boolean;
}

/** Rows of the sheet in progress compared with its temporary copy to tell whether the paste happened. */
const COMPARE_ROWS = 200;

export async function swapState(ctx: Excel.RequestContext, layout: SheetLayout, extents: ReadonlyMap<string, Extent>): Promise<SwapState> {
  const list = ctx.workbook.worksheets;
  list.load("items/name");
  await ctx.sync();
  const names = new Set(list.items.map((w) => w.name));
  const written: string[] = [];
  const untouched: string[] = [];
  const uncertain: string[] = [];
  let inProgress: LaidOutSheet | null = null;
  for (const s of layout.sheets) {
    const pending = names.has(s.temp);
    if (!pending) written.push(s.name);
    else if (s.replaces && !inProgress) inProgress = s;
    else untouched.push(s.name);
  }
  if (inProgress) {
    // Ops apply in order: only the first replaced sheet not yet marked done can have been pasted.
    const old = extents.get(inProgress.name) ?? { rows: 0, cols: 0 };
    const rows = Math.min(Math.max(inProgress.spec.rows.length, old.rows, 1), COMPARE_ROWS);
    const cols = Math.max(widthOf(inProgress.spec), old.cols);
    const a = list.getItem(inProgress.name).getRangeByIndexes(0, 0, rows, cols).load("formulas");
    const b = list.getItem(inProgress.temp).getRangeByIndexes(0, 0, rows, cols).load("formulas");
    await ctx.sync();
    (JSON.stringify(a.formulas) === JSON.stringify(b.formulas) ? uncertain : untouched).push(inProgress.name);
  }
  return { written, untouched, uncertain, contentDone: untouched.length === 0 && uncertain.length === 0 };
}
