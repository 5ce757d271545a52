import { describe, expect, it } from "vitest";
import { builtinScheme } from "../../src/scheme/load";
import { sampleData } from "../../src/layout/sample";
import { templatePlan } from "../../src/layout/template";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import type { Scheme } from "../../src/scheme/schema";

/**
 * The functions every formula we write may use: those Excel, WPS and LibreOffice all compute
 * (README "The summary is formulas" keeps the same list). XLOOKUP, LET, FILTER, SORT, IFS and
 * MAXIFS are not among them: LibreOffice 7.4 or older Excel lack them.
 */
const PORTABLE_FUNCTIONS = [
  "IF", "IFERROR", "ISNUMBER", "VALUE", "TRIM", "ASC", "SUBSTITUTE", "ROUND", "MIN", "MAX", "SUM", "AND", "OR", "NOT",
  "SUMPRODUCT", "SUMIFS", "COUNTIF", "COUNTIFS", "INDEX", "MATCH", "HYPERLINK",
];

async function plans(scheme: Scheme) {
  const template = templatePlan(scheme, { sample: sampleData(scheme, 7) });
  const opened = await openXlsx(await workbookBytes(await planToWorkbook(template)), "t.xlsx");
  if (!opened.ok) throw new Error("unreadable");
  const reading = readWorkbook(opened.snapshot);
  if (!reading.ok) throw new Error("invalid");
  return [template, aggregatePlan(reading)];
}

function functionsIn(formula: string): string[] {
  const noStrings = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'!/g, "S!");
  return [...noStrings.matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1]!);
}

describe("formulas use only functions Excel, WPS and LibreOffice all compute", () => {
  const base = builtinScheme();
  const variants: [string, Scheme][] = [
    ["cq-2024", base],
    ["quota tiers, mean of cases, 不适用 counted as met", { ...base, tiers: { kind: "quota", tiers: [{ name: "特优", share: 0.2 }, { name: "优", share: 0.5 }], otherwise: "良" }, cases: { ...base.cases, combine: { kind: "mean" } }, notApplicable: "full" }],
    ["capped sum of cases", { ...base, cases: { ...base.cases, combine: { kind: "cappedSum", cap: 25 } } }],
  ];
  it.each(variants)("%s: every formula of the template and the aggregate", async (_name, scheme) => {
    const used = new Set<string>();
    let formulas = 0;
    for (const plan of await plans(scheme)) {
      for (const sheet of plan.sheets) for (const row of sheet.rows) for (const cell of row) {
        if (!cell?.formula) continue;
        formulas++;
        for (const f of functionsIn(cell.formula)) used.add(f);
      }
    }
    expect(formulas).toBeGreaterThan(1000);
    expect([...used].filter((f) => !PORTABLE_FUNCTIONS.includes(f))).toEqual([]);
  });
  it("the scanner sees functions (a formula with MAXIFS is caught)", () => {
    expect(functionsIn(`MAXIFS('最佳实践案例'!F4:F90,'x(y)'!B4:B90,"渝中区(")+ROUND(1,2)`)).toEqual(["MAXIFS", "ROUND"]);
  });
});
