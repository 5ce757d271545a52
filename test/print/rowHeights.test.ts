import { describe, expect, it } from "vitest";
import { areaOf, DEFAULT_ROW, fitRowHeights, heightFor, lastFilledRow, linesOf, STYLE_TEXT, WIDTH_POINTS } from "../../src/layout/print";
import type { CellSpec } from "../../src/workbook/plan";

const t = (value: string, style: CellSpec["style"] = "inputText"): CellSpec => ({ value, style });

describe("row heights for wrapped and merged text", () => {
  it("counts lines character by character: ideographs a whole em, Latin and digits 0.6", () => {
    // 10 units in Excel's measure: 52.5 pt, 47.5 pt of text: four 11 pt ideographs a line.
    const width = 10 * WIDTH_POINTS.narrow;
    expect(linesOf("一二三四", 11, width)).toBe(1);
    expect(linesOf("一二三四五", 11, width)).toBe(2);
    expect(linesOf("1234567", 11, width)).toBe(1);
    expect(linesOf("一\n二", 11, width)).toBe(2);
    expect(linesOf("", 11, width)).toBe(1);
  });

  it("a 500-character case in 案例内容 gets the height of all its lines", () => {
    const text = "妇".repeat(500);
    const heights = fitRowHeights([[t(text)]], [48], []);
    const lines = linesOf(text, 11, 48 * WIDTH_POINTS.narrow);
    expect(lines).toBeGreaterThan(20);
    expect(heights[0]).toBe(heightFor(lines, 11));
    expect(heights[0]).toBeGreaterThan(lines * 11);
  });

  it("a merged cell is measured across its columns; one line of normal text keeps the default height", () => {
    const rows = [[t("区".repeat(12), "groupRow"), null, t("1")], [t("短"), t("短"), t("短")]];
    expect(fitRowHeights(rows, [4, 4, 4], [])).toEqual({ 0: heightFor(linesOf("区".repeat(12), 11, 4 * WIDTH_POINTS.narrow), 11) });
    expect(fitRowHeights(rows, [4, 30, 4], ["A1:B1"])).toEqual({});
    expect(heightFor(1, 11)).toBeGreaterThan(DEFAULT_ROW);
  });

  it("a title in a larger font gets a taller row; unwrapped numbers do not grow a row", () => {
    expect(fitRowHeights([[t("标题", "title")]], [40], ["A1:C1"])[0]).toBe(heightFor(1, STYLE_TEXT.title.size));
    expect(fitRowHeights([[{ value: 123456789012, style: "computed" }]], [2], [])).toEqual({});
  });

  it("print areas end at the last row with something in it besides its sequence number", () => {
    const rows: (CellSpec | null)[][] = [[t("标题", "title")], [t("1", "label"), t("渝中区")], [t("2", "label"), null], [t("3", "label"), { value: null, style: "inputText" }]];
    expect(lastFilledRow(rows, [0])).toBe(1);
    expect(lastFilledRow(rows)).toBe(3);
    expect(areaOf(1, 7)).toBe("A1:H2");
  });
});

describe("cells merged down over several rows", () => {
  it("are not measured against their first row alone", () => {
    const rows: (CellSpec | null)[][] = [[t("基础工作合计（60分）", "header")], [null]];
    expect(fitRowHeights(rows, [6], ["A1:A2"])).toEqual({});
    expect(fitRowHeights(rows, [6], [])[0]).toBeGreaterThan(DEFAULT_ROW);
  });
});
