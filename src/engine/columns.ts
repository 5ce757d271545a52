import type { Scheme } from "../scheme/schema";
import { a1 } from "../workbook/address";
import type { EvaluationInputs, IndicatorInput, InputValue, Source } from "./inputs";

/**
 * The basic-work inputs in columns: per indicator and rule column, one Float64Array over the
 * scheme's units, so the engine's hot loop reads figures from typed arrays instead of one object
 * per score (600,000 of them at 3,000 units × 200 indicators). What is not a figure — a blank
 * cell, 不适用, 是/否, a unit the sheet has no row for — is NaN in the figures and told apart by a
 * byte beside it. Sources are not stored per score: a score's cell is (the unit's row on the
 * sheet, the column's index), turned into text only when an IndicatorInput is asked for.
 */

/** What a cell holds besides a figure (the byte beside the NaN). */
export const CELL = { number: 0, blank: 1, na: 2, yes: 3, no: 4, absent: 5 } as const;

export interface ValueColumn {
  /** Key in IndicatorInput.values: "score", "m:<measure id>", "gate", "count". */
  readonly key: string;
  /** 0-based column on the sheet. */
  readonly col: number;
  /** The figure per unit (scheme order), NaN when the cell holds no figure. */
  readonly values: Float64Array;
  /** CELL.* per unit; only read where `values` is NaN. */
  readonly kinds: Uint8Array;
}

export interface IndicatorColumns {
  /** Position in scheme.indicators. */
  readonly index: number;
  readonly id: string;
  readonly sheet: string;
  /** Each unit's 0-based row on the sheet, −1 when the sheet has no row for it (the indicator scores 0). */
  readonly rows: Int32Array;
  readonly columns: readonly ValueColumn[];
  readonly reasonCol: number;
  /** Reasons written, by unit index: most are blank, so only the written ones are kept. */
  readonly reasons: Map<number, string>;
}

/** One department sheet's inputs. */
export interface SheetColumns {
  readonly sheet: string;
  /** The units found, in row order (unit indices): the order the object form lists them in. */
  readonly units: Int32Array;
  readonly indicators: readonly IndicatorColumns[];
}

export interface BasicColumns {
  /** The scheme whose unit and indicator order the columns follow. */
  readonly scheme: Scheme;
  readonly sheets: readonly SheetColumns[];
  /** Per indicator (scheme order), its columns; undefined when no sheet gave it. */
  readonly byIndicator: readonly (IndicatorColumns | undefined)[];
}

/**
 * An empty sheet's columns for `found` units (unit index and row), one block per indicator with
 * its rule columns; the reader fills them with setValue and setReason.
 */
export function sheetColumns(
  scheme: Scheme, sheet: string, found: readonly { readonly unit: number; readonly row: number }[],
  blocks: readonly { readonly index: number; readonly columns: readonly { readonly key: string; readonly col: number }[]; readonly reasonCol: number }[],
): SheetColumns {
  const n = scheme.units.length;
  const rows = new Int32Array(n).fill(-1);
  const units = new Int32Array(found.length);
  found.forEach((f, k) => {
    rows[f.unit] = f.row;
    units[k] = f.unit;
  });
  const indicators = blocks.map((b): IndicatorColumns => ({
    index: b.index,
    id: scheme.indicators[b.index]!.id,
    sheet,
    rows,
    columns: b.columns.map((c) => ({ key: c.key, col: c.col, values: new Float64Array(n).fill(NaN), kinds: new Uint8Array(n).fill(CELL.absent) })),
    reasonCol: b.reasonCol,
    reasons: new Map(),
  }));
  return { sheet, units, indicators };
}

export function setValue(column: ValueColumn, unit: number, v: InputValue): void {
  if (typeof v === "number") {
    column.values[unit] = v;
    column.kinds[unit] = CELL.number;
  } else column.kinds[unit] = v === null ? CELL.blank : v === "na" ? CELL.na : v ? CELL.yes : CELL.no;
}

export function valueAt(column: ValueColumn, unit: number): InputValue | undefined {
  const k = column.kinds[unit];
  if (k === CELL.number) return column.values[unit]!;
  return k === CELL.blank ? null : k === CELL.na ? "na" : k === CELL.yes ? true : k === CELL.no ? false : undefined;
}

/** The sheets' columns as one, or null when two sheets give the same indicator (the object form then keeps both). */
export function combineColumns(scheme: Scheme, sheets: readonly SheetColumns[]): BasicColumns | null {
  const byIndicator: (IndicatorColumns | undefined)[] = new Array(scheme.indicators.length).fill(undefined);
  for (const s of sheets) {
    for (const ic of s.indicators) {
      if (byIndicator[ic.index]) return null;
      byIndicator[ic.index] = ic;
    }
  }
  return { scheme, sheets, byIndicator };
}

/** One score's inputs in the object form, or undefined when its sheet has no row for the unit. */
export function inputAt(ic: IndicatorColumns, unitName: string, unit: number): IndicatorInput | undefined {
  const row = ic.rows[unit]!;
  if (row < 0) return undefined;
  const values: Record<string, InputValue> = {};
  const sources: Record<string, Source> = {};
  for (const c of ic.columns) {
    sources[c.key] = { sheet: ic.sheet, cell: a1(row, c.col) };
    values[c.key] = valueAt(c, unit) ?? null;
  }
  return { unit: unitName, indicator: ic.id, values, sources, reason: ic.reasons.get(unit) ?? null, reasonSource: { sheet: ic.sheet, cell: a1(row, ic.reasonCol) } };
}

/** A sheet's inputs in the object form, in the order the reader has always listed them: row by row, block by block. */
export function sheetInputs(scheme: Scheme, s: SheetColumns): IndicatorInput[] {
  const out: IndicatorInput[] = [];
  for (const u of s.units) for (const ic of s.indicators) out.push(inputAt(ic, scheme.units[u]!.name, u)!);
  return out;
}

/**
 * Inputs whose basic work is held in columns. `basic` (the object form, for trails, 扣分明细,
 * validation and every report) is built when first read. The columns are found again through
 * basicColumnsOf(inputs) — keyed by this very object, so inputs derived from it (a spread with
 * other basic inputs, a copy through a worker) never carry columns that no longer match.
 * The columns do not change once evaluated: an evaluation's indicator scores and explanations
 * are worked out of them when first read (fastColumns.ts), as the object form is.
 */
export function columnarInputs(columns: BasicColumns, rest: Omit<EvaluationInputs, "basic">): EvaluationInputs {
  let basic: IndicatorInput[] | undefined;
  const inputs: EvaluationInputs = {
    get basic() {
      return (basic ??= columns.sheets.flatMap((s) => sheetInputs(columns.scheme, s)));
    },
    cases: rest.cases,
    events: rest.events,
    composite: rest.composite,
  };
  held.set(inputs, columns);
  return inputs;
}

const held = new WeakMap<EvaluationInputs, BasicColumns>();

export function basicColumnsOf(inputs: EvaluationInputs): BasicColumns | undefined {
  return held.get(inputs);
}
