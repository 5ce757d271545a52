import { describe, expect, it } from "vitest";
import { bonusFor } from "../../src/engine/bonus";
import { penaltyFor } from "../../src/engine/penalty";
import { bestPracticeFor } from "../../src/engine/cases";
import { compositeFor } from "../../src/engine/composite";
import { competitionRanks } from "../../src/engine/rank";
import { tierFor } from "../../src/engine/tier";
import { dec, toNumber } from "../../src/engine/decimal";
import type { Scheme } from "../../src/scheme/schema";
import { bonusEvent, caseInput, compositeInput, penaltyEvent, scheme } from "./helpers";

const n = toNumber;

describe("bonus (奖优加分)", () => {
  it("points per occurrence: 市委市政府表彰 ×1 = 2, 区县表彰 ×2 = 2", () => {
    const b = bonusFor(scheme, [bonusEvent("渝中区", "A1"), bonusEvent("渝中区", "A2", 2)], 2);
    expect(n(b.capped)).toBe(4);
    expect(n(b.raw)).toBe(4);
    expect(b.capsHit).toEqual([]);
  });
  it("item cap: 承接活动 4 times → 3 (累计不超过 3 分), named as the cap that bit", () => {
    const b = bonusFor(scheme, [bonusEvent("渝中区", "A5", 4)], 2);
    expect(n(b.raw)).toBe(4);
    expect(n(b.capped)).toBe(3);
    expect(b.capsHit).toEqual(["承接国家级活动、全市性重大节点类活动（工作）"]);
  });
  it("media cap 2, then the total cap 5: 2×2 + 3 (media, capped 2) = 6 → 5", () => {
    const b = bonusFor(scheme, [bonusEvent("涪陵区", "A1", 2), bonusEvent("涪陵区", "A6", 3)], 2);
    expect(n(b.raw)).toBe(7);
    expect(n(b.capped)).toBe(5);
    expect(b.capsHit).toEqual(["在《人民日报》、中央电视台、新华社、光明日报、经济日报等中央主流媒体刊发专题正面宣传报道（网络渠道宣传报道不纳入）", "加分总分"]);
    expect(b.trail.at(-1)).toMatchObject({ kind: "bonusCap", delta: -1 });
  });
  it("rows of the same item add up before the cap", () => {
    const b = bonusFor(scheme, [bonusEvent("渝中区", "A5", 2), bonusEvent("渝中区", "A5", 2)], 2);
    expect(n(b.capped)).toBe(3);
  });
  it("no events: 0", () => {
    expect(n(bonusFor(scheme, [], 2).capped)).toBe(0);
  });
});

describe("penalty (罚劣扣分)", () => {
  it("fixed points per occurrence: 全国妇联/市委市政府 −2 each, 区县 −1, 市妇联 −1", () => {
    const p = penaltyFor(scheme, [penaltyEvent("万州区", "D1", 2), penaltyEvent("万州区", "D2"), penaltyEvent("万州区", "D3")], 2);
    expect(n(p.total)).toBe(6);
    expect(p.trail).toHaveLength(3);
  });
  it("discretionary: the points written, with the reason carried to the trail", () => {
    const p = penaltyFor(scheme, [penaltyEvent("黔江区", "D4", 1, 1.5, "数据不实")], 2);
    expect(n(p.total)).toBe(1.5);
    expect(p.trail[0]).toMatchObject({ kind: "discretionary", delta: -1.5, reason: "数据不实" });
  });
  it("discretionary without points counts nothing (validation reports it)", () => {
    expect(n(penaltyFor(scheme, [penaltyEvent("黔江区", "D5", 1, null)], 2).total)).toBe(0);
  });
  it("an item maximum, when the scheme sets one, bounds a discretionary penalty", () => {
    const capped: Scheme = { ...scheme, penalties: { items: scheme.penalties.items.map((p) => (p.id === "D4" && p.kind === "discretionary" ? { ...p, maxPoints: 1 } : p)) } };
    expect(n(penaltyFor(capped, [penaltyEvent("黔江区", "D4", 1, 3)], 2).total)).toBe(1);
  });
});

