// A reading crosses from the compute worker to the page as bytes for what no screen shows at once.
// At 3,000 units a reading is ≈ 2.7 million values (every input twice — as read and before 平时评价 —
// and each unit's 200 indicator scores and its explanation). Copied in as objects, even in slices,
// they filled the page's heap: its garbage collections, not our code, made the long tasks (100–450 ms
// each in a Chromium trace) while 校验 and 汇总 answered. So the inputs and each unit's indicators and
// explanation travel as UTF-8 JSON in transferred buffers (moved, not copied) and become objects on
// the page only when read — one unit's when its explanation opens, the inputs when 晾晒 or 分类指导
// needs them. The page keeps the bytes, so it needs no worker to answer later (the worker may be gone).
import type { EvaluationInputs } from "../../src/engine/inputs";
import type { UnitResult } from "../../src/engine/evaluate";
import type { Reading } from "../../src/validate/validate";
import type { OpResult } from "../operations";
import { transfer } from "./rpc";

/**
 * What the page receives in place of a reading: the reading without `inputs`, `annualInputs` and each
 * unit's `indicators` and `trail`, with those as bytes in `__packed`. The slim reading keeps the
 * reading's shape, so its long arrays (units, diagnostics) still cross in slices (slices.ts).
 */
export type PackedReading = Omit<Reading, "inputs" | "annualInputs" | "evaluation"> & {
  readonly evaluation: Omit<Reading["evaluation"], "units"> & { readonly units: readonly Omit<UnitResult, "indicators" | "trail">[] };
  readonly __packed: PackedParts;
};

interface PackedParts {
  readonly inputs: Uint8Array;
  /** Null when the annual inputs are the inputs themselves (no 平时评价): sent once. */
  readonly annualInputs: Uint8Array | null;
  /** Every unit's `{indicators, trail}` one after the other; unit i's are bytes offsets[i] … offsets[i + 1]. */
  readonly units: Uint8Array;
  readonly offsets: Uint32Array;
}

export function isPackedReading(v: unknown): v is PackedReading {
  return typeof v === "object" && v !== null && "__packed" in v;
}

const encoder = new TextEncoder();

/** The worker's side: the reading as a PackedReading, and the buffers to transfer with it. */
export function packReading(reading: Reading): { packed: PackedReading; buffers: ArrayBuffer[] } {
  const { inputs, annualInputs, evaluation, ...rest } = reading;
  const chunks: Uint8Array[] = [];
  const offsets = new Uint32Array(evaluation.units.length + 1);
  let at = 0;
  const units = evaluation.units.map((u, i) => {
    const { indicators, trail, ...summary } = u;
    const bytes = encoder.encode(JSON.stringify({ indicators, trail }));
    chunks.push(bytes);
    offsets[i] = at;
    at += bytes.length;
    return summary;
  });
  offsets[evaluation.units.length] = at;
  const all = new Uint8Array(at);
  chunks.reduce((o, c) => (all.set(c, o), o + c.length), 0);
  const parts: PackedParts = {
    inputs: encoder.encode(JSON.stringify(inputs)),
    annualInputs: annualInputs === inputs ? null : encoder.encode(JSON.stringify(annualInputs)),
    units: all,
    offsets,
  };
  const buffers = [parts.inputs, parts.annualInputs, parts.units, parts.offsets].flatMap((b) => (b ? [b.buffer as ArrayBuffer] : []));
  return { packed: { ...rest, evaluation: { ...evaluation, units }, __packed: parts }, buffers };
}

/** A property of `target` made from bytes on first read, then kept (the same object on every read). */
function lazy<T>(target: object, key: string, make: () => T): void {
  let made: { value: T } | null = null;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => (made ??= { value: make() }).value,
  });
}

/** The page's side: a Reading whose bulky parts are decoded when first read. */
export function unpackReading(packed: PackedReading): Reading {
  const decoder = new TextDecoder();
  const parse = <T,>(bytes: Uint8Array): T => JSON.parse(decoder.decode(bytes)) as T;
  const { __packed: parts, ...slim } = packed;
  const units = slim.evaluation.units.map((summary, i) => {
    const unit = { ...summary } as UnitResult;
    type Detail = Pick<UnitResult, "indicators" | "trail">;
    const detail: { made?: Detail } = {};
    const read = (): Detail => (detail.made ??= parse<Detail>(parts.units.subarray(parts.offsets[i]!, parts.offsets[i + 1]!)));
    lazy(unit, "indicators", () => read().indicators);
    lazy(unit, "trail", () => read().trail);
    return unit;
  });
  const reading = { ...slim, evaluation: { ...slim.evaluation, units } } as unknown as Reading;
  lazy(reading, "inputs", () => parse<EvaluationInputs>(parts.inputs));
  const annual = parts.annualInputs;
  lazy(reading, "annualInputs", () => (annual ? parse<EvaluationInputs>(annual) : reading.inputs));
  return reading;
}

/**
 * The compute worker's answer to the page. A reading goes without the workbook snapshot it was made
 * from (every cell of every sheet: ≈ 4 MB at 3,000 units; the pane never uses it), its bulky parts
 * packed and their buffers moved. Other answers go as they are.
 */
export function forThePage(r: OpResult<unknown>): OpResult<unknown> {
  if (!r.ok || typeof r.value !== "object" || r.value === null || !("workbook" in r.value) || !("evaluation" in r.value)) return r;
  const reading = r.value as Reading;
  const { packed, buffers } = packReading({ ...reading, workbook: { sheets: [], date1904: reading.workbook.date1904 } });
  return transfer({ ...r, value: packed }, buffers);
}

/** The page's side of forThePage: a packed reading becomes a Reading again. */
export function fromTheWorker<T>(r: OpResult<T>): OpResult<T> {
  return r.ok && isPackedReading(r.value) ? { ...r, value: unpackReading(r.value) as T } : r;
}
