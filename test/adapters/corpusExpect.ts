/** What a corpus test expects of openXlsx: read (no errors, every message names the file) or refused once, plainly. */
import { expect } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic";
import type { OpenResult } from "../../src/adapters/xlsx/openXlsx";
import { parseA1 } from "../../src/workbook/address";
import { cellAt, findSheet, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "../../src/workbook/snapshot";

export type Read = Extract<OpenResult, { ok: true }>;

export function sheet(wb: WorkbookSnapshot, name: string): SheetSnapshot {
  const s = findSheet(wb, name);
  if (!s) throw new Error(`no sheet ${name}; have ${wb.sheets.map((x) => x.name).join(", ")}`);
  return s;
}

export function at(s: SheetSnapshot, ref: string): CellValue {
  const { row, col } = parseA1(ref);
  return cellAt(s, row, col);
}

export function codes(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => d.code);
}

export function expectRead(r: OpenResult, file: string): Read {
  if (!r.ok) throw new Error(`${file} refused: ${r.diagnostics.map((d) => d.messageEn).join(" | ")}`);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  for (const d of r.diagnostics) expect(d.message).toContain(file);
  return r;
}

export function expectRefused(r: OpenResult, file: string, code: string): Diagnostic {
  expect(r.ok).toBe(false);
  expect(r.diagnostics).toHaveLength(1);
  const d = r.diagnostics[0]!;
  expect(d.severity).toBe("error");
  expect(d.code).toBe(code);
  expect(d.message).toContain(file);
  expect(d.messageEn).toContain(file);
  // What the user is told to do, never a stack trace.
  expect(d.message).toMatch(/请/);
  expect(d.message + d.messageEn).not.toMatch(/\n\s+at |TypeError|undefined/);
  return d;
}

