import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { cli, expectExit, expectNoStack, scratchDir, sha256, show } from "./helpers";

/**
 * Issue 9 §3: `aggregate --out X` replaces X only when X is an earlier aggregate's output (the
 * hidden data sheet's marker plus every sheet an aggregate writes) — never because X has a sheet
 * named 汇总, a name any office workbook may use.
 */
async function budgetWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const summary = wb.addWorksheet("汇总");
  summary.addRows([["科目", "预算（万元）"], ["办公费", 12.5], ["差旅费", 8], ["合计", { formula: "SUM(B2:B3)", result: 20.5 }]]);
  const detail = wb.addWorksheet("明细");
  detail.addRows([["日期", "事项", "金额"], ["2024-03-01", "打印纸", 0.3]]);
  writeFileSync(path, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

function expectRefused(r: Awaited<ReturnType<typeof cli>>, file: string): void {
  expectExit(r, 2);
  expectNoStack(r);
  // Chinese first, naming the file and what to do.
  expect(r.stderr, show(r)).toContain(`文件「${file}」已存在`);
  expect(r.stderr, show(r)).toContain("--out 指定一个新的文件名");
}

describe("aggregate --out over an existing file", () => {
  it("refuses a budget workbook that merely has a sheet named 汇总, leaving it byte for byte unchanged", async () => {
    const dir = scratchDir();
    const input = join(dir, "评价.xlsx");
    const budget = join(dir, "预算.xlsx");
    expectExit(await cli(["template", "--sample", "--out", input]), 0);
    await budgetWorkbook(budget);
    const before = sha256(budget);
    const r = await cli(["aggregate", input, "--out", budget]);
    expectRefused(r, budget);
    expect(r.stderr).toContain("不是本工具写出的汇总结果");
    expect(sha256(budget)).toBe(before);
  });

  it("replaces its own earlier output, and refuses a template or an approved result", async () => {
    const dir = scratchDir();
    const input = join(dir, "评价.xlsx");
    const out = join(dir, "汇总.xlsx");
    const template = join(dir, "模板.xlsx");
    const approved = join(dir, "审定.xlsx");
    expectExit(await cli(["template", "--sample", "--out", input]), 0);
    expectExit(await cli(["template", "--out", template]), 0);
    expectExit(await cli(["aggregate", input, "--out", out]), 0);
    const again = await cli(["aggregate", input, "--out", out]);
    expectExit(again, 0);
    expect(again.stdout).toContain("已写出汇总");

    const templateBefore = sha256(template);
    const r = await cli(["aggregate", input, "--out", template]);
    expectRefused(r, template);
    expect(r.stderr).toContain("评价模板");
    expect(sha256(template)).toBe(templateBefore);

    expectExit(await cli(["approve", input, "--by", "党组会", "--date", "2025-01-20", "--out", approved]), 0);
    const approvedBefore = sha256(approved);
    const a = await cli(["aggregate", input, "--out", approved]);
    expectRefused(a, approved);
    expect(a.stderr).toContain("审定记录");
    expect(sha256(approved)).toBe(approvedBefore);
  });
});

describe("aggregate --out over an output written before the per-member sheet existed", () => {
  it("replaces it: the sheets every aggregate has written are what marks an output, not each newer one", async () => {
    const dir = scratchDir();
    const input = join(dir, "评价.xlsx");
    const out = join(dir, "汇总.xlsx");
    expectExit(await cli(["template", "--sample", "--out", input]), 0);
    expectExit(await cli(["aggregate", input, "--out", out]), 0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const member = wb.getWorksheet("联系点调研汇总");
    expect(member).toBeDefined();
    wb.removeWorksheet(member!.id);
    writeFileSync(out, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const r = await cli(["aggregate", input, "--out", out]);
    expectExit(r, 0);
    expect(r.stdout, show(r)).toContain("已写出汇总");
  });
});
