import { describe, expect, it } from "vitest";
import { evaluate, evaluateExact } from "../../src/engine/evaluate";
import type { InputValue } from "../../src/engine/inputs";
import type { Scheme } from "../../src/scheme/schema";
import { basicInput, columnarFrom, scheme as cq } from "./helpers";

/**
 * The column loop's check for the common score (src/engine/fastColumns.ts): a figure with at
 * most the rounding's decimals within 0 … the points is its own score, proved by a table of
 * n / 10^d instead of a division, with one maximum per column when every group has the same
 * points. Every other figure must still be scored as the exact path scores it — including
 * figures whose candidate integer wraps around 2^32 into the table's range — whether its
 * column is checked alone or two at a time (three columns: a pair and one alone).
 */
describe("the column loop's check for the common score", () => {
  const manual = cq.indicators.filter((i) => i.rules.length === 1 && i.rules[0]!.kind === "manual");
  const tricky: InputValue[] = [
    0, -0, 0.01, 0.3, 0.29, 1.5, 2, 2.99, 3, 3.01, 2.005, 0.125, 1e-9, -0.01, -3, 1e6,
    // v·100 wraps past 2^32 onto 30 and 299: the table must turn them away
    (2 ** 32 + 30) / 100, (2 ** 33 + 299) / 100, 2 ** 31 / 100, Number.MAX_VALUE, -Number.MAX_VALUE,
    null, "na", true, false,
  ];

  function schemeWith(points: (g: number) => number, decimals: number): Scheme {
    return {
      ...cq,
      rounding: { ...cq.rounding, decimals },
      indicators: manual.slice(0, 3).map((ind) => ({ ...ind, points: Object.fromEntries(cq.groups.map((g, k) => [g.id, ind === manual[1] ? 3 : points(k)])) })),
    };
  }

  for (const [label, points, decimals] of [
    ["every group the same points", () => 3, 2],
    ["points differing by group", (g: number) => [3, 2.5, 0.3, 2.99][g]!, 2],
    ["points with more decimals than the rounding", (g: number) => [3.005, 3, 2, 1][g]!, 2],
    ["no decimals kept", (g: number) => [3, 2, 2, 1][g]!, 0],
  ] as const) {
    it(`scores every figure as the exact path does: ${label}`, () => {
      const s = schemeWith(points, decimals);
      const inds = manual.slice(0, 3);
      const basic = s.units.flatMap((u, k) => inds.map((ind, j) => basicInput(u.name, ind.id, { score: tricky[(k + j * 7) % tricky.length]! })));
      const inputs = columnarFrom(s, basic);
      const fast = evaluate(s, inputs);
      expect(fast).toEqual(evaluateExact(s, { ...inputs }));
      // the figures reached every unit: some scored in full, some below, some above the points
      for (const ind of inds) expect(new Set(fast.units.map((u) => u.indicators.find((i) => i.id === ind.id)!.score)).size).toBeGreaterThan(2);
    });
  }
});
