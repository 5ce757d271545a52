import { sheetWidth as planWidth, type CellSpec, type SheetSpec, type StyleKey, type ValidationSpec } from "../../workbook/plan";
import { columnLetters, parseRange, rangeA1, type CellRange } from "../../workbook/address";
import { XL, type EtApplication, type EtRange, type EtWorksheet } from "./et";
import { applyStyle, applyValidation, etColor } from "./format";
import { literalForEt } from "./text";
import { linkFormula } from "../../workbook/links";

/*
 * Writing a sheet spec onto an ET worksheet, in blocks. The cells go in one 2-D Formula assignment
 * per block of up to a million cells (ET takes "=…" as a formula and any other value as typed, so
 * literals that ET would parse carry an apostrophe: text.ts); number formats, styles and validation
 * once per set of rectangles of cells that share them (templates are column-regular, so a sheet of
 * thousands of rows has a handful); merges once per area, or per run of one-row areas on consecutive
 * rows; widths per run of equal columns; row heights by AutoFit plus, once per height, the rows of
 * merged areas, which no spreadsheet grows for wrapped text. So the calls follow the layout, not
 * the number of units — but for 分类指导's pages (a few merge runs and a page break a district).
 */

/** Cells per Formula assignment: one block for every sheet of a 3,000-unit workbook. */
export const BLOCK_CELLS = 1_000_000;

export function sheetWidth(spec: SheetSpec): number {
  return planWidth(spec);
}

/** Cells, number formats, styles, validation and merges, onto a sheet that is empty. */
export function writeContent(ws: EtWorksheet, spec: SheetSpec): void {
  // The longest row (a loop: spreading 125,001 rows into Math.max overflows the stack).
  let width = 0;
  for (const r of spec.rows) if (r.length > width) width = r.length;
  if (width > 0) {
    const step = Math.max(1, Math.floor(BLOCK_CELLS / width));
    for (let top = 0; top < spec.rows.length; top += step) {
      const rows = spec.rows.slice(top, top + step);
      ws.Range(rangeA1({ top, left: 0, bottom: top + rows.length - 1, right: width - 1 })).Formula = rows.map((row) => Array.from({ length: width }, (_, c) => cellInput(row[c] ?? null)));
    }
  }
  for (const [fmt, addresses] of byKey(rectangles(spec.rows, (c) => c?.numFmt))) inUnions(ws, addresses, (r) => (r.NumberFormat = fmt));
  for (const [style, addresses] of byKey(rectangles(spec.rows, (c) => c?.style))) inUnions(ws, addresses, (r) => applyStyle(r, style as StyleKey));
  for (const [key, addresses] of byKey(rectangles(spec.rows, (c) => (c?.validation ? JSON.stringify(c.validation) : undefined)))) {
    inUnions(ws, addresses, (r) => applyValidation(r, JSON.parse(key) as ValidationSpec));
  }
  // Merge on a range of several areas would merge each, but that is not a promise of ET's: one range a call.
  for (const m of mergeRuns(spec.merges)) ws.Range(m.address).Merge(m.across);
}

/**
 * The plan's merged areas as Merge calls: consecutive one-row merges of the same columns (分类指导's
 * full-width lines, a few runs on every district's page) as one range merged with Across = true,
 * which merges each row of the range on its own — Excel's Range.Merge(Across) and ET's alike (WPS's
 * documentation: Range("A1:B3").Merge(true) "将 A1:B3 单元格区域内单元格逐行合并"). Any other area
 * is merged on its own, without Across.
 */
export function mergeRuns(merges: readonly string[]): { address: string; across: boolean }[] {
  const out: { address: string; across: boolean }[] = [];
  const lines: CellRange[] = [];
  for (const m of merges) {
    const r = parseRange(m);
    if (r.top === r.bottom && r.right > r.left) lines.push(r);
    else out.push({ address: m, across: false });
  }
  lines.sort((a, b) => a.left - b.left || a.right - b.right || a.top - b.top);
  const runs: { -readonly [K in keyof CellRange]: CellRange[K] }[] = [];
  for (const line of lines) {
    const run = runs[runs.length - 1];
    if (run && run.left === line.left && run.right === line.right && run.bottom === line.top - 1) run.bottom = line.top;
    else runs.push({ ...line });
  }
  for (const run of runs) out.push({ address: rangeA1(run), across: run.bottom > run.top });
  return out;
}

