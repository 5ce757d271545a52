import { describe, expect, it } from "vitest";
import { builtinScheme } from "../../src/scheme/load";
import { sampleData } from "../../src/layout/sample";
import { departmentLayouts, signOffRow } from "../../src/layout/department";
import { DEPARTMENT_MIN_SCALE, departmentSheet } from "../../src/layout/departmentSheet";
import { casesSheet, compositeSheet, eventsSheet } from "../../src/layout/officeSheets";
import { schemeSheet } from "../../src/layout/schemeSheet";
import { EVENTS } from "../../src/layout/otherSheets";
import { A4_PRINTABLE, DEFAULT_ROW, printedWidth } from "../../src/layout/print";
import { STYLES } from "../../src/adapters/xlsx/styles";
import { parseRange } from "../../src/workbook/address";

/** The input sheets' print set-up, as plans: the PDF test (print.test.ts) measures what they print. */
const scheme = builtinScheme();

describe("department sheets print one page wide at ≥ 9 pt, protected, inputs the only unlocked cells", () => {
  it.each(departmentLayouts(scheme).map((l) => l.department))("%s", (department) => {
    const spec = departmentSheet(scheme, department, sampleData(scheme, 2024));
    const layout = departmentLayouts(scheme).find((l) => l.department === department)!;
    expect(spec.protect).toBe(true);
    expect(spec.print).toMatchObject({ landscape: true, titleRows: "3:4", titleColumns: "A:B", fitToWidth: 1 });
    // The print area ends at the last sign-off row; the columns fit a landscape page at the planned scale.
    expect(parseRange(spec.print!.area!)).toEqual({ top: 0, left: 0, bottom: signOffRow(scheme, layout) + 3, right: layout.lastCol });
    expect(printedWidth(spec.columnWidths)).toBeLessThanOrEqual(A4_PRINTABLE.landscape.width / DEPARTMENT_MIN_SCALE);
    // LibreOffice prints up to 2 % below the planned scale (measured on the demo's sheets): still ≥ 9 pt.
    expect(11 * DEPARTMENT_MIN_SCALE * 0.98).toBeGreaterThanOrEqual(9);
    // The instruction row and every group row are given more than one line.
    expect(spec.rowHeights![1]).toBeGreaterThan(DEFAULT_ROW);
    const groupRows = [...spec.rows.keys()].filter((r) => String(spec.rows[r]![0]?.value ?? "").includes("各项满分"));
    expect(groupRows).toHaveLength(scheme.groups.length);
    for (const r of groupRows) expect(spec.rowHeights![r], `row ${r + 1}`).toBeGreaterThan(DEFAULT_ROW);
    // Unlocked (input) cells are exactly the rule and reason columns of unit rows, and the sign-off values.
    const inputs = spec.rows.flatMap((row, r) => row.flatMap((c, col) => (c?.style === "input" || c?.style === "inputText" ? [`${r},${col}`] : [])));
    const unitRows = spec.rows.flatMap((row, r) => (r >= layout.firstDataRow && row[0]?.style === "label" && typeof row[0].value === "number" ? [r] : []));
    expect(unitRows).toHaveLength(scheme.units.length);
    const expected = [
      ...unitRows.flatMap((r) => layout.blocks.flatMap((b) => [...b.columns.map((c) => `${r},${c.col}`), `${r},${b.reasonCol}`])),
      ...[1, 2, 3].map((k) => `${signOffRow(scheme, layout) + k},${layout.unitCol + 1}`),
    ];
    expect(inputs.sort()).toEqual(expected.sort());
  });

  it("only the input styles are unlocked, and they are shaded", () => {
    const unlocked = Object.entries(STYLES).filter(([, s]) => s.protection?.locked === false).map(([k]) => k);
    expect(unlocked.sort()).toEqual(["input", "inputText"]);
    for (const k of unlocked) expect(STYLES[k as "input"].fill).toMatchObject({ type: "pattern", pattern: "solid" });
  });
});

describe("the office's sheets and 评价方案", () => {
  const sample = sampleData(scheme, 2024);
  it("加分扣分 prints to its last event, not the empty numbered rows below (a blank sheet: one page of rows to fill in)", () => {
    const filled = eventsSheet(scheme, sample);
    const lastEvent = EVENTS.firstDataRow + sample.events.length - 1;
    expect(filled.rows.length).toBeGreaterThan(lastEvent + 100);
    expect(filled.print!.area).toBe(`A1:H${lastEvent + 1}`);
    expect(eventsSheet(scheme).print!.area).toBe(`A1:H${EVENTS.firstDataRow + 20}`);
  });

  it("a 500-character case gets a row tall enough for all its lines", () => {
    const long = { ...sample, cases: [{ ...sample.cases[0]!, text: "妇联".repeat(250) }, ...sample.cases.slice(1)] };
    const spec = casesSheet(scheme, long);
    const r = spec.rows.findIndex((row) => row[4]?.value === "妇联".repeat(250));
    // 500 ideographs in 案例内容 at about 20 a line.
    expect(spec.rowHeights![r]).toBeGreaterThan(20 * 11);
  });

  it.each([["最佳实践案例", casesSheet(scheme, sample)], ["加分扣分", eventsSheet(scheme, sample)], ["综合评估", compositeSheet(scheme, sample)], ["评价方案", schemeSheet(scheme)]])(
    "%s: one landscape page wide at ≥ 9 pt, a print area", (_name, spec) => {
      expect(spec.print).toMatchObject({ landscape: true, fitToWidth: 1 });
      expect(spec.print!.area).toMatch(/^A1:[A-Z]+\d+$/);
      expect(printedWidth(spec.columnWidths) * 0.82).toBeLessThanOrEqual(A4_PRINTABLE.landscape.width);
    });
});
