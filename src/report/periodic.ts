import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic";
import type { Scheme } from "../scheme/schema";
import { periodTitle } from "../scheme/year";
import { dec, roundTo, sum, toNumber, type Dec } from "../engine/decimal";
import { num } from "../engine/formula";
import type { EvaluationInputs, IndicatorInput } from "../engine/inputs";
import { SHEETS } from "../layout/names";
import { formula, label, row, text } from "../layout/cells";
import { paramRef } from "../layout/schemeTables";
import { unitsInSheetOrder } from "../layout/department";
import { areaOf, fitRowHeights } from "../layout/print";
import { a1, columnLetters, sheetRef } from "../workbook/address";
import type { CellSpec, SheetSpec } from "../workbook/plan";
import type { SheetSnapshot } from "../workbook/snapshot";

/*
 * 日常评价与年度评价相结合 (issue 10 §1). A periodic workbook (`template --period 上半年`) is filled
 * and checked like the annual one; `periodic add` copies each period's judged (定性) scores into the
 * annual workbook's 平时评价 sheet, where every indicator's judged score counts in as
 *     年度评分 × (1 − 权重) + 平时评分平均 × 权重      (权重: the scheme's periodic.weight, default 0.3)
 * rounded as the scheme rounds. Measured parts stay annual: a coverage rate is a year-end fact.
 * An indicator no period scored keeps its annual judged score. The sheet's 计入后 column is a
 * formula (the department's cell, the period figures, the weight on _evalsheet), and 基础工作得分's
 * formulas read it, so a department's later edit still flows through live.
 */

/** Rows of the 平时评价 sheet (0-based): title, note, blank, header, 来源文件, then one row per unit × indicator. */
export const PERIODIC_ROWS = { title: 0, note: 1, header: 3, sources: 4, first: 5 } as const;
/** Columns: 序号, 区县, 指标编号, 指标, then one per period, 平时平均, 年度评分, 计入后. */
const FIRST_PERIOD_COL = 4;

export function periodicColumns(scheme: Scheme) {
  const n = scheme.periodic.periods.length;
  return { mean: FIRST_PERIOD_COL + n, annual: FIRST_PERIOD_COL + n + 1, blended: FIRST_PERIOD_COL + n + 2 };
}

/** The judged scores of the periods imported so far, by "unit\u0000indicator", with the file each came from. */
export interface PeriodicRecord {
  /** Per period: the file it came from, the judged scores by unit × indicator, and each unit's total in that period (分类指导's 与上期比). */
  readonly periods: ReadonlyMap<string, { readonly file: string; readonly scores: ReadonlyMap<string, number>; readonly totals: ReadonlyMap<string, number> }>;
}

/** Column C of the rows that hold each unit's period totals, below the indicator rows. */
export const TOTAL_ROW_MARK = "总分";

export const emptyRecord: PeriodicRecord = { periods: new Map() };

export const key = (unit: string, indicator: string) => `${unit}\u0000${indicator}`;

/** A filled periodic workbook's judged scores (the "score" column of each indicator), by unit and indicator. */
export function judgedScores(inputs: EvaluationInputs): Map<string, number> {
  const out = new Map<string, number>();
  for (const b of inputs.basic) {
    const v = b.values["score"];
    if (typeof v === "number") out.set(key(b.unit, b.indicator), v);
  }
  return out;
}

/** What the 平时评价 sheet holds, read back (an annual workbook without it has no periods). */
export function readPeriodicSheet(scheme: Scheme, sheet: SheetSnapshot | undefined): PeriodicRecord {
  if (!sheet) return emptyRecord;
  const periods = new Map<string, { file: string; scores: Map<string, number>; totals: Map<string, number> }>();
  const header = sheet.rows[PERIODIC_ROWS.header] ?? [];
  const sources = sheet.rows[PERIODIC_ROWS.sources] ?? [];
  scheme.periodic.periods.forEach((p, i) => {
    const col = FIRST_PERIOD_COL + i;
    const file = sources[col];
    if (header[col] === p && typeof file === "string" && file !== "" && file !== "—") periods.set(p, { file, scores: new Map(), totals: new Map() });
  });
  for (let r = PERIODIC_ROWS.first; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    const unit = cells[1];
    const indicator = cells[2];
    if (typeof unit !== "string" || typeof indicator !== "string") continue;
    scheme.periodic.periods.forEach((p, i) => {
      const v = cells[FIRST_PERIOD_COL + i];
      if (typeof v !== "number") return;
      if (indicator === TOTAL_ROW_MARK) periods.get(p)?.totals.set(unit, v);
      else periods.get(p)?.scores.set(key(unit, indicator), v);
    });
  }
  return { periods };
}

