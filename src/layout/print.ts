import type { CellSpec, StyleKey } from "../workbook/plan";
import { columnLetters, parseRange } from "../workbook/address";

/**
 * How sheets print. Neither Excel nor LibreOffice grows a row for wrapped text in a merged cell,
 * and Excel does not grow one on opening a file either, so every row whose text takes more than
 * one line gets an explicit height, estimated here from the text, the font and the column widths.
 */

/** Font size (pt) and wrapping of each style; the xlsx styles take their sizes from here. */
export const STYLE_TEXT: Record<StyleKey, { readonly size: number; readonly wrap: boolean }> = {
  title: { size: 14, wrap: false },
  note: { size: 11, wrap: true },
  header: { size: 11, wrap: true },
  subheader: { size: 11, wrap: true },
  groupRow: { size: 11, wrap: true },
  label: { size: 11, wrap: true },
  input: { size: 11, wrap: false },
  inputText: { size: 11, wrap: true },
  computed: { size: 11, wrap: false },
  total: { size: 11, wrap: true },
  badge: { size: 11, wrap: false },
  plain: { size: 11, wrap: true },
};

/**
 * Points per unit of column width. Excel measures widths in the default font's digit (Calibri 11:
 * 7 px = 5.25 pt); LibreOffice, with Calibri or its metric twin Carlito, takes the digit unrounded
 * (1038/2048 em × 11 pt = 5.58 pt, measured: printed sheets are 6 % wider than Excel's). Lines are
 * counted in Excel's narrower columns (more lines, so rows are tall enough in both); page widths
 * are planned with LibreOffice's wider ones (so both fit). A LibreOffice with neither font falls
 * back to DejaVu Sans (7 pt a digit) and prints a third smaller: the test machines install Carlito.
 */
export const WIDTH_POINTS = { narrow: 5.25, wide: 5.58 } as const;

/** Usable landscape and portrait A4 widths and heights in points, inside the margins render.ts sets (0.4" sides, 0.45" top, 0.5" bottom). */
export const A4_PRINTABLE = { landscape: { width: 784, height: 527 }, portrait: { width: 537, height: 773 } } as const;

/** Line pitch of wrapped text, as a multiple of the font size (SimSun 11 pt in Excel: 13.5–14.25 pt; LibreOffice's CJK font 1.17, measured). */
const LINE = 1.25;
/** Cell padding above and below the text, and left and right of it, in points. */
const PAD_Y = 3;
const PAD_X = 5;
/** The height Excel and LibreOffice give a row of one line of 11 pt text. */
export const DEFAULT_ROW = 15;
/** 序号 on one line: two bold 11 pt glyphs (15 px each in Excel, a pixel more in bold) and the cell's padding need more than 5 units. */
export const SEQ_WIDTH = 6;

/** East Asian wide and full-width characters take a whole em; the rest about 0.6 (DejaVu digits are 0.64). */
function charWidth(ch: string, size: number): number {
  const c = ch.codePointAt(0)!;
  const wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ||
    c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0x2014 || c === 0x2026 || c === 0x00b7 || c === 0x2265 || c === 0x2264;
  return (wide ? 1 : 0.6) * size;
}

/** Lines `text` takes in a cell `widthPt` wide, filled character by character (CJK breaks anywhere). */
export function linesOf(text: string, size: number, widthPt: number): number {
  const usable = Math.max(widthPt - PAD_X, size);
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let line = 0;
    lines++;
    for (const ch of paragraph) {
      const w = charWidth(ch, size);
      if (line + w > usable && line > 0) {
        lines++;
        line = 0;
      }
      line += w;
    }
  }
  return lines;
}

/** The height of a row showing `lines` lines of `size` pt text, rounded up to Excel's 0.75 pt pixel. */
export function heightFor(lines: number, size: number): number {
  return Math.ceil((lines * size * LINE + PAD_Y) / 0.75) * 0.75;
}

function shown(cell: CellSpec): string {
  const v = cell.value;
  return v === null || v === undefined ? "" : String(v);
}

/**
 * Row heights (0-based row → points) for every row whose text needs more than one line: wrapped
 * cells measured in their column (or their merged columns), merged single-row cells likewise.
 * Rows of one line keep the program's default height (and Excel grows them as staff type).
 */
export function fitRowHeights(
  rows: readonly (readonly (CellSpec | null)[])[],
  columnWidths: readonly number[],
  merges: readonly string[],
  extra: Readonly<Record<number, number>> = {},
): Record<number, number> {
  const span = new Map<string, number>();
  const covered = new Set<string>();
  for (const m of merges) {
    const r = parseRange(m);
    // A cell merged down over several rows (a header beside a two-row header) takes the height of
    // those rows together; it is not measured against one of them.
    if (r.top !== r.bottom) {
      for (let c = r.left; c <= r.right; c++) covered.add(`${r.top},${c}`);
      continue;
    }
    let units = 0;
    for (let c = r.left; c <= r.right; c++) {
      units += columnWidths[c] ?? 9;
      if (c > r.left) covered.add(`${r.top},${c}`);
    }
    span.set(`${r.top},${r.left}`, units);
  }
  const heights: Record<number, number> = {};
  rows.forEach((cells, r) => {
    let need = 0;
    cells.forEach((cell, c) => {
      if (!cell || covered.has(`${r},${c}`)) return;
      const text = shown(cell);
      if (!text) return;
      const style = STYLE_TEXT[cell.style ?? "plain"];
      const merged = span.get(`${r},${c}`);
      if (!style.wrap && merged === undefined) return;
      const width = (merged ?? columnWidths[c] ?? 9) * WIDTH_POINTS.narrow;
      const lines = style.wrap ? linesOf(text, style.size, width) : 1;
      // One line of normal text fits the default row; a larger font or more lines do not.
      if (lines > 1 || style.size > STYLE_TEXT.plain.size) need = Math.max(need, heightFor(lines, style.size));
    });
    const h = Math.max(need, extra[r] ?? 0);
    if (h > DEFAULT_ROW) heights[r] = h;
  });
  return heights;
}

/** Printed width in points of `columns` (units), as LibreOffice without Calibri lays them out (the wider case). */
export function printedWidth(columns: readonly number[]): number {
  return columns.reduce((a, w) => a + w * WIDTH_POINTS.wide, 0);
}

/** "A1:<last column><last row>" for the rows that print. */
export function areaOf(lastRow: number, lastCol: number): string {
  return `A1:${columnLetters(lastCol)}${lastRow + 1}`;
}

/** The last row (0-based) holding a value in a column other than `skipCols` (a sequence number does not make a row used). */
export function lastFilledRow(rows: readonly (readonly (CellSpec | null)[])[], skipCols: readonly number[] = []): number {
  for (let r = rows.length - 1; r >= 0; r--) {
    if (rows[r]!.some((cell, c) => cell && !skipCols.includes(c) && shown(cell) !== "")) return r;
  }
  return 0;
}
