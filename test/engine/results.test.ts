import { describe, expect, it } from "vitest";
import { evaluate, evaluateExact } from "../../src/engine/evaluate";
import { basicInput, caseInput, columnarFrom, scheme } from "./helpers";

/**
 * The fast path's result objects (src/engine/fastResults.ts) are instances of one class whose
 * `indicators` and `trail` getters, shared by every evaluation, reach their evaluation through
 * private fields: to every reader they must be what the exact path's plain objects are, and
 * each must read its own evaluation.
 */
describe("result objects", () => {
  const manual = scheme.indicators.find((i) => i.rules.length === 1 && i.rules[0]!.kind === "manual")!;
  const [a, b] = scheme.units;

  it("have UnitResult's keys, in its order, all own and enumerable, like the exact path's", () => {
    const inputs = columnarFrom(scheme, [basicInput(a!.name, manual.id, { score: 0.5 })]);
    const fast = evaluate(scheme, inputs).units[0]!;
    const exact = evaluateExact(scheme, { ...inputs }).units[0]!;
    expect(Object.keys(fast)).toEqual(Object.keys(exact));
    expect(JSON.parse(JSON.stringify(fast))).toEqual(JSON.parse(JSON.stringify(exact)));
    const copy = structuredClone(fast);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy).toEqual(exact);
  });

  it("each evaluation's objects read its own scores and explanations, whatever was evaluated after", () => {
    const firstInputs = columnarFrom(scheme, [basicInput(a!.name, manual.id, { score: 0.5 })], { cases: [caseInput(b!.name, 20)], events: [], composite: [] });
    const secondInputs = columnarFrom(scheme, [basicInput(a!.name, manual.id, { score: 0.25 })]);
    const first = evaluate(scheme, firstInputs);
    const second = evaluate(scheme, secondInputs);
    const score = (e: typeof first) => e.units[0]!.indicators.find((i) => i.id === manual.id)!.score;
    expect(score(second)).toBe(0.25);
    expect(score(first)).toBe(0.5);
    expect(first.units[1]!.trail).toEqual(evaluateExact(scheme, { ...firstInputs }).units[1]!.trail);
    expect(second.units[1]!.trail).toEqual(evaluateExact(scheme, { ...secondInputs }).units[1]!.trail);
    expect(first.units[1]!.trail).not.toEqual(second.units[1]!.trail);
    // read twice: the same list, built once
    expect(first.units[0]!.indicators).toBe(first.units[0]!.indicators);
  });
});
