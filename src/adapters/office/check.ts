/// <reference types="office-js" />
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { rangeA1 } from "../../workbook/address";
import { chunkOps, opBytes, type FillCheck, type Op } from "./ops";
import { queueOps } from "./execute";
import { cellsOf } from "./read";
import { comparableFormula } from "./text";
import { errorCells, fillRewritten } from "./messages";

/*
 * The check after writing, one request: calculate the written sheets (in Manual calculation mode
 * their formulas would otherwise stay blank: the add-in writes no cached values), then ask them for
 * error cells and read back the last row of every column Excel filled (copyFrom), comparing it with
 * what the fill should have produced. A column that came out otherwise is written again cell by
 * cell; error cells are reported by name. Rewrites cost requests only when something was wrong.
 */

export interface CheckIo {
  readonly maxBytes: number;
  /** context.sync, counted by the port. */
  readonly sync: (ctx: Excel.RequestContext, bytes?: number) => Promise<void>;
}

export async function checkWritten(ctx: Excel.RequestContext, sheets: readonly string[], fills: readonly FillCheck[], io: CheckIo): Promise<Diagnostic[]> {
  let errors = queueErrorCheck(ctx, sheets);
  const lasts = fills.map((f) => {
    const range = ctx.workbook.worksheets.getItem(f.sheet).getRangeByIndexes(f.row + f.rows - 1, f.col, 1, f.cols);
    return { f, range: range.load(f.copy === "Formats" ? "numberFormat" : "formulas") };
  });
  await io.sync(ctx, errors.bytes);

  const diagnostics: Diagnostic[] = [];
  const rewrite: Op[] = [];
  for (const { f, range } of lasts) {
    const got = (f.copy === "Formats" ? range.numberFormat : range.formulas)[0] ?? [];
    if (f.expected.every((want, i) => same(want, got[i]))) continue;
    rewrite.push(...(f.protect ? [{ kind: "unprotect" as const, sheet: f.sheet }] : []), ...f.explicit(), ...(f.protect ? [{ kind: "protect" as const, sheet: f.sheet }] : []));
    diagnostics.push(fillRewritten(f.sheet, rangeA1({ top: f.row + 1, left: f.col, bottom: f.row + f.rows - 1, right: f.col + f.cols - 1 })));
  }
  const chunks = chunkOps(rewrite, io.maxBytes);
  for (const [i, chunk] of chunks.entries()) {
    queueOps(ctx, chunk);
    // The error cells are asked again once the rewritten columns are in and recalculated.
    if (i === chunks.length - 1) errors = queueErrorCheck(ctx, sheets);
    await io.sync(ctx, chunk.reduce((a, op) => a + opBytes(op), errors.bytes));
  }
  for (const { sheet, areas } of errors.areas) {
    if (areas.isNullObject || !areas.address) continue;
    const cells = cellsOf(areas.address);
    if (cells.length) diagnostics.push(errorCells(sheet, cells));
  }
  return diagnostics;
}

/** Calculate the sheets, then load their formula cells that show an error (queued, not sent). */
function queueErrorCheck(ctx: Excel.RequestContext, sheets: readonly string[]) {
  const ops: Op[] = sheets.map((sheet) => ({ kind: "calculate", sheet }));
  queueOps(ctx, ops);
  const areas = sheets.map((sheet) => ({ sheet, areas: ctx.workbook.worksheets.getItem(sheet).getRange().getSpecialCellsOrNullObject("Formulas", "Errors").load("address") }));
  return { areas, bytes: ops.reduce((a, op) => a + opBytes(op), 0) };
}

/** A cell read back against what the plan wrote: formulas compared as Excel may echo them, text without its apostrophe. */
function same(want: string | number | boolean, got: unknown): boolean {
  if (typeof want === "string" && want.startsWith("=")) return typeof got === "string" && comparableFormula(got) === comparableFormula(want);
  const literal = typeof want === "string" && want.startsWith("'") ? want.slice(1) : want;
  return got === literal;
}
