/// <reference types="office-js" />
import type { CellEdit } from "../../workbook/port";
import { utf8Length } from "./ops";
import { literalForExcel, needsTextFormat } from "./text";

/**
 * Queue the import's cell edits: runs of adjacent cells on a row become one range write, packed
 * into requests under `maxBytes` (`send` syncs one). Text that Excel would read as a number, date,
 * boolean or error ("00123", "2024-03-01", "TRUE", "#N/A") goes into cells formatted "@" first,
 * so it arrives as the text the department typed.
 */
export async function queueCellEdits(ctx: Excel.RequestContext, edits: readonly CellEdit[], maxBytes: number, send: (bytes: number) => Promise<void>): Promise<void> {
  let bytes = 0;
  for (const run of cellRuns(edits)) {
    const values = run.values.map(literalForExcel);
    const texts = textRuns(run.values);
    const size = utf8Length(JSON.stringify(values)) + 120 + texts.reduce((a, t) => a + 30 + 4 * t.length, 0);
    if (bytes > 0 && bytes + size > maxBytes) {
      await send(bytes);
      bytes = 0;
    }
    const ws = ctx.workbook.worksheets.getItem(run.sheet);
    for (const t of texts) ws.getRangeByIndexes(run.row, run.col + t.start, 1, t.length).numberFormat = [new Array<string>(t.length).fill("@")];
    ws.getRangeByIndexes(run.row, run.col, 1, values.length).values = [values];
    bytes += size;
  }
  await send(bytes);
}

function cellRuns(edits: readonly CellEdit[]): { sheet: string; row: number; col: number; values: CellEdit["value"][] }[] {
  const sorted = [...edits].sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.row - b.row || a.col - b.col));
  const runs: { sheet: string; row: number; col: number; values: CellEdit["value"][] }[] = [];
  for (const e of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.sheet === e.sheet && last.row === e.row && last.col + last.values.length === e.col) last.values.push(e.value);
    else runs.push({ sheet: e.sheet, row: e.row, col: e.col, values: [e.value] });
  }
  return runs;
}

/** Stretches of a run whose text needs the text format. */
function textRuns(values: readonly CellEdit["value"][]): { start: number; length: number }[] {
  const out: { start: number; length: number }[] = [];
  values.forEach((v, i) => {
    if (!needsTextFormat(v)) return;
    const last = out[out.length - 1];
    if (last && last.start + last.length === i) last.length++;
    else out.push({ start: i, length: 1 });
  });
  return out;
}
