import fc from "fast-check";
import type { InputValue } from "../../src/engine/inputs";
import { basicInput, scheme } from "./helpers";

/** Random inputs over cq-2024's units and indicators, shared by the engine properties and the EVAL.* parity test. */
export const twoDecimals = fc.integer({ min: -100, max: 1200 }).map((c) => c / 100);
export const unitName = fc.constantFrom(...scheme.units.map((u) => u.name));

/** One indicator's inputs for one unit: scores may exceed the maximum or go negative, rates 0–120 %. */
export const indicatorInput = fc
  .record({ unit: unitName, ind: fc.constantFrom(...scheme.indicators), score: twoDecimals, rate: fc.integer({ min: 0, max: 120 }), gate: fc.boolean(), count: fc.integer({ min: 0, max: 4 }) })
  .map(({ unit, ind, score, rate, gate, count }) => {
    const values: Record<string, InputValue> = {};
    for (const r of ind.rules) {
      if (r.kind === "manual") values["score"] = score;
      if (r.kind === "target") for (const m of r.measures) values[`m:${m.id}`] = m.unit === "percent" ? rate / 100 : Math.round(rate / 8);
      if (r.kind === "gate") values["gate"] = gate;
      if (r.kind === "perOccurrence") values["count"] = count;
    }
    return basicInput(unit, ind.id, values);
  });
