import type { CellSpec } from "./plan";

/**
 * A cell's in-workbook link as a HYPERLINK formula (without "="), or undefined for a cell without one.
 *
 * A formula rather than a cell hyperlink, in every adapter: exceljs writes each cell hyperlink with an
 * external relationship, which LibreOffice opens as a file path; Office.js and WPS would need a call
 * per cell (26,790 at 3,000 units) where a formula travels in the same 2-D block as the other cells.
 * "#'Sheet'!C6" is followed by Excel, WPS and LibreOffice. The shown text is the cell's value.
 */
export function linkFormula(cell: Pick<CellSpec, "value" | "link">): string | undefined {
  if (!cell.link) return undefined;
  const shown = String(cell.value ?? cell.link);
  return `HYPERLINK(${quoted(`#${cell.link}`)},${quoted(shown)})`;
}

function quoted(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
