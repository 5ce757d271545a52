import type { Diagnostic } from "../../diagnostics/diagnostic";
import type { PortResult } from "../../workbook/port";
import type { WritePlan } from "../../workbook/plan";
import { parseRange, rangeA1 } from "../../workbook/address";
import type { EtApplication, EtWorkbook, EtWorksheet, EtWorksheets } from "./et";
import { XL } from "./et";
import { errorCells, listSheets, localAddress } from "./read";
import { doneName, sheetLayout, type LaidOutSheet, type SheetLayout } from "./layout";
import { sheetWidth, writeContent, writeLook } from "./write";
import { errorCells as errorCellsFound, lookIncomplete, writeFailedPartly, writeFailedUnchanged } from "./messages";

/*
 * Applying a write plan to the open workbook, in three steps (the Office adapter's, with calls
 * instead of requests):
 *  1. build every sheet under a temporary name (nothing in place is touched: a failure deletes the
 *     temporary sheets and the workbook is as it was);
 *  2. swap: copy each built sheet onto the sheet it replaces (one Range.Copy: the sheet holds either
 *     its old content or the new), then rename the built sheets the workbook lacks into place;
 *  3. look and order: widths, heights, panes, print set-up, visibility and protection of the
 *     replaced sheets, the plan's sheets first if asked, the copied-from sheets deleted; then the
 *     written sheets are calculated (the caller set calculation to manual) and their error cells
 *     reported.
 * ET's calls are synchronous, so when a swap stops the adapter knows exactly how far it got.
 */

export function applyPlanTo(app: EtApplication, wb: EtWorkbook, plan: WritePlan, onProgress?: (done: number, total: number) => void): PortResult<void> {
  const sheets = wb.Worksheets;
  const layout = sheetLayout(plan, listSheets(wb).map((s) => s.name));
  const replaced = layout.sheets.filter((s) => s.replaces);
  const steps = layout.sheets.length + 2;
  const built = new Map<string, EtWorksheet>();
  // Panes, tab colours and print set-up that could not be set: a warning, not a failure.
  const courtesies: unknown[] = [];
  // 1. Build.
  try {
    for (const name of layout.leftovers) sheets.Item(name).Delete();
    let last = sheets.Item(sheets.Count);
    for (const s of layout.sheets) {
      const ws = sheets.Add(undefined, last);
      ws.Name = s.temp;
      built.set(s.temp, ws);
      last = ws;
    }
    layout.sheets.forEach((s, i) => {
      const ws = built.get(s.temp)!;
      writeContent(ws, s.spec);
      if (!s.replaces) courtesies.push(...writeLook(app, ws, s.original));
      onProgress?.(i + 1, steps);
    });
  } catch (e) {
    removeQuietly([...built.values()]);
    return { ok: false, diagnostics: [writeFailedUnchanged(e, replaced.map((s) => s.name))] };
  }
  // 2. Swap. The extent of each sheet replaced: the copy covers its old and new cells.
  const written: string[] = [];
  let current: { s: LaidOutSheet; before: string } | null = null;
  let lifted: EtWorksheet | null = null;
  try {
    for (const s of replaced) {
      const old = sheets.Item(s.name);
      const used = parseRange(localAddress(old.UsedRange.Address(false, false)));
      const rows = Math.max(s.spec.rows.length, used.bottom + 1, 1);
      const cols = Math.max(sheetWidth(s.spec), used.right + 1);
      if (old.ProtectContents) {
        old.Unprotect();
        lifted = old;
      }
      const temp = built.get(s.temp)!;
      // The copy is the one call that changes the old sheet: if it fails, its first rows, compared
      // with what they were, tell whether it landed.
      current = { s, before: firstRows(old, s) };
      temp.Range(rangeA1({ top: 0, left: 0, bottom: rows - 1, right: cols - 1 })).Copy(old.Range("A1"));
      written.push(s.name);
      current = null;
      lifted = null;
      temp.Name = doneName(s.index);
    }
    for (const s of layout.sheets.filter((x) => !x.replaces)) {
      built.get(s.temp)!.Name = s.name;
      written.push(s.name);
    }
  } catch (e) {
    return { ok: false, diagnostics: [afterFailedSwap(e, sheets, layout, built, written, current, lifted)] };
  }
  onProgress?.(steps - 1, steps);
  // 3. Look, order, clean-up, then the check.
  const diagnostics: Diagnostic[] = [];
  try {
    for (const s of replaced) courtesies.push(...writeLook(app, sheets.Item(s.name), s.original));
    if (plan.placement === "first") plan.sheets.forEach((s, i) => sheets.Item(s.name).Move(sheets.Item(i + 1)));
    for (const s of replaced) built.get(s.temp)!.Delete();
  } catch (e) {
    courtesies.unshift(e);
  }
  if (courtesies.length) diagnostics.push(lookIncomplete(courtesies[0]));
  try {
    for (const s of plan.sheets) {
      const ws = sheets.Item(s.name);
      ws.Calculate();
      const cells = [...errorCells(ws, [XL.cellTypeFormulas])];
      if (cells.length) diagnostics.push(errorCellsFound(s.name, cells));
    }
  } catch {
    // The content is written; the check is a courtesy.
  }
  onProgress?.(steps, steps);
  return { ok: true, value: undefined, diagnostics };
}

