import { afterEach, describe, expect, it, vi } from "vitest";
import { bonus, cap, group, isSheetError, groupRank, tier, total, type SheetError, type SheetResult } from "../../src/sheetFunctions";
import { builtinScheme, parseScheme } from "../../src/scheme/load";
import { cq2024 } from "../../src/scheme/cq2024";
import type { Scheme } from "../../src/scheme/schema";
import * as EVAL from "../../functions/functions";
import { SheetFunctionError } from "../../functions/errors";
import { activeScheme, setActiveScheme } from "../../functions/schemeState";

const scheme = builtinScheme();

function quotaScheme(): Scheme {
  const r = parseScheme({ ...cq2024, id: "quota-test", tiers: { kind: "quota", tiers: [{ name: "特优", share: 0.2 }, { name: "优", share: 0.3 }], otherwise: "良" } }, "quota-test");
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
  return r.scheme;
}

/** The error value, failing the test when the result is not one. */
function err<T>(r: SheetResult<T>, code: SheetError["error"]): SheetError {
  expect(isSheetError(r), `expected ${code}, got ${JSON.stringify(r)}`).toBe(true);
  const e = r as SheetError;
  expect(e.error).toBe(code);
  expect(e.message).toMatch(/[\u4e00-\u9fff]/); // a Chinese explanation
  return e;
}

/** What a wrapper threw (outside Excel: a SheetFunctionError). */
function thrown(f: () => unknown): SheetFunctionError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SheetFunctionError);
    return e as SheetFunctionError;
  }
  throw new Error("expected the function to throw");
}

describe("total", () => {
  it("adds the components and subtracts the penalty", () => {
    expect(total(scheme, 55.5, 23, 10, 3, 1)).toBe(90.5);
    expect(total(scheme, 60, 25, 10, 5, 0)).toBe(100);
    expect(total(scheme, 48.25, 20, 8.5, 2)).toBe(78.75); // penalty omitted
    expect(total(scheme, 48.25, 20, 8.5, 2, null)).toBe(78.75);
    expect(total(scheme, 48.25, 20, 8.5, 2, "")).toBe(78.75);
  });

  it("is exact in decimals and rounds half away from zero to 2 places", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(total(scheme, 0.1, 0.2, 0, 0)).toBe(0.3);
    expect(total(scheme, 1.005, 0, 0, 0)).toBe(1.01); // binary 1.005 is 1.00499…; decimal is not
    expect(total(scheme, 50.004, 0, 0, 0)).toBe(50);
    expect(total(scheme, -0.005, 0, 0, 0)).toBe(-0.01);
    expect(total(scheme, 40.1, 20.2, 9.7, 0, 0.3)).toBe(69.7);
  });

  it("holds each component to the scheme's bounds", () => {
    expect(total(scheme, 62, 0, 0, 0)).toBe(60); // basic ≤ 60
    expect(total(scheme, -3.5, 0, 0, 0)).toBe(-3.5); // basic may be negative
    expect(total(scheme, 0, 30, 0, 0)).toBe(25);
    expect(total(scheme, 0, -1, 0, 0)).toBe(0);
    expect(total(scheme, 0, 0, 12, 0)).toBe(10);
    expect(total(scheme, 0, 0, -2, 0)).toBe(0);
    expect(total(scheme, 0, 0, 0, 7)).toBe(5);
    expect(total(scheme, 0, 0, 0, -1)).toBe(0);
    expect(total(scheme, 70, 30, 12, 9, 2)).toBe(98);
  });

  it("uses the scheme's bounds and rounding, not cq-2024's", () => {
    const r = parseScheme({ ...cq2024, id: "other", components: { basic: 60, bestPractice: 30, composite: 15, bonusCap: 3 }, rounding: { decimals: 1, mode: "halfUp" } }, "other");
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
    expect(total(r.scheme, 65, 32, 16, 4)).toBe(108); // 60 + 30 + 15 + 3
    expect(total(r.scheme, 1.25, 0, 0, 0)).toBe(1.3);
    expect(total(r.scheme, 1.24, 0, 0, 0, 0.01)).toBe(1.2);
  });

  it("reads numeric text as the validator does", () => {
    expect(total(scheme, " 55 ", "２０", 10, 0)).toBe(85);
  });

  it("refuses what is not a number, and a negative penalty", () => {
    expect(err(total(scheme, "abc", 20, 10, 0), "#VALUE!").message).toContain("基础工作得分");
    expect(err(total(scheme, 50, true, 10, 0), "#VALUE!").message).toContain("最佳实践案例得分");
    expect(err(total(scheme, 50, 20, null, 0), "#VALUE!").message).toContain("综合评估得分");
    expect(err(total(scheme, 50, 20, 10, "5分"), "#VALUE!").message).toContain("加分");
    expect(err(total(scheme, 50, 20, 10, 0, -2), "#VALUE!").message).toContain("扣分");
    err(total(scheme, Number.NaN, 20, 10, 0), "#VALUE!");
    err(total(scheme, 50, 20, 10, 0, { error: "#N/A" }), "#VALUE!");
  });
});

