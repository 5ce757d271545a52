/**
 * Writing a plan's sheets into a copy of a file someone gave us: the output is that file with the
 * plan's sheets, and nothing of theirs lost or silently changed.
 */
import ExcelJS from "exceljs";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import type { WritePlan } from "../../workbook/plan";
import { applyPlan } from "./render";
import { planToWorkbook, workbookBytes } from "./xlsxFile";
import { NotSpliceable, spliceSheets } from "./splice";
import { lostContent } from "./lostContent";
import { writeMessages } from "./writeMessages";
import { planParts } from "./planXml";
import { zipCodec } from "./zipPackage";

export interface Written {
  readonly bytes: Uint8Array;
  /** Warnings naming what could not be kept as it was (empty when the input's parts were all kept). */
  readonly diagnostics: Diagnostic[];
}

/**
 * Apply `plan` to `workbook` (opened from `input`) and return the bytes of the output file. The
 * input's own parts are kept byte for byte and only the plan's sheets come from exceljs (see
 * splice.ts). When the input's package cannot be edited that way (Strict OOXML, prefixed XML, no
 * styles part), exceljs writes the whole file: then every cell linking to another workbook is
 * turned into its cached value, and each such cell and each sheet losing charts, pivot tables and
 * the like is named in a warning — a formula is never kept without the link it needs.
 */
export async function writePlanOver(input: Uint8Array, fileName: string, workbook: ExcelJS.Workbook, plan: WritePlan): Promise<Written> {
  const fresh = plan.sheets.map((s) => s.name);
  let reason: string;
  try {
    // Only the plan's sheets are taken from exceljs, so only they are rendered and saved: into a
    // new workbook, not the opened one, whose sheets exceljs would otherwise write out for nothing
    // (most of the time of an aggregate). Saved uncompressed: splice reads it straight back.
    // In the CLI (a native codec), written straight to XML by planXml.ts unless it needs exceljs.
    const direct = zipCodec() ? planParts(plan) : null;
    const sheets = direct ?? (await workbookBytes(await planToWorkbook(plan), { store: true }));
    return { bytes: await spliceSheets(input, sheets, fresh, plan.placement), diagnostics: [] };
  } catch (e) {
    // An unforeseen failure is not quoted: its text is exceljs' or JSZip's, not the user's.
    reason = e instanceof NotSpliceable ? e.message : "a part evalsheet cannot edit in place";
  }
  await applyPlan(workbook, plan);
  const lost = await lostContent(input);
  const diagnostics: Diagnostic[] = [writeMessages.rewritten(fileName, reason)];
  for (const [sheet, kinds] of lost.sheets) if (!fresh.includes(sheet)) diagnostics.push(writeMessages.lost(fileName, sheet, kinds));
  if (lost.externalLinks) diagnostics.push(...externalToValues(workbook, fileName, fresh));
  return { bytes: await workbookBytes(workbook), diagnostics };
}

/** A reference to another workbook in a formula: [1]Sheet!A1, '[2]My sheet'!A1, [1]!Name — not inside a string. */
export function linksOut(formula: string): boolean {
  return /\[\d+\]/.test(formula.replace(/"(?:[^"]|"")*"/g, ""));
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
