import type { Diagnostic, Severity } from "./diagnostic";
import { a1, parseA1, parseRange } from "../workbook/address";

/**
 * Grouping for people, not for machines: a sheet with 50,000 junk rows gives 50,000 "unknown unit"
 * errors, and nobody reads (or a task pane renders) 50,000 lines that all say the same thing. So a
 * display shows the first few of each kind and then one line with how many more there are and
 * where. `--json` and result.json never go through this: they keep every item.
 */

/** How many diagnostics of one code on one sheet are shown before the rest become one summary line. */
export const GROUP_LIMIT = 20;

/**
 * "另有 49,980 处同类错误（办公室!B31:B50030）": the diagnostics of one severity, sheet and code left
 * out of a display. It is shaped like a Diagnostic (its `cell` is the first range) so that whatever
 * shows or selects a diagnostic can show or select it too.
 */
export interface DiagnosticSummary extends Diagnostic {
  /** How many diagnostics this line stands for. */
  readonly count: number;
  /** Their cells, compacted: consecutive rows of a column become one range ("B31:B50030"). */
  readonly ranges: readonly string[];
}

export type DisplayEntry =
  | { readonly kind: "diagnostic"; readonly diagnostic: Diagnostic }
  | { readonly kind: "summary"; readonly summary: DiagnosticSummary };

/** Ranges written out in a summary's message; the rest are counted ("等 12 个区域"). */
const RANGES_SHOWN = 3;

/**
 * At most `limit` diagnostics per severity, sheet and code, each kind's summary standing where its
 * first left-out diagnostic stood. Input order is kept (pass sorted diagnostics: sortDiagnostics).
 * Linear in the number of diagnostics.
 */
export function groupDiagnostics(ds: readonly Diagnostic[], limit: number = GROUP_LIMIT): DisplayEntry[] {
  const seen = new Map<string, number>();
  const left = new Map<string, { at: number; first: Diagnostic; cells: (string | null)[] }>();
  const entries: (DisplayEntry | null)[] = [];
  for (const d of ds) {
    const key = `${d.severity}\u0000${d.sheet ?? ""}\u0000${d.code}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n <= limit) {
      entries.push({ kind: "diagnostic", diagnostic: d });
      continue;
    }
    const group = left.get(key);
    if (group) group.cells.push(d.cell);
    else {
      left.set(key, { at: entries.length, first: d, cells: [d.cell] });
      entries.push(null); // the summary's place, filled in once its count is known
    }
  }
  for (const { at, first, cells } of left.values()) {
    entries[at] = { kind: "summary", summary: summarise(first.severity, first.sheet, first.code, cells) };
  }
  return entries as DisplayEntry[];
}

const NOUN: Record<Severity, readonly [string, string]> = {
  error: ["错误", "errors"],
  warning: ["警告", "warnings"],
  info: ["提示", "notes"],
};

function summarise(severity: Severity, sheet: string | null, code: string, cells: readonly (string | null)[]): DiagnosticSummary {
  const ranges = compactRanges(cells);
  const count = cells.length;
  const n = count.toLocaleString("en-US");
  const [zhNoun, enNoun] = NOUN[severity];
  const where = whereText(sheet, ranges);
  return {
    severity,
    sheet,
    cell: ranges[0] ?? null,
    code,
    count,
    ranges,
    message: `另有 ${n} 处同类${zhNoun}${where.zh ? `（${where.zh}）` : ""}，处理方法同上。`,
    messageEn: `${n} more ${enNoun} of the same kind${where.en ? ` (${where.en})` : ""}; deal with them as above.`,
  };
}

function whereText(sheet: string | null, ranges: readonly string[]): { zh: string; en: string } {
  if (ranges.length === 0) return { zh: sheet ?? "", en: sheet ?? "" };
  const shown = ranges.slice(0, RANGES_SHOWN);
  const head = sheet ? `${sheet}!${shown[0]}` : shown[0]!;
  const rest = ranges.length - shown.length;
  return {
    zh: [head, ...shown.slice(1)].join("、") + (rest > 0 ? ` 等 ${ranges.length} 个区域` : ""),
    en: [head, ...shown.slice(1)].join(", ") + (rest > 0 ? `, … (${ranges.length} areas)` : ""),
  };
}

interface Area {
  readonly top: number;
  readonly left: number;
  bottom: number;
  readonly text: string | null;
}

/**
 * Cells → the fewest column ranges: B31, B32 … B50030 → "B31:B50030". A cell given as a range
 * (a merged area) or in a form we do not parse stays as it is; cells without an address are
 * dropped (they are still counted). Ranges come out top to bottom, then left to right.
 */
export function compactRanges(cells: readonly (string | null)[]): string[] {
  const areas: Area[] = [];
  const lastRunOfColumn = new Map<number, Area>();
  for (const cell of cells) {
    if (!cell) continue;
    const p = parseCell(cell);
    if (!p) {
      // A merged area keeps its place in the order; anything unparsable goes last, as written.
      const r = /^[A-Z]{1,3}\d+:[A-Z]{1,3}\d+$/.test(cell) ? parseRange(cell) : null;
      areas.push({ top: r?.top ?? Number.MAX_SAFE_INTEGER, left: r?.left ?? 0, bottom: r?.bottom ?? 0, text: cell });
      continue;
    }
    const run = lastRunOfColumn.get(p.col);
    if (run && p.row >= run.top && p.row <= run.bottom + 1) {
      run.bottom = Math.max(run.bottom, p.row);
      continue;
    }
    const area: Area = { top: p.row, left: p.col, bottom: p.row, text: null };
    areas.push(area);
    lastRunOfColumn.set(p.col, area);
  }
  // Sorted input gives rows in order, so one pass merges every run; the dedupe below catches the rest.
  areas.sort((a, b) => a.top - b.top || a.left - b.left);
  const out: string[] = [];
  for (const a of areas) {
    const text = a.text ?? (a.top === a.bottom ? a1(a.top, a.left) : `${a1(a.top, a.left)}:${a1(a.bottom, a.left)}`);
    if (out[out.length - 1] !== text) out.push(text);
  }
  return out;
}

/** "B31" → its row and column (0-based); null for ranges and anything else. */
function parseCell(cell: string): { row: number; col: number } | null {
  return /^[A-Z]{1,3}\d+$/.test(cell) ? parseA1(cell) : null;
}
