import type { Rule } from "../../scheme/schema";
import { clamp, dec, toNumber, ZERO } from "../decimal";
import { lit, num } from "../formula";
import type { RuleKindModule } from "./types";

type Manual = Extract<Rule, { kind: "manual" }>;

/** 人工评分: the department writes a score between 0 and the indicator's points for the group. */
export const manual: RuleKindModule<Manual> = {
  kind: "manual",
  base: true,
  columns: () => [{ key: "score", label: "得分", input: "score", required: true, hint: (max) => max }],
  apply(_rule, _prev, { indicator, max, input }) {
    const raw = input.values["score"];
    const given = typeof raw === "number" ? dec(raw) : ZERO;
    const score = clamp(given, ZERO, max);
    const lost = score.minus(max);
    const trail = lost.lt(0)
      ? [{
          component: "basic" as const,
          kind: "manual",
          item: indicator.name,
          delta: toNumber(lost),
          text: {
            zh: `${indicator.name}：得 ${score} 分（满分 ${max}），扣 ${lost.abs()} 分`,
            en: `${indicator.name}: ${score} of ${max}, ${lost.abs()} deducted`,
          },
          reason: input.reason,
          source: input.sources["score"] ?? null,
        }]
      : [];
    return { score, trail };
  },
  formula: (_rule, _prev, refs, max) => `MIN(MAX(${num(refs["score"]!)},0),${lit(max)})`,
  describe: () => ({ zh: "人工评分（0 至该项分值）", en: "manual score (0 to the indicator's points)" }),
};
