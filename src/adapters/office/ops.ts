import { sheetWidth, type CellSpec, type SheetSpec, type StyleKey, type ValidationSpec } from "../../workbook/plan";
import { parseRange, rangeA1 } from "../../workbook/address";
import { relativeForm } from "../../workbook/formulaRefs";
import { linkFormula } from "../../workbook/links";
import { literalForExcel, needsTextFormat, renameSheetRefs } from "./text";
import type { SheetLayout } from "./swap";
import { styleActions } from "./execute";

/**
 * A write plan flattened into Office operations, as plain data: sized before anything is sent,
 * so the adapter can pack them into as few requests as possible, each under Excel on the web's
 * 5 MB request limit. Building addresses the temporary sheets; the swap (swap.ts) the real ones.
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
  /** One height, in points, for the rows of `areas` ("A5:A9,A12:A12": a RangeAreas address). */
  | { kind: "rowHeight"; sheet: string; areas: string; height: number }
  /** Print set-up is not here: it is a request of its own after the swap (print.ts). */
  | { kind: "sheetSetup"; sheet: string; spec: Pick<SheetSpec, "freeze" | "state" | "protect" | "tabColor">; rows: number; cols: number }
  | { kind: "unprotect"; sheet: string }
  | { kind: "protect"; sheet: string }
  | { kind: "unmerge"; sheet: string; address: string }
  /** Paste everything of `from`'s rectangle A1:… onto the same cells of `sheet` (copyFrom "All"). */
  | { kind: "paste"; sheet: string; from: string; rows: number; cols: number }
  | { kind: "rename"; sheet: string; name: string }
  | { kind: "position"; sheet: string; position: number }
  | { kind: "calculate"; sheet: string };

/**
 * Request bytes an op costs: its JSON plus a fixed envelope, plus, for an op that becomes many
 * Office actions (a style: up to 19 property sets on the range's format), each action with the
 * range's address. Counting a style as one action undercounted a 3,000-unit write by half.
 */
