import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluate, type UnitResult } from "../../src/engine/evaluate";
import { dec, minDec, sum, toNumber } from "../../src/engine/decimal";
import type { EvaluationInputs, EventInput } from "../../src/engine/inputs";
import { cq2024 } from "../../src/scheme/cq2024";
import { builtinScheme, parseScheme } from "../../src/scheme/load";
import { groupName } from "../../src/scheme/names";
import type { Scheme } from "../../src/scheme/schema";
import { bonusLabel, penaltyLabel } from "../../src/layout/lists";
import * as EVAL from "../../functions/functions";
import { setActiveScheme } from "../../functions/schemeState";
import { bonusEvent, caseInput, compositeInput, fullBasic, penaltyEvent } from "../engine/helpers";
import { indicatorInput, unitName } from "../engine/arbitraries";

/**
 * EVAL.* (the custom-function wrappers themselves) against the engine, on random inputs for all
 * 41 units, under three schemes: the built-in cq-2024 (thresholds), the same with quota tiers, and
 * a variant with other caps, points and 1-decimal rounding (so nothing can hard-code cq-2024).
 */

function variant(over: Partial<typeof cq2024>, id: string): Scheme {
  const r = parseScheme({ ...cq2024, ...over, id }, id);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
  return r.scheme;
}

const builtin = builtinScheme();
const quota = variant({ tiers: { kind: "quota", tiers: [{ name: "特优", share: 0.15 }, { name: "优", share: 0.35 }], otherwise: "良" } }, "parity-quota");
const odd = variant({
  components: { basic: 60, bestPractice: 25, composite: 10, bonusCap: 3.5 },
  bonus: { items: cq2024.bonus.items.map((b) => (b.id === "A2" ? { ...b, pointsEach: 0.5, cap: 1.5 } : b.id === "A5" ? { ...b, cap: 2 } : b)) },
  rounding: { decimals: 1, mode: "halfUp" },
  tiers: { kind: "thresholds", tiers: [{ name: "特优", min: 92.5 }, { name: "优", min: 80 }, { name: "合格", min: 60 }], otherwise: "不合格" },
}, "parity-odd");
const schemes = [builtin, quota, odd];

// Generators shared with test/engine/properties.test.ts, over the unit names and ids of cq-2024 (shared by all three schemes).
const event = fc.oneof(
  { weight: 3, arbitrary: fc.record({ unit: unitName, id: fc.constantFrom(...builtin.bonus.items.map((b) => b.id)), count: fc.integer({ min: 0, max: 5 }) }).map((e) => bonusEvent(e.unit, e.id, e.count)) },
  { weight: 1, arbitrary: fc.record({ unit: unitName, id: fc.constantFrom(...builtin.penalties.items.map((p) => p.id)), count: fc.integer({ min: 0, max: 3 }), points: fc.integer({ min: 0, max: 300 }) })
    .map((e) => penaltyEvent(e.unit, e.id, e.count, e.points / 100)) },
);

const inputs: fc.Arbitrary<EvaluationInputs> = fc.record({
  // Some units with full basic marks (their rows come first, and the first row wins), so totals reach every tier.
  basic: fc.tuple(fc.subarray(builtin.units.map((u) => u.name)), fc.array(indicatorInput, { maxLength: 300 }))
    .map(([full, rest]) => [...full.flatMap(fullBasic), ...rest]),
  cases: fc.uniqueArray(fc.record({ unit: unitName, slot: fc.constantFrom(0, 1), score: fc.integer({ min: 0, max: 3000 }) }), { selector: (c) => `${c.unit}${c.slot}`, maxLength: 60 })
    .map((cs) => cs.map((c) => caseInput(c.unit, c.score / 100))),
  events: fc.array(event, { maxLength: 120 }),
  composite: fc.uniqueArray(fc.record({ unit: unitName, d: fc.integer({ min: 0, max: 1200 }) }), { selector: (c) => c.unit, maxLength: 20 })
    .map((cs) => cs.map((c) => compositeInput(c.unit, c.d / 100))),
});

const RUNS = 300;
const tiers = new Map<string, number>();
const capsHit = new Map<string, number>();
const counts = { TOTAL: 0, BONUS: 0, TIER: 0, GROUPRANK: 0, GROUP: 0, CAP: 0 };
type Fn = keyof typeof counts;

function check(fn: Fn, actual: unknown, expected: unknown, what: () => string): void {
  counts[fn]++;
  if (actual !== expected) expect(actual, `${fn}: ${what()}`).toBe(expected);
}

/** The item column of 加分扣分 as people fill it: a mix of ids, names and dropdown labels, penalties included; count 1 sometimes left blank. */
function eventColumns(s: Scheme, events: readonly EventInput[], salt: number): { items: string[][]; counts: unknown[][] } {
  const items: string[][] = [];
  const cs: unknown[][] = [];
  events.forEach((e, k) => {
    const style = (salt + k) % 3;
    if (e.kind === "bonus") {
      const item = s.bonus.items.find((b) => b.id === e.itemId)!;
      items.push([style === 0 ? item.id : style === 1 ? item.name : bonusLabel(item)]);
    } else {
      const item = s.penalties.items.find((p) => p.id === e.itemId)!;
      items.push([style === 0 ? item.id : penaltyLabel(item)]);
    }
    cs.push([e.count === 1 && style === 2 ? "" : e.count]);
  });
  items.push([""]); // a blank row at the end of the range
  cs.push([""]);
  return { items, counts: cs };
}

function spellings(u: Scheme["units"][number]): string[] {
  const spaced = [...u.name].join(" ");
  return [u.name, ...u.aliases, spaced, `\u3000${u.name}\u3000`];
}

