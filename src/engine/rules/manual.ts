import type { Rule } from "../../scheme/schema";
import { clamp, dec, toNumber, ZERO } from "../decimal";
import { num } from "../formula";
import type { PartKindModule } from "./types";

type Manual = Extract<Rule, { kind: "manual" }>;

/**
 * 人工评分: the department judges the indicator's requirements (具体要求) and writes a score
 * between 0 and the points of this part — the whole indicator, or what its measured parts leave.
 */
export const manual: PartKindModule<Manual> = {
  kind: "manual",
  role: "part",
  fixedPoints: () => null,
  numbers: () => [],
  columns: () => [{ key: "score", label: "得分", input: "score", required: true, hint: (max) => max }],
  apply(_rule, { indicator, max, input, multiPart }) {
    const raw = input.values["score"];
    const given = typeof raw === "number" ? dec(raw) : ZERO;
    const score = clamp(given, ZERO, max);
    const lost = score.minus(max);
    const part = multiPart ? "（定性部分）" : "";
    const partEn = multiPart ? " (judged part)" : "";
    const trail = lost.lt(0)
      ? [{
          component: "basic" as const,
          kind: "manual",
          item: indicator.name,
          delta: toNumber(lost),
          text: {
            zh: `${indicator.name}${part}：得 ${score} 分（满分 ${max}），扣 ${lost.abs()} 分`,
            en: `${indicator.name}${partEn}: ${score} of ${max}, ${lost.abs()} deducted`,
          },
          reason: input.reason,
          source: input.sources["score"] ?? null,
        }]
      : [];
    return { score, applicable: true, trail };
  },
  formula: (_rule, refs, max) => ({ score: `MIN(MAX(${num(refs["score"]!)},0),${max})`, applicable: null }),
  decided: (_rule, values, max) => {
    const v = values["score"];
    return typeof v === "number" && v < max ? { zh: `评分 ${v} 低于满分 ${max}`, en: `the score ${v} is below the maximum ${max}` } : null;
  },
  describe: () => ({ zh: "人工评分（0 至该部分分值）", en: "manual score (0 to the part's points)" }),
};
