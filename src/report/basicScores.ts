import { periodTitle } from "../scheme/year";
import type { Scheme } from "../scheme/schema";
import { indicatorFormula, indicatorMax } from "../engine/basic";
import { dec, roundTo, sum, toNumber } from "../engine/decimal";
import type { Evaluation } from "../engine/evaluate";
import type { EvaluationInputs, IndicatorInput } from "../engine/inputs";
import { columnLetters, rangeA1, sheetRef } from "../workbook/address";
import type { CellSpec, SheetSpec } from "../workbook/plan";
import { formula, label, row, text } from "../layout/cells";
import { SHEETS } from "../layout/names";
import { unitsInSheetOrder } from "../layout/department";
import { areaOf, fitRowHeights, SEQ_WIDTH } from "../layout/print";
import { paramRef, schemeNumberCells } from "../layout/schemeTables";

/** Where each unit's basic-work total sits on the 基础工作得分 sheet, and each of its indicators (A1 addresses). */
export interface BasicScoresSheet {
  readonly spec: SheetSpec;
  readonly totalCell: ReadonlyMap<string, string>;
  /** unit → the address of each indicator's score, in scheme order. */
  readonly indicatorCells: ReadonlyMap<string, readonly string[]>;
}

const FIRST = 3;
/** Data columns (indicators and subtotals) a table may have: one landscape A4 page wide at ≥ 10 pt. */
const MAX_COLUMNS = 10;
/** Unit and 满分 rows a page takes under its two header rows. */
const MAX_ROWS = 27;

interface Band {
  readonly programme: string;
  /** Indexes into scheme.indicators. */
  readonly indicators: readonly number[];
}

/**
 * The programmes as column bands (indicators, then 小计), packed into tables of at most
 * MAX_COLUMNS columns; the last table ends with 基础工作合计. Tables are stacked down the sheet,
 * and each is split into pages at region-group boundaries, every page with its own header: no
 * page carries 25 columns, and every page shows 序号, 区域分类 and 区县.
 */
function tables(scheme: Scheme): Band[][] {
  const bands: Band[] = [];
  scheme.indicators.forEach((ind, i) => {
    const band = bands.find((b) => b.programme === ind.programme);
    if (band) (band.indicators as number[]).push(i);
    else bands.push({ programme: ind.programme, indicators: [i] });
  });
  const out: Band[][] = [];
  for (const b of bands) {
    const last = out.at(-1);
    const width = (t: Band[]) => t.reduce((a, x) => a + x.indicators.length + 1, 0);
    if (last && width(last) + b.indicators.length + 1 <= MAX_COLUMNS) last.push(b);
    else out.push([b]);
  }
  return out;
}

/** Region groups packed into pages of at most MAX_ROWS rows (a group larger than that flows on). */
function pages(scheme: Scheme): string[][] {
  const out: string[][] = [];
  let rows = 0;
  for (const g of scheme.groups) {
    const n = scheme.units.filter((u) => u.group === g.id).length + 1;
    if (out.length && rows + n <= MAX_ROWS) out.at(-1)!.push(g.id);
    else {
      out.push([g.id]);
      rows = 0;
    }
    rows += n;
  }
  return out;
}

/**
 * 基础工作得分: every indicator of every unit as a native formula over the department sheets,
 * so a department's edited cell recalculates here and in 汇总 without the add-in. Units keep the
 * department sheets' order, so an indicator column is one formula filled down per region group.
 */