describe("bonus", () => {
  it("applies the item cap: A5 × 4 → 3", () => {
    expect(bonus(scheme, ["A5"], [4])).toBe(3);
    expect(bonus(scheme, ["A5", "A5"], [2, 2])).toBe(3); // caps apply to the item's sum over rows
  });

  it("applies the total cap: A1 × 2 + A6 × 3 → min(4 + min(3, 2), 5) = 5", () => {
    expect(bonus(scheme, ["A1", "A6"], [2, 3])).toBe(5);
    expect(bonus(scheme, ["A2", "A3"], [1, 2])).toBe(3);
  });

  it("knows items by id, name and dropdown label, folding spaces, full width and case", () => {
    const a2 = scheme.bonus.items.find((b) => b.id === "A2")!;
    expect(bonus(scheme, [a2.name], [1])).toBe(1);
    expect(bonus(scheme, [`加分：${a2.name}`], [2])).toBe(2);
    expect(bonus(scheme, ["加分:区县妇联工作获得区县党委政府通报表彰"], [1])).toBe(1);
    expect(bonus(scheme, [" a2 ", "Ａ３"], [1, 1])).toBe(2);
    expect(bonus(scheme, ["区县妇联工作获得区县党委 政府通报表彰"], [1])).toBe(1);
  });

  it("counts a blank count as one occurrence, 0 as none", () => {
    expect(bonus(scheme, [["A1"], ["A2"], ["A3"]], [[""], [null], [undefined]])).toBe(4);
    expect(bonus(scheme, ["A1"], [0])).toBe(0);
    expect(bonus(scheme, ["A1", "A2"])).toBe(3); // counts omitted altogether
    expect(bonus(scheme, ["A4"], ["２"])).toBe(2);
  });

  it("skips blank rows and penalty items, so the whole 加分扣分 columns can be given", () => {
    const items = [["A1"], [""], ["扣分：受到市妇联通报批评"], ["D1"], ["A2"]];
    const counts = [[1], [3], [2], [""], [""]];
    expect(bonus(scheme, items, counts)).toBe(3);
    expect(bonus(scheme, [], [])).toBe(0);
    expect(bonus(scheme, [[""]], [[""]])).toBe(0);
  });

  it("pairs ranges of the same shape, or a row with a column of the same length", () => {
    expect(bonus(scheme, [["A1", "A2"], ["A3", "A4"]], [[1, 1], [1, 1]])).toBe(5);
    expect(bonus(scheme, [["A1", "A2", "A3"]], [[1], [1], [1]])).toBe(4);
    expect(err(bonus(scheme, [["A1", "A2"], ["A3", "A4"]], [[1, 1, 1, 1]]), "#VALUE!").message).toContain("大小不同");
    err(bonus(scheme, [["A1"], ["A2"]], [[1]]), "#VALUE!");
    err(bonus(scheme, [["A1"], ["A2", "A3"]], [[1], [1, 1]]), "#VALUE!"); // ragged
  });

  it("names an unknown item (#N/A) and refuses bad counts (#VALUE!)", () => {
    const e = err(bonus(scheme, [["A1"], ["全国三八红旗手"]], [[1], [1]]), "#N/A");
    expect(e.message).toContain("全国三八红旗手");
    expect(e.message).toContain("第 2 行");
    err(bonus(scheme, ["A9"], [1]), "#N/A");
    err(bonus(scheme, [42], [1]), "#N/A");
    expect(err(bonus(scheme, ["A1"], [-1]), "#VALUE!").message).toContain("次数");
    err(bonus(scheme, ["A1"], [1.5]), "#VALUE!");
    err(bonus(scheme, ["A1"], ["两次"]), "#VALUE!");
    err(bonus(scheme, ["A1"], [true]), "#VALUE!");
  });
});

