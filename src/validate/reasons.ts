import type { Diagnostic, Text } from "../diagnostics/diagnostic";
import type { Indicator, Scheme } from "../scheme/schema";
import type { EvaluationInputs, IndicatorInput } from "../engine/inputs";
import type { Evaluation } from "../engine/evaluate";
import { ruleMaxima } from "../engine/basic";
import { ruleKind } from "../engine/rules";
import { msg } from "./messages";

/**
 * 细化扣分理由: a deduction the department decided needs its reason in words (severity per the
 * scheme) — a judged score below its part's maximum, a gate answered 否, an occurrence counted.
 * A measured part below its target explains itself: the figure is on the sheet beside the target
 * in the group row, and 扣分明细 states both ("城市社区家长学校覆盖率 89%，目标 ≥ 90%"); asking
 * staff to retype it only invites a sentence that disagrees with the figure, and makes the printed
 * sheet pages longer for nothing.
 */
export function reasonChecks(scheme: Scheme, inputs: EvaluationInputs, evaluation: Evaluation): Diagnostic[] {
  if (scheme.reasonBelowMax === "off") return [];
  const byKey = new Map(inputs.basic.map((b) => [`${b.unit}\u0000${b.indicator}`, b]));
  const indicators = new Map(scheme.indicators.map((i) => [i.id, i]));
  const groupOf = new Map(scheme.units.map((u) => [u.name, u.group]));
  const out: Diagnostic[] = [];
  for (const u of evaluation.units) {
    for (const ind of u.indicators) {
      if (ind.score >= ind.max) continue;
      const input = byKey.get(`${u.unit}\u0000${ind.id}`);
      const indicator = indicators.get(ind.id);
      if (!input || !indicator || input.reason || !input.reasonSource) continue;
      // An unreadable or missing input is already an error there; a reason would not fix it.
      if (Object.entries(input.values).some(([key, v]) => v === null && key !== "count")) continue;
      const why = judgedShortfall(indicator, groupOf.get(u.unit) ?? u.group, input);
      if (why) out.push(msg.reasonMissing(scheme.reasonBelowMax, input.reasonSource.sheet, input.reasonSource.cell, ind.name, why));
    }
  }
  return out;
}

/** What the department decided that costs points, in words; null when only measured figures fall short. */
export function judgedShortfall(indicator: Indicator, groupId: string, input: IndicatorInput): Text | null {
  const maxima = ruleMaxima(indicator, groupId);
  for (const [i, rule] of indicator.rules.entries()) {
    const why = ruleKind(rule).decided(rule as never, input.values, maxima[i]!);
    if (why) return why;
  }
  return null;
}
