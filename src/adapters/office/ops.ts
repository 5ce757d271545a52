import type { CellSpec, SheetSpec, StyleKey, ValidationSpec, WritePlan } from "../../workbook/plan";
import { parseRange, rangeA1 } from "../../workbook/address";
import { temporarySheetName } from "../../workbook/port";
import { relativeForm } from "../../workbook/formulaRefs";

/**
 * A write plan flattened into Office operations, as plain data: sized before anything is sent,
 * so the adapter can pack them into as few requests as possible, each under Excel on the web's
 * 5 MB request limit. `sheet` is always the temporary name of a new sheet.
 */
export type Op =
  | { kind: "deleteSheet"; sheet: string }
  | { kind: "addSheet"; sheet: string }
  | { kind: "cells"; sheet: string; row: number; col: number; formulas: (string | number | boolean)[][] }
  | { kind: "numberFormat"; sheet: string; row: number; col: number; formats: string[][] }
  /** Copy the rectangle's first row into the rows below it, as Excel fills down (ExcelApi 1.9 copyFrom). */
  | { kind: "fill"; sheet: string; row: number; col: number; rows: number; cols: number; copy: "Formulas" | "Formats" }
  | { kind: "style"; sheet: string; address: string; style: StyleKey }
  | { kind: "validation"; sheet: string; address: string; rule: ValidationSpec }
  | { kind: "columnWidth"; sheet: string; col: number; width: number }
  | { kind: "merge"; sheet: string; address: string }
  | { kind: "sheetSetup"; sheet: string; spec: Pick<SheetSpec, "freeze" | "print" | "state" | "protect" | "tabColor">; rows: number; cols: number }
  | { kind: "swapIn"; sheet: string; name: string; replaces: boolean; position: number | null };

/** Request bytes an op costs: its JSON plus a fixed envelope per Office action. */
export function opBytes(op: Op): number {
  return utf8Length(JSON.stringify(op)) + 120;
}

// Small enough that requests pack to within a few percent of the limit.
const ROW_BLOCK_BYTES = 256 * 1024;

/** UTF-8 length without encoding: Chinese text is 3 bytes a character on the wire. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

export function planOps(plan: WritePlan, existingSheets: readonly string[]): Op[] {
  const ops: Op[] = [];
  // Leftovers of an interrupted earlier run would block the temporary names.
  plan.sheets.forEach((_, i) => {
    if (existingSheets.includes(temporarySheetName(i))) ops.push({ kind: "deleteSheet", sheet: temporarySheetName(i) });
  });
  plan.sheets.forEach((spec, i) => ops.push(...sheetOps(spec, temporarySheetName(i))));
  // Swap-ins come last, after every new sheet is complete: a failure before them keeps the old sheets.
  plan.sheets.forEach((spec, i) => {
    ops.push({ kind: "swapIn", sheet: temporarySheetName(i), name: spec.name, replaces: existingSheets.includes(spec.name), position: plan.placement === "first" ? i : null });
  });
  return ops;
}

function sheetOps(spec: SheetSpec, sheet: string): Op[] {
  const ops: Op[] = [{ kind: "addSheet", sheet }];
  const width = Math.max(spec.columnWidths.length, ...spec.rows.map((r) => r.length), 1);
  // Columns that hold one formula filled down are sent once and filled by Excel: this is what
  // keeps a 3,000-unit aggregate inside a few requests (see fillRuns).
  const fills = fillRuns(spec.rows, fillKey);
  const covered = coveredCells(fills);
  ops.push(...cellBlocks(spec.rows, width, covered, sheet));
  for (const f of fills) ops.push({ kind: "fill", sheet, row: f.top, col: f.left, rows: f.bottom - f.top + 1, cols: f.right - f.left + 1, copy: "Formulas" });
  // Number formats by rectangle, and only where one is set: "General" is what a new sheet has.
  // The top row is written and copied down (before any style, so only the format travels).
  for (const [fmt, address] of rectangles(spec.rows, (c) => c?.numFmt)) {
    const r = parseRange(address);
    const tall = r.bottom > r.top && (r.bottom - r.top) * (r.right - r.left + 1) * (fmt.length + 3) > FILL_WORTH_BYTES;
    const rows = tall ? 1 : r.bottom - r.top + 1;
    ops.push({ kind: "numberFormat", sheet, row: r.top, col: r.left, formats: Array.from({ length: rows }, () => new Array<string>(r.right - r.left + 1).fill(fmt)) });
    if (tall) ops.push({ kind: "fill", sheet, row: r.top, col: r.left, rows: r.bottom - r.top + 1, cols: r.right - r.left + 1, copy: "Formats" });
  }
  for (const [style, address] of rectangles(spec.rows, (c) => c?.style)) ops.push({ kind: "style", sheet, address, style: style as StyleKey });
  for (const [key, address] of rectangles(spec.rows, (c) => (c?.validation ? JSON.stringify(c.validation) : undefined))) {
    ops.push({ kind: "validation", sheet, address, rule: JSON.parse(key) as ValidationSpec });
  }
  spec.columnWidths.forEach((w, col) => ops.push({ kind: "columnWidth", sheet, col, width: w }));
  for (const address of spec.merges) ops.push({ kind: "merge", sheet, address });
  const { freeze, print, state, protect, tabColor } = spec;
  ops.push({ kind: "sheetSetup", sheet, spec: { freeze, print, state, protect, tabColor }, rows: spec.rows.length, cols: width });
  return ops;
}

/** A fill pays for its request envelope once it spares this many bytes of cell text. */
const FILL_WORTH_BYTES = 400;