describe("tier", () => {
  it("by thresholds: 特优 ≥ 95, 优 ≥ 85, else 良 (boundaries inclusive, exact)", () => {
    expect(tier(scheme, 100)).toBe("特优");
    expect(tier(scheme, 95)).toBe("特优");
    expect(tier(scheme, 94.99)).toBe("优");
    expect(tier(scheme, 85)).toBe("优");
    expect(tier(scheme, 84.99)).toBe("良");
    expect(tier(scheme, -3)).toBe("良");
    expect(tier(scheme, 95, null, null)).toBe("特优"); // rank and size not needed
    expect(tier(scheme, "95")).toBe("特优");
  });

  it("by quota: limits round(10 × 0.2) = 2 and round(10 × 0.5) = 5", () => {
    const q = quotaScheme();
    expect(tier(q, 0, 1, 10)).toBe("特优");
    expect(tier(q, 0, 2, 10)).toBe("特优");
    expect(tier(q, 0, 3, 10)).toBe("优");
    expect(tier(q, 0, 5, 10)).toBe("优");
    expect(tier(q, 0, 6, 10)).toBe("良");
    expect(tier(q, 0, 1, 2)).toBe("优"); // round(0.4) = 0 特优 places, round(1.0) = 1
  });

  it("explains what is missing or wrong", () => {
    expect(err(tier(scheme, "优秀"), "#VALUE!").message).toContain("总分");
    const q = quotaScheme();
    expect(err(tier(q, 90), "#VALUE!").message).toContain("组内排名");
    err(tier(q, 90, 3, null), "#VALUE!");
    err(tier(q, 90, 0, 10), "#VALUE!");
    err(tier(q, 90, 1.5, 10), "#VALUE!");
    expect(err(tier(q, 90, 11, 10), "#VALUE!").message).toContain("大于");
  });
});

describe("groupRank", () => {
  it("ranks competition style: 1, 2, 2, 4", () => {
    const scores = [[90], [85], [85], [80]];
    expect([90, 85, 85, 80].map((s) => groupRank(s, scores))).toEqual([1, 2, 2, 4]);
  });

  it("ranks within a group: 1, 2, 2, 4 among 主城都市圈, ignoring the others", () => {
    const scores = [[90], [99], [85], [85], [97], [80]];
    const groups = [["主城都市圈"], ["渝东北"], ["主城都市圈"], ["主城 都市圈"], ["渝东北"], ["主城都市圈"]];
    expect([90, 85, 85, 80].map((s) => groupRank(s, scores, groups, "主城都市圈"))).toEqual([1, 2, 2, 4]);
    expect(groupRank(97, scores, groups, "渝东北")).toBe(2);
    expect(groupRank(97, scores)).toBe(2);
    expect(groupRank(80, scores)).toBe(6);
  });

  it("ignores entries that hold no number; the score need not be listed", () => {
    const scores = [["总分"], [""], [true], [{ error: "#N/A" }], [88.5], ["９０"], [70]];
    expect(groupRank(88.5, scores)).toBe(2);
    expect(groupRank(95, scores)).toBe(1);
    expect(groupRank(0, scores)).toBe(4);
    expect(groupRank(70, [70, 70.001, 69.999])).toBe(2);
  });

  it("refuses a non-numeric score, half the grouping, and mismatched ranges", () => {
    expect(err(groupRank("第一", [[1]]), "#VALUE!").message).toContain("分数");
    err(groupRank(null, [[1]]), "#VALUE!");
    expect(err(groupRank(1, [[1]], [["A"]]), "#VALUE!").message).toContain("所在分组");
    expect(err(groupRank(1, [[1]], null, "A"), "#VALUE!").message).toContain("分组区域");
    err(groupRank(1, [[1]], [["A"]], ""), "#VALUE!");
    err(groupRank(1, [[1], [2]], [["A"]], "A"), "#VALUE!");
  });
});

describe("group", () => {
  it("names the region group of a unit, by name, alias, spacing or full width", () => {
    expect(group(scheme, "渝中区")).toBe("重庆主城区都市圈");
    expect(group(scheme, "石柱土家族自治县")).toBe("渝东南武陵山区城镇群");
    expect(group(scheme, "忠 县")).toBe("渝东北三峡库区城镇群");
    expect(group(scheme, "忠\u3000县")).toBe("渝东北三峡库区城镇群");
    expect(group(scheme, " 开县 ")).toBe("渝东北三峡库区城镇群");
    expect(group(scheme, "高新区")).toBe("开发开放平台");
    expect(group(scheme, "西部（重庆）科学城")).toBe("开发开放平台");
  });

  it("is #N/A for an unknown unit and #VALUE! for a blank or non-text one", () => {
    expect(err(group(scheme, "成都市"), "#N/A").message).toContain("成都市");
    err(group(scheme, "渝中"), "#N/A");
    err(group(scheme, ""), "#VALUE!");
    err(group(scheme, null), "#VALUE!");
    err(group(scheme, 5), "#VALUE!");
  });
});

describe("cap", () => {
  it("is min(value, max), exact", () => {
    expect(cap(7, 5)).toBe(5);
    expect(cap(3, 5)).toBe(3);
    expect(cap(5, 5)).toBe(5);
    expect(cap(-2, 5)).toBe(-2);
    expect(cap(4.999999, 5)).toBe(4.999999);
    expect(cap(2.5, 0)).toBe(0);
    expect(cap("3.25", 5)).toBe(3.25);
  });

  it("refuses a negative maximum and non-numbers", () => {
    expect(err(cap(3, -1), "#VALUE!").message).toContain("上限");
    expect(err(cap("三", 5), "#VALUE!").message).toContain("数值");
    err(cap(3, null), "#VALUE!");
  });
});

