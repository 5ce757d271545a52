import { describe, expect, it } from "vitest";
import { FakeEt } from "../support/fakeEt";

/*
 * The fake ET object model itself: the behaviour of ET (and of Excel's object model, which ET
 * follows) that the WPS adapter's tests rely on. If the fake stopped doing one of these, the
 * adapter's tests could pass on a fake that no longer resembles WPS.
 */

function book(): FakeEt {
  const fake = new FakeEt();
  fake.active = fake.addSheetModel("A");
  fake.addSheetModel("B");
  return fake;
}

describe("the fake ET object model", () => {
  it("Value2 and Formula: a scalar for one cell, rows of columns for more; every member a counted call", () => {
    const fake = book();
    const ws = fake.app.ActiveWorkbook!.Worksheets.Item("A");
    const before = fake.calls;
    ws.Range("A1:B2").Value2 = [[1, "x"], [true, null]];
    expect(ws.Range("A1").Value2).toBe(1);
    expect(ws.Range("A1:B2").Value2).toEqual([[1, "x"], [true, undefined]]);
    expect(ws.Range("B1:B2").Formula).toEqual([["x"], [""]]);
    expect(fake.calls - before).toBe(8);
    expect(() => (ws.Range("A1:B2").Value2 = [[1, 2, 3]])).toThrow();
  });

  it("takes text as typing: numbers, dates, booleans, errors and formulas parsed; an apostrophe keeps text", () => {
    const fake = book();
    const ws = fake.app.ActiveWorkbook!.Worksheets.Item("A");
    ws.Range("A1:H1").Formula = [["00123", "2024-03-01", "TRUE", "#N/A", "=B!A1", "-0.5 材料缺失", "'00123", "文字"]];
    expect(fake.grid("A")[0]).toEqual([123, 45352, true, "#N/A", "=B!A1", "=-0.5 材料缺失", "00123", "文字"]);
  });

  it("SpecialCells throws when no cell matches, and lists error cells by area otherwise", () => {
    const fake = book();
    const ws = fake.app.ActiveWorkbook!.Worksheets.Item("A");
    expect(() => ws.Cells.SpecialCells(-4123, 16)).toThrow("No cells were found.");
    fake.typeFormula("A", "C3", "'不存在'!A1");
    const found = ws.Cells.SpecialCells(-4123, 16);
    expect([found.Areas.Count, found.Areas.Item(1).Address(false, false)]).toEqual([1, "C3"]);
    expect(ws.Range("C3").Value2).toBe(-2146826265);
  });

  it("binds references to sheets: rename rewrites formulas and lists, delete gives #REF!, a missing sheet stays missing", () => {
    const fake = book();
    const wb = fake.app.ActiveWorkbook!;
    fake.typeFormula("A", "A1", "'B'!A1");
    wb.Worksheets.Item("A").Range("A2").Validation.Add(3, 1, 1, "='B'!$A$1:$A$3");
    wb.Worksheets.Item("B").Name = "C";
    expect(fake.references().map((r) => r.text)).toEqual(["='C'!A1", "='C'!$A$1:$A$3"]);
    fake.displayAlerts = false;
    wb.Worksheets.Item("C").Delete();
    expect(fake.references().map((r) => r.text)).toEqual(["=#REF!A1", "=#REF!$A$1:$A$3"]);
    fake.typeFormula("A", "A3", "'D'!A1");
    wb.Worksheets.Add(undefined, wb.Worksheets.Item("A")).Name = "D";
    expect(fake.grid("A")[2]![0]).toBe("=#REF!A1");
  });

  it("deleting a sheet with alerts on waits on WPS's prompt (fails here); a hidden sheet cannot be activated; a new sheet is activated", () => {
    const fake = book();
    const wb = fake.app.ActiveWorkbook!;
    expect(() => wb.Worksheets.Item("B").Delete()).toThrow(/prompt/);
    wb.Worksheets.Item("B").Visible = 0;
    expect(() => wb.Worksheets.Item("B").Activate()).toThrow(/hidden/);
    wb.Worksheets.Add(undefined, wb.Worksheets.Item("B"));
    expect([fake.active?.name, fake.sheets.map((s) => s.name)]).toEqual(["Sheet3", ["A", "B", "Sheet3"]]);
  });

  it("freezing panes acts on the active sheet's window; a protected sheet refuses changes to its cells", () => {
    const fake = book();
    const wb = fake.app.ActiveWorkbook!;
    wb.Worksheets.Item("B").Activate();
    const win = fake.app.ActiveWindow;
    win.SplitRow = 3;
    win.SplitColumn = 2;
    win.FreezePanes = true;
    expect([fake.sheet("A")!.props["freeze"], fake.sheet("B")!.props["freeze"]]).toEqual([undefined, { rows: 3, cols: 2 }]);
    wb.Worksheets.Item("A").Protect("");
    expect(() => (wb.Worksheets.Item("A").Range("A1").Value2 = 1)).toThrow(/protected/);
  });

  it("Merge as Excel's: each area on its own, with Across each row of each area; a single cell is not merged; merged areas touched are replaced", () => {
    const fake = book();
    const ws = fake.app.ActiveWorkbook!.Worksheets.Item("A");
    const merges = () => fake.sheet("A")!.merges.map((m) => `${m.top + 1}:${m.left + 1}-${m.bottom + 1}:${m.right + 1}`).sort();
    ws.Range("A5:G7").Merge(true);
    expect(merges()).toEqual(["5:1-5:7", "6:1-6:7", "7:1-7:7"]);
    ws.Range("A1:B2,D1:E2").Merge();
    expect(merges()).toEqual(["1:1-2:2", "1:4-2:5", "5:1-5:7", "6:1-6:7", "7:1-7:7"]);
    ws.Range("A9:B10,D9:D10").Merge(true);
    expect(merges().filter((m) => m.startsWith("9:") || m.startsWith("10:"))).toEqual(["10:1-10:2", "9:1-9:2"]);
    ws.Range("C12").Merge();
    ws.Range("C13:C14").Merge(true);
    expect(merges().some((m) => m.startsWith("12:") || m.startsWith("13:") || m.startsWith("14:"))).toBe(false);
    ws.Range("A6:C6").Merge();
    expect(merges().filter((m) => m.startsWith("6:"))).toEqual(["6:1-6:3"]);
    expect(fake.byMember.get("Range.Merge")).toBe(6);
  });

  it("RowHeight sets every row of every area, not the rows between areas", () => {
    const fake = book();
    const ws = fake.app.ActiveWorkbook!.Worksheets.Item("A");
    ws.Range("5:5,9:10").RowHeight = 30;
    ws.Range("2:3").RowHeight = 12;
    const heights = Object.entries(fake.sheet("A")!.props).filter(([k]) => k.startsWith("rowHeight:")).sort(([a], [b]) => a.localeCompare(b));
    expect(heights).toEqual([["rowHeight:1", 12], ["rowHeight:2", 12], ["rowHeight:4", 30], ["rowHeight:8", 30], ["rowHeight:9", 30]]);
    expect(fake.byMember.get("Range.RowHeight=")).toBe(2);
  });
});
