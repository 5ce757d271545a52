import type { Rule } from "../../scheme/schema";
import { dec, maxDec, toNumber, ZERO } from "../decimal";
import { num } from "../formula";
import type { ModifierKindModule } from "./types";

type PerOccurrence = Extract<Rule, { kind: "perOccurrence" }>;

/** 倒扣: minus n points for each occurrence found; the indicator may go below zero. */
export const perOccurrence: ModifierKindModule<PerOccurrence> = {
  kind: "perOccurrence",
  role: "modifier",
  numbers: (rule) => [{ key: "each", label: `${rule.label}每次扣分`, value: rule.pointsEach }],
  columns: (rule) => [{ key: "count", label: rule.label, input: "count", required: false, hint: () => `每次扣${rule.pointsEach}分` }],
  apply(rule, prev, { indicator, input }) {
    const raw = input.values["count"];
    const n = maxDec(typeof raw === "number" ? dec(raw) : ZERO, ZERO);
    if (n.eq(ZERO)) return { score: prev, trail: [] };
    const off = n.times(dec(rule.pointsEach));
    return {
      score: prev.minus(off),
      trail: [{
        component: "basic",
        kind: "perOccurrence",
        item: indicator.name,
        delta: -toNumber(off),
        text: {
          zh: `${indicator.name}：${rule.label} ${n} 次，每次扣 ${rule.pointsEach} 分，共扣 ${off} 分（可扣至负分）`,
          en: `${indicator.name}: ${n} occurrence(s) × ${rule.pointsEach} = −${off} (may go below zero)`,
        },
        reason: input.reason,
        source: input.sources["count"] ?? null,
      }],
    };
  },
  formula: (_rule, prev, refs, _max, number) => `${prev}-${number("each")}*MAX(${num(refs["count"]!)},0)`,
  decided: (rule, values) => {
    const n = values["count"];
    return typeof n === "number" && n > 0 ? { zh: `${rule.label} ${n} 次`, en: `${n} × ${rule.label}` } : null;
  },
  describe: (rule) => ({ zh: `倒扣：${rule.label}每次扣 ${rule.pointsEach} 分，可扣至负分`, en: `per occurrence: −${rule.pointsEach} each, may go below zero` }),
};
