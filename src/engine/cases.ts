import type { Scheme } from "../scheme/schema";
import { clamp, dec, maxDec, minDec, roundTo, sum, toNumber, ZERO, type Dec } from "./decimal";
import { round } from "./formula";
import type { CaseInput } from "./inputs";
import type { TrailEntry } from "./trail";

/**
 * 最佳实践案例: each case scored 0..perCaseMax by its brand's lead department; a unit's first
 * `maxPerUnit` cases (in row order) combine by the scheme's rule (max, mean or capped sum).
 */
export function bestPracticeFor(scheme: Scheme, cases: readonly CaseInput[], decimals: number): { score: Dec; trail: TrailEntry[] } {
  const { perCaseMax, maxPerUnit, combine } = scheme.cases;
  const componentMax = dec(scheme.components.bestPractice);
  const used = cases.slice(0, maxPerUnit);
  if (used.length === 0) {
    return {
      score: ZERO,
      trail: [entry(-toNumber(componentMax), { zh: "最佳实践案例：未报送案例，按 0 分计", en: "best practice: no case submitted, 0" }, null)],
    };
  }
  const scores = used.map((c) => clamp(dec(c.score ?? 0), ZERO, dec(perCaseMax)));
  let combined: Dec;
  let how: string;
  if (combine.kind === "max") {
    combined = scores.reduce((a, b) => maxDec(a, b));
    how = scores.length > 1 ? "取较高分" : "";
  } else if (combine.kind === "mean") {
    combined = sum(scores).div(scores.length);
    how = scores.length > 1 ? "取平均分" : "";
  } else {
    combined = minDec(sum(scores), dec(combine.cap));
    how = sum(scores).gt(combine.cap) ? `合计封顶 ${combine.cap} 分` : "合计";
  }
  const score = roundTo(minDec(combined, componentMax), decimals);
  const trail: TrailEntry[] = [];
  if (score.lt(componentMax)) {
    const list = scores.map((s) => s.toString()).join("、");
    trail.push(entry(toNumber(score.minus(componentMax)), {
      zh: `最佳实践案例：案例得分 ${list}${how ? `，${how}` : ""}，得 ${score} 分（满分 ${componentMax}）`,
      en: `best practice: case scores ${scores.map((x) => x.toString()).join(", ")}, ${combine.kind}, ${score} of ${componentMax}`,
    }, used[0]!.source));
  }
  if (cases.length > maxPerUnit) {
    trail.push(entry(0, { zh: `最佳实践案例：报送 ${cases.length} 个，只计前 ${maxPerUnit} 个`, en: `best practice: ${cases.length} cases, only the first ${maxPerUnit} count` }, cases[maxPerUnit]!.source));
  }
  return { score, trail };
}

/**
 * The same as a formula: `scoreOf(k)` is the unit's k-th case score (0 when absent), `count` the
 * number of its cases; maxima come from cells (`perUnitRef` cases count, `capRef` the capped sum,
 * `componentRef` the 25 points).
 */
export function bestPracticeFormula(
  scheme: Scheme,
  q: { scoreOf: (k: number) => string; count: string; perUnitRef: string; capRef: string; componentRef: string },
  decimals: number | string,
): string {
  const { maxPerUnit, combine } = scheme.cases;
  const cs = Array.from({ length: maxPerUnit }, (_, k) => q.scoreOf(k + 1));
  let f: string;
  if (combine.kind === "max") f = cs.length === 1 ? cs[0]! : `MAX(${cs.join(",")})`;
  else if (combine.kind === "mean") f = `IF(${q.count}=0,0,(${cs.join("+")})/MIN(${q.count},${q.perUnitRef}))`;
  else f = `MIN(${cs.join("+")},${q.capRef})`;
  return round(`MIN(${f},${q.componentRef})`, decimals);
}

function entry(delta: number, text: { zh: string; en: string }, source: CaseInput["source"] | null): TrailEntry {
  return { component: "bestPractice", kind: "cases", item: "最佳实践案例", delta, text, reason: null, source };
}
