/**
 * The parts of writing over an input that need exceljs' object model, kept apart from writeOver.ts
 * so that exceljs (≈ 2 MB of JavaScript) is loaded only when one of them runs: a plan that planXml
 * cannot write (comments, validations), or a package that cannot be spliced and is written whole.
 */
import ExcelJS from "exceljs";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import type { WritePlan } from "../../workbook/plan";
import { applyPlan } from "./render";
import { planToWorkbook, workbookBytes } from "./xlsxFile";
import { lostContent } from "./lostContent";
import { writeMessages } from "./writeMessages";
import { linksOut } from "./formulaLinks";

/** The plan's sheets saved by exceljs into a workbook of their own, uncompressed (splice reads it straight back). */
export async function planSheetsBytes(plan: WritePlan): Promise<Uint8Array> {
  return workbookBytes(await planToWorkbook(plan), { store: true });
}

/**
 * exceljs writes the whole file: every cell linking to another workbook is turned into its cached
 * value, and each such cell and each sheet losing charts, pivot tables and the like is named.
 */
export async function writeWhole(input: Uint8Array, fileName: string, workbook: ExcelJS.Workbook, plan: WritePlan, reason: string): Promise<{ bytes: Uint8Array; diagnostics: Diagnostic[] }> {
  const fresh = plan.sheets.map((s) => s.name);
  await applyPlan(workbook, plan);
  const lost = await lostContent(input);
  const diagnostics: Diagnostic[] = [writeMessages.rewritten(fileName, reason)];
  for (const [sheet, kinds] of lost.sheets) if (!fresh.includes(sheet)) diagnostics.push(writeMessages.lost(fileName, sheet, kinds));
  if (lost.externalLinks) diagnostics.push(...externalToValues(workbook, fileName, fresh));
  return { bytes: await workbookBytes(workbook), diagnostics };
}

/** Cells of the input's sheets whose formulas need a link exceljs cannot write, set to their cached values. */
function externalToValues(workbook: ExcelJS.Workbook, fileName: string, fresh: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const ws of workbook.worksheets) {
    if (fresh.includes(ws.name)) continue;
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type !== ExcelJS.ValueType.Formula) return;
        const formula = cell.formula;
        if (!formula || !linksOut(formula)) return;
        const result: unknown = cell.result;
        cell.value = result === undefined ? null : (result as ExcelJS.CellValue);
        out.push(writeMessages.externalValue(fileName, ws.name, cell.address, formula));
      });
    });
  }
  return out;
}
