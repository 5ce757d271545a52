import { describe, expect, it } from "vitest";
import { builtinScheme } from "../../src/scheme/load";
import { sampleData } from "../../src/layout/sample";
import { templatePlan } from "../../src/layout/template";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { readWorkbook, type Reading } from "../../src/validate/validate";
import { basicScoresSheet } from "../../src/report/basicScores";
import { detailsSheet } from "../../src/report/details";
import { columnLetters, parseA1 } from "../../src/workbook/address";
import type { CellSpec, SheetSpec } from "../../src/workbook/plan";

/** 基础工作得分 and 扣分明细 as plans: their layout and arithmetic (print.test.ts measures what they print). */
const scheme = builtinScheme();

let cached: Promise<Reading & { ok: true }> | undefined;
function demo(): Promise<Reading & { ok: true }> {
  return (cached ??= read());
}

async function read(): Promise<Reading & { ok: true }> {
  const bytes = await workbookBytes(await planToWorkbook(templatePlan(scheme, { sample: sampleData(scheme, 2024) })));
  const opened = await openXlsx(bytes, "demo.xlsx");
  if (!opened.ok) throw new Error("unreadable");
  const reading = readWorkbook(opened.snapshot);
  if (!reading.ok) throw new Error("invalid");
  return reading;
}

const at = (spec: SheetSpec, a1: string): CellSpec | null => {
  const { row, col } = parseA1(a1);
  return spec.rows[row]?.[col] ?? null;
};

