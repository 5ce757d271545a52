/**
 * Writing a plan's sheets into a copy of a file someone gave us: the output is that file with the
 * plan's sheets, and nothing of theirs lost or silently changed.
 */
import type ExcelJS from "exceljs";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import type { WritePlan } from "../../workbook/plan";
import { NotSpliceable, spliceSheets } from "./splice";
import { planParts } from "./planXml";
import { zipCodec } from "./zipPackage";

export { linksOut } from "./formulaLinks";

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
 * `workbook` may be a loader (the CLI's direct reader opens no exceljs workbook): it is called only
 * for that whole-file fallback, and exceljs is imported only when the plan or the fallback needs it.
 */
export async function writePlanOver(
  input: Uint8Array,
  fileName: string,
  workbook: ExcelJS.Workbook | (() => Promise<ExcelJS.Workbook>),
  plan: WritePlan,
): Promise<Written> {
  const fresh = plan.sheets.map((s) => s.name);
  let reason: string;
  try {
    // Only the plan's sheets are taken from exceljs, so only they are rendered and saved: into a
    // new workbook, not the opened one, whose sheets exceljs would otherwise write out for nothing
    // (most of the time of an aggregate). Saved uncompressed: splice reads it straight back.
    // In the CLI (a native codec), written straight to XML by planXml.ts unless it needs exceljs.
    const direct = zipCodec() ? planParts(plan) : null;
    const sheets = direct ?? (await (await import("./writeWhole")).planSheetsBytes(plan));
    return { bytes: await spliceSheets(input, sheets, fresh, plan.placement), diagnostics: [] };
  } catch (e) {
    // An unforeseen failure is not quoted: its text is exceljs' or JSZip's, not the user's.
    reason = e instanceof NotSpliceable ? e.message : "a part evalsheet cannot edit in place";
  }
  const { writeWhole } = await import("./writeWhole");
  return writeWhole(input, fileName, typeof workbook === "function" ? await workbook() : workbook, plan, reason);
}
