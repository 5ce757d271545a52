import type { Rule } from "../../scheme/schema";
import { toNumber, ZERO } from "../decimal";
import type { ModifierKindModule } from "./types";

type Gate = Extract<Rule, { kind: "gate" }>;

/** 门槛: a yes/no question; 否 zeroes the indicator ("未足额拨付不得分"). An unanswered gate passes. */
export const gate: ModifierKindModule<Gate> = {
  kind: "gate",
  role: "modifier",
  numbers: () => [],
  columns: (rule) => [{ key: "gate", label: rule.question, input: "yesno", required: true, hint: () => "是/否" }],
  apply(rule, prev, { indicator, input }) {
    if (input.values["gate"] !== false || prev.eq(ZERO)) return { score: prev, trail: [] };
    return {
      score: ZERO,
      trail: [{
        component: "basic",
        kind: "gate",
        item: indicator.name,
        delta: -toNumber(prev),
        text: { zh: `${indicator.name}：${rule.question}——否，该项不得分`, en: `${indicator.name}: gate "${rule.question}" failed, indicator scores 0` },
        reason: input.reason,
        source: input.sources["gate"] ?? null,
      }],
    };
  },
  formula: (_rule, prev, refs) => `IF(TRIM(${refs["gate"]!})="否",0,${prev})`,
  decided: (rule, values) => (values["gate"] === false ? { zh: `“${rule.question}”为“否”`, en: `"${rule.question}" is 否 (no)` } : null),
  describe: (rule) => ({ zh: `门槛：${rule.question}，否则该项不得分`, en: `gate: ${rule.question}, otherwise 0` }),
};
