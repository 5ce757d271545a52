import { A4_PRINTABLE } from "../layout/print";

/**
 * Where 汇总's pages break: a region group never splits over two pages when it would fit on one.
 * Heights are in points. 汇总's columns fill an A4 landscape page's width at 100 % in Excel's
 * measure (summary.ts), so a page holds A4_PRINTABLE's height of rows, the repeated header row
 * included; LibreOffice, whose columns are wider, scales the sheet down and only breaks earlier
 * than it must, never in the middle of a group. A few points are kept for rounding.
 */
export const PAGE_ROWS_PT = A4_PRINTABLE.landscape.height - 7;
const DEFAULT_ROW_PT = 15;

export function summaryPageBreaks(heights: Readonly<Record<number, number>>, sectionStarts: readonly number[], end: number, headerRow: number): number[] {
  const h = (r: number) => heights[r] ?? DEFAULT_ROW_PT;
  const header = h(headerRow);
  const breaks: number[] = [];
  let used = 0;
  for (let r = 0; r <= headerRow; r++) used += h(r);
  const starts = [...sectionStarts, end];
  for (let k = 0; k < sectionStarts.length; k++) {
    let size = 0;
    for (let r = starts[k]!; r < starts[k + 1]!; r++) size += h(r);
    if (used + size > PAGE_ROWS_PT && used > header && size <= PAGE_ROWS_PT - header) {
      breaks.push(starts[k]!);
      used = header;
    }
    used += size;
  }
  return breaks;
}
