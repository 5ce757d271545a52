import { builtinScheme } from "../../src/scheme/load";
import type { CaseInput, CompositeInput, EvaluationInputs, EventInput, IndicatorInput, InputValue } from "../../src/engine/inputs";
import { columnarInputs, combineColumns, setValue, sheetColumns } from "../../src/engine/columns";
import { departmentLayouts } from "../../src/layout/department";
import type { Scheme } from "../../src/scheme/schema";

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

/**
 * The same basic inputs in columns (src/engine/columns.ts), as the reader would give them: the
 * first input per (unit, indicator), each indicator on its department's columns with the unit on
 * row 5 + its position (so sources differ from the objects'; compare with the columns' own
 * object form). A key an input lacks reads as a blank cell.
 */
export function columnarFrom(s: Scheme, basic: readonly IndicatorInput[], rest: Omit<EvaluationInputs, "basic"> = { cases: [], events: [], composite: [] }): EvaluationInputs {
  const unitAt = new Map(s.units.map((u, i) => [u.name, i]));
  const first = new Map<string, IndicatorInput>();
  for (const b of basic) if (unitAt.has(b.unit) && !first.has(`${b.unit}\u0000${b.indicator}`)) first.set(`${b.unit}\u0000${b.indicator}`, b);
  const sheets = departmentLayouts(s).flatMap((layout) =>
    layout.blocks.map((block) => {
      const index = s.indicators.indexOf(block.indicator);
      const found = s.units.flatMap((u, i) => (first.has(`${u.name}\u0000${block.indicator.id}`) ? [{ unit: i, row: layout.firstDataRow + i }] : []));
      const sheet = sheetColumns(s, layout.sheet, found, [{ index, columns: block.columns, reasonCol: block.reasonCol }]);
      const ic = sheet.indicators[0]!;
      for (const { unit } of found) {
        const input = first.get(`${s.units[unit]!.name}\u0000${block.indicator.id}`)!;
        ic.columns.forEach((c) => setValue(c, unit, input.values[c.key] ?? null));
        if (input.reason !== null) ic.reasons.set(unit, input.reason);
      }
      return sheet;
    }),
  );
  return columnarInputs(combineColumns(s, sheets)!, rest);
}
