import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { builtinScheme, parseScheme } from "../../src/scheme/load";
import { cq2024 } from "../../src/scheme/cq2024";
import { unitIndex } from "../../src/scheme/names";
import { schemeJsonSchema } from "../../src/scheme/jsonSchema";

const scheme = builtinScheme();
const clone = () => JSON.parse(JSON.stringify(cq2024));

describe("the built-in scheme cq-2024 encodes the document", () => {
  it("41 units in 4 groups of 22, 11, 6 and 2", () => {
    expect(scheme.units).toHaveLength(41);
    expect(scheme.groups.map((g) => scheme.units.filter((u) => u.group === g.id).length)).toEqual([22, 11, 6, 2]);
  });
  it("21 basic indicators: 4 + 4 + 3 + 3 + 7 across the five programmes, each group summing to 60", () => {
    const programmes = [...new Set(scheme.indicators.map((i) => i.programme))];
    expect(programmes.map((p) => scheme.indicators.filter((i) => i.programme === p).length)).toEqual([4, 4, 3, 3, 7]);
    for (const g of scheme.groups) expect(scheme.indicators.reduce((a, i) => a + i.points[g.id]!, 0)).toBe(60);
    // Per-group weights really differ somewhere.
    expect(new Set(scheme.groups.map((g) => scheme.indicators.map((i) => i.points[g.id]).join())).size).toBeGreaterThan(1);
  });
  it("components, caps and tables as the document gives them", () => {
    expect(scheme.components).toEqual({ basic: 60, bestPractice: 25, composite: 10, bonusCap: 5 });
    expect(scheme.bonus.items.map((b) => [b.pointsEach, b.cap])).toEqual([[2, null], [1, null], [1, null], [1, null], [1, 3], [1, 2]]);
    expect(scheme.penalties.items.map((p) => (p.kind === "fixed" ? p.pointsEach : "酌情"))).toEqual([2, 1, 1, "酌情", "酌情"]);
    expect(scheme.cases.projects).toHaveLength(14); // 13 projects + 基金会
    expect(scheme.cases).toMatchObject({ minPerUnit: 1, maxPerUnit: 2, textLimit: 500 });
  });
  it("the funds indicator has a gate and a per-occurrence deduction; targets carry the document's thresholds", () => {
    const funds = scheme.indicators.find((i) => i.id === "B20")!;
    expect(funds.rules.map((r) => r.kind)).toEqual(["manual", "gate", "perOccurrence"]);
    const targets = scheme.indicators.flatMap((i) => i.rules.flatMap((r) => (r.kind === "target" ? r.measures.map((m) => m.target) : [])));
    expect(targets).toEqual([0.7, 0.9, 0.85, 0.9, 10, 1, 1, 1]);
  });
  it("every open choice is listed as a default", () => {
    expect(scheme.openChoices.map((o) => o.key)).toEqual(expect.arrayContaining(["indicatorPoints", "measuredParts", "notApplicable", "casesCombine", "tiers", "rounding"]));
    // In people's words: never a JSON path such as indicators[*].points.
    for (const o of scheme.openChoices) expect(o.topic).not.toMatch(/[[\]*.]|^[a-z]/i);
  });
});

describe("unit names", () => {
  const idx = unitIndex(scheme);
  it.each([
    ["忠县", "exact", "忠县"],
    ["忠 县", "normalised", "忠县"],
    ["忠\u3000县", "normalised", "忠县"],
    ["高新区", "normalised", "西部科学城重庆高新区"],
    ["重庆高新区", "normalised", "西部科学城重庆高新区"],
    ["万盛", "normalised", "万盛经开区"],
    ["万盛经济技术开发区", "normalised", "万盛经开区"],
    ["石柱土家族自治县", "normalised", "石柱县"],
    ["彭水苗族土家族自治县", "normalised", "彭水县"],
    ["ｓ渝中区", "unknown", null],
    ["火星区", "unknown", null],
    ["渝中", "unknown", null],
  ])("%s → %s %s", (raw, kind, name) => {
    const m = idx.resolve(raw);
    expect(m.kind).toBe(kind);
    if (m.kind !== "unknown") expect(m.unit.name).toBe(name);
  });
});

describe("an inconsistent scheme is rejected with every issue listed", () => {
  it("group sums, unknown department, unknown group, duplicate ids — all at once", () => {
    const bad = clone();
    bad.indicators[0].points.metro = 4; // metro now sums to 61
    bad.indicators[1].department = "不存在部";
    bad.units[0].group = "nowhere";
    bad.indicators[2].id = bad.indicators[3].id;
    const r = parseScheme(bad, "bad.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.diagnostics.map((d) => d.message).join("\n");
    expect(text).toContain("重庆主城区都市圈”的基础工作指标分值合计 61，应为 60");
    expect(text).toContain("不存在部");
    expect(text).toContain("nowhere");
    expect(text).toContain("指标 id 重复");
    expect(r.diagnostics.length).toBeGreaterThanOrEqual(4);
    expect(r.diagnostics.every((d) => d.severity === "error" && d.code === "scheme.invalid")).toBe(true);
  });
  it("shape errors name the path", () => {
    const bad = clone();
    bad.components.basic = "sixty";
    const r = parseScheme(bad, "bad.json");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]!.message).toContain("components.basic");
  });
  it("a modifier rule cannot come first; an alias cannot name two units", () => {
    const bad = clone();
    bad.indicators[0].rules = [{ kind: "gate", question: "?" }];
    bad.units[1].aliases = ["忠县"];
    const r = parseScheme(bad, "bad.json");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.diagnostics.some((d) => d.message.includes("第一条规则"))).toBe(true);
      expect(r.diagnostics.some((d) => d.message.includes("同时属于"))).toBe(true);
    }
  });
});

describe("JSON Schema", () => {
  it("is generated from the zod schema and matches the committed file", () => {
    const generated = schemeJsonSchema();
    expect(generated).toHaveProperty("properties.indicators");
    const committed = JSON.parse(readFileSync(new URL("../../schema/scheme.schema.json", import.meta.url), "utf8"));
    expect(committed).toEqual(generated);
  });
});
