import * as core from "../src/sheetFunctions";
import { customFunctionsRuntime, unwrap } from "./errors";
import { activeScheme } from "./schemeState";

/*
 * The EVAL.* Excel custom functions. Metadata (functions.json) is generated from the JSDoc below by
 * custom-functions-metadata; the Chinese names and descriptions come from locales/zh-CN.json.
 * These wrappers only pass the arguments on and turn error values into thrown
 * CustomFunctions.Error (#VALUE! / #N/A with a message); the semantics live in src/sheetFunctions.
 * Omitted optional arguments arrive as null. Exported here: exactly the custom functions.
 * Ids and names (English and Chinese) follow Microsoft's naming guide: a letter first, at least three
 * characters, and never the name of a built-in Excel function (hence GROUPRANK, not RANK).
 */

/**
 * 总得分：基础工作 + 最佳实践案例 + 综合评估 + 加分 − 扣分，各部分先按方案封顶，结果四舍五入到 2 位小数 / Total: basic + best practice + composite + bonus − penalty, each held to the scheme's bounds, rounded half-up to 2 decimals
 * @customfunction TOTAL
 * @param basic 基础工作得分（不超过 60，可为负） / Basic work score (at most 60, may be negative)
 * @param bestPractice 最佳实践案例得分（0–25） / Best-practice case score (0–25)
 * @param composite 综合评估得分（0–10） / Comprehensive assessment score (0–10)
 * @param bonus 加分（0–5） / Bonus points (0–5)
 * @param penalty 扣分，填正数，可省略 / Penalty points, positive, optional
 * @returns 总分 / Total score
 */
export function TOTAL(basic: number, bestPractice: number, composite: number, bonus: number, penalty?: number): number {
  return unwrap(core.total(activeScheme(), basic, bestPractice, composite, bonus, penalty));
}

/**
 * 加分合计：按方案的每次分值、单项上限和加分总上限计算一个单位的加分；次数留空按 1 次计 / Bonus: points per occurrence, item caps and the total bonus cap; a blank count is one occurrence
 * @customfunction BONUS
 * @param items 加分事项区域：编号（如 A5）、名称或“加分：…”；扣分事项和空白行跳过 / Bonus items: id (e.g. A5), name or “加分：…” label; penalty items and blank rows are skipped
 * @param counts 次数区域，与事项区域大小相同；留空为 1 次 / Counts, same size as items; blank means once
 * @returns 加分 / Bonus points
 */
export function BONUS(items: string[][], counts: unknown[][]): number {
  return unwrap(core.bonus(activeScheme(), items, counts));
}

/**
 * 评定等次：按方案的分数线（或区域分类内名额比例）评定特优、优、良 / Tier by the scheme's thresholds (or quotas within the region group)
 * @customfunction TIER
 * @param total 总分 / Total score
 * @param groupRank 组内排名（按名额比例定等次时必填） / Rank within the region group (needed for quotas)
 * @param groupSize 组内单位数（按名额比例定等次时必填） / Number of units in the region group (needed for quotas)
 * @returns 等次 / Tier
 */
export function TIER(total: number, groupRank?: number, groupSize?: number): string {
  return unwrap(core.tier(activeScheme(), total, groupRank, groupSize));
}

/**
 * 组内排名：并列同名次（1、2、2、4），限定在同一区域分类内或全体排名；非数字的单元格不参与 / Competition rank (1, 2, 2, 4) within one group, or overall; non-numeric cells are ignored
 * @customfunction GROUPRANK
 * @param score 要排名的分数 / The score to rank
 * @param scores 全部分数区域 / All scores
 * @param groups 分组区域，与分数区域大小相同，可省略 / Groups, same size as scores, optional
 * @param group 所在分组，与分组区域同时填写 / This entry's group, given together with groups
 * @returns 名次 / Rank
 */
export function GROUPRANK(score: number, scores: unknown[][], groups?: string[][], group?: string): number {
  return unwrap(core.groupRank(score, scores, groups, group));
}

/**
 * 区域分类：区县所属的区域分类，识别别名、多余空格和全角字符 / Region group of a unit; aliases, stray spaces and full-width forms are recognised
 * @customfunction GROUP
 * @param unit 区县名称 / Unit (district) name
 * @returns 区域分类名称 / Region group name
 */
export function GROUP(unit: string): string {
  return unwrap(core.group(activeScheme(), unit));
}

/**
 * 封顶值：取数值与上限中较小者（精确小数） / Cap: the smaller of value and maximum (exact decimals)
 * @customfunction CAP
 * @param value 数值 / Value
 * @param max 上限，不小于 0 / Maximum, at least 0
 * @returns 封顶后的数值 / Capped value
 */
export function CAP(value: number, max: number): number {
  return unwrap(core.cap(value, max));
}

// In the add-in's build the metadata plugin's loader appends these same associations to this module,
// and Office.js warns "[DuplicatedName]" for every id associated twice (office.debug.js,
// Association.associate): webpack.config.js defines EVALSHEET_PLUGIN_ASSOCIATES, so only a module loaded
// without the plugin (tests, other bundlers) associates here.
declare const EVALSHEET_PLUGIN_ASSOCIATES: boolean | undefined;
const runtime = customFunctionsRuntime();
if (runtime && typeof EVALSHEET_PLUGIN_ASSOCIATES === "undefined") {
  runtime.associate("TOTAL", TOTAL);
  runtime.associate("BONUS", BONUS);
  runtime.associate("TIER", TIER);
  runtime.associate("GROUPRANK", GROUPRANK);
  runtime.associate("GROUP", GROUP);
  runtime.associate("CAP", CAP);
}
