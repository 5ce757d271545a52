import type { Scheme } from "../scheme/schema";
import { indicatorNumbers } from "../engine/basic";
import { quotaLimits } from "../engine/tier";
import { foldName } from "../scheme/names";
import { sheetRef } from "../workbook/address";
import { bonusLabel, penaltyLabel } from "./lists";
import { SHEETS } from "./names";

/**
 * The scheme's numbers as tables on the hidden data sheet, for the summary's formulas: points,
 * sub-caps and maxima are looked up here, never typed into a formula, so the workbook's scheme
 * and its formulas cannot disagree. Columns G onwards (A holds the JSON, B–F the dropdown lists).
 *
 * - units: every spelling of a unit, folded as the formulas fold (no spaces, half-width) → canonical name
 * - items: every spelling of a bonus/penalty item (label, name, id), folded → its row in the item table
 * - item table (aligned with the dropdown list in E): kind (加分/扣分/酌情), points each, own cap, maximum,
 *   and (column Q) the most occurrences one row may record
 * - parameters: the components' maxima, the cases' rule and the decimals every ROUND keeps
 * - below the parameters, in the same two columns (./schemeTables.ts schemeNumbers): every other
 *   number a formula needs — each indicator's points per region group, each part's points, each
 *   target and each per-occurrence deduction, the tiers' thresholds or places — one labelled row each
 */
export const TABLE_COLUMNS = {
  unitKey: "G", unitName: "H",
  itemKey: "I", itemIndex: "J",
  itemKind: "K", itemPoints: "L", itemCap: "M", itemMax: "N",
  paramName: "O", paramValue: "P",
  itemMaxCount: "Q",
} as const;

export const ITEM_KIND = { bonus: "加分", fixed: "扣分", discretionary: "酌情扣分" } as const;

/** Parameter rows (1-based on the sheet), fixed so formulas can point at them. */
export const PARAMS = {
  basic: { row: 1, name: "基础工作满分" },
  bestPractice: { row: 2, name: "最佳实践案例满分" },
  composite: { row: 3, name: "综合评估满分" },
  bonusCap: { row: 4, name: "加分累计封顶" },
  perCaseMax: { row: 5, name: "单个案例满分" },
  casesCap: { row: 6, name: "案例合计封顶" },
  casesPerUnit: { row: 7, name: "每个区县计入案例数" },
  periodicWeight: { row: 8, name: "平时评价权重" },
  decimals: { row: 9, name: "得分保留小数位数" },
} as const;

export type ParamKey = keyof typeof PARAMS;

/** `'_evalsheet'!$P$4`: a parameter's cell. */
export function paramRef(key: ParamKey): string {
  return sheetRef(SHEETS.data, `$${TABLE_COLUMNS.paramValue}$${PARAMS[key].row}`);
}

/** A whole table column, rows 1..n. */
export function tableRange(column: string, n: number): string {
  return sheetRef(SHEETS.data, `$${column}$1:$${column}$${Math.max(n, 1)}`);
}

/** The event items in dropdown order: bonus items, then penalties. */
export function eventItems(scheme: Scheme) {
  return [
    ...scheme.bonus.items.map((item) => ({ label: bonusLabel(item), keys: [bonusLabel(item), item.name, item.id], kind: ITEM_KIND.bonus, points: item.pointsEach as number | null, cap: item.cap, max: null as number | null, maxCount: item.maxCount as number | null })),
    ...scheme.penalties.items.map((item) => item.kind === "fixed"
      ? { label: penaltyLabel(item), keys: [penaltyLabel(item), item.name, item.id], kind: ITEM_KIND.fixed, points: item.pointsEach as number | null, cap: null, max: null, maxCount: item.maxCount as number | null }
      : { label: penaltyLabel(item), keys: [penaltyLabel(item), item.name, item.id], kind: ITEM_KIND.discretionary, points: null, cap: null, max: item.maxPoints, maxCount: null }),
  ];
}

/** Every folded spelling of a unit → its canonical name. */
export function unitKeys(scheme: Scheme): [string, string][] {
  const seen = new Set<string>();
  const out: [string, string][] = [];
  for (const u of scheme.units) {
    for (const s of [u.name, ...u.aliases]) {
      const k = foldName(s);
      if (!seen.has(k)) out.push([k, u.name]);
      seen.add(k);
    }
  }
  return out;
}