/** Excel refuses a range address over 255 characters; whether ET does is not known (README). */
export const EXCEL_ADDRESS_MAX = 255;

/**
 * Apply `set` to all these rectangles at once, as one range of many areas ("A5:H5,A9:H9,…"): a
 * sheet whose rows alternate styles per unit (扣分明细) has thousands of rectangles of a handful of
 * styles, and this keeps its calls to a handful. Should ET refuse an address that long (Excel stops
 * at 255 characters), the rectangles go in pieces of at most 255 characters instead: more calls, the
 * same result (every setting here can be applied twice).
 */
export function inUnions(ws: EtWorksheet, addresses: readonly string[], set: (range: EtRange) => void): void {
  const whole = addresses.join(",");
  try {
    set(ws.Range(whole));
    return;
  } catch (e) {
    if (whole.length <= EXCEL_ADDRESS_MAX) throw e;
  }
  let piece: string[] = [];
  let length = 0;
  for (const a of addresses) {
    if (piece.length > 0 && length + 1 + a.length > EXCEL_ADDRESS_MAX) {
      set(ws.Range(piece.join(",")));
      piece = [];
      length = 0;
    }
    length += (piece.length ? 1 : 0) + a.length;
    piece.push(a);
  }
  if (piece.length) set(ws.Range(piece.join(",")));
}

function byKey(rects: readonly [string, string][]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, address] of rects) {
    const list = out.get(k);
    if (list) list.push(address);
    else out.set(k, [address]);
  }
  return out;
}

/**
 * What a cell's Formula is given: "=…" for a formula, else the literal. A link (扣分明细's source
 * cells) is a HYPERLINK formula (src/workbook/links.ts), in the same 2-D block as the other cells:
 * a cell hyperlink would cost a call per cell, 26,790 at 3,000 units.
 */
export function cellInput(c: CellSpec | null): string | number | boolean {
  if (!c) return "";
  if (c.formula !== undefined) return `=${c.formula}`;
  const link = linkFormula(c);
  return link !== undefined ? `=${link}` : literalForEt(c.value);
}

/**
 * Widths, row heights and the sheet's settings (freeze panes, tab colour, print set-up, visibility,
 * protection). Freezing panes works on the active window, so the sheet is activated for it; the
 * caller restores the sheet the user had active. Panes, tab colour and print set-up are a courtesy:
 * one that fails (page set-up fails on a PC without a printer in Excel, and may in WPS) is returned,
 * not thrown, so the caller can warn and still write the sheet.
 */
export function writeLook(app: EtApplication, ws: EtWorksheet, spec: SheetSpec): unknown[] {
  for (const run of runs(spec.columnWidths.map((w) => w))) ws.Range(`${columnLetters(run.from)}:${columnLetters(run.to)}`).ColumnWidth = run.value;
  if (spec.rows.length > 0) {
    ws.Range(`1:${spec.rows.length}`).Rows.AutoFit();
    // One assignment per height, to all its runs of rows at once ("5:8,12:12,…"; in pieces should ET
    // refuse a long address): 分类指导 has a handful of heights over thousands of runs.
    for (const [height, addresses] of byKey(runs(mergedRowHeights(spec)).map((run): [string, string] => [String(run.value), `${run.from + 1}:${run.to + 1}`]))) {
      inUnions(ws, addresses, (r) => (r.RowHeight = Number(height)));
    }
  }
  const { freeze, print, state, protect, tabColor } = spec;
  const problems: unknown[] = [];
  const courtesy = (f: () => void) => {
    try {
      f();
    } catch (e) {
      problems.push(e);
    }
  };
  if (freeze && (freeze.rows || freeze.cols) && (state ?? "visible") === "visible") {
    courtesy(() => {
      ws.Activate();
      const win = app.ActiveWindow;
      win.FreezePanes = false;
      win.SplitColumn = freeze.cols;
      win.SplitRow = freeze.rows;
      win.FreezePanes = true;
    });
  }
  if (tabColor) courtesy(() => (ws.Tab.Color = etColor(tabColor)));
  if (print) courtesy(() => printSetup(ws, print));
  // Explicit even when visible: a sheet written over may have been hidden.
  ws.Visible = state === "hidden" ? XL.sheetHidden : state === "veryHidden" ? XL.sheetVeryHidden : XL.sheetVisible;
  // Users can still resize rows and columns of a protected sheet, as in the file adapter.
  if (protect) ws.Protect("", true, true, true, false, false, true, true);
  return problems;
}

