/**
 * The ledgers of 附件1 and 附件2 through the real CLI: `template` adds the sheets, `validate`
 * checks them (naming sheet and cell), `aggregate` writes 联系点调研汇总.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RESEARCH_LOG } from "../../src/layout/ledgerColumns";
import { a1 } from "../../src/workbook/address";
import { cli, expectExit, jsonDiagnostics, load, mutated, scratchDir, sheet, show } from "./helpers";

describe("the ledgers in the CLI", () => {
  it("validate names a duration of 0 days at its cell (exit 1), in Chinese and English", async () => {
    const { file } = await mutated((wb) => {
      sheet(wb, "调研台账").getCell(RESEARCH_LOG.firstDataRow + 1, RESEARCH_LOG.cols.days + 1).value = 0;
    });
    const r = await cli(["validate", file, "--json"]);
    expectExit(r, 1);
    const d = jsonDiagnostics(r).find((x) => x.code === "research.daysNotPositive");
    expect(d, show(r)).toMatchObject({ severity: "error", sheet: "调研台账", cell: a1(RESEARCH_LOG.firstDataRow, RESEARCH_LOG.cols.days) });
    expect(d!.message).toContain("调研时长以天计");
    expect(d!.messageEn).toContain("Durations are in days");
  });

  it("a template for 2026 carries the sheets, and validate warns that the contact points are due for review", async () => {
    const dir = scratchDir();
    const file = join(dir, "2026.xlsx");
    expectExit(await cli(["template", "--year", "2026", "--out", file]), 0);
    const names = (await load(file)).worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(["联系点", "联系点台账", "调研台账"]));
    const r = await cli(["validate", file, "--json"]);
    const due = jsonDiagnostics(r).filter((x) => x.code === "contacts.termDue");
    expect(due).toMatchObject([{ severity: "warning", sheet: "联系点", cell: "A2" }]);
    expect(due[0]!.message).toContain("联系点原则上每两年调整一次");
  });

  it("aggregate writes 联系点调研汇总 with each member's districts", async () => {
    const { dir, file } = await mutated(() => undefined);
    const out = join(dir, "OUT.xlsx");
    const r = await cli(["aggregate", file, "--out", out]);
    expectExit(r, 0);
    const ws = sheet(await load(out), "联系点调研汇总");
    const firstColumn: string[] = [];
    ws.eachRow((row) => firstColumn.push(String(row.getCell(1).value ?? "")));
    expect(firstColumn.filter((t) => t.startsWith("党组成员 "))).toHaveLength(6);
    expect(firstColumn).toContain("秀山县");
    expect(firstColumn).toContain("本年未联系的区县：秀山县。");
  });
});