describe("基础工作得分: programmes as column bands in stacked tables, a 满分 row per group", () => {
  it("no table has more than 10 data columns; every page has its header, 序号/区域分类/区县 and a 满分 row per group", async () => {
    const r = await demo();
    const { spec } = basicScoresSheet(scheme, r.inputs, r.evaluation);
    const headers = spec.rows.flatMap((row, i) => (row[0]?.value === "序号" ? [i] : []));
    expect(headers.length).toBeGreaterThanOrEqual(3);
    // Each page starts at a header row: the breaks are the header rows after the first.
    expect(spec.print).toMatchObject({ landscape: true, fitToWidth: 1, breaksBefore: headers.slice(1) });
    for (const h of headers) {
      const data = spec.rows[h + 1]!.slice(3).filter((c) => c?.value);
      expect(data.length).toBeLessThanOrEqual(10);
      expect(spec.rows[h]!.slice(0, 3).map((c) => c?.value)).toEqual(["序号", "区域分类", "区县"]);
    }
    const fullMarks = spec.rows.filter((row) => row[2]?.value === "满分");
    expect(fullMarks).toHaveLength(scheme.groups.length * (headers.length / 2));
    // A group's 满分 row in the last table ends with the basic work's 60.
    const last = fullMarks.slice(-scheme.groups.length);
    for (const row of last) expect(row.filter((c) => typeof c?.value === "number").at(-1)!.value).toBe(scheme.components.basic);
    // The band header names the programme over its indicators and 小计.
    expect(spec.rows[headers[0]!]![3]!.value).toBe(scheme.indicators[0]!.programme);
    expect(spec.rows[headers[0]! + 1]!.filter((c) => c?.value === "小计").length).toBeGreaterThan(0);
  });

  it("subtotals add up the programme's indicators, the total adds up the subtotals, and the cached values are the engine's", async () => {
    const r = await demo();
    const { spec, totalCell, indicatorCells } = basicScoresSheet(scheme, r.inputs, r.evaluation);
    for (const u of r.evaluation.units) {
      const total = at(spec, totalCell.get(u.unit)!)!;
      expect(total.value).toBe(u.basic);
      const subtotals = total.formula!.match(/^ROUND\((.*),'_evalsheet'!\$P\$9\)$/)![1]!.split("+");
      expect(subtotals).toHaveLength(5);
      const sums = subtotals.map((a) => at(spec, a)!);
      expect(sums.reduce((s, c) => s + Number(c.value), 0)).toBeCloseTo(u.basic, 9);
      for (const c of sums) expect(c.formula).toMatch(/^ROUND\(SUM\([A-Z]+\d+:[A-Z]+\d+\),'_evalsheet'!\$P\$9\)$/);
      expect(indicatorCells.get(u.unit)!.map((a) => at(spec, a)!.value)).toEqual(u.indicators.map((k) => k.score));
    }
  });

  it("an indicator's column holds one formula filled down within each group (the Office adapter fills it)", async () => {
    const r = await demo();
    const { spec, indicatorCells } = basicScoresSheet(scheme, r.inputs, r.evaluation);
    const groupOf = new Map(scheme.units.map((u) => [u.name, u.group]));
    // Same formula relative to its row: the department-sheet row minus this row is constant within a group.
    for (const k of scheme.indicators.keys()) {
      const offsets = new Map<string, Set<number>>();
      for (const [unit, cells] of indicatorCells) {
        const a = cells[k]!;
        const f = at(spec, a)!.formula!;
        const refRow = Number(/'![A-Z]+(\d+)/.exec(f)?.[1] ?? NaN);
        const set = offsets.get(groupOf.get(unit)!) ?? new Set<number>();
        set.add(refRow - parseA1(a).row);
        offsets.set(groupOf.get(unit)!, set);
      }
      for (const set of offsets.values()) expect(set.size).toBe(1);
    }
  });
});

describe("扣分明细", () => {
  it("per unit a 合计 row: the entries (and any 舍入) add up to it, and the full marks plus it are the total", async () => {
    const r = await demo();
    const spec = detailsSheet(scheme, r.evaluation, "2025-01-20 10:00");
    const start = scheme.components.basic + scheme.components.bestPractice + scheme.components.composite;
    let units = 0;
    let block: number[] = [];
    for (const row of spec.rows.slice(3)) {
      if (row[2]?.value === "合计") {
        const u = r.evaluation.units.find((x) => x.unit === row[1]!.value)!;
        const change = row[4]!;
        expect(change.formula).toMatch(/^ROUND\((SUM\(E\d+:E\d+\)|0),'_evalsheet'!\$P\$9\)$/);
        expect(change.value).toBeCloseTo(block.reduce((a, b) => a + b, 0), 9);
        expect(start + Number(change.value)).toBeCloseTo(u.total, 9);
        expect(row[3]!.value).toBe(`总分 ${u.total.toFixed(2)}`);
        units++;
        block = [];
      } else {
        const v = Number(row[4]!.value);
        // Rounded as the scheme rounds.
        expect(Math.round(v * 100) / 100).toBe(v);
        block.push(v);
      }
    }
    expect(units).toBe(scheme.units.length);
  });

  it("where the rounded entries do not add up to the rounded component (each indicator is rounded on its own), a 舍入 row says by how much", async () => {
    const r = await demo();
    const u = r.evaluation.units[0]!;
    const third = (item: string) => ({ component: "basic" as const, kind: "manual", item, delta: -1 / 3, text: { zh: `${item}：扣 1/3 分`, en: "" }, reason: null, source: null });
    // Three indicators each lose a third: shown as −0.33 each, but the basic work lost 1.00.
    const odd = { ...u, basic: 59, total: 59 + u.bestPractice + u.composite + u.bonus - u.penalty, trail: [third("甲"), third("乙"), third("丙"), ...u.trail.filter((t) => t.component !== "basic")] };
    const spec = detailsSheet(scheme, { ...r.evaluation, units: [odd, ...r.evaluation.units.slice(1)] }, "2025-01-20 10:00");
    const rows = spec.rows.slice(3, spec.rows.findIndex((row) => row[2]?.value === "合计") + 1);
    expect(rows.filter((row) => row[2]?.value === "基础工作").map((row) => [row[3]!.value, row[4]!.value])).toEqual([["甲", -0.33], ["乙", -0.33], ["丙", -0.33], ["舍入", -0.01]]);
    expect(rows.at(-1)![4]!.value).toBeCloseTo(odd.total - 95, 9);
  });

  it("case shortfalls are listed apart from penalties: each unit's entries are in component order", async () => {
    const r = await demo();
    const spec = detailsSheet(scheme, r.evaluation, "2025-01-20 10:00");
    const order = ["基础工作", "最佳实践案例", "综合评估", "加分", "扣分"];
    let last = -1;
    for (const row of spec.rows.slice(3)) {
      if (row[2]?.value === "合计") {
        last = -1;
        continue;
      }
      const k = order.indexOf(String(row[2]!.value));
      expect(k).toBeGreaterThanOrEqual(last);
      last = k;
    }
  });

  it("each source cell is a link to that cell", async () => {
    const r = await demo();
    const spec = detailsSheet(scheme, r.evaluation, "2025-01-20 10:00");
    const sources = spec.rows.slice(3).map((row) => row[7]).filter((c): c is CellSpec => Boolean(c?.value));
    expect(sources.length).toBeGreaterThan(100);
    for (const c of sources) {
      const [sheet, cell] = String(c.value).split("!");
      expect(c.link).toBe(`'${sheet}'!${cell}`);
    }
    expect(spec.print).toMatchObject({ landscape: true, titleRows: "3:3", fitToWidth: 1, area: `A1:${columnLetters(7)}${spec.rows.length}` });
  });
});
