/// <reference types="office-js" />
import type { PrintSpec, SheetSpec, WritePlan } from "../../workbook/plan";

/*
 * How each written sheet prints, in Excel: the PrintSpec the file adapter writes as pageSetup
 * (src/adapters/xlsx/render.ts), through Office.js's PageLayout (ExcelApi 1.9).
 *
 * Sent as a request of its own after the swap, on the sheets' real names: page set-up is a courtesy
 * that may fail where the sheets' content must not (Excel's page set-up talks to the printer driver;
 * on a PC without a printer it can fail), so a failure here is a warning and the sheets stay written.
 * A protected sheet is unprotected around it and protected again, as its plan says.
 */

/** Margins in points, as the file adapter's inches: 0.4" sides, 0.45" top, 0.5" bottom, 0.2" header/footer. */
export const MARGINS = { leftMargin: 28.8, rightMargin: 28.8, topMargin: 32.4, bottomMargin: 36, headerMargin: 14.4, footerMargin: 14.4 } as const;

export const DEFAULT_FOOTER = "第 &P 页 共 &N 页";

export interface PrintOp {
  readonly kind: "print";
  readonly sheet: string;
  readonly print: PrintSpec;
  readonly protect: boolean;
}

export function printOps(plan: WritePlan): PrintOp[] {
  return plan.sheets.filter((s): s is SheetSpec & { print: PrintSpec } => s.print !== undefined).map((s) => ({ kind: "print", sheet: s.name, print: s.print, protect: s.protect === true }));
}

export function queuePrint(ws: Excel.Worksheet, op: PrintOp): void {
  const { print } = op;
  if (op.protect) ws.protection.unprotect();
  const layout = ws.pageLayout;
  layout.orientation = print.landscape ? "Landscape" : "Portrait";
  layout.paperSize = "A4";
  Object.assign(layout, MARGINS);
  // Fitted sheets are scaled to their width only: verticalFitToPages 0 is "automatic" (as fitToHeight="0"
  // in the file), so rows flow over as many pages as they need. Others print at 100 %.
  layout.zoom = print.fitToWidth !== undefined ? { horizontalFitToPages: print.fitToWidth, verticalFitToPages: 0 } : { scale: 100 };
  if (print.titleRows) layout.setPrintTitleRows(absoluteRows(print.titleRows));
  if (print.titleColumns) layout.setPrintTitleColumns(absoluteColumns(print.titleColumns));
  if (print.area) layout.setPrintArea(print.area);
  layout.headersFooters.defaultForAllPages.centerFooter = print.footer ?? DEFAULT_FOOTER;
  // A sheet written over keeps its old breaks otherwise.
  ws.horizontalPageBreaks.removePageBreaks();
  for (const row of print.breaksBefore ?? []) if (row > 0) ws.horizontalPageBreaks.add(`A${row + 1}`);
  if (op.protect) ws.protection.protect(PROTECTION);
}

/** After a failed print request: the protected sheets protected again (unprotecting an unprotected sheet changes nothing). */
export async function protectAgain(ctx: Excel.RequestContext, ops: readonly PrintOp[], sync: (ctx: Excel.RequestContext) => Promise<void>): Promise<void> {
  const protectedOnes = ops.filter((op) => op.protect);
  if (!protectedOnes.length) return;
  for (const op of protectedOnes) {
    const ws = ctx.workbook.worksheets.getItem(op.sheet);
    ws.protection.unprotect();
    ws.protection.protect(PROTECTION);
  }
  await sync(ctx);
}

/**
 * Staff can read and select, and resize rows and columns (a long reason can be given room) without
 * unprotecting; no password, so they can unprotect if they must. The same in every adapter.
 */
export const PROTECTION: Excel.WorksheetProtectionOptions = { allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: true, selectionMode: "Normal" };

/** "3:4" → "$3:$4" */
function absoluteRows(rows: string): string {
  return rows.split(":").map((r) => `$${r}`).join(":");
}

/** "A:C" → "$A:$C" */
function absoluteColumns(cols: string): string {
  return cols.split(":").map((c) => `$${c}`).join(":");
}

/** Request bytes a print op costs: its JSON plus an envelope per action (≈ 20 actions). */
export function printBytes(op: PrintOp): number {
  return JSON.stringify(op).length * 3 + 20 * 120;
}