function printSetup(ws: EtWorksheet, print: NonNullable<SheetSpec["print"]>): void {
  const ps = ws.PageSetup;
  ps.Orientation = print.landscape ? XL.landscape : XL.portrait;
  ps.PaperSize = XL.paperA4;
  if (print.titleRows) ps.PrintTitleRows = `$${print.titleRows.replace(":", ":$")}`;
  if (print.titleColumns) ps.PrintTitleColumns = `$${print.titleColumns.replace(":", ":$")}`;
  if (print.area) ps.PrintArea = absolute(print.area);
  if (print.fitToWidth) {
    ps.Zoom = false;
    ps.FitToPagesWide = print.fitToWidth;
    ps.FitToPagesTall = false;
  }
  ps.CenterFooter = print.footer ?? "第 &P 页 共 &N 页";
  if (print.breaksBefore?.length) {
    // A sheet written over keeps its old breaks otherwise.
    ws.ResetAllPageBreaks();
    // The collection once, not once a break: 分类指导 has a break per district.
    const breaks = ws.HPageBreaks;
    for (const row of print.breaksBefore) breaks.Add(ws.Range(`A${row + 1}`));
  }
}

/** "A1:L57" → "$A$1:$L$57" */
function absolute(area: string): string {
  return area.split(":").map((p) => p.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2")).join(":");
}

/** Row heights of the rows merged areas span (by 0-based row), from the spec; others are auto-fitted. */
function mergedRowHeights(spec: SheetSpec): (number | undefined)[] {
  const heights: (number | undefined)[] = [];
  for (const m of spec.merges) {
    const r = parseRange(m);
    for (let row = r.top; row <= r.bottom; row++) heights[row] = spec.rowHeights?.[row];
  }
  return heights;
}

/** Consecutive indexes with the same defined value. */
function runs(values: readonly (number | undefined)[]): { from: number; to: number; value: number }[] {
  const out: { from: number; to: number; value: number }[] = [];
  values.forEach((value, i) => {
    if (value === undefined) return;
    const last = out[out.length - 1];
    if (last && last.to === i - 1 && last.value === value) last.to = i;
    else out.push({ from: i, to: i, value });
  });
  return out;
}

/**
 * Group equal keys into rectangles: runs along each row, then identical runs on consecutive rows
 * merged. Templates are column-regular, so a sheet of thousands of rows needs only a few.
 */
export function rectangles<T>(rows: readonly (readonly (T | null)[])[], keyOf: (c: T | null) => string | undefined): [string, string][] {
  type Rect = { key: string; top: number; bottom: number; left: number; right: number };
  const open = new Map<string, Rect>();
  const done: Rect[] = [];
  rows.forEach((row, r) => {
    const seen = new Set<string>();
    let c = 0;
    while (c < row.length) {
      const key = keyOf(row[c] ?? null);
      if (key === undefined) {
        c++;
        continue;
      }
      let e = c;
      while (e + 1 < row.length && keyOf(row[e + 1] ?? null) === key) e++;
      const id = `${key}\u0000${c}\u0000${e}`;
      seen.add(id);
      const prev = open.get(id);
      if (prev && prev.bottom === r - 1) prev.bottom = r;
      else {
        if (prev) done.push(prev);
        open.set(id, { key, top: r, bottom: r, left: c, right: e });
      }
      c = e + 1;
    }
    for (const [id, rect] of open) {
      if (!seen.has(id)) {
        done.push(rect);
        open.delete(id);
      }
    }
  });
  done.push(...open.values());
  return done.map((x) => [x.key, rangeA1(x)]);
}
