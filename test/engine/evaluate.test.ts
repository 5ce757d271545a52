import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { emptyInputs } from "../../src/engine/inputs";
import { basicInput, bonusEvent, caseInput, compositeInput, fullBasic, penaltyEvent, scheme } from "./helpers";

describe("evaluate", () => {
  it("every unit gets a result, in scheme order, even with no inputs", () => {
    const e = evaluate(scheme, emptyInputs);
    expect(e.units.map((u) => u.unit)).toEqual(scheme.units.map((u) => u.name));
    const u = e.units[0]!;
    expect([u.basic, u.bestPractice, u.composite, u.bonus, u.penalty, u.total]).toEqual([0, 0, 10, 0, 0, 10]);
    expect(u.groupRank).toBe(1);
    expect(u.tier).toBe("良");
  });

  it("a full unit: 60 + 25 + 10 + 5 (capped) − 2 = 98, hand computed", () => {
    const e = evaluate(scheme, {
      basic: fullBasic("涪陵区"),
      cases: [caseInput("涪陵区", 25)],
      events: [bonusEvent("涪陵区", "A1", 2), bonusEvent("涪陵区", "A5", 4), penaltyEvent("涪陵区", "D1", 1)],
      composite: [compositeInput("涪陵区", null)],
    });
    const u = e.units.find((x) => x.unit === "涪陵区")!;
    expect(u).toMatchObject({ basic: 60, bestPractice: 25, composite: 10, bonusRaw: 8, bonus: 5, penalty: 2, total: 98, groupRank: 1, overallRank: 1, tier: "特优" });
    expect(u.capsHit).toEqual(["承接国家级活动、全市性重大节点类活动（工作）", "加分总分"]);
  });

  it("decimal exactness: 0.1 + 0.2 is 0.3, not 0.30000000000000004", () => {
    const e = evaluate(scheme, {
      ...emptyInputs,
      basic: [basicInput("渝中区", "B01", { score: 0.1 }), basicInput("渝中区", "B02", { score: 0.2 })],
      composite: [compositeInput("渝中区", 9.7)],
    });
    const u = e.units[0]!;
    expect(u.basic).toBe(0.3);
    expect(u.total).toBe(0.6);
  });

  it("ranks within the group and overall; ties share a rank (1, 2, 2, 4)", () => {
    const e = evaluate(scheme, {
      ...emptyInputs,
      cases: [caseInput("渝中区", 20), caseInput("江北区", 15), caseInput("南岸区", 15), caseInput("万州区", 25)],
    });
    const r = (unit: string) => e.units.find((u) => u.unit === unit)!;
    expect([r("渝中区").groupRank, r("江北区").groupRank, r("南岸区").groupRank]).toEqual([1, 2, 2]);
    expect(r("大渡口区").groupRank).toBe(4);
    expect(r("万州区")).toMatchObject({ groupRank: 1, overallRank: 1 });
    expect(r("渝中区").overallRank).toBe(2);
  });

  it("inputs for units outside the scheme are ignored here (validation reports them)", () => {
    const e = evaluate(scheme, { ...emptyInputs, cases: [caseInput("火星区", 25)] });
    expect(e.units.every((u) => u.bestPractice === 0)).toBe(true);
  });

  it("the trail explains every point lost or gained", () => {
    const e = evaluate(scheme, {
      basic: fullBasic("彭水县").map((b) => (b.indicator === "B20" ? { ...b, values: { ...b.values, gate: false } } : b)),
      cases: [caseInput("彭水县", 20)],
      events: [penaltyEvent("彭水县", "D3")],
      composite: [],
    });
    const u = e.units.find((x) => x.unit === "彭水县")!;
    const lost = u.trail.reduce((a, t) => a + t.delta, 0);
    // 95 = 60 + 25 + 10, the most without bonus.
    expect(u.total).toBeCloseTo(95 + lost, 10);
    expect(u.trail.map((t) => t.kind)).toEqual(["gate", "cases", "penalty"]);
  });
});
