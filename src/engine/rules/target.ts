import type { Measure, Rule } from "../../scheme/schema";
import { dec, maxDec, minDec, toNumber, ZERO, type Dec } from "../decimal";
import { lit, num } from "../formula";
import type { RuleKindModule } from "./types";

type Target = Extract<Rule, { kind: "target" }>;

export function measureKey(m: Measure): string {
  return `m:${m.id}`;
}

function show(m: Measure, v: Dec | number): string {
  const d = typeof v === "number" ? dec(v) : v;
  return m.unit === "percent" ? `${d.times(100).toString()}%` : d.toString();
}

/**
 * 目标值: raw figures (a rate, a count) against targets. All met: full points. Otherwise the
 * weakest measure decides: points × its attainment (proportional), or nothing (zero).
 */
export const target: RuleKindModule<Target> = {
  kind: "target",
  base: true,
  columns: (rule) =>
    rule.measures.map((m) => ({
      key: measureKey(m),
      label: m.label,
      input: m.unit === "percent" ? ("percent" as const) : ("count" as const),
      required: true,
      target: m.target,
      hint: (max: number) => `目标≥${show(m, m.target)}（满分${max}）`,
    })),
  apply(rule, _prev, { indicator, max, input }) {
    const shortfalls: string[] = [];
    let weakest = dec(1);
    for (const m of rule.measures) {
      const raw = input.values[measureKey(m)];
      const value = maxDec(typeof raw === "number" ? dec(raw) : ZERO, ZERO);
      const attainment = minDec(value.div(dec(m.target)), dec(1));
      if (attainment.lt(1)) shortfalls.push(`${m.label} ${show(m, value)}（目标 ${show(m, m.target)}）`);
      weakest = minDec(weakest, attainment);
    }
    const score = weakest.gte(1) ? max : rule.below === "zero" ? ZERO : max.times(weakest);
    if (shortfalls.length === 0) return { score, trail: [] };
    const first = rule.measures[0]!;
    return {
      score,
      trail: [{
        component: "basic",
        kind: "target",
        item: indicator.name,
        delta: toNumber(score.minus(max).round(6)),
        text: {
          zh: `${indicator.name}：未达目标：${shortfalls.join("；")}，${rule.below === "zero" ? "不得分" : "按完成比例计分"}`,
          en: `${indicator.name}: target not met (${shortfalls.length} measure(s)), ${rule.below === "zero" ? "no points" : "points in proportion"}`,
        },
        reason: input.reason,
        source: input.sources[measureKey(first)] ?? null,
      }],
    };
  },
  formula(rule, _prev, refs, max) {
    const values = rule.measures.map((m) => ({ v: `MAX(${num(refs[measureKey(m)]!)},0)`, t: lit(m.target) }));
    const allMet = `AND(${values.map(({ v, t }) => `${v}>=${t}`).join(",")})`;
    if (rule.below === "zero") return `IF(${allMet},${lit(max)},0)`;
    const ratios = values.map(({ v, t }) => `${v}/${t}`).join(",");
    return `${lit(max)}*MIN(1,${ratios})`;
  },
  describe: (rule) => ({
    zh: `目标值：${rule.measures.map((m) => `${m.label} ≥ ${show(m, m.target)}`).join("，")}；未达标${rule.below === "zero" ? "不得分" : "按最弱一项完成比例计分"}`,
    en: `target: ${rule.measures.map((m) => `${m.id} ≥ ${m.target}`).join(", ")}; below target ${rule.below}`,
  }),
};