describe("EVAL.* parity with the engine", () => {
  afterAll(() => setActiveScheme(null));

  it(`agrees on TOTAL, BONUS, TIER, GROUPRANK, GROUP and CAP for ${RUNS} random evaluations of 41 units`, () => {
    const used = new Set<string>();
    fc.assert(fc.property(inputs, fc.nat(schemes.length - 1), fc.nat(1000), (i, which, salt) => {
      const s = schemes[which]!;
      used.add(s.id);
      setActiveScheme(s);
      const units = evaluate(s, i).units;
      const totals = units.map((u) => [u.total]);
      const groupIds = units.map((u) => [u.group]);
      // A header row and a blank row in the ranges: not numbers, so not ranked.
      const scoresRange: unknown[][] = [["总分"], ...totals, [""]];
      const groupsRange: string[][] = [["区域分类"], ...groupIds, [""]];
      const groupSize = new Map<string, number>();
      for (const u of units) groupSize.set(u.group, (groupSize.get(u.group) ?? 0) + 1);
      const eventsOf = new Map<string, EventInput[]>();
      for (const e of i.events) eventsOf.set(e.unit, [...(eventsOf.get(e.unit) ?? []), e]);

      units.forEach((u: UnitResult, k) => {
        const id = () => `${s.id} ${u.unit}`;
        check("TOTAL", EVAL.TOTAL(u.basic, u.bestPractice, u.composite, u.bonus, u.penalty), u.total, id);
        if (u.penalty === 0) check("TOTAL", EVAL.TOTAL(u.basic, u.bestPractice, u.composite, u.bonus), u.total, id);

        const mine = eventsOf.get(u.unit) ?? [];
        const cols = eventColumns(s, mine, salt + k);
        for (const c of u.capsHit) capsHit.set(c === "加分总分" ? "total" : "item", (capsHit.get(c === "加分总分" ? "total" : "item") ?? 0) + 1);
        check("BONUS", EVAL.BONUS(cols.items, cols.counts), u.bonus, () => `${id()} ${JSON.stringify(cols)}`);

        const size = groupSize.get(u.group)!;
        check("TIER", EVAL.TIER(u.total, u.groupRank, size), u.tier, id);
        tiers.set(`${s.id}:${u.tier}`, (tiers.get(`${s.id}:${u.tier}`) ?? 0) + 1);

        check("GROUPRANK", EVAL.GROUPRANK(u.total, scoresRange, groupsRange, u.group), u.groupRank, id);
        check("GROUPRANK", EVAL.GROUPRANK(u.total, totals), u.overallRank, id);

        const unit = s.units.find((x) => x.name === u.unit)!;
        const name = groupName(s, u.group);
        for (const sp of spellings(unit)) check("GROUP", EVAL.GROUP(sp), name, () => `${id()} as ${sp}`);

        // CAP: the engine's caps, rebuilt from its trail (each item's points under its cap; the sum under the bonus cap)…
        const kept = u.trail.filter((t) => t.component === "bonus" && t.kind === "bonus");
        for (const t of kept) {
          const item = s.bonus.items.find((b) => b.name === t.item)!;
          const n = sum(mine.filter((e) => e.kind === "bonus" && e.itemId === item.id).map((e) => dec(e.count ?? 0)));
          const gained = toNumber(n.times(item.pointsEach));
          if (item.cap !== null) check("CAP", EVAL.CAP(gained, item.cap), t.delta, () => `${id()} ${item.id}`);
        }
        const beforeTotalCap = toNumber(sum(kept.map((t) => dec(t.delta))));
        check("CAP", EVAL.CAP(beforeTotalCap, s.components.bonusCap), u.bonus, id);
        // …and the basic score under its maximum (never above it) and the total against the engine's min.
        check("CAP", EVAL.CAP(u.basic, s.components.basic), u.basic, id);
        check("CAP", EVAL.CAP(u.total, u.bestPractice), toNumber(minDec(dec(u.total), dec(u.bestPractice))), id);
      });
    }), { numRuns: RUNS, seed: 20240601 });

    console.log(`tiers seen: ${[...tiers].map(([k, v]) => `${k} ${v}`).join(", ")}`);
    // Every tier of every scheme was reached.
    for (const x of schemes) {
      for (const name of [...x.tiers.tiers.map((t) => t.name), x.tiers.otherwise]) expect(tiers.get(`${x.id}:${name}`) ?? 0, `${x.id} ${name}`).toBeGreaterThan(0);
    }
    console.log(`bonus caps hit: item ${capsHit.get("item") ?? 0}, total ${capsHit.get("total") ?? 0}`);
    expect(capsHit.get("item") ?? 0).toBeGreaterThan(0);
    expect(capsHit.get("total") ?? 0).toBeGreaterThan(0);
    expect([...used].sort()).toEqual(schemes.map((x) => x.id).sort());
    const cases = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`EVAL parity: ${cases} cases (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")})`);
    for (const [fn, n] of Object.entries(counts)) expect(n, fn).toBeGreaterThanOrEqual(10_000);
    expect(cases).toBeGreaterThanOrEqual(10_000);
  });

  it("CAP agrees with the engine's exact min on 10,000 random decimal pairs", () => {
    let n = 0;
    fc.assert(fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 4 }),
      (a, b, places) => {
        const scale = 10 ** places;
        const value = a / scale;
        const max = b / scale;
        n++;
        expect(EVAL.CAP(value, max)).toBe(toNumber(minDec(dec(value), dec(max))));
      }), { numRuns: 10_000, seed: 7 });
    expect(n).toBe(10_000);
  });
});