/** Where each unit × indicator's blended score is on the 平时评价 sheet (its 计入后 cell), as the sheet is read. */
export function blendedCells(scheme: Scheme, sheet: SheetSnapshot | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!sheet) return out;
  const col = periodicColumns(scheme).blended;
  for (let r = PERIODIC_ROWS.first; r < sheet.rows.length; r++) {
    const [, unit, indicator] = sheet.rows[r] ?? [];
    if (typeof unit === "string" && typeof indicator === "string" && indicator !== TOTAL_ROW_MARK) out.set(key(unit, indicator), a1(r, col));
  }
  return out;
}

/** The periods' mean of one unit × indicator, or null when no period scored it. */
function periodMean(record: PeriodicRecord, k: string): { mean: Dec; n: number } | null {
  const vals = [...record.periods.values()].flatMap((p) => (p.scores.has(k) ? [dec(p.scores.get(k)!)] : []));
  return vals.length ? { mean: sum(vals).div(vals.length), n: vals.length } : null;
}

/**
 * The annual inputs with each judged score a period scored replaced by its blend, and its source
 * moved to the blend's cell on 平时评价 (so 基础工作得分's formula reads the blend, live).
 */
export function blendInputs(scheme: Scheme, inputs: EvaluationInputs, record: PeriodicRecord, cells: ReadonlyMap<string, string>): EvaluationInputs {
  if (record.periods.size === 0) return inputs;
  const basic = inputs.basic.map((b): IndicatorInput => {
    const v = b.values["score"];
    const k = key(b.unit, b.indicator);
    const m = periodMean(record, k);
    const at = cells.get(k);
    if (typeof v !== "number" || !m || !at) return b;
    const blended = toNumber(blend(scheme, v, m.mean));
    return { ...b, values: { ...b.values, score: blended }, sources: { ...b.sources, score: { sheet: SHEETS.periodic, cell: at } } };
  });
  return { ...inputs, basic };
}

/** 年度评分 × (1 − 权重) + 平时平均 × 权重, rounded half-up as the scheme rounds. */
function blend(scheme: Scheme, annual: number, mean: Dec) {
  const w = dec(scheme.periodic.weight);
  return roundTo(dec(annual).times(dec(1).minus(w)).plus(mean.times(w)), scheme.rounding.decimals);
}

/** The periods the scheme names that the record lacks. */
export function missingPeriods(scheme: Scheme, record: PeriodicRecord): string[] {
  return scheme.periodic.periods.filter((p) => !record.periods.has(p));
}

/**
 * The 平时评价 sheet: a row per unit × indicator a period scored, its period figures, their mean,
 * the department's annual judged score (a reference to its cell) and the blend (a formula).
 * `annual` gives the annual judged-score cell of each unit × indicator (from the annual reading).
 */
