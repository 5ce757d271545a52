import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluate, evaluateExact } from "../../src/engine/evaluate";
import type { EvaluationInputs, InputValue } from "../../src/engine/inputs";
import type { Indicator, Scheme } from "../../src/scheme/schema";
import { basicColumnsOf } from "../../src/engine/columns";
import { basicInput, bonusEvent, caseInput, columnarFrom, compositeInput, penaltyEvent, scheme as cq } from "./helpers";

/**
 * The oracle: evaluate() (scaled integers, evaluateFast.ts) against evaluateExact() (big.js
 * decimals, the engine as it was) on 10,000 random workbooks — cq-2024's rule shapes with random
 * points, targets, roundings, caps and tiers, and inputs chosen to hit the hard cases: more
 * decimals than the rounding, exact halves, proportional targets, 不适用, fractional counts,
 * text where a figure belongs. Every figure, rank, tier, cap and explanation must be identical
 * (toEqual compares numbers with Object.is, so 0 and −0 differ). Each workbook runs twice: its
 * basic inputs as objects, and in columns as the reader now gives them (src/engine/columns.ts),
 * against the exact path on the columns' own object form.
 */

/** A decimal with 0–k places: the kind of number a scheme or a cell holds. */
const decimal = (lo: number, hi: number, places: number) =>
  fc.tuple(fc.integer({ min: 0, max: places }), fc.double({ min: lo, max: hi, noNaN: true })).map(([k, x]) => Math.round(x * 10 ** k) / 10 ** k);

/** What a department may type: figures of many kinds, halves at the rounding's edge, text, 不适用, nothing. */
const cell = (max: number): fc.Arbitrary<InputValue> =>
  fc.oneof(
    { weight: 6, arbitrary: decimal(-1, max * 1.2, 5) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 2000 }).map((c) => c / 1000 + 0.0005) },
    { weight: 1, arbitrary: fc.constantFrom<InputValue>(null, "na", true, false, 0, max) },
    { weight: 1, arbitrary: fc.double({ min: 0, max, noNaN: true }) },
  );

const pointsArb = fc.oneof(fc.integer({ min: 0, max: 6 }), decimal(0, 6, 3));

function vary(ind: Indicator, points: number[], targets: number[], below: boolean[], partPoints: number[]): Indicator {
  let t = 0;
  let b = 0;
  return {
    ...ind,
    points: Object.fromEntries(cq.groups.map((g, i) => [g.id, points[i % points.length]!])),
    rules: ind.rules.map((r) => {
      if (r.kind !== "target") return r;
      const part = partPoints[b % partPoints.length]!;
      return {
        ...r,
        below: below[b++ % below.length] ? "zero" : "proportional",
        points: r.points === undefined ? undefined : Math.min(part, Math.min(...points)),
        measures: r.measures.map((m) => ({ ...m, target: targets[t++ % targets.length]! })),
      };
    }),
  } as Indicator;
}

