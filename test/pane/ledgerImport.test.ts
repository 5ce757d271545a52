/**
 * The pane's 导入部室表 brings the ledgers back as the CLI's collect does: a department's rows
 * appended to this workbook's 调研台账, dates written as dates, on the file port and on Excel's;
 * and its 生成模板 gives a workbook made before the ledgers their sheets and their lists.
 */
import { describe, expect, it } from "vitest";
import * as ops from "../../taskpane/operations";
import { officePort } from "../../src/adapters/office/officePort";
import { xlsxPort } from "../../src/adapters/xlsx/xlsxPort";
import { planToWorkbook } from "../../src/adapters/xlsx/xlsxFile";
import { builtinScheme } from "../../src/scheme/load";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { SHEETS } from "../../src/layout/names";
import { LEDGER_LIST_COLUMNS, RESEARCH_LOG } from "../../src/layout/ledgerColumns";
import { isoToSerial } from "../../src/workbook/dates";
import type { WorkbookPort } from "../../src/workbook/port";
import type { WritePlan } from "../../src/workbook/plan";
import { FakeExcel } from "../support/fakeExcel";
import { planSnapshot } from "../support/planSnapshot";

const scheme = builtinScheme();
const R = RESEARCH_LOG.cols;
const ports: [string, (plan: WritePlan) => Promise<WorkbookPort>][] = [
  ["file port", async (plan) => xlsxPort(await planToWorkbook(plan))],
  ["Excel port (fake)", async (plan) => officePort({ run: FakeExcel.from(planSnapshot(plan)).run, isSetSupported: () => true })],
];

/** 宣教部's own file with one trip of 文艳's in 调研台账. */
function departmentFile() {
  const wb = planSnapshot(templatePlan(scheme, { department: "宣教部" }));
  const first = RESEARCH_LOG.firstDataRow;
  return {
    name: "宣教部.xlsx",
    snapshot: {
      ...wb,
      sheets: wb.sheets.map((s) => {
        if (s.name !== SHEETS.researchLog) return s;
        const rows = s.rows.map((r) => [...r]);
        Object.assign(rows[first]!, { [R.leader]: "文艳", [R.date]: { date: "2024-10-09T00:00:00" }, [R.content]: "婚姻家庭纠纷调解调研", [R.days]: 2, [R.visited]: "否" });
        return { ...s, rows };
      }),
    },
  };
}

describe.each(ports)("导入部室表 with the ledgers, on the %s", (_name, make) => {
  it("appends the department's trip below the sample's and says so", async () => {
    const plan = templatePlan(scheme, { sample: sampleData(scheme, 2024) });
    const port = await make(plan);
    const before = planSnapshot(plan).sheets.find((s) => s.name === SHEETS.researchLog)!;
    let last = RESEARCH_LOG.firstDataRow;
    while (before.rows[last + 1]?.[R.leader]) last++;
    const r = await ops.importDepartments({ port }, [departmentFile()]);
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    if (r.ok) expect(r.value.imported).toEqual(["调研台账（宣教部.xlsx，1 行）"]);
    const read = await port.readSnapshot();
    if (!read.ok) throw new Error("read failed");
    const after = read.value.sheets.find((s) => s.name === SHEETS.researchLog)!;
    const row = after.rows[last + 1]!;
    expect([row[R.leader], row[R.content], row[R.days]]).toEqual(["文艳", "婚姻家庭纠纷调解调研", 2]);
    // A date: a serial (Office) or a date cell (file), never text.
    const date = row[R.date];
    expect(typeof date === "number" ? date : (date as { date: string }).date.slice(0, 10)).toEqual(typeof date === "number" ? isoToSerial("2024-10-09") : "2024-10-09");
    // And it reads back as one more trip of 文艳's, in 9—10月.
    const v = await ops.validate({ port });
    if (v.ok) expect(v.value.ledgers.research!.filter((e) => e.leader === "文艳").map((e) => e.period)).toEqual(["9—10月", "9—10月"]);
  });
});

describe.each(ports)("生成模板 on a workbook made before the ledgers, on the %s", (_name, make) => {
  it("adds 联系点, 联系点台账 and 调研台账, and the member lists their dropdowns need on the data sheet", async () => {
    const plan = templatePlan(scheme, { sample: sampleData(scheme, 2024) });
    const ledgerNames: string[] = [SHEETS.contacts, SHEETS.contactLog, SHEETS.researchLog];
    // The data sheet as it was before the lists: the scheme and the summary's tables only.
    const oldData = (() => {
      const d = plan.sheets.find((s) => s.name === SHEETS.data)!;
      const members = LEDGER_LIST_COLUMNS.members;
      return { ...d, rows: d.rows.map((r) => r.slice(0, members)).filter((r) => r.some((c) => c !== null)) };
    })();
    const port = await make({ ...plan, sheets: plan.sheets.filter((s) => !ledgerNames.includes(s.name)).map((s) => (s.name === SHEETS.data ? oldData : s)) });
    const r = await ops.addTemplate({ port });
    expect(r).toMatchObject({ ok: true, value: ledgerNames });
    const read = await port.readSnapshot();
    if (!read.ok) throw new Error("read failed");
    const data = read.value.sheets.find((s) => s.name === SHEETS.data)!;
    expect(data.rows.slice(0, 6).map((row) => row[LEDGER_LIST_COLUMNS.members])).toEqual(["彭焱", "张青莉", "臧秀梅", "李艺", "张莲", "文艳"]);
  });
});
