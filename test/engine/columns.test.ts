import { describe, expect, it } from "vitest";
import { basicColumnsOf, CELL } from "../../src/engine/columns";
import { evaluate, evaluateExact } from "../../src/engine/evaluate";
import { sampleData } from "../../src/layout/sample";
import { templatePlan } from "../../src/layout/template";
import { parseA1 } from "../../src/workbook/address";
import { cellAt } from "../../src/workbook/snapshot";
import { readWorkbook } from "../../src/validate/validate";
import { NOT_APPLICABLE } from "../../src/engine/rules";
import { planSnapshot } from "../support/planSnapshot";
import { basicInput, columnarFrom, scheme } from "./helpers";

/**
 * The reader gives the engine columns (src/engine/columns.ts); the object form is built from
 * them on demand and must be what the reader always gave: each value the cell it names.
 */
describe("basic-work inputs in columns", () => {
  const wb = planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 7) }));

  it("the reader's inputs carry columns, and the engine on them equals the exact path on their objects, trails and sources included", () => {
    const r = readWorkbook(wb);
    if (!r.ok) throw new Error("sample unreadable");
    const columns = basicColumnsOf(r.annualInputs);
    expect(columns).toBeDefined();
    expect(columns!.byIndicator.every((ic) => ic !== undefined)).toBe(true);
    const exact = evaluateExact(scheme, { ...r.annualInputs });
    expect(evaluate(scheme, r.annualInputs)).toEqual(exact);
    expect(exact.units.some((u) => u.trail.some((t) => t.source?.sheet && t.component === "basic"))).toBe(true);
  });

  it("each object-form value is the cell its source names, in sheet order", () => {
    const r = readWorkbook(wb);
    if (!r.ok) throw new Error("sample unreadable");
    const basic = r.annualInputs.basic;
    expect(basic.length).toBe(scheme.units.length * scheme.indicators.length);
    let numbers = 0;
    for (const b of basic) {
      for (const [key, v] of Object.entries(b.values)) {
        const src = b.sources[key]!;
        const { row, col } = parseA1(src.cell);
        const cell = cellAt(wb.sheets.find((s) => s.name === src.sheet)!, row, col);
        if (typeof v === "number") {
          numbers++;
          expect(cell).toBe(v);
        } else if (v === "na") expect(cell).toBe(NOT_APPLICABLE);
        else if (typeof v === "boolean") expect(cell).toBe(v ? "是" : "否");
        else expect(cell).toBeNull();
      }
      const reasonAt = parseA1(b.reasonSource!.cell);
      expect(cellAt(wb.sheets.find((s) => s.name === b.reasonSource!.sheet)!, reasonAt.row, reasonAt.col) ?? null).toBe(b.reason);
    }
    expect(numbers).toBeGreaterThan(500);
    // Row by row (a unit's indicators together), as the reader has always listed them.
    expect(basic[0]!.unit).toBe(basic[1]!.unit);
  });

  it("the engine scores the columns themselves, not a copy of the objects", () => {
    const unit = scheme.units[0]!;
    const manual = scheme.indicators.find((i) => i.rules.length === 1 && i.rules[0]!.kind === "manual")!;
    const inputs = columnarFrom(scheme, [basicInput(unit.name, manual.id, { score: 0.5 })]);
    const before = inputs.basic; // the object form, built now
    const ic = basicColumnsOf(inputs)!.byIndicator[scheme.indicators.indexOf(manual)]!;
    ic.columns[0]!.values[0] = 0.25;
    expect(ic.columns[0]!.kinds[0]).toBe(CELL.number);
    expect(before[0]!.values["score"]).toBe(0.5);
    expect(evaluate(scheme, inputs).units[0]!.basic).toBe(0.25);
    expect(evaluate(scheme, { ...inputs }).units[0]!.basic).toBe(0.5);
  });

  it("a unit with no row scores 0 and is explained as missing; blank, 不适用 and 是/否 in a score column count as 0", () => {
    const [a, b, c, d] = scheme.units;
    const manual = scheme.indicators.find((i) => i.rules.length === 1 && i.rules[0]!.kind === "manual")!;
    const inputs = columnarFrom(scheme, [basicInput(b!.name, manual.id, { score: null }), basicInput(c!.name, manual.id, { score: "na" }), basicInput(d!.name, manual.id, { score: true })]);
    const result = evaluate(scheme, inputs);
    expect(result).toEqual(evaluateExact(scheme, { ...inputs }));
    const at = (name: string) => result.units.find((u) => u.unit === name)!;
    expect(at(a!.name).trail.find((t) => t.item === manual.name)?.kind).toBe("missing");
    for (const u of [b, c, d]) expect(at(u!.name).indicators.find((i) => i.id === manual.id)!.score).toBe(0);
  });
});
