/**
 * 加分扣分's 日期 column holds real dates (serials shown yyyy-mm-dd) with a date rule for the
 * evaluation year, and 次数 carries the scheme's per-item maximum — in the plan, in the .xlsx
 * written, and read back through the file adapter.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { builtinScheme } from "../../src/scheme/load";
import { withYear } from "../../src/scheme/year";
import { eventsSheet } from "../../src/layout/officeSheets";
import { EVENTS } from "../../src/layout/otherSheets";
import { sampleData } from "../../src/layout/sample";
import { templatePlan } from "../../src/layout/template";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { readWorkbook } from "../../src/validate/validate";
import { parseDate } from "../../src/validate/cellParse";
import { isoToSerial, serialToIso } from "../../src/workbook/dates";

const scheme = withYear(builtinScheme(), 2025);

describe("加分扣分 layout", () => {
  const spec = eventsSheet(scheme, sampleData(scheme, 7));
  const first = spec.rows[EVENTS.firstDataRow]!;

  it("日期 is a date cell with a rule for the year; 次数 has the per-item maximum", () => {
    const date = first[EVENTS.cols.date]!;
    expect(typeof date.value).toBe("number");
    expect(serialToIso(date.value as number).slice(0, 4)).toBe("2025");
    expect(date.numFmt).toBe("yyyy-mm-dd");
    expect(date.validation).toMatchObject({ kind: "date", min: "2025-01-01", max: "2025-12-31" });
    expect(first[EVENTS.cols.count]!.validation).toMatchObject({ kind: "whole", min: 0, max: 20 });
    const blank = spec.rows[spec.rows.length - 1]!;
    expect(blank[EVENTS.cols.date]).toMatchObject({ value: null, numFmt: "yyyy-mm-dd", validation: { kind: "date" } });
  });

  it("written as .xlsx: a date rule between the year's first and last day, and dates that read back as dates", async () => {
    const wb = await planToWorkbook(templatePlan(scheme, { sample: sampleData(scheme, 7) }));
    const bytes = await workbookBytes(wb);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as unknown as ArrayBuffer);
    const c = back.getWorksheet("加分扣分")!.getCell(EVENTS.firstDataRow + 1, EVENTS.cols.date + 1);
    expect(c.value).toBeInstanceOf(Date);
    expect(c.dataValidation).toMatchObject({ type: "date", operator: "between" });
    const [lo, hi] = c.dataValidation.formulae as Date[];
    expect([lo!.toISOString().slice(0, 10), hi!.toISOString().slice(0, 10)]).toEqual(["2025-01-01", "2025-12-31"]);
    const opened = await openXlsx(bytes, "events.xlsx");
    if (!opened.ok) throw new Error("unreadable");
    const reading = readWorkbook(opened.snapshot);
    expect(reading.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("dates: serials both ways, and text that is clearly a date", () => {
    expect(isoToSerial("2024-03-05")).toBe(45356);
    expect(serialToIso(45356)).toBe("2024-03-05");
    expect(serialToIso(45356.75)).toBe("2024-03-05");
    expect(isoToSerial("1900-01-01")).toBe(1);
    expect(isoToSerial("1900-03-01")).toBe(61);
    for (const s of ["2024-03-01", "2024/3/1", "2024.03.01", "2024年3月1日", "２０２４年３月１日", " 2024 年 3 月 1 日 "]) {
      expect(parseDate(s), s).toEqual({ kind: "date", iso: "2024-03-01", note: "text" });
    }
    expect(parseDate({ date: "2024-03-01T00:00:00" })).toEqual({ kind: "date", iso: "2024-03-01", note: null });
    expect(parseDate(45352)).toEqual({ kind: "date", iso: "2024-03-01", note: null });
    for (const s of ["2024-02-30", "三月", "2024-3", "20240301"]) expect(parseDate(s).kind, s).toBe("invalid");
    expect(parseDate(null).kind).toBe("empty");
  });
});
