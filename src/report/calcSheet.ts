import type { Scheme } from "../scheme/schema";
import { countOrOne, num, str } from "../engine/formula";
import { eventItems, paramRef, TABLE_COLUMNS, tableRange, unitKeys, itemKeys, ITEM_KIND } from "../layout/schemeTables";
import { LIST_COLUMNS, eventLabels } from "../layout/lists";
import { CASES, COMPOSITE, EVENTS } from "../layout/otherSheets";
import { SHEETS } from "../layout/names";
import { columnLetters, sheetRef } from "../workbook/address";
import type { CellSpec, SheetSpec } from "../workbook/plan";
import { cellAt, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "../workbook/snapshot";
import { formula, row, text } from "../layout/cells";
import { foldName, unitIndex } from "../scheme/names";
import { cellText, isBlank, parseNumber } from "../validate/cellParse";

/**
 * `_计算` (hidden): one row of formulas per row of 加分扣分, 最佳实践案例 and 综合评估, on the same
 * row number, that reads the row the way the engine does — the unit's canonical name (aliases and
 * stray spaces folded), the item, the points the row is worth (from the scheme's tables, never a
 * number typed into a formula). 汇总 sums these with SUMIFS by unit, so moving an event to another
 * unit, adding a row in the prepared area, changing an item or clearing a row recalculates 汇总
 * without the add-in.
 */
export const CALC = {
  firstDataRow: EVENTS.firstDataRow, // 0-based; the three input sheets share it (row 4)
  events: { unit: "A", item: "B", kind: "C", points: "D" },
  cases: { unit: "F", index: "G", score: "H" },
  composite: { unit: "J", deduction: "K" },
} as const;

if (CASES.firstDataRow !== CALC.firstDataRow || COMPOSITE.firstDataRow !== CALC.firstDataRow) {
  throw new Error("_计算 assumes the three input sheets start their rows together");
}

/** Rows of an input sheet the formulas cover: what it has, and at least its prepared area. */
function lastRow(wb: WorkbookSnapshot | null, sheet: string, prepared: number): number {
  const rows = wb?.sheets.find((s) => s.name === sheet)?.rows.length ?? 0;
  return Math.max(rows, CALC.firstDataRow + prepared);
}

/** How the formulas fold a name as foldName does for what people type: no spaces, half-width forms. */
function fold(ref: string): string {
  // The second SUBSTITUTE removes the ideographic space U+3000 where ASC leaves it.
  return `SUBSTITUTE(SUBSTITUTE(ASC(TRIM(${ref}))," ",""),"\u3000","")`;
}

/**
 * The canonical unit of a cell: the name as written, else any folded spelling; "" when unknown. `n`:
 * the unit table's length (unitKeys), counted once per sheet, not per row — folding every unit's names
 * again for each of 3,000 rows took seconds.
 */
function unitOf(n: number, ref: string): string {
  const names = tableRange(TABLE_COLUMNS.unitName, n);
  const keys = tableRange(TABLE_COLUMNS.unitKey, n);
  return `IFERROR(INDEX(${names},MATCH(TRIM(${ref}),${names},0)),IFERROR(INDEX(${names},MATCH(${fold(ref)},${keys},0)),""))`;
}

/** The values the formulas give on the workbook as read: cached results, so viewers that do not recalculate see them. */
function cachedReader(scheme: Scheme, wb: WorkbookSnapshot | null) {
  const units = unitIndex(scheme);
  const keys = new Map(itemKeys(scheme));
  const labels = eventLabels(scheme);
  const sheet = (name: string): SheetSnapshot | undefined => wb?.sheets.find((s) => s.name === name);
  const number = (v: CellValue) => {
    const p = parseNumber(v);
    return p.kind === "number" ? p.value : 0;
  };
  return {
    at: (name: string, r: number, c: number): CellValue => {
      const s = sheet(name);
      return s ? cellAt(s, r, c) : null;
    },
    unit(v: CellValue): string {
      const t = cellText(v);
      if (t === null) return "";
      const m = units.resolve(t);
      return m.kind === "unknown" ? "" : m.unit.name;
    },
    item(v: CellValue): number {
      const t = cellText(v);
      if (t === null) return 0;
      const exact = labels.indexOf(t);
      return exact >= 0 ? exact + 1 : keys.get(foldName(t)) ?? 0;
    },
    number,
    countOrOne: (v: CellValue) => (isBlank(v) ? 1 : Math.max(number(v), 0)),
  };
}

export interface CalcLayout {
  readonly spec: SheetSpec;
  /** Bounded ranges of the columns 汇总 sums, e.g. `'_计算'!$A$4:$A$223`. */
  readonly range: (column: string, block: "events" | "cases" | "composite") => string;
}

/** The calculation sheet for a workbook whose input sheets are as in `wb` (their row counts, the cached values). */
export function calcSheet(scheme: Scheme, wb: WorkbookSnapshot | null): CalcLayout {
  const first = CALC.firstDataRow;
  const ends = {
    events: lastRow(wb, SHEETS.events, EVENTS.blankRows),
    cases: lastRow(wb, SHEETS.cases, 2 * scheme.units.length),
    composite: lastRow(wb, SHEETS.composite, scheme.units.length),
  };
  const height = Math.max(...Object.values(ends));
  const items = eventItems(scheme);
  const labels = tableRange(LIST_COLUMNS.events, eventLabels(scheme).length);
  const keyCount = itemKeys(scheme).length;
  const unitCount = unitKeys(scheme).length;
  const ev = (c: number, r: number) => sheetRef(SHEETS.events, `${columnLetters(c)}${r}`);
  const cs = (c: number, r: number) => sheetRef(SHEETS.cases, `${columnLetters(c)}${r}`);
  const cm = (c: number, r: number) => sheetRef(SHEETS.composite, `${columnLetters(c)}${r}`);
  const E = CALC.events;
  const C = CALC.cases;
  const K = CALC.composite;
  const width = 11;
  const col = (letter: string) => letter.charCodeAt(0) - 65;

  const rows: (CellSpec | null)[][] = [
    row(width, { 0: text("计算表（由“汇总”生成，供汇总表公式引用；请勿修改）", "title") }),
    row(width, {
      [col(E.unit)]: text("加分扣分：区县", "header"), [col(E.item)]: text("事项序号", "header"), [col(E.kind)]: text("类别", "header"), [col(E.points)]: text("分值", "header"),
      [col(C.unit)]: text("案例：区县", "header"), [col(C.index)]: text("第几个", "header"), [col(C.score)]: text("得分", "header"),
      [col(K.unit)]: text("综合评估：区县", "header"), [col(K.deduction)]: text("扣分", "header"),
    }),
    row(width, {}),
  ];
  const itemIndex = (r: number) => {
    const keys = tableRange(TABLE_COLUMNS.itemKey, keyCount);
    const idx = tableRange(TABLE_COLUMNS.itemIndex, keyCount);
    return `IFERROR(MATCH(TRIM(${ev(EVENTS.cols.item, r)}),${labels},0),IFERROR(INDEX(${idx},MATCH(${fold(ev(EVENTS.cols.item, r))},${keys},0)),0))`;
  };
  const kinds = tableRange(TABLE_COLUMNS.itemKind, items.length);
  const points = tableRange(TABLE_COLUMNS.itemPoints, items.length);
  const maxima = tableRange(TABLE_COLUMNS.itemMax, items.length);
  const maxCounts = tableRange(TABLE_COLUMNS.itemMaxCount, items.length);

  const v = cachedReader(scheme, wb);
  const caseCount = new Map<string, number>();
  for (let i = first; i < height; i++) {
    const r = i + 1;
    const cells: Record<number, CellSpec> = {};
    if (i < ends.events) {
      const pointsCell = ev(EVENTS.cols.points, r);
      const given = `MAX(${num(pointsCell)},0)`;
      const at = (c: number) => v.at(SHEETS.events, i, c);
      const unit = isBlank(at(EVENTS.cols.item)) ? "" : v.unit(at(EVENTS.cols.unit));
      const item = unit === "" ? 0 : v.item(at(EVENTS.cols.item));
      const spec = items[item - 1];
      const worth = !spec ? 0 : spec.kind === ITEM_KIND.discretionary
        ? Math.min(Math.max(v.number(at(EVENTS.cols.points)), 0), spec.max ?? Infinity)
        : (spec.points ?? 0) * (v.countOrOne(at(EVENTS.cols.count)) > (spec.maxCount ?? Infinity) ? 0 : v.countOrOne(at(EVENTS.cols.count)));
      cells[col(E.unit)] = formula(`IF(TRIM(${ev(EVENTS.cols.item, r)})="","",${unitOf(unitCount, ev(EVENTS.cols.unit, r))})`, unit);
      cells[col(E.item)] = formula(`IF(${E.unit}${r}="",0,${itemIndex(r)})`, item);
      cells[col(E.kind)] = formula(`IF(${E.item}${r}=0,"",INDEX(${kinds},${E.item}${r}))`, spec?.kind ?? "");
      cells[col(E.points)] = formula(
        `IF(${E.item}${r}=0,0,IF(${E.kind}${r}=${str(ITEM_KIND.discretionary)},` +
          `IF(ISNUMBER(INDEX(${maxima},${E.item}${r})),MIN(${given},INDEX(${maxima},${E.item}${r})),${given}),` +
          // A count above the item's maximum (a date typed into 次数) counts as none, as the engine reads it.
          `INDEX(${points},${E.item}${r})*IF(${countOrOne(ev(EVENTS.cols.count, r))}>INDEX(${maxCounts},${E.item}${r}),0,${countOrOne(ev(EVENTS.cols.count, r))})))`,
        worth,
      );
    }
    if (i < ends.cases) {
      const at = (c: number) => v.at(SHEETS.cases, i, c);
      const blank = [CASES.cols.project, CASES.cols.title, CASES.cols.text, CASES.cols.score].every((c) => isBlank(at(c)));
      const unit = blank ? "" : v.unit(at(CASES.cols.unit));
      const index = unit === "" ? "" : (caseCount.get(unit) ?? 0) + 1;
      if (unit !== "") caseCount.set(unit, index as number);
      const filled = [CASES.cols.project, CASES.cols.title, CASES.cols.text, CASES.cols.score].map((c) => `TRIM(${cs(c, r)})=""`).join(",");
      cells[col(C.unit)] = formula(`IF(AND(${filled}),"",${unitOf(unitCount, cs(CASES.cols.unit, r))})`, unit);
      cells[col(C.index)] = formula(`IF(${C.unit}${r}="","",COUNTIF(${C.unit}$${first + 1}:${C.unit}${r},${C.unit}${r}))`, index);
      cells[col(C.score)] = formula(`IF(${C.unit}${r}="",0,MIN(MAX(${num(cs(CASES.cols.score, r))},0),${paramRef("perCaseMax")}))`,
        unit === "" ? 0 : Math.min(Math.max(v.number(at(CASES.cols.score)), 0), scheme.cases.perCaseMax));
    }
    if (i < ends.composite) {
      const at = (c: number) => v.at(SHEETS.composite, i, c);
      const unit = isBlank(at(COMPOSITE.cols.unit)) ? "" : v.unit(at(COMPOSITE.cols.unit));
      cells[col(K.unit)] = formula(`IF(TRIM(${cm(COMPOSITE.cols.unit, r)})="","",${unitOf(unitCount, cm(COMPOSITE.cols.unit, r))})`, unit);
      cells[col(K.deduction)] = formula(`IF(${K.unit}${r}="",0,MAX(${num(cm(COMPOSITE.cols.deduction, r))},0))`, unit === "" ? 0 : Math.max(v.number(at(COMPOSITE.cols.deduction)), 0));
    }
    rows.push(row(width, cells));
  }
  const range = (column: string, block: keyof typeof ends) => sheetRef(SHEETS.calc, `$${column}$${first + 1}:$${column}$${Math.max(ends[block], first + 1)}`);
  return {
    spec: { name: SHEETS.calc, rows, columnWidths: Array.from({ length: width }, () => 12), merges: [], state: "hidden", protect: true },
    range,
  };
}