export function basicScoresSheet(scheme: Scheme, inputs: EvaluationInputs, evaluation: Evaluation, periodic: string | null = null): BasicScoresSheet {
  const d = scheme.rounding.decimals;
  // Formulas reference the scheme's numbers on the data sheet, never typed in (issue 9 §1).
  const dRef = paramRef("decimals");
  const numberCell = schemeNumberCells(scheme);
  const byKey = new Map<string, IndicatorInput>();
  for (const b of inputs.basic) if (!byKey.has(`${b.unit}\u0000${b.indicator}`)) byKey.set(`${b.unit}\u0000${b.indicator}`, b);
  const results = new Map(evaluation.units.map((u) => [u.unit, u]));
  const order = unitsInSheetOrder(scheme);
  const seq = new Map(order.map((u, i) => [u.name, i + 1]));
  const layout = tables(scheme);
  const width = FIRST + Math.max(...layout.map((t) => t.reduce((a, b) => a + b.indicators.length + 1, 0) + (t === layout.at(-1) ? 1 : 0)));
  const last = columnLetters(width - 1);
  const rows: (CellSpec | null)[][] = [
    row(width, { 0: text(`基础工作得分明细（${periodTitle(scheme)}，满分 ${scheme.components.basic}）`, "title") }),
    row(width, { 0: text(`本表由“汇总”生成，每格公式引用各部室评分表；修改部室表后自动重算。请勿在本表填写。五联工程分表排列，每表各区县一行，末表为基础工作合计。${periodic ?? ""}`, "note") }),
  ];
  const merges = [`A1:${last}1`, `A2:${last}2`];
  const breaks: number[] = [];
  const indicatorCells = new Map<string, string[]>(order.map((u) => [u.name, []]));
  const subtotalCells = new Map<string, string[]>(order.map((u) => [u.name, []]));
  const totalCell = new Map<string, string>();

  for (const table of layout) {
    const isLast = table === layout.at(-1);
    for (const groupIds of pages(scheme)) {
      if (rows.length > 2) breaks.push(rows.length);
      const top = rows.length;
      const bandRow: Record<number, CellSpec> = { 0: text("序号", "header"), 1: text("区域分类", "header"), 2: text("区县", "header") };
      const nameRow: Record<number, CellSpec> = { 0: text("", "header"), 1: text("", "header"), 2: text("", "header") };
      for (let c = 0; c < FIRST; c++) merges.push(rangeA1({ top, left: c, bottom: top + 1, right: c }));
      let col = FIRST;
      for (const band of table) {
        bandRow[col] = text(band.programme, "header");
        for (let k = col + 1; k <= col + band.indicators.length; k++) bandRow[k] = text("", "header");
        merges.push(rangeA1({ top, left: col, bottom: top, right: col + band.indicators.length }));
        band.indicators.forEach((i, k) => (nameRow[col + k] = text(scheme.indicators[i]!.name, "header")));
        nameRow[col + band.indicators.length] = text("小计", "header");
        col += band.indicators.length + 1;
      }
      if (isLast) {
        bandRow[col] = text(`基础工作合计（${scheme.components.basic}分）`, "header");
        nameRow[col] = text("", "header");
        merges.push(rangeA1({ top, left: col, bottom: top + 1, right: col }));
      }
      rows.push(row(width, bandRow), row(width, nameRow));

      for (const g of scheme.groups.filter((x) => groupIds.includes(x.id))) {
        rows.push(fullMarks(scheme, table, isLast, g.id, width, rows.length, numberCell));
        for (const u of order.filter((x) => x.group === g.id)) {
          const r = rows.length;
          const result = results.get(u.name)!;
          const cells: Record<number, CellSpec> = { 0: label(seq.get(u.name)!), 1: label(g.shortName), 2: label(u.name) };
          let c = FIRST;
          for (const band of table) {
            const first = c;
            for (const i of band.indicators) {
              const ind = scheme.indicators[i]!;
              const input = byKey.get(`${u.name}\u0000${ind.id}`);
              const refs = input ? Object.fromEntries(Object.entries(input.sources).map(([key, s]) => [key, sheetRef(s.sheet, s.cell)])) : null;
              const number = (key: string) => numberCell(`${ind.id}:${key}`);
              cells[c] = formula(indicatorFormula(ind, u.group, refs, dRef, scheme.notApplicable, number), result.indicators[i]!.score, "computed", "0.00");
              indicatorCells.get(u.name)![i] = `${columnLetters(c)}${r + 1}`;
              c++;
            }
            const subtotal = toNumber(roundTo(sum(band.indicators.map((i) => dec(result.indicators[i]!.score))), d));
            cells[c] = formula(`ROUND(SUM(${columnLetters(first)}${r + 1}:${columnLetters(c - 1)}${r + 1}),${dRef})`, subtotal, "computed", "0.00");
            subtotalCells.get(u.name)!.push(`${columnLetters(c)}${r + 1}`);
            c++;
          }
          if (isLast) {
            cells[c] = formula(`ROUND(${subtotalCells.get(u.name)!.join("+")},${dRef})`, result.basic, "total", "0.00");
            totalCell.set(u.name, `${columnLetters(c)}${r + 1}`);
          }
          rows.push(row(width, cells));
        }
      }
    }
  }

  // 区域分类 as wide as 开发开放平台, so a unit's row is one line.
  const columnWidths = [SEQ_WIDTH, 14, 11, ...Array.from({ length: width - FIRST }, () => 10)];
  return {
    spec: {
      name: SHEETS.basicScores,
      rows,
      columnWidths,
      merges,
      rowHeights: fitRowHeights(rows, columnWidths, merges),
      freeze: { rows: 0, cols: FIRST },
      print: { landscape: true, area: areaOf(rows.length - 1, width - 1), fitToWidth: 1, breaksBefore: breaks },
      protect: true,
      tabColor: "FFFFC000",
    },
    totalCell,
    indicatorCells,
  };
}

/**
 * A region group's 满分 row: each indicator's points for that group (the data sheet's cell, so the
 * row shows what the formulas below use), each programme's sum and the total.
 */
function fullMarks(scheme: Scheme, table: readonly Band[], isLast: boolean, groupId: string, width: number, r: number, numberCell: (key: string) => string): (CellSpec | null)[] {
  const g = scheme.groups.find((x) => x.id === groupId)!;
  const cells: Record<number, CellSpec> = { 0: text("", "groupRow"), 1: text(g.shortName, "groupRow"), 2: text("满分", "groupRow") };
  let c = FIRST;
  for (const band of table) {
    const first = c;
    const points = band.indicators.map((i) => indicatorMax(scheme.indicators[i]!, groupId));
    band.indicators.forEach((i, k) => (cells[c++] = formula(numberCell(`${scheme.indicators[i]!.id}:max:${groupId}`), points[k]!, "groupRow")));
    cells[c] = formula(`SUM(${columnLetters(first)}${r + 1}:${columnLetters(c - 1)}${r + 1})`, toNumber(sum(points.map((p) => dec(p)))), "groupRow");
    c++;
  }
  if (isLast) cells[c] = formula(paramRef("basic"), scheme.components.basic, "groupRow");
  return row(width, cells);
}
