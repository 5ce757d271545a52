/**
 * 50,000 junk rows pasted under 综合评估 and under 加分扣分: the validator reads them in
 * reasonable time (nothing in it rescans earlier rows per row), every row is reported, and a
 * display shows each kind 20 times plus one line for the rest. Built in memory: no file needed.
 */
import { describe, expect, it } from "vitest";
import { groupDiagnostics } from "../../src/diagnostics/group";
import { builtinScheme } from "../../src/scheme/load";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { COMPOSITE, EVENTS } from "../../src/layout/otherSheets";
import { SHEETS } from "../../src/layout/names";
import { readWorkbook } from "../../src/validate/validate";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/workbook/snapshot";
import { planSnapshot } from "../support/planSnapshot";

const JUNK = 50_000;

/** The valid sample with JUNK rows of unknown unit names appended to each named sheet. */
function withJunk(wb: WorkbookSnapshot, unitCols: Record<string, number>): { wb: WorkbookSnapshot; first: Record<string, number> } {
  const first: Record<string, number> = {};
  const sheets = wb.sheets.map((s): SheetSnapshot => {
    const col = unitCols[s.name];
    if (col === undefined) return s;
    first[s.name] = s.rows.length + 1; // 1-based row of the first junk row
    const junk = Array.from({ length: JUNK }, (_, i) => {
      const row: CellValue[] = Array.from({ length: col + 1 }, () => null);
      row[col] = `垃圾${i + 1}`;
      return row;
    });
    return { ...s, rows: [...s.rows, ...junk] };
  });
  return { wb: { ...wb, sheets }, first };
}

describe("50,000 junk rows", () => {
  const scheme = builtinScheme();
  const sample = planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 2024) }));

  it("are validated in reasonable time, every row reported, and shown grouped", () => {
    const { wb, first } = withJunk(sample, { [SHEETS.composite]: COMPOSITE.cols.unit, [SHEETS.events]: EVENTS.cols.unit });
    const t = performance.now();
    const r = readWorkbook(wb);
    const ms = performance.now() - t;
    // ≈ 0.5 s on the 2-core CI machine; a per-row rescan of the rows before would take minutes.
    expect(ms).toBeLessThan(15_000);

    const count = (sheet: string, code: string) => r.diagnostics.filter((d) => d.sheet === sheet && d.code === code).length;
    expect(count("综合评估", "unit.unknown")).toBe(JUNK);
    expect(count("加分扣分", "unit.unknown")).toBe(JUNK);
    expect(count("加分扣分", "value.empty")).toBe(JUNK); // no item chosen on those rows either

    const shown = groupDiagnostics(r.diagnostics);
    const summaries = shown.flatMap((e) => (e.kind === "summary" && e.summary.code === "unit.unknown" ? [e.summary] : []));
    const c = first["综合评估"]!;
    const e = first["加分扣分"]!;
    // Errors sort by sheet name: 加分扣分 before 综合评估.
    expect(summaries.map((s) => [s.sheet, s.count, s.ranges.join(",")])).toEqual([
      ["加分扣分", JUNK - 20, `B${e + 20}:B${e + JUNK - 1}`],
      ["综合评估", JUNK - 20, `C${c + 20}:C${c + JUNK - 1}`],
    ]);
    expect(summaries[1]!.message).toBe(`另有 49,980 处同类错误（综合评估!C${c + 20}:C${c + JUNK - 1}），处理方法同上。`);
    expect(shown.filter((x) => x.kind === "diagnostic" && x.diagnostic.code === "unit.unknown")).toHaveLength(40);
    // What is left to read: 20 of each kind, the summaries, and the sample's own few diagnostics.
    expect(shown.length).toBeLessThan(100);
  });
});
