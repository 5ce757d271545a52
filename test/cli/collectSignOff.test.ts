/**
 * `collect` and 部室审定: the sign-off travels with the scores, and a department file brought back
 * without it is reported ("经分管领导审定后，交办公室汇总").
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SIGN_OFF } from "../../src/layout/department";
import { cli, expectExit, load, scratchDir, sheet, show } from "./helpers";

function signOffValue(ws: ReturnType<typeof sheet>, label: string): unknown {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === label) return ws.getCell(r, 3).value;
  throw new Error(`${label} not found on ${ws.name}`);
}

describe("collect carries and checks 部室审定", () => {
  let dir = "";
  let master = "";
  let signed = "";
  let unsigned = "";
  beforeAll(async () => {
    dir = scratchDir();
    master = join(dir, "MASTER.xlsx");
    signed = join(dir, "宣教部.xlsx");
    unsigned = join(dir, "办公室.xlsx");
    const made = await Promise.all([
      cli(["template", "--out", master]),
      cli(["template", "--sample", "--department", "宣教部", "--out", signed]),
      cli(["template", "--sample", "--department", "办公室", "--out", unsigned]),
    ]);
    for (const r of made) expectExit(r, 0);
    const wb = await load(unsigned);
    const ws = sheet(wb, "办公室");
    for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === SIGN_OFF.fields[1].label) ws.getCell(r, 3).value = null;
    writeFileSync(unsigned, new Uint8Array(await wb.xlsx.writeBuffer()));
  });

  it("copies 评分人, 分管领导审定 and 审定日期 into the output, and warns about the department without its leader's approval", async () => {
    const out = join(dir, "OUT.xlsx");
    const r = await cli(["collect", master, signed, unsigned, "--out", out]);
    expectExit(r, 0);
    expect(r.stdout, show(r)).toMatch(/「办公室\.xlsx」的“办公室”尚未经分管领导审定（分管领导审定未填）/);
    expect(r.stdout).not.toMatch(/「宣教部\.xlsx」的“宣教部”尚未经分管领导审定/);
    const o = await load(out);
    expect(signOffValue(sheet(o, "宣教部"), "评分人")).toBe("张敏");
    expect(signOffValue(sheet(o, "宣教部"), "分管领导审定")).toBe("李华");
    expect(signOffValue(sheet(o, "宣教部"), "审定日期")).toBeInstanceOf(Date);
    expect(signOffValue(sheet(o, "办公室"), "分管领导审定")).toBeNull();
  });
});
