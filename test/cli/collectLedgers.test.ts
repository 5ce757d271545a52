/**
 * `evalsheet collect` with the ledgers: departments fill 调研台账 and 联系点台账 in their own files
 * (template --department), the office collects them into the master — rows appended, exact
 * duplicates dropped, a conflict refused with nothing written. Real CLI, real files.
 */
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { CONTACT_LOG, RESEARCH_LOG } from "../../src/layout/ledgerColumns";
import { cli, expectExit, expectNoStack, gone, load, scratchDir, sha256, sheet, show } from "./helpers";

const R = RESEARCH_LOG.cols;
const C = CONTACT_LOG.cols;

/** Fill rows of 调研台账 (1-based rows from the first data row) in a workbook written by the CLI. */
async function fillResearch(path: string, trips: [string, string, string][]): Promise<void> {
  const wb = await load(path);
  const ws = sheet(wb, "调研台账");
  trips.forEach(([leader, date, content], i) => {
    const r = RESEARCH_LOG.firstDataRow + 1 + i;
    ws.getCell(r, R.leader + 1).value = leader;
    ws.getCell(r, R.date + 1).value = new Date(`${date}T00:00:00Z`);
    ws.getCell(r, R.content + 1).value = content;
    ws.getCell(r, R.days + 1).value = 1;
    ws.getCell(r, R.visited + 1).value = "否";
  });
  await wb.xlsx.writeFile(path);
}

function researchRows(wb: ExcelJS.Workbook): [unknown, unknown, unknown][] {
  const ws = sheet(wb, "调研台账");
  const rows: [unknown, unknown, unknown][] = [];
  for (let r = RESEARCH_LOG.firstDataRow + 1; r <= ws.rowCount; r++) {
    const leader = ws.getCell(r, R.leader + 1).value;
    if (leader) rows.push([leader, ws.getCell(r, R.date + 1).value, ws.getCell(r, R.content + 1).value]);
  }
  return rows;
}

describe("collect brings the ledgers back", () => {
  let dir = "";
  let master = "";
  let d1 = "";
  let d2 = "";

  beforeAll(async () => {
    dir = scratchDir();
    [master, d1, d2] = ["MASTER.xlsx", "宣教部.xlsx", "办公室.xlsx"].map((n) => join(dir, n)) as [string, string, string];
    const made = await Promise.all([
      cli(["template", "--year", "2024", "--out", master]),
      cli(["template", "--year", "2024", "--department", "宣教部", "--out", d1]),
      cli(["template", "--year", "2024", "--department", "办公室", "--out", d2]),
    ]);
    for (const r of made) expectExit(r, 0);
    await fillResearch(d1, [["彭焱", "2024-03-05", "家庭教育专题调研"], ["李艺", "2024-09-12", "宣讲阵地调研"]]);
    // 办公室 logged the same 3月 trip (identical) and one of its own.
    await fillResearch(d2, [["彭 焱", "2024-03-05", "家庭教育专题调研"], ["张青莉", "2024-04-20", "资金使用调研"]]);
    const wb = await load(d2);
    const log = sheet(wb, "联系点台账");
    const r = CONTACT_LOG.firstDataRow + 1;
    log.getCell(r, C.date + 1).value = new Date("2024-05-06T00:00:00Z");
    log.getCell(r, C.member + 1).value = "张青莉";
    log.getCell(r, C.point + 1).value = "忠县";
    log.getCell(r, C.way + 1).value = "走访";
    log.getCell(r, C.content + 1).value = "走访座谈";
    await wb.xlsx.writeFile(d2);
  });

  it("appends every new row once, drops the identical one, and says so; the master is untouched", async () => {
    const before = sha256(master);
    const out = join(dir, "OUT.xlsx");
    const r = await cli(["collect", master, d1, d2, "--out", out]);
    expectExit(r, 0);
    expectNoStack(r);
    expect(r.stdout, show(r)).toContain("“调研台账”追加 2 行：来自「宣教部.xlsx」");
    expect(r.stdout).toContain("“调研台账”追加 1 行：来自「办公室.xlsx」");
    expect(r.stdout).toContain("“联系点台账”追加 1 行：来自「办公室.xlsx」");
    // The identical row is dropped with a note (its text: test/collect/ledgerCollect.test.ts).
    expect(r.stdout).toContain("0 错误，0 警告，1 提示");
    expect(sha256(master)).toBe(before);
    const rows = researchRows(await load(out));
    expect(rows.map(([leader, , content]) => [leader, content])).toEqual([["彭焱", "家庭教育专题调研"], ["李艺", "宣讲阵地调研"], ["张青莉", "资金使用调研"]]);
    // Dates stay dates (the template's date cells).
    expect(rows[2]![1]).toBeInstanceOf(Date);
    const contact = sheet(await load(out), "联系点台账").getRow(CONTACT_LOG.firstDataRow + 1);
    expect([contact.getCell(C.member + 1).value, contact.getCell(C.point + 1).value]).toEqual(["张青莉", "忠县"]);
  });

  it("the same trip with other details in two files: refused, both named, nothing written", async () => {
    const d3 = join(dir, "发展部.xlsx");
    expectExit(await cli(["template", "--year", "2024", "--department", "发展部", "--out", d3]), 0);
    await fillResearch(d3, [["李艺", "2024-09-12", "巾帼科创调研"]]);
    const out = join(dir, "OUT2.xlsx");
    const r = await cli(["collect", master, d1, d3, "--out", out]);
    expectExit(r, 1);
    expect(r.stdout).toContain("「发展部.xlsx」“调研台账”第");
    expect(r.stdout).toContain("「宣教部.xlsx」第");
    expect(r.stdout).toContain("李艺 带队的调研");
    expect(gone(out)).toBe(true);
  });
});
