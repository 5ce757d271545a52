import type { Measure, Rule } from "../../scheme/schema";
import { dec, maxDec, minDec, toNumber, ZERO, type Dec } from "../decimal";
import { num, str } from "../formula";
import type { TrailEntry } from "../trail";
import { NOT_APPLICABLE, type PartKindModule } from "./types";

type Target = Extract<Rule, { kind: "target" }>;

export function measureKey(m: Measure): string {
  return `m:${m.id}`;
}

function show(m: Measure, v: Dec | number): string {
  const d = typeof v === "number" ? dec(v) : v;
  return m.unit === "percent" ? `${d.times(100).toString()}%` : d.toString();
}

/**
 * 目标值: one measured item of an indicator (e.g. "70%以上家庭达到绿色家庭标准"), scored on raw
 * figures against targets. All met: the part's full points. Otherwise the weakest measure
 * decides: points × its attainment (proportional), or nothing (zero). A measure entered as
 * 不适用 is left out; when all are, the part does not apply (the scheme's notApplicable rule).
 */
export const target: PartKindModule<Target> = {
  kind: "target",
  role: "part",
  fixedPoints: (rule) => rule.points ?? null,
  columns: (rule) =>
    rule.measures.map((m) => ({
      key: measureKey(m),
      label: m.label,
      input: m.unit === "percent" ? ("percent" as const) : ("count" as const),
      required: true,
      target: m.target,
      notApplicable: m.notApplicable,
      // Measures that share their part's points say so: "目标≥90%（共1分）", not 1 point each.
      hint: (max: number) => `目标≥${show(m, m.target)}（${rule.measures.length > 1 ? "共" : ""}${max}分）`,
    })),
  apply(rule, { indicator, max, input, multiPart }) {
    const shortfalls: string[] = [];
    const trail: TrailEntry[] = [];
    let weakest = dec(1);
    let counted = 0;
    for (const m of rule.measures) {
      const raw = input.values[measureKey(m)];
      if (raw === "na" && m.notApplicable) {
        trail.push({
          component: "basic", kind: "notApplicable", item: indicator.name, delta: 0,
          text: { zh: `${indicator.name}：${m.label} 不适用，不计入`, en: `${indicator.name}: ${m.id} not applicable, left out` },
          reason: input.reason, source: input.sources[measureKey(m)] ?? null,
        });
        continue;
      }
      counted++;
      const value = maxDec(typeof raw === "number" ? dec(raw) : ZERO, ZERO);
      const attainment = minDec(value.div(dec(m.target)), dec(1));
      if (attainment.lt(1)) shortfalls.push(`${m.label} ${show(m, value)}（目标 ${show(m, m.target)}）`);
      weakest = minDec(weakest, attainment);
    }
    if (counted === 0) return { score: max, applicable: false, trail };
    const score = weakest.gte(1) ? max : rule.below === "zero" ? ZERO : max.times(weakest);
    if (shortfalls.length === 0) return { score, applicable: true, trail };
    const first = rule.measures[0]!;
    const part = multiPart ? `（量化部分，满分 ${max}）` : "";
    trail.push({
      component: "basic",
      kind: "target",
      item: indicator.name,
      delta: toNumber(score.minus(max).round(6)),
      text: {
        zh: `${indicator.name}${part}：未达目标：${shortfalls.join("；")}，${rule.below === "zero" ? "不得分" : "按完成比例计分"}`,
        en: `${indicator.name}${multiPart ? ` (measured part of ${max})` : ""}: target not met (${shortfalls.length} measure(s)), ${rule.below === "zero" ? "no points" : "points in proportion"}`,
      },
      reason: input.reason,
      source: input.sources[measureKey(first)] ?? null,
    });
    return { score, applicable: true, trail };
  },
  numbers: (rule) => rule.measures.map((m) => ({ key: measureKey(m), label: `${m.label} 目标值${m.unit === "percent" ? "（比例）" : ""}`, value: m.target })),
  formula(rule, refs, max, number) {
    const na = (m: Measure) => `TRIM(${refs[measureKey(m)]!})=${str(NOT_APPLICABLE)}`;
    const value = (m: Measure) => `MAX(${num(refs[measureKey(m)]!)},0)`;
    const goal = (m: Measure) => number(measureKey(m));
    const met = rule.measures.map((m) => (m.notApplicable ? `OR(${na(m)},${value(m)}>=${goal(m)})` : `${value(m)}>=${goal(m)}`));
    const ratios = rule.measures.map((m) => (m.notApplicable ? `IF(${na(m)},1,${value(m)}/${goal(m)})` : `${value(m)}/${goal(m)}`));
    const score = rule.below === "zero" ? `IF(AND(${met.join(",")}),${max},0)` : `${max}*MIN(1,${ratios.join(",")})`;
    const canLapse = rule.measures.every((m) => m.notApplicable);
    return { score, applicable: canLapse ? `NOT(AND(${rule.measures.map(na).join(",")}))` : null };
  },
  // The figure beside its target (on the sheet, in 扣分明细) is the reason; no words asked.
  decided: () => null,
  describe: (rule) => ({
    zh: `${rule.points !== undefined ? `量化部分 ${rule.points} 分：` : "目标值："}${rule.measures.map((m) => `${m.label} ≥ ${show(m, m.target)}${m.notApplicable ? "（可填“不适用”）" : ""}`).join("，")}；未达标${rule.below === "zero" ? "不得分" : "按最弱一项完成比例计分"}`,
    en: `${rule.points !== undefined ? `measured part of ${rule.points}: ` : "target: "}${rule.measures.map((m) => `${m.id} ≥ ${m.target}`).join(", ")}; below target ${rule.below}`,
  }),
};
