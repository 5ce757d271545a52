import { describe, expect, it } from "vitest";
import { builtinScheme } from "../../src/scheme/load";
import { evaluate } from "../../src/engine/evaluate";
import type { EvaluationInputs, IndicatorInput, InputValue } from "../../src/engine/inputs";
import { ruleKind } from "../../src/engine/rules";
import { judgedShortfall, reasonChecks } from "../../src/validate/reasons";

/**
 * 细化扣分理由: a deduction the department decided (a judged score below its part's maximum, a
 * gate answered 否, an occurrence counted) needs a reason; a measured figure below its target
 * explains itself and needs none. The warning names the reason cell and what cost the points.
 */
const scheme = builtinScheme();
const unit = scheme.units.find((u) => u.group === scheme.groups[0]!.id)!.name;
const indicator = (id: string) => scheme.indicators.find((i) => i.id === id)!;

function row(id: string, values: Record<string, InputValue>, reason: string | null = null): IndicatorInput {
  const sheet = indicator(id).department;
  return { unit, indicator: id, values, sources: {}, reason, reasonSource: { sheet, cell: "Z9" } };
}

function warnings(inputs: IndicatorInput[]) {
  const all: EvaluationInputs = { basic: inputs, cases: [], events: [], composite: [] };
  return reasonChecks(scheme, all, evaluate(scheme, all)).filter((d) => d.code === "reason.missing");
}

describe("which deductions need a reason", () => {
  // B10 提升家庭教育新水平: judged 3 + measured 1 (城市 ≥ 90 %, 农村 ≥ 85 %).
  const full = { score: 3, "m:urbanSchools": 0.95, "m:ruralSchools": 0.9 };
  const keys = () => Object.keys(full);

  it("B10's input columns are the ones these cases fill", () => {
    expect(indicator("B10").rules.flatMap((r) => ruleKind(r).columns(r as never).map((c) => c.key)).sort()).toEqual(keys().sort());
  });

  it("a measured figure below its target, judged part full: no reason asked", () => {
    const r = row("B10", { ...full, "m:urbanSchools": 0.8 });
    expect(judgedShortfall(indicator("B10"), scheme.groups[0]!.id, r)).toBeNull();
    expect(evaluate(scheme, { basic: [r], cases: [], events: [], composite: [] }).units.find((u) => u.unit === unit)!.indicators.find((i) => i.id === "B10")!.score).toBeLessThan(4);
    expect(warnings([r])).toEqual([]);
  });

  it("a judged score below its part's maximum: a warning at the reason cell saying so", () => {
    const ws = warnings([row("B10", { ...full, score: 2.5 })]);
    expect(ws).toHaveLength(1);
    expect(ws[0]).toMatchObject({ sheet: "家儿部", cell: "Z9" });
    expect(ws[0]!.message).toContain("评分 2.5 低于满分 3");
  });

  it("a gate answered 否, or an occurrence counted: a warning naming it; with a reason written: none", () => {
    const b20 = { score: 2, gate: true, count: 0 };
    expect(warnings([row("B20", { ...b20, gate: false })])[0]!.message).toContain("“本级财政是否足额拨付”为“否”");
    expect(warnings([row("B20", { ...b20, count: 2 })])[0]!.message).toContain("未按预算项目使用次数 2 次");
    expect(warnings([row("B20", { ...b20, count: 2 }, "发现2次未按预算项目使用资金")])).toEqual([]);
    expect(warnings([row("B20", b20)])).toEqual([]);
  });
});
