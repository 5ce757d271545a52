import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinScheme } from "../../src/scheme/load";
import type { Scheme } from "../../src/scheme/schema";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { readWorkbook } from "../../src/validate/validate";

export function tempDir(prefix = "evalsheet-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The sample workbook (seeded) as an exceljs workbook, ready to be mutated by a test. */
export async function sampleWorkbook(options: { seed?: number; blank?: boolean; scheme?: Scheme } = {}): Promise<ExcelJS.Workbook> {
  const scheme = options.scheme ?? builtinScheme();
  const plan = templatePlan(scheme, options.blank ? {} : { sample: sampleData(scheme, options.seed ?? 2024) });
  return planToWorkbook(plan);
}

/** Write a workbook to a temp file and return its path. */
export async function writeTemp(wb: ExcelJS.Workbook, name = "book.xlsx", dir = tempDir()): Promise<string> {
  const path = join(dir, name);
  const { writeFileSync } = await import("node:fs");
  writeFileSync(path, await workbookBytes(wb));
  return path;
}

/** Read a file back through the real adapter and validator. */
export async function readBack(path: string) {
  const opened = await openXlsx(new Uint8Array(readFileSync(path)), path);
  if (!opened.ok) throw new Error(opened.diagnostics.map((d) => d.message).join("\n"));
  return { opened, reading: readWorkbook(opened.snapshot) };
}

/** Row (1-based) of a unit on a sheet, looked up in the unit column (B on department sheets). */
export function rowOf(ws: ExcelJS.Worksheet, unit: string, col = 2): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, col).value === unit) return r;
  throw new Error(`${unit} not found on ${ws.name}`);
}
