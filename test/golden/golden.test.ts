import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { applyPlan } from "../../src/adapters/xlsx/render";
import { snapshotOf } from "../../src/adapters/xlsx/snapshot";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { resultJson } from "../../src/report/resultJson";
import { SHEETS } from "../../src/layout/names";
import { sampleWorkbook } from "../support/workbooks";

/**
 * Golden files: the demo workbook's RESULT.json and its 汇总 (every formula and cached value), as
 * committed. A change to scoring, layout or formulas shows up here as a diff to review; when the
 * change is intended, regenerate with `UPDATE_GOLDEN=1 npx vitest run test/golden` and commit.
 */
const RESULT = new URL("./demo-result.json", import.meta.url);
const SUMMARY = new URL("./demo-summary.json", import.meta.url);

async function current() {
  const opened = await openXlsx(await workbookBytes(await sampleWorkbook({ seed: 2024 })), "demo-input.xlsx");
  if (!opened.ok) throw new Error("demo unreadable");
  const reading = readWorkbook(opened.snapshot);
  if (!reading.ok) throw new Error("demo invalid");
  await applyPlan(opened.workbook, aggregatePlan(reading));
  // Round trip through the file: what another spreadsheet would open.
  const reopened = await openXlsx(await workbookBytes(opened.workbook), "demo.xlsx");
  if (!reopened.ok) throw new Error("output unreadable");
  const summary = snapshotOf(reopened.workbook, false).sheets.find((s) => s.name === SHEETS.summary)!;
  return {
    result: resultJson(reading.scheme, reading.evaluation, reading.diagnostics),
    summary: { rows: summary.rows, formulas: summary.formulas },
  };
}

describe("golden demo workbook", () => {
  it("RESULT.json and the 汇总 sheet are exactly the committed ones", async () => {
    const now = await current();
    if (process.env["UPDATE_GOLDEN"] === "1") {
      writeFileSync(RESULT, JSON.stringify(now.result, null, 2) + "\n");
      writeFileSync(SUMMARY, JSON.stringify(now.summary, null, 1) + "\n");
    }
    expect(now.result).toEqual(JSON.parse(readFileSync(RESULT, "utf8")));
    expect(now.summary).toEqual(JSON.parse(readFileSync(SUMMARY, "utf8")));
  });
});
