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

describe("indicators of a judged part and a measured part (定量与定性相结合)", () => {
  // Built-in split: 服务家庭建设新需求 4 = 3 judged + 1 measured (绿色家庭达标率 ≥ 70%).
  it("meeting the target alone is never full marks: 70% met but judged 0 → 1 of 4", () => {
    const r = score("B09", "metro", { score: 0, "m:greenFamilies": 0.7 }, "其他要求未落实");
    expect(toNumber(r.score)).toBe(1);
    expect(r.trail).toHaveLength(1);
    expect(r.trail[0]).toMatchObject({ kind: "manual", delta: -3 });
    expect(r.trail[0]!.text.zh).toContain("（定性部分）");
  });
  it("both parts full: 3 + 1 = 4, no trail", () => {
    const r = score("B09", "metro", { score: 3, "m:greenFamilies": 0.95 });
    expect(toNumber(r.score)).toBe(4);
    expect(r.trail).toEqual([]);
  });
  it("the judged part is capped at what the measured part leaves (3, not 4)", () => {
    expect(toNumber(score("B09", "metro", { score: 4, "m:greenFamilies": 0 }).score)).toBe(3);
  });
  it("below target: the measured part in proportion, rounded half up (2.5 + 1 × 0.65/0.7 = 3.428… → 3.43)", () => {
    const r = score("B09", "metro", { score: 2.5, "m:greenFamilies": 0.65 }, "理由");
    expect(toNumber(r.score)).toBe(3.43);
    expect(r.trail.map((t) => t.kind)).toEqual(["manual", "target"]);
    expect(r.trail[1]!.text.zh).toContain("量化部分，满分 1");
    // Each part's delta is its own shortfall: −0.5 judged, −0.071429 measured.
    expect(r.trail[0]!.delta).toBe(-0.5);
    expect(r.trail[1]!.delta).toBeCloseTo(-0.071429, 6);
  });
  it("two measures: the weakest decides (城市 95% met, 农村 68% of 85% → 3 + 1 × 0.8 = 3.8)", () => {
    const r = score("B10", "metro", { score: 3, "m:urbanSchools": 0.95, "m:ruralSchools": 0.68 }, "农村家长学校不足");
    expect(toNumber(r.score)).toBe(3.8);
    expect(r.trail[0]!.text.zh).toContain("农村社区家长学校覆盖率 68%（目标 85%）");
    expect(r.trail[0]!.reason).toBe("农村家长学校不足");
  });
  it("counts: 新建三新领域基层妇联组织 7 of 10 → 2 + 0.7 = 2.7; 12 → 3", () => {
    expect(toNumber(score("B16", "metro", { score: 2, "m:newOrgs": 7 }).score)).toBe(2.7);
    expect(toNumber(score("B16", "metro", { score: 2, "m:newOrgs": 12 }).score)).toBe(3);
  });
  it("the older one-part form still works: a target that is the whole indicator (below = zero)", () => {
    const whole = { ...ind("B16"), rules: [{ kind: "target" as const, below: "zero" as const, measures: [{ id: "newOrgs", label: "x", unit: "count" as const, target: 10, notApplicable: false }] }] };
    expect(toNumber(scoreIndicator(whole, "metro", basicInput("渝中区", "B16", { "m:newOrgs": 9 }), 2).score)).toBe(0);
    expect(toNumber(scoreIndicator(whole, "metro", basicInput("渝中区", "B16", { "m:newOrgs": 10 }), 2).score)).toBe(3);
  });
});

describe("不适用 (not applicable) never costs points", () => {
  it("one of two measures 不适用: the other alone decides (城市 81% of 90% → 3 + 0.9 = 3.9), reported with 0 points", () => {
    const r = score("B10", "metro", { score: 3, "m:urbanSchools": 0.81, "m:ruralSchools": "na" });
    expect(toNumber(r.score)).toBe(3.9);
    const na = r.trail.find((t) => t.kind === "notApplicable")!;
    expect(na).toMatchObject({ delta: 0 });
    expect(na.text.zh).toContain("农村社区家长学校覆盖率 不适用");
  });
  it("every measure 不适用, rescale (default): the judged part scaled to the indicator's points (2.4/3 × 4 = 3.2)", () => {
    const r = score("B10", "metro", { score: 2.4, "m:urbanSchools": "na", "m:ruralSchools": "na" }, "理由");
    expect(toNumber(r.score)).toBe(3.2);
    // The explanation adds up: −0.6 judged, then the rescaling's −0.2 → 3.2 − 4 = −0.8.
    const sum = r.trail.reduce((a, t) => a + t.delta, 0);
    expect(sum).toBeCloseTo(-0.8, 9);
    expect(r.trail.map((t) => t.kind)).toEqual(["manual", "notApplicable", "notApplicable", "notApplicableRescale"]);
  });
  it("every measure 不适用, full judged part → full marks", () => {
    expect(toNumber(score("B13", "metro", { score: 3, "m:mediation": "na" }).score)).toBe(4);
  });
  it("every measure 不适用 under the 'full' rule: the measured part counts as met (2.4 + 1 = 3.4)", () => {
    const r = scoreIndicator(ind("B10"), "metro", basicInput("渝中区", "B10", { score: 2.4, "m:urbanSchools": "na", "m:ruralSchools": "na" }), 2, "full");
    expect(toNumber(r.score)).toBe(3.4);
  });
  it("不适用 on a measure the scheme does not allow it for counts as 0 (validation reports the cell)", () => {
    expect(toNumber(score("B09", "metro", { score: 3, "m:greenFamilies": "na" }).score)).toBe(3);
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