export function opBytes(op: Op): number {
  const json = utf8Length(JSON.stringify(op)) + 120;
  if (op.kind !== "style") return json;
  const actions = styleActions(op.style);
  return json + actions.format * (40 + op.address.length) + actions.border * 30;
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

/** A column filled by Excel (copyFrom), to be checked after writing: its last row as the plan has it. */
export interface FillCheck {
  /** The sheet's real name (after the swap). */
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
  readonly copy: "Formulas" | "Formats";
  /** The sheet is protected once written: a rewrite has to lift the protection and put it back. */
  readonly protect: boolean;
  /** The last row as it should read back: "=formula" (real sheet names) or literal; or number formats. */
  readonly expected: readonly (string | number | boolean)[];
  /** The fill's rows below the first, written cell by cell: the fallback when Excel filled otherwise. */
  readonly explicit: () => Op[];
}

/**
 * The operations that build every sheet of the plan under its temporary name. All sheets are
 * added first, so every reference among them finds its target: a reference to a sheet being
 * created is written to its temporary name (Excel rewrites it when the sheet is renamed), one to
 * a sheet being replaced to its real name (that sheet is rewritten in place and keeps its identity).
 */
export function buildOps(layout: SheetLayout): { ops: Op[]; fills: FillCheck[] } {
  const ops: Op[] = layout.leftovers.map((sheet) => ({ kind: "deleteSheet" as const, sheet }));
  ops.push(...layout.sheets.map((s) => ({ kind: "addSheet" as const, sheet: s.temp })));
  const fresh = new Map(layout.sheets.filter((s) => !s.replaces).map((s) => [s.name, s.temp]));
  // Most formulas name no sheet being created (none at all on a re-aggregate): skip those quickly.
  const retarget = (f: string) => ([...fresh.keys()].some((n) => f.includes(n)) ? renameSheetRefs(f, (n) => fresh.get(n)) : f);
  const fills: FillCheck[] = [];
  for (const s of layout.sheets) {
    const built = sheetOps(retargeted(s.spec, retarget), s.temp, s.replaces);
    // Not ops.push(...built.ops): a 3,000-unit sheet's tens of thousands of ops overflow the call stack.
    for (const op of built.ops) ops.push(op);
    fills.push(...built.fills.map((f) => fillCheck(s.spec, s.name, f)));
  }
  return { ops, fills };
}

/** The spec with its formulas and validation lists pointing at the sheets as they exist while building. */
function retargeted(spec: SheetSpec, retarget: (f: string) => string): SheetSpec {
  const cell = (c: CellSpec | null): CellSpec | null => {
    if (!c) return c;
    const v = c.validation;
    const validation = v?.kind === "list" && v.source ? { ...v, source: retarget(v.source) } : v;
    return { ...c, ...(c.formula !== undefined ? { formula: retarget(c.formula) } : {}), ...(validation ? { validation } : {}) };
  };
  return { ...spec, rows: spec.rows.map((row) => row.map(cell)) };
}

function fillCheck(spec: SheetSpec, sheet: string, f: Rect & { copy: "Formulas" | "Formats" }): FillCheck {
  const last = spec.rows[f.bottom]!;
  const cols = Array.from({ length: f.right - f.left + 1 }, (_, i) => last[f.left + i] ?? null);
  const rows = f.bottom - f.top + 1;
  return {
    sheet, row: f.top, col: f.left, rows, cols: cols.length, copy: f.copy, protect: spec.protect === true,
    expected: f.copy === "Formats" ? cols.map((c) => c?.numFmt ?? "General") : cols.map(cellFormula),
    explicit: () => f.copy === "Formats"
      ? [{ kind: "numberFormat", sheet, row: f.top + 1, col: f.left, formats: Array.from({ length: rows - 1 }, (_, r) => cols.map((_c, i) => spec.rows[f.top + 1 + r]![f.left + i]?.numFmt ?? "General")) }]
      : [{ kind: "cells", sheet, row: f.top + 1, col: f.left, formulas: Array.from({ length: rows - 1 }, (_, r) => cols.map((_c, i) => cellFormula(spec.rows[f.top + 1 + r]![f.left + i] ?? null))) }],
  };
}

/**
 * One sheet's operations. A sheet that replaces an existing one gets its widths, merges and sheet
 * settings when it is pasted onto that sheet (swap.ts): only cell content and formats travel.
 */
function sheetOps(spec: SheetSpec, sheet: string, replaces: boolean): { ops: Op[]; fills: (Rect & { copy: "Formulas" | "Formats" })[] } {
  const ops: Op[] = [];
  const width = sheetWidth(spec);
  // Text Excel would read as a number, date or boolean goes into cells formatted as text first.
  for (const [, address] of rectangles(spec.rows, (c) => (c?.formula === undefined && needsTextFormat(c?.value) ? "@" : undefined))) {
    const r = parseRange(address);
    ops.push({ kind: "numberFormat", sheet, row: r.top, col: r.left, formats: Array.from({ length: r.bottom - r.top + 1 }, () => new Array<string>(r.right - r.left + 1).fill("@")) });
  }
  // Columns that hold one formula filled down are sent once and filled by Excel: this is what
  // keeps a 3,000-unit aggregate inside a few requests (see fillRuns).
  const fills = fillRuns(spec.rows, fillKey);
  const covered = coveredCells(fills);
  const checks: (Rect & { copy: "Formulas" | "Formats" })[] = fills.map((f) => ({ ...f, copy: "Formulas" }));
  ops.push(...cellBlocks(spec.rows, width, covered, sheet));
  for (const f of fills) ops.push({ kind: "fill", sheet, row: f.top, col: f.left, rows: f.bottom - f.top + 1, cols: f.right - f.left + 1, copy: "Formulas" });
  // Number formats by rectangle, and only where one is set: "General" is what a new sheet has.
  // The top row is written and copied down (before any style, so only the format travels).
  for (const [fmt, address] of rectangles(spec.rows, (c) => c?.numFmt)) {
    const r = parseRange(address);
    const tall = r.bottom > r.top && (r.bottom - r.top) * (r.right - r.left + 1) * (fmt.length + 3) > FILL_WORTH_BYTES;
    const rows = tall ? 1 : r.bottom - r.top + 1;
    ops.push({ kind: "numberFormat", sheet, row: r.top, col: r.left, formats: Array.from({ length: rows }, () => new Array<string>(r.right - r.left + 1).fill(fmt)) });
    if (tall) {
      ops.push({ kind: "fill", sheet, row: r.top, col: r.left, rows: r.bottom - r.top + 1, cols: r.right - r.left + 1, copy: "Formats" });
      checks.push({ ...r, copy: "Formats" });
    }
  }
  for (const [style, address] of rectangles(spec.rows, (c) => c?.style)) ops.push({ kind: "style", sheet, address, style: style as StyleKey });
  for (const [key, address] of rectangles(spec.rows, (c) => (c?.validation ? JSON.stringify(c.validation) : undefined))) {
    ops.push({ kind: "validation", sheet, address, rule: JSON.parse(key) as ValidationSpec });
  }
  // A replaced sheet gets its look when pasted onto the old one (swap.ts); its merges are made here
  // too, so a merge Excel refuses fails while building, when nothing is in place yet.
  for (const op of replaces ? spec.merges.map((address) => ({ kind: "merge" as const, sheet, address })) : sheetLook(spec, sheet, width)) ops.push(op);
  return { ops, fills: checks };
}

/** Widths, merges and sheet settings: given to a new sheet while it is built, to a replaced one after the paste. */
export function sheetLook(spec: SheetSpec, sheet: string, width: number): Op[] {
  const ops: Op[] = spec.columnWidths.map((w, col) => ({ kind: "columnWidth" as const, sheet, col, width: w }));
  for (const address of spec.merges) ops.push({ kind: "merge", sheet, address });
  for (const { areas, height } of heightAreas(spec.rowHeights ?? {})) ops.push({ kind: "rowHeight", sheet, areas, height });
  const { freeze, state, protect, tabColor } = spec;
  ops.push({ kind: "sheetSetup", sheet, spec: { freeze, state, protect, tabColor }, rows: spec.rows.length, cols: width });
  return ops;
}

/**
 * Row heights as few actions as possible: a sheet has a handful of distinct heights but, at 3,000
 * units, tens of thousands of runs (扣分明细: 8 heights, 21,556 runs), so the rows of one height go
 * into RangeAreas addresses (ExcelApi 1.9 getRanges), each under 255 characters — the longest
 * multi-area address Excel's object model documents taking (VBA's Range) — not an action per run.
 */
export function heightAreas(heights: Readonly<Record<number, number>>): { areas: string; height: number }[] {
  const byHeight = new Map<number, { from: number; to: number }[]>();
  const rows = Object.keys(heights).map(Number).sort((a, b) => a - b);
  for (const r of rows) {
    const h = heights[r]!;
    const runs = byHeight.get(h) ?? byHeight.set(h, []).get(h)!;
    const last = runs[runs.length - 1];
    if (last && last.to === r - 1) last.to = r;
    else runs.push({ from: r, to: r });
  }
  const out: { areas: string; height: number }[] = [];
  for (const [height, runs] of byHeight) {
    let areas = "";
    for (const run of runs) {
      const a = `A${run.from + 1}:A${run.to + 1}`;
      if (areas && areas.length + 1 + a.length > MAX_AREAS_ADDRESS) {
        out.push({ areas, height });
        areas = "";
      }
      areas = areas ? `${areas},${a}` : a;
    }
    if (areas) out.push({ areas, height });
  }
  return out;
}

const MAX_AREAS_ADDRESS = 255;

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
  const link = linkFormula(c);
  return link !== undefined ? `=${link}` : literalForExcel(c.value ?? null);
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