describe("best-practice cases (最佳实践案例)", () => {
  const withCombine = (combine: Scheme["cases"]["combine"]): Scheme => ({ ...scheme, cases: { ...scheme.cases, combine } });
  it("default max: two cases 18 and 22.5 → 22.5", () => {
    expect(n(bestPracticeFor(scheme, [caseInput("渝中区", 18), caseInput("渝中区", 22.5)], 2).score)).toBe(22.5);
  });
  it("mean: (18 + 22.5) / 2 = 20.25", () => {
    expect(n(bestPracticeFor(withCombine({ kind: "mean" }), [caseInput("渝中区", 18), caseInput("渝中区", 22.5)], 2).score)).toBe(20.25);
  });
  it("capped sum: 18 + 22.5 capped at 25", () => {
    const r = bestPracticeFor(withCombine({ kind: "cappedSum", cap: 25 }), [caseInput("渝中区", 18), caseInput("渝中区", 22.5)], 2);
    expect(n(r.score)).toBe(25);
  });
  it("only the first two cases count; a case over 25 is held to 25", () => {
    expect(n(bestPracticeFor(scheme, [caseInput("渝中区", 10), caseInput("渝中区", 12), caseInput("渝中区", 25)], 2).score)).toBe(12);
    expect(n(bestPracticeFor(scheme, [caseInput("渝中区", 30)], 2).score)).toBe(25);
  });
  it("no case: 0, explained", () => {
    const r = bestPracticeFor(scheme, [], 2);
    expect(n(r.score)).toBe(0);
    expect(r.trail[0]!.text.zh).toContain("未报送");
  });
});

describe("comprehensive assessment (综合评估)", () => {
  it("full marks by default", () => {
    expect(n(compositeFor(scheme, undefined, 2).score)).toBe(10);
    expect(n(compositeFor(scheme, compositeInput("丰都县", null), 2).score)).toBe(10);
  });
  it("an incident deduction with its reason; never below 0", () => {
    const r = compositeFor(scheme, compositeInput("丰都县", 2, "意识形态重大负面舆论影响"), 2);
    expect(n(r.score)).toBe(8);
    expect(r.trail[0]).toMatchObject({ item: "意识形态重大负面舆论影响", delta: -2 });
    expect(n(compositeFor(scheme, compositeInput("丰都县", 15), 2).score)).toBe(0);
  });
});

describe("ranks and tiers", () => {
  it("competition ranking: 1, 2, 2, 4", () => {
    expect(competitionRanks([dec(90), dec(88.5), dec(88.5), dec(80)])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([dec(70), dec(95), dec(70)])).toEqual([2, 1, 2]);
  });
  it("thresholds (default): 95 特优, 85 优, else 良 — boundaries included", () => {
    expect(tierFor(scheme.tiers, dec(95), 1, 22)).toBe("特优");
    expect(tierFor(scheme.tiers, dec(94.99), 1, 22)).toBe("优");
    expect(tierFor(scheme.tiers, dec(85), 1, 22)).toBe("优");
    expect(tierFor(scheme.tiers, dec(84.99), 1, 22)).toBe("良");
  });
  it("quota within the group: 20% 特优 and 50% 优 of 11 → ranks ≤ 2 特优, ≤ 8 优 (round half up of 2.2 and 7.7)", () => {
    const quota: Scheme["tiers"] = { kind: "quota", tiers: [{ name: "特优", share: 0.2 }, { name: "优", share: 0.5 }], otherwise: "良" };
    expect([1, 2, 3, 8, 9].map((r) => tierFor(quota, dec(0), r, 11))).toEqual(["特优", "特优", "优", "优", "良"]);
    // 2 units: round(0.4) = 0 特优, round(1.4) = 1 优.
    expect([1, 2].map((r) => tierFor(quota, dec(0), r, 2))).toEqual(["优", "良"]);
  });
});
