import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluate } from "../../src/engine/evaluate";
import type { EvaluationInputs } from "../../src/engine/inputs";
import { bonusEvent, caseInput, compositeInput, penaltyEvent, scheme } from "./helpers";
import { indicatorInput, unitName } from "./arbitraries";

const cents = (x: number) => Math.round(x * 100);
const event = fc.oneof(
  fc.record({ unit: unitName, id: fc.constantFrom(...scheme.bonus.items.map((b) => b.id)), count: fc.integer({ min: 0, max: 5 }) }).map((e) => bonusEvent(e.unit, e.id, e.count)),
  fc.record({ unit: unitName, id: fc.constantFrom(...scheme.penalties.items.map((p) => p.id)), count: fc.integer({ min: 0, max: 3 }), points: fc.integer({ min: 0, max: 300 }) })
    .map((e) => penaltyEvent(e.unit, e.id, e.count, e.points / 100)),
);

const inputs: fc.Arbitrary<EvaluationInputs> = fc.record({
  basic: fc.array(indicatorInput, { maxLength: 120 }),
  // At most two cases per unit, so row order cannot change which cases count.
  cases: fc.uniqueArray(fc.record({ unit: unitName, slot: fc.constantFrom(0, 1), score: fc.integer({ min: 0, max: 3000 }) }), { selector: (c) => `${c.unit}${c.slot}`, maxLength: 60 })
    .map((cs) => cs.map((c) => caseInput(c.unit, c.score / 100))),
  events: fc.array(event, { maxLength: 60 }),
  composite: fc.uniqueArray(fc.record({ unit: unitName, d: fc.integer({ min: 0, max: 1200 }) }), { selector: (c) => c.unit, maxLength: 20 })
    .map((cs) => cs.map((c) => compositeInput(c.unit, c.d / 100))),
});

/** Keep the first input per (unit, indicator), as the engine does, so shuffling cannot change which wins. */
function dedupe(i: EvaluationInputs): EvaluationInputs {
  const seen = new Set<string>();
  return { ...i, basic: i.basic.filter((b) => !seen.has(`${b.unit}|${b.indicator}`) && (seen.add(`${b.unit}|${b.indicator}`), true)) };
}

describe("engine properties", () => {
  it("caps are never exceeded", () => {
    fc.assert(fc.property(inputs, (i) => {
      for (const u of evaluate(scheme, i).units) {
        expect(u.bonus).toBeGreaterThanOrEqual(0);
        expect(u.bonus).toBeLessThanOrEqual(scheme.components.bonusCap);
        expect(u.bonus).toBeLessThanOrEqual(u.bonusRaw);
        expect(u.bestPractice).toBeLessThanOrEqual(scheme.components.bestPractice);
        expect(u.composite).toBeGreaterThanOrEqual(0);
        expect(u.composite).toBeLessThanOrEqual(scheme.components.composite);
        expect(u.penalty).toBeGreaterThanOrEqual(0);
        for (const ind of u.indicators) expect(ind.score).toBeLessThanOrEqual(ind.max);
        expect(u.basic).toBeLessThanOrEqual(scheme.components.basic);
      }
    }), { numRuns: 200 });
  });

  it("ranks agree with totals within each group and overall", () => {
    fc.assert(fc.property(inputs, (i) => {
      const units = evaluate(scheme, i).units;
      for (const a of units) {
        const peers = units.filter((b) => b.group === a.group);
        expect(a.groupRank).toBe(1 + peers.filter((b) => b.total > a.total).length);
        expect(a.overallRank).toBe(1 + units.filter((b) => b.total > a.total).length);
        for (const b of peers) {
          if (a.total > b.total) expect(a.groupRank).toBeLessThan(b.groupRank);
          if (a.total === b.total) expect(a.groupRank).toBe(b.groupRank);
        }
      }
    }), { numRuns: 200 });
  });

  it("results do not depend on row order", () => {
    fc.assert(fc.property(inputs.map(dedupe), fc.integer(), (i, seed) => {
      const shuffle = <T,>(xs: readonly T[]) => {
        const a = [...xs];
        let s = seed >>> 0;
        for (let k = a.length - 1; k > 0; k--) {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          const j = s % (k + 1);
          [a[k], a[j]] = [a[j]!, a[k]!];
        }
        return a;
      };
      const strip = (e: ReturnType<typeof evaluate>) => e.units.map(({ trail: _t, ...rest }) => rest);
      const shuffled = { basic: shuffle(i.basic), cases: shuffle(i.cases), events: shuffle(i.events), composite: shuffle(i.composite) };
      expect(strip(evaluate(scheme, shuffled))).toEqual(strip(evaluate(scheme, i)));
    }), { numRuns: 150 });
  });

  it("decimal exactness: every figure has at most 2 decimals and the total is the exact sum", () => {
    fc.assert(fc.property(inputs, (i) => {
      for (const u of evaluate(scheme, i).units) {
        for (const x of [u.basic, u.bestPractice, u.composite, u.bonus, u.penalty, u.total, ...u.indicators.map((k) => k.score)]) {
          expect(Math.abs(x * 100 - cents(x))).toBeLessThan(1e-6);
        }
        expect(cents(u.total)).toBe(cents(u.basic) + cents(u.bestPractice) + cents(u.composite) + cents(u.bonus) - cents(u.penalty));
        expect(cents(u.basic)).toBe(u.indicators.reduce((a, k) => a + cents(k.score), 0));
      }
    }), { numRuns: 200 });
  });
});
