import { describe, expect, it } from "vitest";
import { scoreIndicator } from "../../src/engine/basic";
import { toNumber } from "../../src/engine/decimal";
import { basicInput, scheme } from "./helpers";

const ind = (id: string) => scheme.indicators.find((x) => x.id === id)!;
const score = (id: string, group: string, values: Parameters<typeof basicInput>[2], reason: string | null = null) =>
  scoreIndicator(ind(id), group, basicInput("渝中区", id, values, reason), 2);

describe("manual (人工评分)", () => {
  it("happy path: the score as written, no trail at full marks", () => {
    const r = score("B01", "metro", { score: 3 });
    expect(toNumber(r.score)).toBe(3);
    expect(r.trail).toEqual([]);
  });
  it("a deduction is explained with the department's reason and the source cell", () => {
    const r = score("B01", "metro", { score: 2.5 }, "台账不全");
    expect(toNumber(r.score)).toBe(2.5);
    expect(r.trail).toHaveLength(1);
    expect(r.trail[0]).toMatchObject({ kind: "manual", delta: -0.5, reason: "台账不全" });
    expect(r.trail[0]!.source?.cell).toMatch(/^Z\d+$/);
  });
  it("per-group points: 服务乡村振兴战略 is worth 2 in 主城, 4 in 渝东南, 1 on the platforms", () => {
    expect(toNumber(score("B07", "metro", { score: 99 }).score)).toBe(2);
    expect(toNumber(score("B07", "southeast", { score: 99 }).score)).toBe(4);
    expect(toNumber(score("B07", "platform", { score: 99 }).score)).toBe(1);
  });
  it("given a wrong value: over max clamps to max, negative to 0, missing to 0", () => {
    expect(toNumber(score("B01", "metro", { score: 7 }).score)).toBe(3);
    expect(toNumber(score("B01", "metro", { score: -1 }).score)).toBe(0);
    expect(toNumber(score("B01", "metro", { score: null }).score)).toBe(0);
  });
  it("a unit with no row scores 0 and says so", () => {
    const r = scoreIndicator(ind("B01"), "metro", undefined, 2);
    expect(toNumber(r.score)).toBe(0);
    expect(r.trail[0]).toMatchObject({ kind: "missing", delta: -3 });
  });
});

describe("target (目标值)", () => {
  it("met: full points (绿色家庭达标率 ≥ 70%)", () => {
    expect(toNumber(score("B09", "metro", { "m:greenFamilies": 0.7 }).score)).toBe(4);
    expect(toNumber(score("B09", "metro", { "m:greenFamilies": 0.95 }).score)).toBe(4);
  });
  it("below: proportional, rounded half up to 2 decimals (4 × 0.63/0.7 = 3.6)", () => {
    expect(toNumber(score("B09", "metro", { "m:greenFamilies": 0.63 }).score)).toBe(3.6);
    // 4 × 0.65 / 0.7 = 3.714285… → 3.71
    expect(toNumber(score("B09", "metro", { "m:greenFamilies": 0.65 }).score)).toBe(3.71);
  });
  it("two measures: the weakest decides (城市 95% met, 农村 68% of 85% → 4 × 0.8 = 3.2)", () => {
    const r = score("B10", "metro", { "m:urbanSchools": 0.95, "m:ruralSchools": 0.68 }, "农村家长学校不足");
    expect(toNumber(r.score)).toBe(3.2);
    expect(r.trail[0]!.text.zh).toContain("农村社区家长学校覆盖率 68%（目标 85%）");
    expect(r.trail[0]!.reason).toBe("农村家长学校不足");
  });
  it("counts: 新建三新领域基层妇联组织 7 of 10 → 3 × 0.7 = 2.1", () => {
    expect(toNumber(score("B16", "metro", { "m:newOrgs": 7 }).score)).toBe(2.1);
    expect(toNumber(score("B16", "metro", { "m:newOrgs": 12 }).score)).toBe(3);
  });
  it("below = zero: nothing unless every measure is met", () => {
    const zeroScheme = { ...ind("B16"), rules: [{ kind: "target" as const, below: "zero" as const, measures: [{ id: "newOrgs", label: "x", unit: "count" as const, target: 10 }] }] };
    expect(toNumber(scoreIndicator(zeroScheme, "metro", basicInput("渝中区", "B16", { "m:newOrgs": 9 }), 2).score)).toBe(0);
    expect(toNumber(scoreIndicator(zeroScheme, "metro", basicInput("渝中区", "B16", { "m:newOrgs": 10 }), 2).score)).toBe(3);
  });
});

describe("gate and per-occurrence (资金使用情况, B20: 2 points)", () => {
  it("gate passed, no occurrences: the manual score", () => {
    expect(toNumber(score("B20", "metro", { score: 1.5, gate: true, count: 0 }).score)).toBe(1.5);
  });
  it("未足额拨付 (gate 否): the indicator scores 0 and the trail says why", () => {
    const r = score("B20", "metro", { score: 2, gate: false, count: 0 }, "未足额拨付");
    expect(toNumber(r.score)).toBe(0);
    expect(r.trail.map((t) => t.kind)).toEqual(["gate"]);
    expect(r.trail[0]!.delta).toBe(-2);
  });
  it("an unanswered gate passes (validation reports the empty cell)", () => {
    expect(toNumber(score("B20", "metro", { score: 2, gate: null, count: 0 }).score)).toBe(2);
  });
  it("−1 per occurrence, below the indicator's zero: 2 − 3 = −1", () => {
    const r = score("B20", "metro", { score: 2, gate: true, count: 3 });
    expect(toNumber(r.score)).toBe(-1);
    expect(r.trail[0]).toMatchObject({ kind: "perOccurrence", delta: -3 });
  });
  it("gate then deductions: 0 − 2 = −2 (倒扣 still applies after 未足额拨付)", () => {
    expect(toNumber(score("B20", "metro", { score: 2, gate: false, count: 2 }).score)).toBe(-2);
  });
});
