import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { competitionRanksCounted, competitionRanksPacked } from "../../src/engine/fastRank";
import { competitionRanksOf } from "../../src/engine/rank";

/** The packed ranking (fastRank.ts) against rank.ts's, overall and within groups, ties and negatives included. */
describe("competition ranks by packed keys", () => {
  const totals = fc.array(fc.record({ total: fc.oneof(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -2e6, max: 2e6 }), fc.constant(-0)), group: fc.integer({ min: 0, max: 4 }) }), { maxLength: 300 });

  it("equal competitionRanksOf overall and per group", () => {
    fc.assert(
      fc.property(totals, (rows) => {
        const total = Float64Array.from(rows, (r) => r.total);
        const groupOf = Int32Array.from(rows, (r) => r.group);
        expect([...competitionRanksPacked(total, null, 1)!]).toEqual(competitionRanksOf([...total]));
        const want = new Array<number>(rows.length);
        for (let g = 0; g < 5; g++) {
          const members = rows.flatMap((r, u) => (r.group === g ? [u] : []));
          competitionRanksOf(members.map((u) => total[u]!)).forEach((rank, m) => (want[members[m]!] = rank));
        }
        expect([...competitionRanksPacked(total, groupOf, 5)!]).toEqual(want);
      }),
      { numRuns: 2000 },
    );
  });

  it("declines totals too far apart to pack exactly", () => {
    expect(competitionRanksPacked(Float64Array.from([0, 2 ** 52 - 1]), null, 1)).toBeNull();
    expect(competitionRanksPacked(Float64Array.from([0, 2 ** 40]), Int32Array.from([0, 1]), 2 ** 12)).toBeNull();
  });
});

/** The counting ranking (fastRank.ts): overall and group ranks at once, with no sort, when the totals lie close. */
describe("competition ranks by counting", () => {
  const close = fc.array(fc.record({ total: fc.oneof(fc.integer({ min: -40, max: 40 }), fc.constant(-0)), group: fc.integer({ min: 0, max: 4 }) }), { maxLength: 300 });

  it("equal competitionRanksOf overall and per group, ties and negatives included", () => {
    fc.assert(
      fc.property(close, (rows) => {
        const total = Float64Array.from(rows, (r) => r.total);
        const groupOf = Int32Array.from(rows, (r) => r.group);
        const counted = competitionRanksCounted(total, groupOf, 5);
        expect(counted).not.toBeNull();
        expect([...counted!.overall]).toEqual(competitionRanksOf([...total]));
        const want = new Array<number>(rows.length);
        for (let g = 0; g < 5; g++) {
          const members = rows.flatMap((r, u) => (r.group === g ? [u] : []));
          competitionRanksOf(members.map((u) => total[u]!)).forEach((rank, m) => (want[members[m]!] = rank));
        }
        expect([...counted!.group]).toEqual(want);
      }),
      { numRuns: 2000 },
    );
  });

  it("declines totals spread too wide to count, and totals that are not integers", () => {
    expect(competitionRanksCounted(Float64Array.from([0, 2 ** 20]), Int32Array.from([0, 0]), 1)).toBeNull();
    expect(competitionRanksCounted(Float64Array.from([0, 1.5, 3]), Int32Array.from([0, 0, 0]), 1)).toBeNull();
    expect(competitionRanksCounted(Float64Array.from([0, NaN]), Int32Array.from([0, 0]), 1)).toBeNull();
    // 3,000 totals over 100 points at 2 decimals (10,001 integers) in 4 groups are counted
    const wide = Float64Array.from({ length: 3000 }, (_, u) => (u * 7919) % 10001);
    expect(competitionRanksCounted(wide, Int32Array.from(wide, (_, u) => u % 4), 4)).not.toBeNull();
  });
});
