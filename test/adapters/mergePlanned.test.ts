import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { mergePlanned } from "../../src/adapters/xlsx/merges";

/*
 * mergePlanned (the plan writer's merges, src/adapters/xlsx/render.ts) must leave a sheet exactly as
 * exceljs' own ws.mergeCells, one merge after another, would: the same merged ranges in the model, the
 * same master for every covered cell, the master's style on the cells under it.
 */

/** A sheet with styled cells in A1:H40, as a plan's sheet is before its merges. */
function styledSheet(): ExcelJS.Worksheet {
  const ws = new ExcelJS.Workbook().addWorksheet("分类指导");
  for (let r = 1; r <= 40; r++) {
    for (let c = 1; c <= 8; c++) {
      const cell = ws.getCell(r, c);
      cell.value = r * 10 + c;
      cell.font = { bold: r % 2 === 0, size: 9 + (c % 3) };
    }
  }
  return ws;
}

/** What a reader sees of the merges: the model's ranges, and each cell's master and font. */
function mergedState(ws: ExcelJS.Worksheet) {
  const cells: string[] = [];
  for (let r = 1; r <= 40; r++) {
    for (let c = 1; c <= 8; c++) {
      const cell = ws.getCell(r, c);
      cells.push(`${cell.address}:${cell.isMerged ? cell.master.address : "-"}:${JSON.stringify(cell.font)}`);
    }
  }
  return { merges: [...ws.model.merges].sort(), cells };
}

// Full-width lines (分类指导's kind), a block of two rows, single-column runs: no two overlap.
const MERGES = ["A1:H1", "A3:H3", "A4:H4", "B6:D7", "E6:E9", "A12:H12", "C15:C20", "F15:H15", "A30:B31", "G40:H40"];

describe("mergePlanned", () => {
  it("merges as ws.mergeCells does, merge after merge: ranges, masters and the master's style", () => {
    const expected = styledSheet();
    for (const m of MERGES) expected.mergeCells(m);
    const actual = styledSheet();
    mergePlanned(actual, MERGES);
    expect(mergedState(actual)).toEqual(mergedState(expected));
    expect(actual.model.merges).toHaveLength(MERGES.length);
  });

  it("refuses two merges that overlap, as exceljs does, naming the second", () => {
    const ws = styledSheet();
    expect(() => mergePlanned(ws, ["A1:C3", "C3:D4"])).toThrow(/C3:D4/);
  });

  it("refuses a merge overlapping one the sheet already has", () => {
    const ws = styledSheet();
    ws.mergeCells("B2:C3");
    expect(() => mergePlanned(ws, ["A1:B2"])).toThrow(/A1:B2/);
    // The earlier merge is still there, and nothing else was merged.
    expect(ws.model.merges).toEqual(["B2:C3"]);
  });

  it("keeps the merges the sheet already has beside the new ones", () => {
    const ws = styledSheet();
    ws.mergeCells("A20:B21");
    mergePlanned(ws, ["A1:H1", "D20:E21"]);
    expect([...ws.model.merges].sort()).toEqual(["A1:H1", "A20:B21", "D20:E21"]);
  });
});