const workbook: fc.Arbitrary<{ scheme: Scheme; inputs: EvaluationInputs }> = fc
  .record({
    units: fc.subarray(cq.units, { minLength: 1, maxLength: 6 }),
    indicators: fc.subarray(cq.indicators, { minLength: 1, maxLength: 6 }),
    points: fc.array(pointsArb, { minLength: 1, maxLength: 4 }),
    targets: fc.array(fc.oneof(decimal(0.01, 1, 3), fc.integer({ min: 1, max: 12 })).map((t) => t || 0.5), { minLength: 1, maxLength: 4 }),
    below: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }),
    partPoints: fc.array(decimal(0, 2, 2), { minLength: 1, maxLength: 3 }),
    decimals: fc.integer({ min: 0, max: 4 }),
    notApplicable: fc.constantFrom("rescale" as const, "full" as const),
    combine: fc.oneof(fc.constant({ kind: "max" as const }), fc.constant({ kind: "mean" as const }), decimal(1, 40, 2).map((cap) => ({ kind: "cappedSum" as const, cap: cap || 1 }))),
    perCaseMax: decimal(1, 30, 2),
    bonusCap: decimal(0.5, 8, 2),
    bonusEach: fc.array(decimal(0.1, 3, 2), { minLength: 1, maxLength: 3 }),
    itemCap: fc.option(decimal(0.5, 4, 1), { nil: null }),
    tiers: fc.oneof(
      fc.array(decimal(0, 100, 3), { minLength: 1, maxLength: 3 }).map((mins) => ({ kind: "thresholds" as const, tiers: mins.sort((a, b) => b - a).map((min, i) => ({ name: `T${i}`, min })), otherwise: "其他" })),
      fc.array(decimal(0.05, 0.5, 2), { minLength: 1, maxLength: 3 }).map((shares) => ({ kind: "quota" as const, tiers: shares.map((share, i) => ({ name: `Q${i}`, share: share || 0.1 })), otherwise: "其他" })),
    ),
  })
  .chain((v) => {
    const scheme: Scheme = {
      ...cq,
      units: v.units,
      indicators: v.indicators.map((ind) => vary(ind, v.points, v.targets, v.below, v.partPoints)),
      rounding: { ...cq.rounding, decimals: v.decimals },
      notApplicable: v.notApplicable,
      cases: { ...cq.cases, perCaseMax: v.perCaseMax || 1, combine: v.combine },
      components: { ...cq.components, bonusCap: v.bonusCap || 1 },
      bonus: { ...cq.bonus, items: cq.bonus.items.map((b, i) => ({ ...b, pointsEach: v.bonusEach[i % v.bonusEach.length] || 1, cap: i === 0 ? v.itemCap : b.cap })) },
      tiers: v.tiers,
    };
    const unit = fc.constantFrom(...v.units.map((u) => u.name));
    const row = fc.record({ unit, ind: fc.constantFrom(...scheme.indicators), score: cell(6), rate: cell(1.2), count: cell(12), gate: fc.constantFrom<InputValue>(true, false, null), howMany: fc.oneof(fc.integer({ min: 0, max: 4 }), decimal(0, 3, 1)), lapsed: fc.nat(5) })
      .map(({ unit, ind, score, rate, count, gate, howMany, lapsed }) => {
        const values: Record<string, InputValue> = {};
        for (const r of ind.rules) {
          if (r.kind === "manual") values["score"] = score;
          // one row in six has every measure 不适用, so whole parts lapse
          if (r.kind === "target") r.measures.forEach((m, k) => (values[`m:${m.id}`] = lapsed === 0 ? "na" : k % 2 === 0 ? (m.unit === "percent" ? rate : count) : count));
          if (r.kind === "gate") values["gate"] = gate;
          if (r.kind === "perOccurrence") values["count"] = howMany;
        }
        return basicInput(unit, ind.id, values);
      });
    const event = fc.oneof(
      fc.record({ unit, id: fc.constantFrom(...scheme.bonus.items.map((b) => b.id)), count: fc.oneof(fc.integer({ min: 0, max: 5 }), decimal(0, 3, 1)) }).map((e) => bonusEvent(e.unit, e.id, e.count)),
      fc.record({ unit, id: fc.constantFrom(...scheme.penalties.items.map((p) => p.id)), count: fc.integer({ min: 0, max: 3 }), points: decimal(-1, 4, 3) }).map((e) => penaltyEvent(e.unit, e.id, e.count, e.points)),
    );
    const inputs = fc.record({
      basic: fc.array(row, { maxLength: 30 }),
      cases: fc.array(fc.record({ unit, score: fc.oneof(decimal(-2, 35, 3), fc.constant(null)) }).map((c) => caseInput(c.unit, c.score)), { maxLength: 8 }),
      events: fc.array(event, { maxLength: 10 }),
      composite: fc.array(fc.record({ unit, d: fc.oneof(decimal(-1, 12, 4), fc.constant(null)) }).map((c) => compositeInput(c.unit, c.d)), { maxLength: 4 }),
    });
    return inputs.map((i) => ({ scheme, inputs: i }));
  });

describe("the fast engine against the exact one (oracle)", () => {
  it("gives identical results on 10,000 random workbooks, from objects and from columns", () => {
    fc.assert(
      fc.property(workbook, ({ scheme, inputs }) => {
        const fast = evaluate(scheme, inputs);
        const exact = evaluateExact(scheme, inputs);
        expect(fast).toEqual(exact);
        const columnar = columnarFrom(scheme, inputs.basic, inputs);
        const fromColumns = evaluate(scheme, columnar);
        expect(basicColumnsOf(columnar)).toBeDefined();
        expect(fromColumns).toEqual(evaluateExact(scheme, { ...columnar }));
      }),
      { numRuns: 10_000 },
    );
  }, 600_000);

  it("the workbooks reach the hard cases: halves, proportional targets, 不适用 rescaling", () => {
    const seen = { half: 0, partial: 0, rescaled: 0, deduction: 0 };
    fc.assert(
      fc.property(workbook, ({ scheme, inputs }) => {
        for (const u of evaluateExact(scheme, inputs).units) {
          for (const t of u.trail) {
            if (t.kind === "target") seen.partial++;
            if (t.kind === "notApplicableRescale") seen.rescaled++;
            if (t.kind === "manual") seen.deduction++;
          }
        }
        for (const b of inputs.basic) if (typeof b.values["score"] === "number" && /5$/.test(String(b.values["score"]))) seen.half++;
      }),
      { numRuns: 500, seed: 12 },
    );
    expect(seen.half).toBeGreaterThan(50);
    expect(seen.partial).toBeGreaterThan(50);
    expect(seen.rescaled).toBeGreaterThan(5);
    expect(seen.deduction).toBeGreaterThan(50);
  });
});
