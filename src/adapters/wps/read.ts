import type { CellValue, SheetSnapshot } from "../../workbook/snapshot";
import { a1, parseRange, rangeA1, type CellRange } from "../../workbook/address";
import { ERROR_CODES, XL, type EtGrid, type EtScalar, type EtWorkbook, type EtWorksheet } from "./et";

/*
 * Reading sheets through the ET object model. Every property read is a call into WPS, so a sheet
 * is read as blocks, never cell by cell: its used range's Value2 in one call (and Formula in
 * another, only when asked), the error cells from SpecialCells (which throws when a sheet has
 * none, like Excel), and its merged areas by halving the used range (see findMerges). Values are
 * what ET computed; an error cell is recognised only because SpecialCells lists it.
 */

export interface ReadFeatures {
  readonly formulas: boolean;
  /** Sheets whose merged areas are read (the input sheets validation checks). */
  readonly merges: (sheet: string) => boolean;
}

export interface ListedSheet {
  readonly ws: EtWorksheet;
  readonly name: string;
  readonly state: SheetSnapshot["state"];
}

/** The workbook's sheets in order: three calls a sheet (the item, its name, its visibility). */
export function listSheets(wb: EtWorkbook): ListedSheet[] {
  const sheets = wb.Worksheets;
  const count = sheets.Count;
  const out: ListedSheet[] = [];
  for (let i = 1; i <= count; i++) {
    const ws = sheets.Item(i);
    const visible = ws.Visible;
    out.push({ ws, name: ws.Name, state: visible === XL.sheetVeryHidden ? "veryHidden" : visible === XL.sheetHidden ? "hidden" : "visible" });
  }
  return out;
}

/** One sheet: its used range in one or two calls, its error cells, and (when asked) its merges. */
export function readSheet(sheet: ListedSheet, features: ReadFeatures): SheetSnapshot {
  const used = sheet.ws.UsedRange;
  const at = parseRange(localAddress(used.Address(false, false)));
  const values = grid(used.Value2);
  const formulaText = features.formulas ? grid(used.Formula) : [];
  const errors = errorCells(sheet.ws);
  const rows: CellValue[][] = [];
  const formulas: Record<string, string> = {};
  values.forEach((line, r) => {
    line.forEach((v, c) => {
      const ref = a1(at.top + r, at.left + c);
      const value = errors.has(ref) ? { error: errorText(v) } : cellValue(v);
      if (value !== null) (rows[at.top + r] ??= [])[at.left + c] = value;
      const f = formulaText[r]?.[c];
      if (typeof f === "string" && f.startsWith("=")) formulas[ref] = f.slice(1);
    });
  });
  return {
    name: sheet.name,
    rows: Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? null)),
    formulas,
    merges: features.merges(sheet.name) && values.length > 0 ? findMerges(sheet.ws, at).map(rangeA1) : [],
    state: sheet.state,
  };
}

/** Value2 and Formula give a scalar for a single cell and rows of columns for more. */
export function grid(v: EtScalar | EtGrid): EtGrid {
  return Array.isArray(v) ? v : [[v]];
}

/** A1 cells of the sheet that show an error: SpecialCells throws when there are none. */
export function errorCells(ws: EtWorksheet, kinds: readonly number[] = [XL.cellTypeConstants, XL.cellTypeFormulas]): Set<string> {
  const out = new Set<string>();
  for (const kind of kinds) {
    let found;
    try {
      found = ws.Cells.SpecialCells(kind, XL.errors);
    } catch {
      continue;
    }
    // Area by area: the Address of a range of many areas may be cut short (Excel stops at 255 characters).
    const areas = found.Areas;
    const count = areas.Count;
    for (let i = 1; i <= count; i++) {
      const r = parseRange(localAddress(areas.Item(i).Address(false, false)));
      for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.add(a1(row, col));
    }
  }
  return out;
}

/**
 * The merged areas inside `used`, by halving: a range whose MergeCells is false has none (one
 * call answers for any number of cells), true and within one merged area is that area, anything
 * else is split in two (rows first). About two calls per merged area and halving step, so the
 * cost follows the number of merged areas (title, header and group rows: the layout), not the cells.
 */
export function findMerges(ws: EtWorksheet, used: CellRange): CellRange[] {
  const found: CellRange[] = [];
  const visit = (r: CellRange): void => {
    if (found.some((f) => inside(r, f))) return;
    const state = ws.Range(rangeA1(r)).MergeCells;
    if (state === false) return;
    if (state === true) {
      const area = parseRange(localAddress(ws.Cells.Item(r.top + 1, r.left + 1).MergeArea.Address(false, false)));
      if (!found.some((f) => inside(area, f))) found.push(area);
      if (inside(r, area)) return;
    }
    if (r.top === r.bottom && r.left === r.right) return;
    if (r.bottom > r.top) {
      const mid = Math.floor((r.top + r.bottom) / 2);
      visit({ ...r, bottom: mid });
      visit({ ...r, top: mid + 1 });
    } else {
      const mid = Math.floor((r.left + r.right) / 2);
      visit({ ...r, right: mid });
      visit({ ...r, left: mid + 1 });
    }
  };
  visit(used);
  return found.sort((a, b) => a.top - b.top || a.left - b.left);
}

function inside(r: CellRange, outer: CellRange): boolean {
  return r.top >= outer.top && r.bottom <= outer.bottom && r.left >= outer.left && r.right <= outer.right;
}

/** "'宣教部'!$A$1:$B$2" → "A1:B2" */
export function localAddress(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
}

/** Value2 of a cell: empty is null; numbers (dates are serials), text and booleans as themselves. */
function cellValue(v: EtScalar): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

/** An error cell's Value2: a COM error code, or (should ET give it so) the error's text. */
function errorText(v: EtScalar): string {
  if (typeof v === "number" && ERROR_CODES[v]) return ERROR_CODES[v];
  return typeof v === "string" && v.startsWith("#") ? v : "#VALUE!";
}
