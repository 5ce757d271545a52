import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { libreOfficeAvailable, readCachedValues, recalcWithLibreOffice } from "../support/libreoffice";
import { rowOf, sampleWorkbook, tempDir } from "../support/workbooks";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { applyPlan } from "../../src/adapters/xlsx/render";
import { workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { readWorkbook, type Reading } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { STALE_FLAG } from "../../src/report/summary";
import { builtinScheme } from "../../src/scheme/load";
import { bonusLabel, penaltyLabel, projectLabel } from "../../src/layout/lists";
import { departmentLayout } from "../../src/layout/department";
import { CASES, COMPOSITE, EVENTS } from "../../src/layout/otherSheets";
import { expectSummaryMatches } from "../support/summaryParity";

/**
 * Issue "A summary that stays right after any edit": after aggregating, each ordinary edit of an
 * input sheet — made as a user would, in the aggregated file, without aggregating again — must
 * change 汇总 exactly as a fresh aggregate of the edited workbook would. LibreOffice recalculates
 * every edited file (one soffice call); the engine reads the same edited file afresh.
 */
const available = libreOfficeAvailable();
if (!available && process.env["CI"]) throw new Error("LibreOffice (soffice) is required in CI: .ci/run installs libreoffice-calc-nogui");

const scheme = builtinScheme();
const bonus = (id: string) => bonusLabel(scheme.bonus.items.find((b) => b.id === id)!);
const penalty = (id: string) => penaltyLabel(scheme.penalties.items.find((p) => p.id === id)!);
const col = (c: number) => c + 1;

/** 1-based row of the first 加分扣分 row of `unit` whose item is `item`. */
function eventRow(ws: ExcelJS.Worksheet, unit: string, item: string): number {
  for (let r = EVENTS.firstDataRow + 1; r <= ws.rowCount; r++) {
    if (ws.getCell(r, col(EVENTS.cols.unit)).value === unit && ws.getCell(r, col(EVENTS.cols.item)).value === item) return r;
  }
  throw new Error(`no ${item} row for ${unit}`);
}

function firstEmptyEventRow(ws: ExcelJS.Worksheet): number {
  for (let r = EVENTS.firstDataRow + 1; r <= ws.rowCount; r++) if (ws.getCell(r, col(EVENTS.cols.unit)).value === null) return r;
  throw new Error("no empty row in the prepared area");
}

/** 1-based rows of a unit on 最佳实践案例: its filled case rows and its empty prepared rows. */
function caseRows(ws: ExcelJS.Worksheet, unit: string): { filled: number[]; empty: number[] } {
  const filled: number[] = [];
  const empty: number[] = [];
  for (let r = CASES.firstDataRow + 1; r <= ws.rowCount; r++) {
    if (ws.getCell(r, col(CASES.cols.unit)).value !== unit) continue;
    (ws.getCell(r, col(CASES.cols.score)).value === null ? empty : filled).push(r);
  }
  return { filled, empty };
}

type Edit = (wb: ExcelJS.Workbook) => void;
const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name)!;

const EDITS: Record<string, Edit> = {
  // 市委、市政府通报表彰 (+2 each, 2 times) moves from 涪陵区 to 忠县.
  moveEvent: (wb) => {
    const ws = sheet(wb, "加分扣分");
    ws.getCell(eventRow(ws, "涪陵区", bonus("A1")), col(EVENTS.cols.unit)).value = "忠县";
  },
  // A new row in the prepared area: unit, item from the dropdown, count; and one with a blank count (1).
  newRow: (wb) => {
    const ws = sheet(wb, "加分扣分");
    let r = firstEmptyEventRow(ws);
    ws.getCell(r, col(EVENTS.cols.unit)).value = "万州区";
    ws.getCell(r, col(EVENTS.cols.item)).value = bonus("A2");
    ws.getCell(r, col(EVENTS.cols.count)).value = 2;
    ws.getCell(r, col(EVENTS.cols.evidence)).value = "表彰文件.pdf";
    r = firstEmptyEventRow(ws);
    ws.getCell(r, col(EVENTS.cols.unit)).value = "巫溪县";
    ws.getCell(r, col(EVENTS.cols.item)).value = penalty("D2");
  },
  // An item changed to one worth other points; a bonus changed into a penalty.
  changeItem: (wb) => {
    const ws = sheet(wb, "加分扣分");
    ws.getCell(eventRow(ws, "涪陵区", bonus("A6")), col(EVENTS.cols.item)).value = bonus("A1");
    ws.getCell(eventRow(ws, "渝中区", bonus("A5")), col(EVENTS.cols.item)).value = penalty("D1");
  },
  // A row cleared: the criticism of 万州区 withdrawn.
  clearRow: (wb) => {
    const ws = sheet(wb, "加分扣分");
    const r = eventRow(ws, "万州区", penalty("D1"));
    for (const c of Object.values(EVENTS.cols)) if (c !== EVENTS.cols.seq) ws.getCell(r, col(c)).value = null;
  },
  // A discretionary penalty's points changed: 黔江区 1.5 → 3.
  discretionary: (wb) => {
    const ws = sheet(wb, "加分扣分");
    ws.getCell(eventRow(ws, "黔江区", penalty("D4")), col(EVENTS.cols.points)).value = 3;
  },
  // Cases: a score changed, a second case added, a case row cleared.
  cases: (wb) => {
    const ws = sheet(wb, "最佳实践案例");
    const yuzhong = caseRows(ws, "渝中区");
    ws.getCell(yuzhong.filled[0]!, col(CASES.cols.score)).value = 12;
    const single = ["江北区", "南岸区", "北碚区", "万州区", "黔江区", "两江新区"].map((u) => ({ u, rows: caseRows(ws, u) })).find((x) => x.rows.filled.length === 1 && x.rows.empty.length > 0)!;
    const r = single.rows.empty[0]!;
    ws.getCell(r, col(CASES.cols.project)).value = projectLabel(scheme.cases.projects[0]!);
    ws.getCell(r, col(CASES.cols.title)).value = "新增案例";
    ws.getCell(r, col(CASES.cols.text)).value = "补报的第二个案例。";
    ws.getCell(r, col(CASES.cols.score)).value = 24.5;
    const twice = ["大渡口区", "沙坪坝区", "九龙坡区", "渝北区", "巴南区", "长寿区", "江津区"].map((u) => caseRows(ws, u)).find((x) => x.filled.length === 2)!;
    for (const c of [CASES.cols.project, CASES.cols.title, CASES.cols.text, CASES.cols.score, CASES.cols.comment]) ws.getCell(twice.filled[1]!, col(c)).value = null;
  },
  // A 综合评估 deduction entered.
  composite: (wb) => {
    const ws = sheet(wb, "综合评估");
    const r = rowOf(ws, "合川区", col(COMPOSITE.cols.unit));
    ws.getCell(r, col(COMPOSITE.cols.deduction)).value = 3;
    ws.getCell(r, col(COMPOSITE.cols.incident)).value = "违法违纪案件";
    ws.getCell(r, col(COMPOSITE.cols.reason)).value = "干部违纪被查处";
  },
  // A basic score and a measured figure changed, one of them to 不适用.
  basic: (wb) => {
    const ws = sheet(wb, "家儿部");
    const layout = departmentLayout(scheme, "家儿部");
    const b10 = layout.blocks.find((b) => b.indicator.id === "B10")!;
    const b09 = layout.blocks.find((b) => b.indicator.id === "B09")!;
    ws.getCell(rowOf(ws, "江北区"), b10.columns[1]!.col + 1).value = "不适用";
    ws.getCell(rowOf(ws, "江北区"), b10.columns[2]!.col + 1).value = "不适用";
    ws.getCell(rowOf(ws, "南岸区"), b09.columns[1]!.col + 1).value = 0.35;
    ws.getCell(rowOf(ws, "璧山区"), b09.columns[0]!.col + 1).value = 1.5;
  },
};

