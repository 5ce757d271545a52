import { columnLetters } from "../workbook/address";
import type { Scheme } from "../scheme/schema";
import { groupPointsDefault, isDefault } from "../scheme/defaults";
import type { CellSpec, SheetSpec } from "../workbook/plan";
import { ruleKind } from "../engine/rules";
import { row, text } from "./cells";
import { SHEETS } from "./names";
import { areaOf, fitRowHeights } from "./print";

/** "（默认）" while the value equals the built-in scheme's, "（已调整）" once the office changed it. */
function mark(isDefaultValue: boolean): string {
  return isDefaultValue ? "（默认）" : "（已调整）";
}

/** The document's sentence on the 100 points, with this scheme's figures. */
export function pointsSentence(scheme: Scheme): string {
  const c = scheme.components;
  const total = c.basic + c.bestPractice + c.composite + c.bonusCap;
  return `总分 ${total} 分（基础工作 ${c.basic}、最佳实践案例 ${c.bestPractice}、综合评估 ${c.composite}、加分项不超过 ${c.bonusCap}），扣分从总分中扣减`;
}

/** 评价方案: the scheme in people's terms, read-only; values the document leaves open are marked 默认 while they are. */
export function schemeSheet(scheme: Scheme): SheetSpec {
  const w = 5 + scheme.groups.length;
  const rows: (CellSpec | null)[][] = [];
  const add = (cells: Record<number, CellSpec | null>) => rows.push(row(w, cells));
  const merges: string[] = [];

  add({ 0: text(`${scheme.title}（${scheme.id}，${scheme.year} 年度）`, "title") });
  add({ 0: text(`依据：${scheme.source}。${pointsSentence(scheme)}。`, "note") });
  add({});
  add({ 0: text("五联工程", "header"), 1: text("评价指标", "header"), 2: text("评分部室", "header"), 3: text("共同牵头", "header"), 4: text(`计分方式${mark(isDefault(scheme, "measuredParts"))}`, "header"),
    ...Object.fromEntries(scheme.groups.map((g, i) => [5 + i, text(`${g.shortName}${mark(groupPointsDefault(scheme, g.id))}`, "header")])) });
  for (const ind of scheme.indicators) {
    add({
      0: text(ind.programme), 1: text(ind.name), 2: text(ind.department), 3: text(ind.coLeads.join("、")),
      4: text(ind.rules.map((r) => ruleKind(r).describe(r).zh).join("；")),
      ...Object.fromEntries(scheme.groups.map((g, i) => [5 + i, { value: ind.points[g.id] ?? 0, style: "computed" as const }])),
    });
  }
  add({ 1: text("合计", "total"),
    ...Object.fromEntries(scheme.groups.map((g, i) => [5 + i, { value: scheme.indicators.reduce((a, x) => a + (x.points[g.id] ?? 0), 0), style: "total" as const }])) });
  const na = scheme.notApplicable === "rescale" ? "按其余部分得分折算到该项满分" : "视为达标，得该部分满分";
  add({ 0: text(`有量化目标的指标由定性部分和量化部分组成，得分为两部分之和；量化指标可填“不适用”的，不计入，量化部分全部不适用时${na}${mark(isDefault(scheme, "notApplicable"))}。`, "note") });
  add({});
  add({ 0: text("最佳实践案例", "header"), 1: text("品牌", "header"), 2: text("评分部室", "header"), 3: text("共同牵头", "header") });
  for (const p of scheme.cases.projects) add({ 0: text(p.name), 1: text(p.brand), 2: text(p.department), 3: text(p.coLeads.join("、")) });
  const combine = { max: "取较高分", mean: "取平均分", cappedSum: "合计封顶" }[scheme.cases.combine.kind];
  add({ 0: text(`每个区县 ${scheme.cases.minPerUnit}—${scheme.cases.maxPerUnit} 个案例，每个不超过 ${scheme.cases.textLimit} 字，单个案例满分 ${scheme.cases.perCaseMax}；多个案例${combine}${mark(isDefault(scheme, "casesCombine"))}`, "note") });
  add({});
  add({ 0: text("加分事项", "header"), 1: text("每次分值", "header"), 2: text("本项封顶", "header") });
  for (const b of scheme.bonus.items) add({ 0: text(b.name), 1: { value: b.pointsEach }, 2: b.cap === null ? text("—") : { value: b.cap } });
  add({ 0: text(`累计加分不超过 ${scheme.components.bonusCap} 分`, "note") });
  add({});
  add({ 0: text("扣分事项（在总分中扣减）", "header"), 1: text("每次分值", "header") });
  for (const p of scheme.penalties.items) add({ 0: text(p.name), 1: p.kind === "fixed" ? { value: p.pointsEach } : text("酌情") });
  add({});
  const t = scheme.tiers;
  const tierText = t.kind === "thresholds"
    ? t.tiers.map((x) => `${x.name} ≥ ${x.min}`).join("，") + `，其余为${t.otherwise}`
    : t.tiers.map((x) => `${x.name} 占组内 ${Math.round(x.share * 100)}%`).join("，") + `，其余为${t.otherwise}`;
  add({ 0: text(`评价等次${mark(isDefault(scheme, "tiers"))}`, "header"), 1: text(tierText) });
  add({});
  add({ 0: text("文件未规定、本方案采用的做法", "header"), 1: text("内置默认做法", "header"), 2: text("原因", "header"), 3: text("现行", "header") });
  for (const o of scheme.openChoices) {
    const state = o.key === undefined ? "本方案设定" : isDefault(scheme, o.key) ? "默认" : "已调整，以上表为准";
    add({ 0: text(o.topic), 1: text(o.choice), 2: text(o.why), 3: text(state) });
  }
  merges.push(`A1:${columnLetters(w - 1)}1`, `A2:${columnLetters(w - 1)}2`);
  // Widths for one landscape page at ≈ 90 %; long texts wrap, and their rows are given the height.
  const columnWidths = [14, 20, 20, 10, 32, ...scheme.groups.map(() => 7)];
  return {
    name: SHEETS.schemeView, rows, merges, columnWidths,
    rowHeights: fitRowHeights(rows, columnWidths, merges),
    freeze: { rows: 4, cols: 0 },
    print: { landscape: true, area: areaOf(rows.length - 1, w - 1), fitToWidth: 1 },
    protect: true,
    tabColor: "FF808080",
  };
}