describe("the EVAL.* wrappers (functions/functions.ts)", () => {
  afterEach(() => {
    setActiveScheme(null);
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it("returns the core's values for Excel's argument shapes", () => {
    expect(EVAL.TOTAL(55.5, 23, 10, 3, 1)).toBe(90.5);
    expect(EVAL.TOTAL(55.5, 23, 10, 3)).toBe(91.5);
    expect(EVAL.TOTAL(55.5, 23, 10, 3, null as unknown as number)).toBe(91.5);
    expect(EVAL.BONUS([["A5"]], [[4]])).toBe(3);
    expect(EVAL.BONUS([["A1"], ["A6"], [""]], [[2], [3], [""]])).toBe(5);
    expect(EVAL.TIER(95)).toBe("特优");
    expect(EVAL.TIER(84.99, null as unknown as number, null as unknown as number)).toBe("良");
    expect(EVAL.GROUPRANK(85, [[90], [85], [85], [80]])).toBe(2);
    expect(EVAL.GROUPRANK(80, [[90], [85], [85], [80], [1]], [["a"], ["a"], ["a"], ["a"], ["b"]], "a")).toBe(4);
    expect(EVAL.GROUP("彭水苗族土家族自治县")).toBe("渝东南武陵山区城镇群");
    expect(EVAL.CAP(7, 5)).toBe(5);
  });

  it("throws #VALUE! / #N/A with the message outside Excel", () => {
    const v = thrown(() => EVAL.TOTAL("abc" as unknown as number, 1, 1, 1));
    expect(v.code).toBe("#VALUE!");
    expect(v.message).toContain("基础工作得分");
    expect(thrown(() => EVAL.BONUS([["A7"]], [[1]])).code).toBe("#N/A");
    expect(thrown(() => EVAL.BONUS([["A1"], ["A2"]], [[1]])).code).toBe("#VALUE!");
    expect(thrown(() => EVAL.GROUP("成都市")).code).toBe("#N/A");
    expect(thrown(() => EVAL.GROUPRANK(1, [[1]], [["a"]])).code).toBe("#VALUE!");
    expect(thrown(() => EVAL.CAP(1, -1)).code).toBe("#VALUE!");
  });

  it("uses the active scheme, the built-in one by default", () => {
    expect(activeScheme()).toBe(builtinScheme());
    expect(EVAL.TIER(90)).toBe("优");
    const q = quotaScheme();
    setActiveScheme(q);
    expect(activeScheme()).toBe(q);
    expect(thrown(() => EVAL.TIER(90)).message).toContain("组内排名");
    expect(EVAL.TIER(90, 2, 10)).toBe("特优");
    setActiveScheme(null);
    expect(EVAL.TIER(90)).toBe("优");
  });

  it("shares the active scheme between separate copies of schemeState (the pane's and the functions' bundles)", async () => {
    vi.resetModules();
    const paneCopy = await import("../../functions/schemeState");
    vi.resetModules();
    const functionsCopy = await import("../../functions/functions");
    expect(paneCopy.setActiveScheme).not.toBe(setActiveScheme);
    paneCopy.setActiveScheme(quotaScheme());
    expect(functionsCopy.TIER(90, 2, 10)).toBe("特优");
    expect(() => functionsCopy.TIER(90)).toThrow(/组内排名/);
    paneCopy.setActiveScheme(null);
    expect(functionsCopy.TIER(90)).toBe("优");
  });

  it("in Excel, throws CustomFunctions.Error and associates the six ids", async () => {
    class FakeError {
      constructor(readonly code?: string, readonly message?: string) {}
    }
    const associate = vi.fn();
    vi.stubGlobal("CustomFunctions", { Error: FakeError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" }, associate });
    vi.resetModules();
    const fresh = await import("../../functions/functions");
    expect(associate.mock.calls.map(([id, fn]) => [id, fn])).toEqual([
      ["TOTAL", fresh.TOTAL], ["BONUS", fresh.BONUS], ["TIER", fresh.TIER], ["GROUPRANK", fresh.GROUPRANK], ["GROUP", fresh.GROUP], ["CAP", fresh.CAP],
    ]);
    let caught: unknown;
    try {
      fresh.GROUP("成都市");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(FakeError);
    expect((caught as FakeError).code).toBe("#N/A");
    expect((caught as FakeError).message).toContain("成都市");
    try {
      fresh.CAP(1, -1);
    } catch (e) {
      caught = e;
    }
    expect((caught as FakeError).code).toBe("#VALUE!");
  });
});
