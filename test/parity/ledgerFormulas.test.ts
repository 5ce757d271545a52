import { beforeAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { libreOfficeAvailable, readCachedValues, recalcWithLibreOffice } from "../support/libreoffice";
import { tempDir } from "../support/workbooks";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { builtinScheme } from "../../src/scheme/load";
import { contactIndex, contactsOf } from "../../src/scheme/contacts";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { pointsListFormula, RESEARCH_LOG } from "../../src/layout/ledgerColumns";
import { SHEETS } from "../../src/layout/names";

/**
 * The workbook without the add-in: LibreOffice (an independent engine) computes 调研台账's
 * 集中调研 from the dates, period boundaries included, and the source of 联系点台账's point
 * dropdown (OFFSET/MATCH) yields exactly the chosen member's districts and organisations.
 */
const available = libreOfficeAvailable();
if (!available && process.env["CI"]) throw new Error("LibreOffice (soffice) is required in CI: .ci/run installs libreoffice-calc-nogui");

const scheme = builtinScheme();
const DATES = ["2024-02-29", "2024-03-01", "2024-04-30", "2024-05-01", "2024-08-31", "2024-09-01", "2024-10-31", "2024-11-01"];
const EXPECTED = ["日常调研", "3—4月", "3—4月", "日常调研", "日常调研", "9—10月", "9—10月", "日常调研"];
const MEMBERS = ["彭焱", "文艳", ""];

describe.skipIf(!available)("ledger formulas recalculated by LibreOffice", () => {
  let research: unknown[][] = [];
  let lists: unknown[][] = [];

  beforeAll(async () => {
    const dir = tempDir("evalsheet-ledger-lo-");
    const wb = await planToWorkbook(templatePlan(scheme, { sample: sampleData(scheme, 2024) }));
    const ws = wb.getWorksheet(SHEETS.researchLog)!;
    DATES.forEach((d, i) => {
      ws.getCell(RESEARCH_LOG.firstDataRow + 1 + i, RESEARCH_LOG.cols.date + 1).value = new Date(`${d}T00:00:00Z`);
    });
    // The dropdown's source as cell formulas: row k of the list for each member typed in column A.
    const check = wb.addWorksheet("检查");
    MEMBERS.forEach((m, r) => {
      check.getCell(r + 1, 1).value = m;
      for (let k = 1; k <= 9; k++) {
        check.getCell(r + 1, k + 1).value = { formula: `IFERROR(INDEX(${pointsListFormula(scheme, `$A${r + 1}`)},${k})&"","")` } as never;
      }
    });
    const file = join(dir, "ledgers.xlsx");
    writeFileSync(file, await workbookBytes(wb));
    const [out] = await recalcWithLibreOffice([file], join(dir, "lo"));
    research = await readCachedValues(out!, SHEETS.researchLog);
    lists = await readCachedValues(out!, "检查");
  });

  it("集中调研 follows 调研时间, boundaries included", () => {
    const got = DATES.map((_, i) => research[RESEARCH_LOG.firstDataRow + i]![RESEARCH_LOG.cols.period]);
    expect(got).toEqual(EXPECTED);
  });

  it("the point dropdown lists the chosen member's districts then organisations (the first member's before one is chosen)", () => {
    const index = contactIndex(scheme, contactsOf(scheme)!);
    const pointsOf = (name: string) => {
      const m = index.member(name)!;
      const p = index.pointsOf(m);
      return [...p.units, ...p.organisations];
    };
    const row = (r: number) => lists[r]!.slice(1, 10).map((v) => (v === null ? "" : String(v))).filter((v) => v !== "");
    expect(row(0)).toEqual(pointsOf("彭焱"));
    expect(row(1)).toEqual(pointsOf("文艳"));
    expect(row(2)).toEqual(pointsOf("彭焱"));
  });
});
