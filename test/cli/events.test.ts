/**
 * 加分扣分 and 最佳实践案例 through the real CLI: 次数 has a maximum per item (a date serial typed into
 * a count used to cost 45,356 points), 日期 is a real date within the evaluation year, and a case
 * scored below full needs its reason.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { CASES, EVENTS } from "../../src/layout/otherSheets";
import { penaltyLabel } from "../../src/layout/lists";
import type { ResultJson } from "../../src/report/resultJson";
import { cli, expectExit, gone, jsonDiagnostics, mutated, ref, scheme, sha256, sheet, show } from "./helpers";

const EV = "加分扣分";
const D1 = penaltyLabel(scheme.penalties.items.find((p) => p.id === "D1")!);

/** Write a 加分扣分 row for 万州区 in the first empty row; returns the 1-based row. */
function addEvent(wb: ExcelJS.Workbook, cells: { item?: string; count?: ExcelJS.CellValue; date?: ExcelJS.CellValue }): number {
  const ws = sheet(wb, EV);
  let r = EVENTS.firstDataRow + 1;
  while (ws.getCell(r, EVENTS.cols.unit + 1).value !== null) r++;
  ws.getCell(r, EVENTS.cols.unit + 1).value = "万州区";
  ws.getCell(r, EVENTS.cols.item + 1).value = cells.item ?? D1;
  if (cells.count !== undefined) ws.getCell(r, EVENTS.cols.count + 1).value = cells.count;
  if (cells.date !== undefined) ws.getCell(r, EVENTS.cols.date + 1).value = cells.date;
  ws.getCell(r, EVENTS.cols.evidence + 1).value = "通报.pdf";
  ws.getCell(r, EVENTS.cols.reason + 1).value = "通报批评";
  return r;
}

const cell = (r: number, col: number) => ref(r, col + 1);

describe("加分扣分: 次数 within the item's maximum", () => {
  it("45356 (a date serial) in a count → error naming the cell and the date it looks like; aggregate writes nothing; forced, it counts as none", async () => {
    let r = 0;
    const { dir, file } = await mutated((wb) => {
      r = addEvent(wb, { count: 45356, date: new Date(Date.UTC(2024, 2, 5)) });
    });
    const before = sha256(file);
    const out = join(dir, "OUT.xlsx");
    const forced = join(dir, "FORCED.xlsx");
    const json = join(dir, "R.json");
    const [js, agg, force] = await Promise.all([
      cli(["validate", file, "--json"]),
      cli(["aggregate", file, "--out", out]),
      cli(["aggregate", file, "--out", forced, "--json", json, "--force"]),
    ]);
    expectExit(js, 1);
    expect(jsonDiagnostics(js), show(js)).toContainEqual(expect.objectContaining({
      severity: "error", code: "event.countOverMax", sheet: EV, cell: cell(r, EVENTS.cols.count),
      message: expect.stringMatching(/次数 45356 超过.*20 次.*日期（2024-03-05）/),
    }));
    expectExit(agg, 1);
    expect(gone(out)).toBe(true);
    expectExit(force, 1);
    // Before: the unit's penalty was 45,356 and its total −45,261.24. Now the row counts as none.
    const wanzhou = (JSON.parse(readFileSync(json, "utf8")) as ResultJson).units.find((u) => u.unit === "万州区")!;
    expect(wanzhou.penalty).toBeLessThan(20);
    expect(wanzhou.total).toBeGreaterThan(0);
    expect(sha256(file)).toBe(before);
  });

  it("21 occurrences of one item → error (maximum 20 by default), named by cell", async () => {
    let r = 0;
    const { file } = await mutated((wb) => {
      r = addEvent(wb, { count: 21 });
    });
    const js = await cli(["validate", file, "--json"]);
    expectExit(js, 1);
    expect(jsonDiagnostics(js)).toContainEqual(expect.objectContaining({ code: "event.countOverMax", sheet: EV, cell: cell(r, EVENTS.cols.count), message: expect.not.stringContaining("日期") }));
  });
});

describe("加分扣分: 日期 within the evaluation year", () => {
  it("a date of another year → error naming the cell; a clear date typed as text → accepted with a note; other text → error", async () => {
    const rows: number[] = [];
    const { file } = await mutated((wb) => {
      rows.push(addEvent(wb, { date: new Date(Date.UTC(2025, 2, 1)) }));
      rows.push(addEvent(wb, { date: "2024年3月1日" }));
      rows.push(addEvent(wb, { date: "三月份" }));
      rows.push(addEvent(wb, { date: "2024-02-30" }));
    });
    const js = await cli(["validate", file, "--json"]);
    expectExit(js, 1);
    const ds = jsonDiagnostics(js).filter((d) => d.sheet === EV);
    const at = (i: number) => ds.filter((d) => d.cell === cell(rows[i]!, EVENTS.cols.date)).map((d) => `${d.severity}:${d.code}`);
    expect(at(0), show(js)).toEqual(["error:value.dateOutOfYear"]);
    expect(ds.find((d) => d.cell === cell(rows[0]!, EVENTS.cols.date))!.message).toContain("2025-03-01 不在 2024 年度内");
    expect(at(1)).toEqual(["warning:value.textDate"]);
    expect(at(2)).toEqual(["error:value.notDate"]);
    expect(at(3)).toEqual(["error:value.notDate"]);
  });
});

describe("最佳实践案例: a score below full needs its reason", () => {
  it("below full with an empty 评语（扣分理由） → warning at that cell (the scheme's reasonBelowMax); full marks need none", async () => {
    let below = "";
    let full = "";
    const { dir, file } = await mutated((wb) => {
      const ws = sheet(wb, "最佳实践案例");
      // Two filled case rows of the sample (rows with a project).
      const filled: number[] = [];
      for (let r = CASES.firstDataRow + 1; filled.length < 2; r++) if (ws.getCell(r, CASES.cols.project + 1).value !== null) filled.push(r);
      const [a, b] = filled as [number, number];
      ws.getCell(a, CASES.cols.score + 1).value = 20;
      ws.getCell(a, CASES.cols.comment + 1).value = null;
      below = cell(a, CASES.cols.comment);
      ws.getCell(b, CASES.cols.score + 1).value = scheme.cases.perCaseMax;
      ws.getCell(b, CASES.cols.comment + 1).value = null;
      full = cell(b, CASES.cols.comment);
    });
    const [js, agg] = await Promise.all([cli(["validate", file, "--json"]), cli(["aggregate", file, "--out", join(dir, "OUT.xlsx")])]);
    expect(scheme.reasonBelowMax).toBe("warning");
    expectExit(js, 0);
    expectExit(agg, 0);
    const ds = jsonDiagnostics(js);
    expect(ds).toContainEqual(expect.objectContaining({ severity: "warning", code: "case.noReason", sheet: "最佳实践案例", cell: below, message: expect.stringContaining("低于满分 25") }));
    expect(ds.filter((d) => d.cell === full && d.sheet === "最佳实践案例")).toEqual([]);
  });
});
