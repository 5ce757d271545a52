import { beforeAll, describe, expect, it } from "vitest";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { readWorkbook, type Reading } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { periodicSheet } from "../../src/report/periodic";
import { annualScoreCells } from "../../src/report/periodicAdd";
import { SHEETS } from "../../src/layout/names";
import { NUMBERS_HEADING, PARAMS, schemeNumbers } from "../../src/layout/schemeTables";
import { numberLiterals, type NumberLiteral } from "../../src/workbook/formulaNumbers";
import type { SheetSpec, WritePlan } from "../../src/workbook/plan";
import { sampleWorkbook } from "../support/workbooks";

/**
 * Issue 9 §1: points, sub-caps, maxima, targets and tiers come from a table in the workbook that
 * formulas reference — never numbers typed into formulas. Every formula the demo's aggregate
 * writes is scanned for number literals; only structural constants may appear:
 *  - 0 and 1 anywhere: bounds (MAX(x,0)), "empty row" markers, attainment capped at 100%
 *    (MIN(1,…)), ranks that start at 1, 1 − weight — none of them a number of the scheme;
 *  - 2 as an exponent (`^2`: the squared drift behind 汇总's "输入已修改" flag);
 *  - 0.000001 compared with that drift: a floating-point tolerance, not a score;
 *  - a whole number as the criterion of a SUMIFS on `_计算`'s item or case index column: the
 *    k-th row of the item table or a unit's k-th case — a position, not a number of points.
 */
const SCANNED = [SHEETS.summary, SHEETS.basicScores, SHEETS.calc, SHEETS.details, SHEETS.periodic];

function allowed(l: NumberLiteral): boolean {
  if (l.value === 0 || l.value === 1) return true;
  if (l.value === 2 && l.before.endsWith("^")) return true;
  if (l.value === 0.000001 && l.before.endsWith(">")) return true;
  return Number.isInteger(l.value) && /'_计算'!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+,$/.test(l.before);
}

function formulas(sheet: SheetSpec): { cell: string; formula: string }[] {
  const out: { cell: string; formula: string }[] = [];
  sheet.rows.forEach((r, ri) => r.forEach((c, ci) => {
    if (c && c.formula) out.push({ cell: `${sheet.name}!R${ri + 1}C${ci + 1}`, formula: c.formula });
  }));
  return out;
}

describe("numberLiterals", () => {
  it("finds typed numbers and nothing inside references, names or strings", () => {
    const got = numberLiterals(`ROUND(MIN(MAX('宣教部'!C6,0),3)+LOG10(A12)*0.7-$P$12+'_evalsheet'!$P$9,2)&"满分 60"`);
    expect(got.map((l) => l.text)).toEqual(["0", "3", "0.7", "2"]);
    expect(got[1]!.before).toBe(`ROUND(MIN(MAX('宣教部'!C6,0),`);
    expect(numberLiterals("IF(H5>=95,\"特优\",\"良\")").map((l) => l.value)).toEqual([95]);
    expect(numberLiterals("SUM('2024年'!A1:A9)+1E-6")).toEqual([expect.objectContaining({ text: "1E-6", value: 0.000001 })]);
  });
});

describe("the demo's aggregate types no scheme number into a formula", () => {
  let reading: Reading;
  let plan: WritePlan;
  beforeAll(async () => {
    const opened = await openXlsx(await workbookBytes(await sampleWorkbook({ seed: 2024 })), "demo.xlsx");
    if (!opened.ok) throw new Error("unreadable");
    const r = readWorkbook(opened.snapshot);
    if (!r.ok) throw new Error("invalid");
    reading = r;
    // 平时评价 is written by 导入平时评价, not by aggregate: one imported period of every judged score.
    const annual = annualScoreCells(reading);
    const record = { periods: new Map([["上半年", { file: "上半年.xlsx", scores: new Map([...annual.keys()].map((k) => [k, 1])), totals: new Map<string, number>() }]]) };
    plan = aggregatePlan(reading, { madeAt: "2025-01-20 10:00" });
    plan = { ...plan, sheets: [...plan.sheets, periodicSheet(reading.scheme, record, annual)] };
  });

  it.each(SCANNED)("%s: every number literal is structural", (name) => {
    const sheet = plan.sheets.find((s) => s.name === name);
    expect(sheet, `${name} is written`).toBeDefined();
    const all = formulas(sheet!);
    expect(all.length).toBeGreaterThan(0);
    const typed = all.flatMap(({ cell, formula }) => numberLiterals(formula).filter((l) => !allowed(l)).map((l) => `${cell}: ${l.text} in ${formula.slice(0, 160)}`));
    expect(typed.slice(0, 5)).toEqual([]);
  });

  it("every number a basic-work or 汇总 formula reads from the data sheet is a labelled cell of its table", () => {
    const data = plan.sheets.find((s) => s.name === SHEETS.data)!;
    const refs = new Set<number>();
    for (const name of [SHEETS.summary, SHEETS.basicScores]) {
      for (const { formula } of formulas(plan.sheets.find((s) => s.name === name)!)) {
        for (const m of formula.matchAll(/'_evalsheet'!\$P\$(\d+)/g)) refs.add(Number(m[1]));
      }
    }
    const numbers = schemeNumbers(reading.scheme);
    // Each scheme number's row is referenced (none is written and left unused), and each reference is a number with a label.
    const headingRow = data.rows.findIndex((r) => r[14]?.value === NUMBERS_HEADING) + 1;
    expect(headingRow).toBeGreaterThan(Math.max(...Object.values(PARAMS).map((p) => p.row)));
    for (let i = 0; i < numbers.length; i++) expect(refs.has(headingRow + 1 + i), `${numbers[i]!.label} is referenced`).toBe(true);
    for (const r of refs) {
      const [label, value] = [data.rows[r - 1]?.[14]?.value, data.rows[r - 1]?.[15]?.value];
      expect(typeof label === "string" && label.length > 0, `O${r} labels P${r}`).toBe(true);
      expect(typeof value, `P${r} (${String(label)}) holds a number`).toBe("number");
    }
  });

  it("the table says in Chinese what each number is: indicator, region group, part", () => {
    const scheme = reading.scheme;
    const labels = schemeNumbers(scheme).map((n) => `${n.label}=${n.value}`);
    const b09 = scheme.indicators.find((i) => i.id === "B09")!;
    const southeast = scheme.groups.find((g) => g.id === "southeast")!;
    expect(labels).toContain(`${b09.name}（${southeast.shortName}）满分=${b09.points["southeast"]}`);
    expect(labels).toContain(`${b09.name}：第2部分（共2部分）分值=1`);
    expect(labels).toContain(`${b09.name}：绿色家庭达标率 目标值（比例）=0.7`);
    expect(labels).toContain("市级转移支付区县妇女儿童发展资金使用情况：未按预算项目使用次数每次扣分=1");
    expect(labels).toContain("等次“特优”最低总分=95");
  });
});
