/// <reference types="office-js" />
import type { CellValue, SheetSnapshot } from "../../workbook/snapshot";
import { a1, parseRange } from "../../workbook/address";

/*
 * Reading sheets through Office.js, as queued loads: nothing here syncs. A sheet's read is its
 * used range's values (formula text only when asked: it doubles the response), the addresses of
 * its error cells, and its merged areas. Error cells come from getSpecialCells rather than from
 * valueTypes so the response carries each cell once, not twice: Excel on the web refuses
 * responses over 5 MB, and the values of a 3,000-unit workbook are already ≈ 4 MB.
 */

export interface ReadFeatures {
  readonly formulas: boolean;
  /**
   * Sheets whose merged areas are read (ExcelApi 1.13 getMergedAreasOrNullObject, over the used
   * range): only the input sheets that validation checks, since Excel refuses the whole request
   * when a range has more than 512 merged areas.
   */
  readonly merges: (sheet: string) => boolean;
}

/** A block of loaded cells: the used range, or a slice of it when the read is split. */
interface Block {
  readonly range: Excel.Range;
  /** Known origin of a slice; the used range reports its own in `address`. */
  readonly origin: { row: number; col: number } | null;
}

export interface QueuedSheet {
  readonly blocks: Block[];
  readonly errors: Excel.RangeAreas[];
  readonly merged: Excel.RangeAreas | null;
}

function loadCells(range: Excel.Range, features: ReadFeatures): void {
  range.load(features.formulas ? "address,values,formulas" : "address,values");
}

/** Queue the whole used range of a sheet with its error cells and merges. */
export function queueSheet(ws: Excel.Worksheet, name: string, features: ReadFeatures): QueuedSheet {
  const used = ws.getUsedRangeOrNullObject(true);
  loadCells(used, features);
  return { blocks: [{ range: used, origin: null }], ...queueExtras(ws, name, features) };
}

/** Queue a sheet's error cells and merges only; its cells come as slices (queueSlice). */
export function queueExtras(ws: Excel.Worksheet, name: string, features: ReadFeatures): Omit<QueuedSheet, "blocks"> {
  const whole = ws.getRange();
  const errors = [whole.getSpecialCellsOrNullObject("Constants", "Errors"), whole.getSpecialCellsOrNullObject("Formulas", "Errors")];
  errors.forEach((e) => e.load("address"));
  // Over the whole sheet: the areas are those of the used range (formats included), and an empty
  // sheet's used range is a null object that cannot be asked for anything further.
  const merged = features.merges(name) ? whole.getMergedAreasOrNullObject() : null;
  merged?.load("address");
  return { errors, merged };
}

export function queueSlice(ws: Excel.Worksheet, row: number, col: number, rows: number, cols: number, features: ReadFeatures): Block {
  const range = ws.getRangeByIndexes(row, col, rows, cols);
  loadCells(range, features);
  return { range, origin: { row, col } };
}

/** The snapshot of one sheet from its loaded blocks. */
export function sheetSnapshot(name: string, visibility: string, queued: QueuedSheet | null, features: ReadFeatures): SheetSnapshot {
  const rows: CellValue[][] = [];
  const formulas: Record<string, string> = {};
  const errorCells = new Set<string>();
  for (const e of queued?.errors ?? []) if (!e.isNullObject && e.address) for (const cell of cellsOf(e.address)) errorCells.add(cell);
  for (const block of queued?.blocks ?? []) {
    const range = block.range;
    if (range.isNullObject) continue;
    const at = block.origin ?? originOf(range.address);
    range.values.forEach((line, r) => {
      const row = (rows[at.row + r] ??= []);
      line.forEach((v, c) => {
        const ref = a1(at.row + r, at.col + c);
        row[at.col + c] = errorCells.has(ref) ? { error: String(v) } : cellValue(v);
        const f = features.formulas ? range.formulas[r]![c] : undefined;
        if (typeof f === "string" && f.startsWith("=")) formulas[ref] = f.slice(1);
      });
    });
  }
  return {
    name,
    rows: Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? null)),
    formulas,
    merges: queued?.merged && !queued.merged.isNullObject && queued.merged.address ? queued.merged.address.split(",").map(localAddress) : [],
    state: visibility === "Hidden" ? "hidden" : visibility === "VeryHidden" ? "veryHidden" : "visible",
  };
}

function originOf(address: string): { row: number; col: number } {
  const r = parseRange(localAddress(address).split(":")[0]!);
  return { row: r.top, col: r.left };
}

/** Every cell of "'宣教部'!A1:B2,'宣教部'!D4" as A1 references. */
export function cellsOf(address: string): string[] {
  const out: string[] = [];
  for (const part of address.split(",")) {
    const r = parseRange(localAddress(part));
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.push(a1(row, col));
  }
  return out;
}

/** "'宣教部'!$A$1:$B$2" → "A1:B2" */
export function localAddress(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
}

/** Office.js values: "" is an empty cell; numbers, booleans and text come as themselves. */
function cellValue(v: unknown): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}
