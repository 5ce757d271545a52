/**
 * Merged ranges, applied to the loaded workbook in one pass. exceljs 4.4.0 applies each merge it
 * reads after comparing it with every earlier one (quadratic: a sheet of 50,000 merges took four
 * minutes), so the preflight takes <mergeCells> out of the sheets and they are put back here.
 */
import type ExcelJS from "exceljs";
import { parseRange, type CellRange } from "../../workbook/address";

/** What exceljs keeps per worksheet: merges by master address. */
interface Internals {
  _merges: Record<string, unknown>;
}

/**
 * Each range merged as exceljs would (the cells under it become merge cells of its top-left), in
 * the file's order. A range overlapping an earlier one is left out, as Excel does when it repairs
 * such a file (exceljs threw "Cannot merge already merged cells"); a malformed one likewise.
 */
export function applyMerges(ws: ExcelJS.Worksheet, refs: readonly string[]): void {
  const covered = new CoveredCells();
  // Cells past the last stored row and column hold nothing to hide: a huge merge is marked on its
  // cells only as far as those reach, so A1:XFD1048576 does not make 17 billion cells. (exceljs'
  // own writer, the aggregate's fallback, then writes it that far.)
  let last: { row: number; col: number } | null = null;
  for (const ref of refs) {
    const range = safeRange(ref);
    if (!range) continue;
    let cells = range;
    if ((range.bottom - range.top + 1) * (range.right - range.left + 1) > HUGE) {
      last ??= { row: Math.max(0, ws.rowCount - 1), col: Math.max(0, ws.columnCount - 1) };
      cells = { ...range, bottom: Math.max(range.top, Math.min(range.bottom, last.row)), right: Math.max(range.left, Math.min(range.right, last.col)) };
    }
    if (covered.overlaps(cells)) continue;
    covered.mark(cells);
    withOwnIndex(ws, (index) => {
      ws.mergeCellsWithoutStyle(cells.top + 1, cells.left + 1, cells.bottom + 1, cells.right + 1);
      if (cells.bottom !== range.bottom || cells.right !== range.right) {
        // The index keeps the range as the file gives it (exceljs' own Range, for its writer).
        for (const [master, marked] of Object.entries(index)) {
          const Range = (marked as object).constructor as new (...a: number[]) => unknown;
          index[master] = new Range(range.top + 1, range.left + 1, range.bottom + 1, range.right + 1);
        }
      }
    });
  }
}

/**
 * A plan's merges on a sheet being built, as `ws.mergeCells` makes them (the cells under each take its
 * top-left's style), without exceljs comparing each with every earlier one: 分类指导's ≈ 33,000 merges
 * at 3,000 units spent over two minutes in that comparison when the standalone pane wrote 汇总. Two
 * merges that overlap still throw, as exceljs does: a plan never asks for that.
 */
export function mergePlanned(ws: ExcelJS.Worksheet, refs: readonly string[]): void {
  const covered = new CoveredCells();
  for (const m of Object.values((ws as unknown as Internals)._merges) as { top: number; left: number; bottom: number; right: number }[]) {
    covered.mark({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
  }
  for (const ref of refs) {
    // Parsed first: exceljs accepts some malformed addresses silently, Excel would not.
    const range = parseRange(ref);
    if (covered.overlaps(range)) throw new Error(`Cannot merge already merged cells: ${ref}`);
    covered.mark(range);
    withOwnIndex(ws, () => ws.mergeCells(range.top + 1, range.left + 1, range.bottom + 1, range.right + 1));
  }
}

/** The cells merges already cover (0-based), so each new one is checked against cells, not every earlier merge. */
class CoveredCells {
  private readonly cells = new Set<number>();
  private static key = (row: number, col: number) => row * 16_384 + col;
  mark(r: CellRange): void {
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) this.cells.add(CoveredCells.key(row, col));
  }
  overlaps(r: CellRange): boolean {
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) if (this.cells.has(CoveredCells.key(row, col))) return true;
    return false;
  }
}

/**
 * Run exceljs' own merge with the sheet's merge index emptied, so it has no earlier merges to compare
 * with (the caller has checked overlaps); what the merge adds to the index is kept, the rest restored.
 */
function withOwnIndex(ws: ExcelJS.Worksheet, merge: (index: Record<string, unknown>) => void): void {
  const internals = ws as unknown as Internals;
  const all = internals._merges;
  internals._merges = {};
  try {
    merge(internals._merges);
  } finally {
    Object.assign(all, internals._merges);
    internals._merges = all;
  }
}

/** Cells in a merge beyond which it is clipped to the stored cells (a full column is ≈ 1 M). */
const HUGE = 100_000;

function safeRange(ref: string): CellRange | null {
  try {
    return parseRange(ref);
  } catch {
    return null;
  }
}
