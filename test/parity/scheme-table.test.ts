import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { libreOfficeAvailable, readCachedValues, recalcWithLibreOffice } from "../support/libreoffice";
import { sampleWorkbook, tempDir } from "../support/workbooks";
import { expectSummaryMatches } from "../support/summaryParity";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { applyPlan } from "../../src/adapters/xlsx/render";
import { workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { readWorkbook, type Reading } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { evaluate, type Evaluation } from "../../src/engine/evaluate";
import { SCHEME_MARKER } from "../../src/layout/dataSheet";
import { SHEETS } from "../../src/layout/names";
import { schemeNumbers, TABLE_COLUMNS } from "../../src/layout/schemeTables";
import { builtinScheme } from "../../src/scheme/load";
import type { Scheme } from "../../src/scheme/schema";

/**
 * Issue 9 §1: basic work's points, part points, targets, per-occurrence points, the tiers and the
 * decimals live in a table on `_evalsheet` that the formulas reference. Two proofs, recalculated
 * in LibreOffice and compared with the engine on every 汇总 and 基础工作得分 number:
 *  - editing a cell of that table by hand (no re-aggregate) changes 汇总 exactly as the engine
 *    scores the same inputs under the scheme with that change — so the formulas really read it;
 *  - changing those numbers in the workbook's scheme and aggregating again gives a table and
 *    formulas that agree with the engine under the changed scheme.
 */
const available = libreOfficeAvailable();
if (!available && process.env["CI"]) throw new Error("LibreOffice (soffice) is required in CI: .ci/run installs libreoffice-calc-nogui");

const scheme = builtinScheme();
const ind = (s: Scheme, id: string) => s.indicators.find((i) => i.id === id)!;
const metro = scheme.groups.find((g) => g.id === "metro")!;

type Rule = Scheme["indicators"][number]["rules"][number];
function rule<K extends Rule["kind"]>(s: Scheme, id: string, kind: K): Extract<Rule, { kind: K }> {
  return ind(s, id).rules.find((r) => r.kind === kind) as Extract<Rule, { kind: K }>;
}

/**
 * Each change twice: to a scheme (what the engine scores with) and as the table's label → new value
 * (what a person types into `_evalsheet`). Labels are looked up in the table written for `scheme`.
 */
interface Change {
  readonly scheme: (s: Scheme) => void;
  readonly cells: (s: Scheme) => Record<string, number>;
}

const CHANGES: Record<string, Change> = {
  // An indicator's points for a group, a part's points, a target and a per-occurrence deduction.
  basicNumbers: {
    scheme: (s) => {
      ind(s, "B01").points["metro"] = 2;
      rule(s, "B09", "target").points = 2;
      rule(s, "B09", "target").measures[0]!.target = 0.5;
      rule(s, "B20", "perOccurrence").pointsEach = 2;
    },
    cells: (s) => ({
      [`${ind(s, "B01").name}（${metro.shortName}）满分`]: 2,
      [`${ind(s, "B09").name}：第2部分（共2部分）分值`]: 2,
      [`${ind(s, "B09").name}：绿色家庭达标率 目标值（比例）`]: 0.5,
      [`${ind(s, "B20").name}：未按预算项目使用次数每次扣分`]: 2,
    }),
  },
  // The tiers' thresholds.
  tiers: {
    scheme: (s) => {
      if (s.tiers.kind !== "thresholds") throw new Error("the built-in scheme's tiers are thresholds");
      s.tiers.tiers[0]!.min = 90;
      s.tiers.tiers[1]!.min = 80;
    },
    cells: () => ({ "等次“特优”最低总分": 90, "等次“优”最低总分": 80 }),
  },
  // The decimals every score keeps.
  decimals: {
    scheme: (s) => void (s.rounding.decimals = 1),
    cells: () => ({ 得分保留小数位数: 1 }),
  },
};

function changed(change: Change): Scheme {
  const s = structuredClone(scheme);
  change.scheme(s);
  return s;
}

/** Set `_evalsheet`'s value cells by the labels beside them (column O), as a person editing the hidden sheet would. */
function editTable(wb: ExcelJS.Workbook, cells: Record<string, number>): void {
  const ws = wb.getWorksheet(SHEETS.data)!;
  const labelCol = ws.getColumn(TABLE_COLUMNS.paramName).number;
  const valueCol = ws.getColumn(TABLE_COLUMNS.paramValue).number;
  for (const [label, value] of Object.entries(cells)) {
    let found = 0;
    for (let r = 1; r <= ws.rowCount; r++) {
      if (ws.getCell(r, labelCol).value !== label) continue;
      ws.getCell(r, valueCol).value = value;
      found++;
    }
    if (found !== 1) throw new Error(`${label}: ${found} rows in the table`);
  }
}

/** The scheme JSON in `_evalsheet` column A replaced, as the pane's scheme editor stores an edited scheme. */
function storeScheme(wb: ExcelJS.Workbook, s: Scheme): void {
  const ws = wb.getWorksheet(SHEETS.data)!;
  expect(ws.getCell(1, 1).value).toBe(SCHEME_MARKER);
  const json = JSON.stringify(s);
  for (let r = 2; r <= ws.rowCount && ws.getCell(r, 1).value; r++) ws.getCell(r, 1).value = null;
  for (let i = 0, r = 2; i < json.length; i += 30000, r++) ws.getCell(r, 1).value = json.slice(i, i + 30000);
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  return wb;
}

async function read(bytes: Uint8Array, name: string) {
  const opened = await openXlsx(bytes, name);
  if (!opened.ok) throw new Error(`${name}: unreadable`);
  const reading = readWorkbook(opened.snapshot);
  if (!reading.ok) throw new Error(`${name}: invalid`);
  return { opened, reading };
}

describe.skipIf(!available)("the scheme's numbers live in _evalsheet's table, and the formulas read them (LibreOffice)", () => {
  const dir = tempDir("evalsheet-table-");
  const base = join(dir, "aggregated.xlsx");
  let baseReading: Reading;
  const expected: Record<string, Evaluation> = {};
  const recalculated: Record<string, string> = {};

  beforeAll(async () => {
    const first = await read(await workbookBytes(await sampleWorkbook({ seed: 2024 })), "in.xlsx");
    baseReading = first.reading;
    await applyPlan(first.opened.workbook, aggregatePlan(first.reading, { madeAt: "2025-01-20 10:00" }));
    writeFileSync(base, await workbookBytes(first.opened.workbook));

    const files: string[] = [];
    // By hand: only the table's cells change; the stored scheme and every formula stay as aggregated.
    for (const [name, change] of Object.entries(CHANGES)) {
      const wb = await load(base);
      editTable(wb, change.cells(scheme));
      const file = join(dir, `${name}.xlsx`);
      writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
      const { reading } = await read(new Uint8Array(readFileSync(file)), file);
      expected[name] = evaluate(changed(change), reading.inputs);
      files.push(file);
    }
    // In the scheme: every change stored in the workbook's scheme (B01's point for the metro group
    // moved to B07, so the group's sum stays 60), then aggregated again.
    const all = structuredClone(scheme);
    for (const c of Object.values(CHANGES)) c.scheme(all);
    ind(all, "B07").points["metro"] = ind(all, "B07").points["metro"]! + 1;
    const wb = await load(base);
    storeScheme(wb, all);
    const again = await read(await workbookBytes(wb), "scheme-edited.xlsx");
    expect(ind(again.reading.scheme, "B01").points["metro"]).toBe(2);
    expect(again.reading.scheme.rounding.decimals).toBe(1);
    await applyPlan(again.opened.workbook, aggregatePlan(again.reading, { madeAt: "2025-01-20 11:00" }));
    const file = join(dir, "reaggregated.xlsx");
    writeFileSync(file, await workbookBytes(again.opened.workbook));
    expected["reaggregated"] = again.reading.evaluation;
    files.push(file);

    const out = await recalcWithLibreOffice(files, join(dir, "lo"), { timeoutMs: 540_000 });
    [...Object.keys(CHANGES), "reaggregated"].forEach((name, i) => (recalculated[name] = out[i]!));
  }, 700_000);

  it.each([...Object.keys(CHANGES), "reaggregated"])("%s: every 汇总 and 基础工作得分 number equals the engine under the changed scheme", async (name) => {
    expect(await expectSummaryMatches(recalculated[name]!, expected[name]!)).toBe(41);
  });

  it("each change moves results, so the comparison above could fail", () => {
    const before = baseReading.evaluation.units;
    const moved = (name: string, pick: (u: Evaluation["units"][number]) => unknown) =>
      expected[name]!.units.filter((u, i) => JSON.stringify(pick(u)) !== JSON.stringify(pick(before[i]!))).length;
    const score = (id: string) => (u: Evaluation["units"][number]) => u.indicators[scheme.indicators.findIndex((x) => x.id === id)]!.score;
    expect(moved("basicNumbers", score("B01"))).toBeGreaterThan(0);
    expect(moved("basicNumbers", score("B09"))).toBeGreaterThan(0);
    expect(moved("basicNumbers", score("B20"))).toBeGreaterThan(0);
    expect(moved("tiers", (u) => u.tier)).toBeGreaterThan(0);
    expect(moved("decimals", (u) => u.total)).toBeGreaterThan(0);
    expect(moved("reaggregated", (u) => u.total)).toBeGreaterThan(0);
  });

  it("a re-aggregate writes the changed scheme's numbers into the table", async () => {
    const grid = await readCachedValues(recalculated["reaggregated"]!, SHEETS.data);
    const o = grid.map((r) => r[14]);
    const p = grid.map((r) => r[15]);
    const all = expected["reaggregated"]!;
    expect(all.units.length).toBe(41);
    const at = (label: string) => p[o.indexOf(label)];
    expect(at(`${ind(scheme, "B01").name}（${metro.shortName}）满分`)).toBe(2);
    expect(at(`${ind(scheme, "B07").name}（${metro.shortName}）满分`)).toBe(ind(scheme, "B07").points["metro"]! + 1);
    expect(at(`${ind(scheme, "B20").name}：未按预算项目使用次数每次扣分`)).toBe(2);
    expect(at("得分保留小数位数")).toBe(1);
    expect(schemeNumbers(scheme).every((n) => o.includes(n.label))).toBe(true);
  });
});
