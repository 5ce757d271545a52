/**
 * Where 汇总's pages break: a region group never splits over two pages when it would fit on one.
 * Heights are in points; an A4 landscape page with the margins the renderers use holds about
 * 440 pt of rows below the repeated header row. Rows are measured unscaled, so a sheet scaled
 * down to fit its width only breaks earlier than it must, never in the middle of a group.
 */
export const PAGE_ROWS_PT = 440;
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
