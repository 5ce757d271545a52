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

/**
 * Merged areas found by an earlier read, by workbook and sheet: a later read only confirms them
 * (mergesConfirmed), which costs a few calls a sheet instead of a search.
 */
export type MergeMemory = Map<string, readonly CellRange[]>;

/** One sheet: its used range in one or two calls, its error cells, and (when asked) its merges. */
export function readSheet(sheet: ListedSheet, features: ReadFeatures, memory?: { readonly map: MergeMemory; readonly key: string }): SheetSnapshot {
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
    merges: features.merges(sheet.name) && values.length > 0 ? rememberedMerges(sheet.ws, at, memory).map(rangeA1) : [],
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

function rememberedMerges(ws: EtWorksheet, used: CellRange, memory?: { readonly map: MergeMemory; readonly key: string }): CellRange[] {
  const known = memory?.map.get(memory.key);
  const merges = known && mergesConfirmed(ws, used, known) ? [...known] : findMerges(ws, used);
  memory?.map.set(memory.key, merges);
  return merges;
}

/**
 * Whether a sheet's merged areas are exactly `known`: no merged cell outside them (MergeCells is
 * false over the rest of the used range, asked in pieces of at most 255 characters of address),
 * and each still one merged area (its top-left cell's MergeArea). About three calls per area, and
 * so the same whatever the number of rows, where a search halves the rows again.
 */
export function mergesConfirmed(ws: EtWorksheet, used: CellRange, known: readonly CellRange[]): boolean {
  try {
    if (known.some((a) => !inside(a, used))) return false;
    for (const piece of addressPieces(complement(used, known))) if (ws.Range(piece).MergeCells !== false) return false;
    return known.every((a) => rangeA1(parseRange(localAddress(ws.Range(a1(a.top, a.left)).MergeArea.Address(false, false)))) === rangeA1(a));
  } catch {
    return false;
  }
}

/** The cells of `used` outside the areas (which do not overlap), as rectangles: row bands split at the areas' edges. */
export function complement(used: CellRange, areas: readonly CellRange[]): CellRange[] {
  const cuts = [...new Set([used.top, used.bottom + 1, ...areas.flatMap((a) => [a.top, a.bottom + 1])])].sort((x, y) => x - y);
  const out: CellRange[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const top = cuts[i]!;
    const bottom = cuts[i + 1]! - 1;
    let col = used.left;
    for (const a of areas.filter((x) => x.top <= top && x.bottom >= bottom).sort((x, y) => x.left - y.left)) {
      if (a.left > col) out.push({ top, bottom, left: col, right: a.left - 1 });
      col = Math.max(col, a.right + 1);
    }
    if (col <= used.right) out.push({ top, bottom, left: col, right: used.right });
  }
  return out;
}

/** Rectangles as range addresses of many areas, in pieces of at most 255 characters (Excel's limit for an address). */
function addressPieces(rects: readonly CellRange[]): string[] {
  const pieces: string[] = [];
  let piece = "";
  for (const address of rects.map(rangeA1)) {
    if (piece && piece.length + 1 + address.length > 255) {
      pieces.push(piece);
      piece = "";
    }
    piece = piece ? `${piece},${address}` : address;
  }
  if (piece) pieces.push(piece);
  return pieces;
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
      const area = parseRange(localAddress(ws.Range(a1(r.top, r.left)).MergeArea.Address(false, false)));
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