/**
 * What makes two cells one fill: the same formula relative to their own cell (as R1C1 would
 * write it), or the same literal. Cells with no key are always written one by one.
 */
function fillKey(c: CellSpec | null, row: number, col: number): string | undefined {
  if (!c) return undefined;
  if (c.formula !== undefined) {
    const rel = relativeForm(c.formula, row, col);
    return rel === null ? undefined : `=${rel}`;
  }
  return c.value === null || c.value === undefined ? undefined : `:${JSON.stringify(c.value)}`;
}

interface Rect { top: number; left: number; bottom: number; right: number }

/** Rectangles of one fill key at least two rows tall whose copy saves more than it costs. */
function fillRuns(rows: readonly (readonly (CellSpec | null)[])[], keyOf: (c: CellSpec | null, r: number, col: number) => string | undefined): Rect[] {
  const keyed = rows.map((row, r) => row.map((c, col) => keyOf(c, r, col) ?? null));
  const runs: Rect[] = [];
  for (const [key, address] of rectangles(keyed, (k) => k ?? undefined)) {
    const r = parseRange(address);
    if (r.bottom > r.top && (r.bottom - r.top) * (r.right - r.left + 1) * key.length > FILL_WORTH_BYTES) runs.push(r);
  }
  return runs;
}

/** Cells a fill writes (every row of its rectangle but the first), as "row,col". */
function coveredCells(fills: readonly Rect[]): Set<string> {
  const covered = new Set<string>();
  for (const f of fills) for (let r = f.top + 1; r <= f.bottom; r++) for (let c = f.left; c <= f.right; c++) covered.add(`${r},${c}`);
  return covered;
}

/**
 * The cells left to write, in row blocks small enough to pack several into one request; each
 * block spans only the columns that still have something to write.
 */
function cellBlocks(rows: readonly (readonly (CellSpec | null)[])[], width: number, covered: ReadonlySet<string>, sheet: string): Op[] {
  const ops: Op[] = [];
  const own = rows.map((row, r) => Array.from({ length: width }, (_, c) => (covered.has(`${r},${c}`) ? null : (row[c] ?? null))));
  let start = 0;
  while (start < own.length) {
    let end = start;
    let bytes = 0;
    let left = width;
    let right = -1;
    while (end < own.length && (end === start || bytes < ROW_BLOCK_BYTES)) {
      own[end]!.forEach((c, i) => {
        if (c === null) return;
        left = Math.min(left, i);
        right = Math.max(right, i);
        bytes += utf8Length(JSON.stringify(cellFormula(c))) + 1;
      });
      end++;
    }
    if (right >= left) {
      ops.push({ kind: "cells", sheet, row: start, col: left, formulas: own.slice(start, end).map((r) => r.slice(left, right + 1).map(cellFormula)) });
    }
    start = end;
  }
  return ops;
}

/** What `range.formulas` takes: "=…" for formulas, text that looks like one quoted, "" for empty. */
function cellFormula(c: CellSpec | null): string | number | boolean {
  if (!c) return "";
  if (c.formula !== undefined) return `=${c.formula}`;
  const v = c.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "string" && /^[=+\-@]/.test(v)) return `'${v}`;
  return v;
}

/**
 * Group equal keys into rectangles: runs along each row, then identical runs on consecutive rows
 * merged. Templates are column-regular, so a sheet of thousands of rows needs only a few ops.
 */
export function rectangles<T>(rows: readonly (readonly (T | null)[])[], keyOf: (c: T | null) => string | undefined): [string, string][] {
  type Rect = { key: string; top: number; bottom: number; left: number; right: number };
  const open = new Map<string, Rect>();
  const done: Rect[] = [];
  rows.forEach((row, r) => {
    const runs: Rect[] = [];
    let c = 0;
    while (c < row.length) {
      const key = keyOf(row[c] ?? null);
      if (key === undefined) {
        c++;
        continue;
      }
      let e = c;
      while (e + 1 < row.length && keyOf(row[e + 1] ?? null) === key) e++;
      runs.push({ key, top: r, bottom: r, left: c, right: e });
      c = e + 1;
    }
    const seen = new Set<string>();
    for (const run of runs) {
      const id = `${run.key}\u0000${run.left}\u0000${run.right}`;
      seen.add(id);
      const prev = open.get(id);
      if (prev && prev.bottom === r - 1) prev.bottom = r;
      else {
        if (prev) done.push(prev);
        open.set(id, run);
      }
    }
    for (const [id, rect] of open) {
      if (!seen.has(id) && rect.bottom < r) {
        done.push(rect);
        open.delete(id);
      }
    }
  });
  done.push(...open.values());
  return done.map((x) => [x.key, rangeA1(x)]);
}

/** Pack ops into requests under `maxBytes`, keeping order. A single larger op gets a request of its own. */
export function chunkOps(ops: readonly Op[], maxBytes: number): Op[][] {
  const chunks: Op[][] = [];
  let current: Op[] = [];
  let bytes = 0;
  for (const op of ops) {
    const b = opBytes(op);
    if (current.length > 0 && bytes + b > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(op);
    bytes += b;
  }
  if (current.length) chunks.push(current);
  return chunks;
}