/**
 * A swap that stopped. Nothing written: the built sheets go, a lifted protection is put back and
 * the old sheets are as they were. Something written: nothing is deleted (a new sheet may refer to
 * a built one) and the message names what was written, what may have been, and what was not.
 */
function afterFailedSwap(e: unknown, sheets: EtWorksheets, layout: SheetLayout, built: ReadonlyMap<string, EtWorksheet>, written: readonly string[], current: { s: LaidOutSheet; before: string } | null, lifted: EtWorksheet | null): Diagnostic {
  const uncertain: string[] = [];
  if (current && !written.includes(current.s.name) && changed(sheets, current)) uncertain.push(current.s.name);
  try {
    // The sheet whose protection was lifted for the copy that failed is protected again.
    lifted?.Protect("", true, true, true, false, false, true, true);
  } catch {
    // Protection could not be put back; its content is as the message says.
  }
  if (written.length === 0 && uncertain.length === 0) {
    removeQuietly([...built.values()]);
    return writeFailedUnchanged(e, layout.sheets.filter((s) => s.replaces).map((s) => s.name));
  }
  const untouched = layout.sheets.map((s) => s.name).filter((n) => !written.includes(n) && !uncertain.includes(n));
  const kept = layout.sheets.filter((s) => !written.includes(s.name)).map((s) => s.temp);
  return writeFailedPartly(e, { written, uncertain, untouched }, kept);
}

/** Rows of a sheet compared before and after a copy that failed, to tell whether it landed. */
const COMPARE_ROWS = 200;

function firstRows(ws: EtWorksheet, s: LaidOutSheet): string {
  const address = rangeA1({ top: 0, left: 0, bottom: Math.min(Math.max(s.spec.rows.length, 1), COMPARE_ROWS) - 1, right: sheetWidth(s.spec) - 1 });
  return JSON.stringify(ws.Range(address).Formula);
}

function changed(sheets: EtWorksheets, current: { s: LaidOutSheet; before: string }): boolean {
  try {
    return firstRows(sheets.Item(current.s.name), current.s) !== current.before;
  } catch {
    return true; // cannot tell: say it may have been written
  }
}

/** Delete these sheets, best effort (the next write deletes every ~evalsheet- sheet before building). */
function removeQuietly(sheets: readonly EtWorksheet[]): void {
  for (const ws of sheets) {
    try {
      ws.Delete();
    } catch {
      // Left for the next write's clean-up.
    }
  }
}
