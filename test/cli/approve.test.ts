/**
 * 审定 in the CLI: `approve FILE --by NAME [--date D] --out O` records the approval with the same
 * core as the pane; `verify FILE` exits 0 unchanged since, 1 changed (cells listed), 2 not approved.
 */
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { SHEETS } from "../../src/layout/names";
import { rowOf } from "../support/workbooks";
import { cli, columnOf, expectExit, expectNoStack, gone, load, mutated, ref, sha256, sheet, show } from "./helpers";

describe("approve and verify", () => {
  let dir = "";
  let file = "";
  let approved = "";
  let before = "";

  beforeAll(async () => {
    ({ dir, file } = await mutated(() => {}));
    before = sha256(file);
    approved = join(dir, "审定.xlsx");
    const r = await cli(["approve", file, "--by", "党组会", "--date", "2025-01-20", "--out", approved]);
    expectExit(r, 0);
    expect(r.stdout, show(r)).toContain("已审定（2024 年度，2025-01-20，党组会）");
  });

  it("writes OUT with the record and the summary marked approved; FILE untouched", async () => {
    expect(sha256(file)).toBe(before);
    const wb = await load(approved);
    expect(wb.getWorksheet(SHEETS.approval)).toBeDefined();
    expect(String(sheet(wb, SHEETS.summary).getCell(2, 1).value)).toContain("已审定（2025-01-20，党组会）");
  });

  it("verify: 0 when nothing changed since, 2 when not approved", async () => {
    const [same, never, js] = await Promise.all([cli(["verify", approved]), cli(["verify", file]), cli(["verify", approved, "--json"])]);
    expectExit(same, 0);
    expect(same.stdout).toContain("自审定（2025-01-20，党组会）以来，输入数据未被修改");
    expectExit(never, 2);
    expect(never.stdout).toContain("没有审定记录");
    expectExit(js, 0);
    expect(JSON.parse(js.stdout)).toMatchObject({ status: "unchanged", approvedBy: "党组会", approvedAt: "2025-01-20", schemeId: "cq-2024", year: 2024, changed: [] });
  });

  it("verify: 1 after an edit, listing the cells that changed", async () => {
    const wb = await load(approved);
    const ws = sheet(wb, "宣教部");
    const r = rowOf(ws, "渝中区");
    const c = columnOf("宣教部", "B01", "score");
    ws.getCell(r, c).value = 0;
    ws.getCell(r, columnOf("宣教部", "B01", "reason")).value = "改分";
    const edited = join(dir, "审定后修改.xlsx");
    writeFileSync(edited, new Uint8Array(await wb.xlsx.writeBuffer()));
    const v = await cli(["verify", edited]);
    expectExit(v, 1);
    expectNoStack(v);
    expect(v.stdout, show(v)).toContain("以下 2 个单元格被修改");
    expect(v.stdout).toContain(`宣教部!${ref(r, c)}`);
    expect(v.stdout).toContain(`宣教部!${ref(r, columnOf("宣教部", "B01", "reason"))}`);
  });

  it("never overwrites: an existing --out or --out = FILE → exit 2; --force replaces", async () => {
    const kept = sha256(approved);
    const [again, same] = await Promise.all([
      cli(["approve", file, "--by", "党组会", "--out", approved]),
      cli(["approve", file, "--by", "党组会", "--out", file]),
    ]);
    expectExit(again, 2);
    expect(again.stderr).toContain("已存在");
    expectExit(same, 2);
    expect(sha256(approved)).toBe(kept);
    expect(sha256(file)).toBe(before);
    const forced = await cli(["approve", file, "--by", "党组会", "--date", "2025年1月21日", "--out", approved, "--force"]);
    expectExit(forced, 0);
    expect(forced.stdout).toContain("2025-01-21");
  });

  it("usage: no --by, or a --date that is not a date → exit 2, nothing written", async () => {
    const out = join(dir, "X.xlsx");
    const [noBy, badDate] = await Promise.all([
      cli(["approve", file, "--out", out]),
      cli(["approve", file, "--by", "党组会", "--date", "下周一", "--out", out]),
    ]);
    expectExit(noBy, 2);
    expect(noBy.stderr).toContain("缺少 --by");
    expectExit(badDate, 2);
    expect(badDate.stderr).toContain("不是日期");
    expect(gone(out)).toBe(true);
  });

  it("a workbook with errors is not approved: exit 1, nothing written", async () => {
    const { dir: d, file: f } = await mutated((wb) => {
      const ws = sheet(wb, "宣教部");
      ws.getCell(rowOf(ws, "渝中区"), columnOf("宣教部", "B01", "score")).value = "abc";
    });
    const out = join(d, "审定.xlsx");
    const r = await cli(["approve", f, "--by", "党组会", "--out", out]);
    expectExit(r, 1);
    expect(r.stdout).toContain("不能审定");
    expect(gone(out)).toBe(true);
  });
});
