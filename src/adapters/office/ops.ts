import type { CellSpec, SheetSpec, StyleKey, ValidationSpec, WritePlan } from "../../workbook/plan";
import { parseRange, rangeA1 } from "../../workbook/address";
import { temporarySheetName } from "../../workbook/port";

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
  | { kind: "style"; sheet: string; address: string; style: StyleKey }
  | { kind: "validation"; sheet: string; address: string; rule: ValidationSpec }
  | { kind: "columnWidth"; sheet: string; col: number; width: number }
  | { kind: "merge"; sheet: string; address: string }
  | { kind: "sheetSetup"; sheet: string; spec: Pick<SheetSpec, "freeze" | "print" | "state" | "protect" | "tabColor">; rows: number; cols: number }
  | { kind: "swapIn"; sheet: string; name: string; replaces: boolean; position: number | null };

/** Request bytes an op costs: its JSON plus a fixed envelope per Office action. */
export function opBytes(op: Op): number {
  return new TextEncoder().encode(JSON.stringify(op)).length + 120;
}

const ROW_BLOCK_BYTES = 512 * 1024;

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
  // Values and formulas in row blocks small enough to pack several into one request.
  let start = 0;
  while (start < spec.rows.length) {
    let end = start;
    let bytes = 0;
    while (end < spec.rows.length && (end === start || bytes < ROW_BLOCK_BYTES)) {
      bytes += JSON.stringify(spec.rows[end]).length;
      end++;
    }
    const block = spec.rows.slice(start, end);
    ops.push({ kind: "cells", sheet, row: start, col: 0, formulas: block.map((r) => pad(r, width).map(cellFormula)) });
    start = end;
  }
  // Number formats by rectangle, and only where one is set: "General" is what a new sheet has.
  for (const [fmt, address] of rectangles(spec.rows, (c) => c?.numFmt)) {
    const r = parseRange(address);
    ops.push({ kind: "numberFormat", sheet, row: r.top, col: r.left, formats: Array.from({ length: r.bottom - r.top + 1 }, () => new Array<string>(r.right - r.left + 1).fill(fmt)) });
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

function pad(row: readonly (CellSpec | null)[], width: number): (CellSpec | null)[] {
  return Array.from({ length: width }, (_, i) => row[i] ?? null);
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
export function rectangles(rows: readonly (readonly (CellSpec | null)[])[], keyOf: (c: CellSpec | null) => string | undefined): [string, string][] {
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
