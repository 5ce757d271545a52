/**
 * A unit whose total falls outside 0 … basic + cases + composite + bonus cap (100 in cq-2024) gets
 * a warning naming the unit and the cells that drove it, largest first. Built in memory from the
 * sample workbook's snapshot (no file needed).
 */
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic";
import type { Evaluation, UnitResult } from "../../src/engine/evaluate";
import type { TrailEntry } from "../../src/engine/trail";
import { departmentLayout } from "../../src/layout/department";
import { penaltyLabel } from "../../src/layout/lists";
import { SHEETS } from "../../src/layout/names";
import { EVENTS } from "../../src/layout/otherSheets";
import { sampleData } from "../../src/layout/sample";
import { templatePlan } from "../../src/layout/template";
import { builtinScheme } from "../../src/scheme/load";
import { readWorkbook, totalBoundsChecks } from "../../src/validate/validate";
import { a1 } from "../../src/workbook/address";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/workbook/snapshot";
import { planSnapshot } from "../support/planSnapshot";

const scheme = builtinScheme();
const sample = () => planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 2024) }));
const UNIT = "万州区"; // the sample gives it one 通报批评 (D1, −2) on 加分扣分

/** Change cells of a snapshot's sheet: [row, col, value], 0-based. */
function edit(wb: WorkbookSnapshot, sheet: string, cells: readonly [number, number, CellValue][]): WorkbookSnapshot {
  const sheets = wb.sheets.map((s): SheetSnapshot => {
    if (s.name !== sheet) return s;
    const rows = s.rows.map((r) => [...r]);
    for (const [r, c, v] of cells) {
      while (rows.length <= r) rows.push([]);
      const row = rows[r]!;
      while (row.length <= c) row.push(null);
      row[c] = v;
    }
    return { ...s, rows };
  });
  return { ...wb, sheets };
}

const outOfRange = (ds: readonly Diagnostic[]) => ds.filter((d) => d.code === "total.outOfRange");

describe("total outside 0 … 100", () => {
  it("no unit of the sample is out of range", () => {
    const r = readWorkbook(sample());
    if (!r.ok) throw new Error("sample unreadable");
    expect(outOfRange(r.diagnostics)).toEqual([]);
  });

  it("per-occurrence deductions and penalties below 0: a warning naming the unit and the cells, largest first", () => {
    let wb = sample();
    // 办公室, B20 (资金): 20 findings of funds used outside the budget, −1 each.
    const layout = departmentLayout(scheme, "办公室");
    const office = wb.sheets.find((s) => s.name === "办公室")!;
    const row = office.rows.findIndex((r) => r[layout.unitCol] === UNIT);
    const col = layout.blocks.find((b) => b.indicator.id === "B20")!.columns.find((c) => c.key === "count")!.col;
    wb = edit(wb, "办公室", [[row, col, 20]]);
    // 加分扣分: a discretionary penalty of 100 points (no maximum in cq-2024).
    const events = wb.sheets.find((s) => s.name === SHEETS.events)!;
    const c = EVENTS.cols;
    let er = EVENTS.firstDataRow;
    while ([c.unit, c.item].some((k) => events.rows[er]?.[k] != null)) er++;
    const d4 = penaltyLabel(scheme.penalties.items.find((p) => p.id === "D4")!);
    wb = edit(wb, SHEETS.events, [[er, c.unit, UNIT], [er, c.item, d4], [er, c.points, 100], [er, c.reason, "查实弄虚作假"]]);

    const r = readWorkbook(wb);
    if (!r.ok) throw new Error("unreadable");
    const total = r.evaluation.units.find((u) => u.unit === UNIT)!.total;
    expect(total).toBeLessThan(0);
    const ws = outOfRange(r.diagnostics);
    expect(ws).toHaveLength(1);
    const w = ws[0]!;
    const pointsCell = a1(er, c.points);
    const countCell = a1(row, col);
    // Located at the cell that moved the total most, so clicking it in the pane goes there.
    expect(w).toMatchObject({ severity: "warning", sheet: SHEETS.events, cell: pointsCell });
    expect(w.message).toContain(`“${UNIT}”总分 −${-total} 分，低于 0 分（总分应在 0 至 100 分之间）`);
    const at = (s: string) => w.message.indexOf(s);
    expect(at(`${SHEETS.events}!${pointsCell}（`)).toBeGreaterThan(-1);
    expect(at(`办公室!${countCell}（`)).toBeGreaterThan(at(`${SHEETS.events}!${pointsCell}（`));
    expect(w.message).toContain("（弄虚作假、谎报成绩（查实后酌情扣分）：−100 分）");
    expect(w.message).toContain("：−20 分）");
    expect(w.message).toContain("请核对这些单元格的次数和分值");
    expect(w.messageEn).toContain(`"${UNIT}" totals −${-total}, below 0 (a total should be 0 to 100)`);
    expect(w.messageEn).toContain(`办公室!${countCell}`);
  });
});

describe("totalBoundsChecks", () => {
  const r = readWorkbook(sample());
  if (!r.ok) throw new Error("sample unreadable");
  const base = r.evaluation.units[0]!;
  const bonus = (cell: string, delta: number): TrailEntry => ({
    component: "bonus", kind: "bonus", item: "受到全国妇联表彰", delta, text: { zh: "", en: "" }, reason: null, source: { sheet: SHEETS.events, cell },
  });
  const withUnit = (u: Partial<UnitResult>): Evaluation => ({ ...r.evaluation, units: [{ ...base, ...u }] });

  it("takes the upper bound from the scheme's parts (60 + 25 + 10 + bonus cap 5), not a fixed 100", () => {
    const ev = withUnit({ unit: "渝中区", total: 101, trail: [bonus("C9", 1), bonus("C7", 3), bonus("C8", 2), bonus("C10", 0.5), bonus("C11", -4)] });
    const [w, ...rest] = totalBoundsChecks(scheme, ev);
    expect(rest).toEqual([]);
    expect(w).toMatchObject({ code: "total.outOfRange", severity: "warning", sheet: SHEETS.events, cell: "C7" });
    // Largest gains first, three named, the fourth counted; the loss is not a driver of a high total.
    expect(w!.message).toBe(
      "“渝中区”总分 101 分，超过上限 100 分（总分应在 0 至 100 分之间）。主要来自：加分扣分!C7（受到全国妇联表彰：+3 分）、加分扣分!C8（受到全国妇联表彰：+2 分）、加分扣分!C9（受到全国妇联表彰：+1 分）等 4 处。请核对这些单元格的得分，以及评价方案中各部分的分值。",
    );
    const looser = { ...scheme, components: { ...scheme.components, bonusCap: 6 } };
    expect(totalBoundsChecks(looser, ev)).toEqual([]);
  });

  it("is quiet at exactly 0 and exactly the maximum, and says what to check when no cell drove it", () => {
    expect(totalBoundsChecks(scheme, withUnit({ total: 0 }))).toEqual([]);
    expect(totalBoundsChecks(scheme, withUnit({ total: 100 }))).toEqual([]);
    const [w] = totalBoundsChecks(scheme, withUnit({ unit: "忠县", total: -0.5, trail: [] }));
    expect(w).toMatchObject({ sheet: null, cell: null, message: "“忠县”总分 −0.5 分，低于 0 分（总分应在 0 至 100 分之间）。请核对该区县各表的得分和扣分。" });
  });
});