export function periodicSheet(scheme: Scheme, record: PeriodicRecord, annual: ReadonlyMap<string, { sheet: string; cell: string; value: number }>): SheetSpec {
  const periods = scheme.periodic.periods;
  const cols = periodicColumns(scheme);
  const width = cols.blended + 1;
  const d = scheme.rounding.decimals;
  const pct = `${Math.round(scheme.periodic.weight * 1000) / 10}%`;
  const missing = missingPeriods(scheme, record);
  const rows: (CellSpec | null)[][] = [];
  rows.push(row(width, { 0: text(`平时评价结果（${periodTitle(scheme)}，计入年度评价）`, "title") }));
  rows.push(row(width, { 0: text(`每项指标的定性评分 = 年度评分 ×（1 − ${pct}）+ 平时评分平均 × ${pct}，四舍五入到 ${d} 位小数；量化部分以年度数据为准；没有平时评分的指标按年度评分。权重见“评价方案”。本表由“导入平时评价”生成，请勿手工修改。${missing.length ? `尚缺：${missing.join("、")}。` : "各周期均已导入。"}`, "note") }));
  rows.push(row(width, {}));
  const header: Record<number, CellSpec> = { 0: text("序号", "header"), 1: text("区县", "header"), 2: text("指标编号", "header"), 3: text("指标", "header"), [cols.mean]: text("平时平均", "header"), [cols.annual]: text("年度评分", "header"), [cols.blended]: text("计入后", "header") };
  const source: Record<number, CellSpec> = { 0: text("", "subheader"), 1: text("", "subheader"), 2: text("", "subheader"), 3: text("来源文件", "subheader"), [cols.mean]: text("", "subheader"), [cols.annual]: text("", "subheader"), [cols.blended]: text("", "subheader") };
  periods.forEach((p, i) => {
    header[FIRST_PERIOD_COL + i] = text(p, "header");
    source[FIRST_PERIOD_COL + i] = text(record.periods.get(p)?.file ?? "—", "subheader");
  });
  rows.push(row(width, header), row(width, source));
  let seq = 0;
  for (const u of unitsInSheetOrder(scheme)) {
    for (const ind of scheme.indicators) {
      const k = key(u.name, ind.id);
      const at = annual.get(k);
      if (!at || !periodMean(record, k)) continue;
      const r = rows.length;
      const first = `${columnLetters(FIRST_PERIOD_COL)}${r + 1}`;
      const last = `${columnLetters(FIRST_PERIOD_COL + periods.length - 1)}${r + 1}`;
      const cells: Record<number, CellSpec> = { 0: label(++seq), 1: text(u.name, "label"), 2: text(ind.id, "label"), 3: text(ind.name, "label") };
      periods.forEach((p, i) => {
        const v = record.periods.get(p)?.scores.get(k);
        cells[FIRST_PERIOD_COL + i] = v === undefined ? text("", "computed") : { value: v, style: "computed", numFmt: "0.00" };
      });
      const m = periodMean(record, k)!.mean;
      cells[cols.mean] = formula(`AVERAGE(${first}:${last})`, toNumber(m), "computed", "0.00");
      cells[cols.annual] = formula(num(sheetRef(at.sheet, at.cell)), at.value, "computed", "0.00");
      const w = paramRef("periodicWeight");
      cells[cols.blended] = formula(`ROUND(${a1(r, cols.annual)}*(1-${w})+${a1(r, cols.mean)}*${w},${paramRef("decimals")})`, toNumber(blend(scheme, at.value, m)), "total", "0.00");
      rows.push(row(width, cells));
    }
  }
  // Each unit's total in each period, for 分类指导's 与上期比 (values: the periods are closed).
  rows.push(row(width, {}), row(width, { 0: text("各周期总分（供分类指导“与上期比”）", "groupRow") }));
  for (const u of unitsInSheetOrder(scheme)) {
    if (![...record.periods.values()].some((p) => p.totals.has(u.name))) continue;
    const cells: Record<number, CellSpec> = { 0: label(++seq), 1: text(u.name, "label"), 2: text(TOTAL_ROW_MARK, "label"), 3: text("该周期总分", "label") };
    periods.forEach((p, i) => {
      const v = record.periods.get(p)?.totals.get(u.name);
      cells[FIRST_PERIOD_COL + i] = v === undefined ? text("", "computed") : { value: v, style: "computed", numFmt: "0.00" };
    });
    rows.push(row(width, cells));
  }
  const columnWidths = [5, 12, 8, 24, ...periods.map(() => 9), 9, 9, 9];
  return {
    name: SHEETS.periodic,
    rows,
    columnWidths,
    merges: [`A1:${columnLetters(width - 1)}1`, `A2:${columnLetters(width - 1)}2`],
    rowHeights: fitRowHeights(rows, columnWidths, [`A1:${columnLetters(width - 1)}1`, `A2:${columnLetters(width - 1)}2`]),
    freeze: { rows: PERIODIC_ROWS.first, cols: 2 },
    print: { landscape: false, titleRows: `${PERIODIC_ROWS.header + 1}:${PERIODIC_ROWS.sources + 1}`, area: areaOf(rows.length - 1, width - 1), fitToWidth: 1 },
    protect: true,
    tabColor: "FF70AD47",
  };
}

/** 分类指导's 与上期比: each unit's total in the latest period imported, or undefined when none is. */
export function lastPeriodTotals(scheme: Scheme, record: PeriodicRecord): { label: string; units: Record<string, { total: number; groupRank: null; tier: null }> } | undefined {
  const last = [...scheme.periodic.periods].reverse().find((p) => (record.periods.get(p)?.totals.size ?? 0) > 0);
  if (!last) return undefined;
  const units: Record<string, { total: number; groupRank: null; tier: null }> = {};
  for (const [unit, total] of record.periods.get(last)!.totals) units[unit] = { total, groupRank: null, tier: null };
  return { label: `${scheme.year}年${last}`, units };
}

/** The note 汇总 and 基础工作得分 carry about the periods: which counted in, at what weight, which are missing. */
export function periodicNote(scheme: Scheme, record: PeriodicRecord): string | null {
  if (scheme.period) return null;
  const used = scheme.periodic.periods.filter((p) => record.periods.has(p));
  const missing = missingPeriods(scheme, record);
  const pct = `${Math.round(scheme.periodic.weight * 1000) / 10}%`;
  if (!used.length) return `平时评价：尚未导入（${missing.join("、")}），基础工作按年度评分计算。`;
  return `平时评价：已计入 ${used.join("、")}（定性评分权重 ${pct}，明细见“${SHEETS.periodic}”表）${missing.length ? `；尚缺 ${missing.join("、")}` : ""}。`;
}

/** Diagnostics for an annual workbook's periods: the missing ones, as information. */
export function periodicDiagnostics(scheme: Scheme, record: PeriodicRecord): Diagnostic[] {
  if (scheme.period || record.periods.size === 0) return [];
  const missing = missingPeriods(scheme, record);
  return missing.length
    ? [diagnostic("info", "periodic.missing", { zh: `平时评价尚缺：${missing.join("、")}。可用“导入平时评价”补充；缺少的周期不参与平均。`, en: `Periodic evaluations still missing: ${missing.join(", ")}. Add them with "periodic add"; missing periods are left out of the mean.` }, { sheet: SHEETS.periodic, cell: "A2" })]
    : [];
}
