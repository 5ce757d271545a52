import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { competitionRanksPacked } from "../../src/engine/fastRank";
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