describe.skipIf(!available)("汇总 stays right after ordinary edits, without aggregating again (LibreOffice)", () => {
  const dir = tempDir("evalsheet-live-");
  const base = join(dir, "aggregated.xlsx");
  const fresh: Record<string, Reading> = {};
  const recalculated: Record<string, string> = {};

  beforeAll(async () => {
    const opened = await openXlsx(await workbookBytes(await sampleWorkbook({ seed: 2024 })), "in.xlsx");
    if (!opened.ok) throw new Error("unreadable");
    const reading = readWorkbook(opened.snapshot);
    if (!reading.ok) throw new Error("invalid");
    await applyPlan(opened.workbook, aggregatePlan(reading, { madeAt: "2025-01-20 10:00" }));
    writeFileSync(base, await workbookBytes(opened.workbook));

    const files: string[] = [];
    for (const [name, edit] of Object.entries(EDITS)) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(base) as unknown as ArrayBuffer);
      edit(wb);
      const file = join(dir, `${name}.xlsx`);
      writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
      const back = await openXlsx(new Uint8Array(readFileSync(file)), file);
      if (!back.ok) throw new Error(`${name}: unreadable`);
      const r = readWorkbook(back.snapshot);
      if (!r.ok) throw new Error(`${name}: invalid`);
      const errors = r.diagnostics.filter((d) => d.severity === "error");
      if (errors.length) throw new Error(`${name}: the edit made the workbook invalid: ${errors.map((d) => `${d.sheet}!${d.cell} ${d.message}`).join("; ")}`);
      fresh[name] = r;
      files.push(file);
    }
    const out = await recalcWithLibreOffice(files, join(dir, "lo"));
    Object.keys(EDITS).forEach((name, i) => (recalculated[name] = out[i]!));
  }, 240_000);

  it.each(Object.keys(EDITS))("%s: every 汇总 number equals a fresh aggregate of the edited workbook", async (name) => {
    const before = fresh[name]!;
    expect(await expectSummaryMatches(recalculated[name]!, before.evaluation)).toBe(41);
  });

  it("the edits really move the totals the issue names (涪陵区 −4 and 忠县 +4 when 市委表彰 ×2 moves)", () => {
    const t = (name: string, unit: string) => fresh[name]!.evaluation.units.find((u) => u.unit === unit)!;
    const moved = fresh["moveEvent"]!;
    expect(moved.inputs.events.some((e) => e.unit === "忠县" && e.itemId === "A1")).toBe(true);
    expect(t("discretionary", "黔江区").penalty).toBe(3);
    expect(t("composite", "合川区").composite).toBe(7);
    expect(t("clearRow", "万州区").penalty).toBe(0);
  });

  it("汇总 flags that 扣分明细 is out of date once an input changed, and not before", async () => {
    const [plain] = await recalcWithLibreOffice([base], join(dir, "lo-base"));
    const flag = async (file: string) => (await readCachedValues(file, "汇总"))[1]!.find((v) => typeof v === "string" && v.includes("重新汇总")) ?? "";
    expect(await flag(plain!)).toBe("");
    expect(await flag(recalculated["moveEvent"]!)).toBe(STALE_FLAG);
  });
});