/** Every folded spelling of an item → its 1-based row in the item table. */
export function itemKeys(scheme: Scheme): [string, number][] {
  const seen = new Set<string>();
  const out: [string, number][] = [];
  eventItems(scheme).forEach((item, i) => {
    for (const s of item.keys) {
      const k = foldName(s);
      if (!seen.has(k)) out.push([k, i + 1]);
      seen.add(k);
    }
  });
  return out;
}

export function paramValues(scheme: Scheme): Record<ParamKey, number | null> {
  const c = scheme.cases;
  return {
    basic: scheme.components.basic,
    bestPractice: scheme.components.bestPractice,
    composite: scheme.components.composite,
    bonusCap: scheme.components.bonusCap,
    perCaseMax: c.perCaseMax,
    casesCap: c.combine.kind === "cappedSum" ? c.combine.cap : null,
    casesPerUnit: c.maxPerUnit,
    periodicWeight: scheme.periodic.weight,
    decimals: scheme.rounding.decimals,
  };
}

/** The scheme-numbers table's heading row: one blank row under the parameters; the numbers follow it. */
const NUMBERS_HEADING_ROW = Math.max(...Object.values(PARAMS).map((p) => p.row)) + 2;
export const NUMBERS_HEADING = "评分公式引用的方案数值（由评价方案生成；改动请在评价方案中修改后重新汇总）";

/** One row of the scheme-numbers table: a key the formula builders use, its Chinese label, its value. */
export interface SchemeNumber {
  readonly key: string;
  readonly label: string;
  readonly value: number;
}

/**
 * Every number the basic-work and tier formulas reference, in a fixed order: per indicator
 * (`<indicator id>:…`, see indicatorNumbers), then the tiers (`tier:<k>` thresholds, or
 * `tier:<group>:<k>` the places of a quota tier in a region group: units ranked at most this).
 */
export function schemeNumbers(scheme: Scheme): SchemeNumber[] {
  const out: SchemeNumber[] = [];
  for (const ind of scheme.indicators) {
    for (const n of indicatorNumbers(ind, scheme.groups)) out.push({ ...n, key: `${ind.id}:${n.key}` });
  }
  const rule = scheme.tiers;
  if (rule.kind === "thresholds") {
    rule.tiers.forEach((t, k) => out.push({ key: `tier:${k}`, label: `等次“${t.name}”最低总分`, value: t.min }));
  } else {
    for (const g of scheme.groups) {
      const size = scheme.units.filter((u) => u.group === g.id).length;
      quotaLimits(rule, size).forEach((q, k) => out.push({ key: `tier:${g.id}:${k}`, label: `${g.shortName}等次“${q.name}”名额（组内排名不超过）`, value: q.limit }));
    }
  }
  return out;
}

/** The parameter columns top-down (O labels, P values): the parameters, a blank row, the heading, the scheme numbers. */
export function parameterRows(scheme: Scheme): [string | null, number | null][] {
  const params = paramValues(scheme);
  const rows: [string | null, number | null][] = [];
  for (const [key, p] of Object.entries(PARAMS) as [ParamKey, (typeof PARAMS)[ParamKey]][]) rows[p.row - 1] = [p.name, params[key]];
  rows[NUMBERS_HEADING_ROW - 1] = [NUMBERS_HEADING, null];
  for (const n of schemeNumbers(scheme)) rows.push([n.label, n.value]);
  return Array.from(rows, (r) => r ?? [null, null]);
}

/** key → the cell of that scheme number (`'_evalsheet'!$P$12`); throws on a key the table lacks (a formula would be wrong). */
export function schemeNumberCells(scheme: Scheme): (key: string) => string {
  const cells = new Map(schemeNumbers(scheme).map((n, i) => [n.key, sheetRef(SHEETS.data, `$${TABLE_COLUMNS.paramValue}$${NUMBERS_HEADING_ROW + 1 + i}`)]));
  return (key) => {
    const cell = cells.get(key);
    if (!cell) throw new Error(`no scheme number ${key} on the data sheet`);
    return cell;
  };
}
