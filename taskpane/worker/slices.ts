// Large values cross between the pane and its workers in slices. The page copies a message in when it
// reads it, in one task: a 3,000-unit reading (every unit's result with its explanation, every input)
// took the page ≈ 1 s in one piece, and so would a plan for the Office.js port. Long arrays go ahead
// as messages of SLICE items each, a short task apiece; the value itself carries markers in their place.

/** Items per message: ≈ 50 units' results with their explanations copy in a few tens of ms. */
const SLICE = 50;
/** Arrays are looked for this deep (reading → evaluation → units); deeper ones travel with their item. */
const DEPTH = 3;

interface Marker {
  readonly __slices: number;
  readonly length: number;
}

const isMarker = (v: unknown): v is Marker => typeof v === "object" && v !== null && "__slices" in v;
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** Replaces long arrays in `value` by markers, sending their items with `send(id, items)` first. */
export function sliced(value: unknown, send: (id: number, items: unknown[]) => void, depth = 0, next = { id: 1 }): unknown {
  if (Array.isArray(value)) {
    if (value.length > SLICE) {
      const id = next.id++;
      for (let i = 0; i < value.length; i += SLICE) send(id, value.slice(i, i + SLICE));
      return { __slices: id, length: value.length } satisfies Marker;
    }
    return depth < DEPTH ? value.map((v) => sliced(v, send, depth + 1, next)) : value;
  }
  if (isPlain(value) && depth < DEPTH) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sliced(v, send, depth + 1, next)]));
  }
  return value;
}

/** The page's side: collects slices as they come, and puts the arrays back into the answer. */
export function sliceCollector() {
  const arrays = new Map<number, unknown[]>();
  const join = (value: unknown, depth = 0): unknown => {
    if (isMarker(value)) {
      const items = arrays.get(value.__slices) ?? [];
      arrays.delete(value.__slices);
      if (items.length !== value.length) throw new Error(`a worker's answer lost items (${items.length} of ${value.length})`);
      return items;
    }
    if (depth >= DEPTH) return value;
    if (Array.isArray(value)) return value.map((v) => join(v, depth + 1));
    if (isPlain(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, join(v, depth + 1)]));
    return value;
  };
  return {
    add(id: number, items: unknown[]): void {
      const got = arrays.get(id) ?? [];
      const start = got.length;
      // Holes stay holes (forEach skips them): a sparse array must not come back with undefined items.
      got.length = start + items.length;
      items.forEach((item, k) => (got[start + k] = item));
      arrays.set(id, got);
    },
    join: (value: unknown) => join(value),
    clear: () => arrays.clear(),
  };
}
