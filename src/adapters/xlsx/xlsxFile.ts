import ExcelJS from "exceljs";
import type { WritePlan } from "../../workbook/plan";
import { applyPlan } from "./render";

/** A new, empty workbook with fixed metadata, so the same plan gives the same workbook. */
export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "evalsheet";
  wb.created = new Date(Date.UTC(2024, 0, 1));
  wb.modified = wb.created;
  return wb;
}

export async function planToWorkbook(plan: WritePlan, wb: ExcelJS.Workbook = newWorkbook()): Promise<ExcelJS.Workbook> {
  await applyPlan(wb, plan);
  return wb;
}

/** The workbook saved as .xlsx; `store` leaves its parts uncompressed (for a file read straight back). */
export async function workbookBytes(wb: ExcelJS.Workbook, options: { store?: boolean } = {}): Promise<Uint8Array> {
  const buf = await wb.xlsx.writeBuffer(options.store ? { zip: { compression: "STORE" } } : {});
  return new Uint8Array(buf as ArrayBuffer);
}
