import { builtinScheme } from "../../src/scheme/load";
import type { CaseInput, CompositeInput, EventInput, IndicatorInput, InputValue } from "../../src/engine/inputs";

export const scheme = builtinScheme();

let seq = 0;
const src = (sheet = "测试") => ({ sheet, cell: `Z${++seq}` });

export function basicInput(unit: string, indicator: string, values: Record<string, InputValue>, reason: string | null = null): IndicatorInput {
  return {
    unit,
    indicator,
    values,
    sources: Object.fromEntries(Object.keys(values).map((k) => [k, src()])),
    reason,
    reasonSource: src(),
  };
}

export function caseInput(unit: string, score: number | null): CaseInput {
  return { unit, projectId: "C01", title: "案例", score, source: src("最佳实践案例") };
}

export function bonusEvent(unit: string, itemId: string, count = 1): EventInput {
  return { unit, kind: "bonus", itemId, count, countSource: src("加分扣分"), points: null, pointsSource: src("加分扣分"), reason: null };
}

export function penaltyEvent(unit: string, itemId: string, count = 1, points: number | null = null, reason: string | null = "理由"): EventInput {
  return { unit, kind: "penalty", itemId, count, countSource: src("加分扣分"), points, pointsSource: src("加分扣分"), reason };
}

export function compositeInput(unit: string, deduction: number | null, incident: string | null = "重大安全责任事故"): CompositeInput {
  return { unit, deduction, incident, reason: "说明", source: src("综合评估") };
}

/** Full marks on every indicator for a unit (scores at max, targets met, gates passed). */
export function fullBasic(unit: string): IndicatorInput[] {
  const group = scheme.units.find((u) => u.name === unit)!.group;
  return scheme.indicators.map((ind) => {
    const values: Record<string, InputValue> = {};
    for (const r of ind.rules) {
      if (r.kind === "manual") values["score"] = ind.points[group]!;
      if (r.kind === "target") for (const m of r.measures) values[`m:${m.id}`] = m.target;
      if (r.kind === "gate") values["gate"] = true;
      if (r.kind === "perOccurrence") values["count"] = 0;
    }
    return basicInput(unit, ind.id, values);
  });
}
