/**
 * `evalsheet collect`: department files filled separately come back into a copy of the master.
 * Generated with the real `template` command, collected with the real `collect` command.
 */
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { departmentLayout } from "../../src/layout/department";
import { rowOf } from "../support/workbooks";
import { cli, scratchDir, columnOf, load, type CliResult, expectExit, expectNoStack, gone, scheme, sha256, sheet, show } from "./helpers";

const MISSING = ["发展部", "家儿部", "维权部", "妇儿工委办", "组联部"];
const UNITS = ["渝中区", "忠县", "石柱县", "西部科学城重庆高新区"];

/** Every input cell (scores, measures, reasons) of `units` on a department sheet, keyed "unit|col". */
function inputs(wb: ExcelJS.Workbook, department: string, units = UNITS): Record<string, unknown> {
  const layout = departmentLayout(scheme, department);
  const ws = sheet(wb, department);
  const cols = layout.blocks.flatMap((b) => [...b.columns.map((c) => c.col + 1), b.reasonCol + 1]);
  const out: Record<string, unknown> = {};
  for (const u of units) {
    const r = rowOf(ws, u, layout.unitCol + 1);
    for (const c of cols) out[`${u}|${c}`] = ws.getCell(r, c).value;
  }
  return out;
}

describe("collect", () => {
  let dir = "";
  let master = "";
  let d1 = "";
  let d2 = "";
  let masterSha = "";
  /** collect MASTER D1 D2 --out OUT, run once. */
  let first: CliResult;
  const out = () => join(dir, "OUT.xlsx");

  beforeAll(async () => {
    dir = scratchDir();
    master = join(dir, "MASTER.xlsx");
    d1 = join(dir, "D1.xlsx");
    d2 = join(dir, "D2.xlsx");
    const made = await Promise.all([
      cli(["template", "--out", master]),
      cli(["template", "--sample", "--department", "宣教部", "--out", d1]),
      cli(["template", "--sample", "--department", "办公室", "--out", d2]),
    ]);
    for (const r of made) expectExit(r, 0);
    masterSha = sha256(master);
    first = await cli(["collect", master, d1, d2, "--out", out()]);
  });

  it("brings 宣教部 and 办公室 into OUT (exit 0) and leaves MASTER's bytes alone", async () => {
    expectExit(first, 0);
    expectNoStack(first);
    expect(first.stdout).toMatch(/导入“宣教部”：来自「D1\.xlsx」/);
    expect(first.stdout).toMatch(/导入“办公室”：来自「D2\.xlsx」/);
    expect(sha256(master)).toBe(masterSha);

    const [o, w1, w2, m] = await Promise.all([load(out()), load(d1), load(d2), load(master)]);
    const want1 = inputs(w1, "宣教部");
    expect(Object.values(want1).filter((v) => v !== null).length).toBeGreaterThan(0);
    expect(inputs(o, "宣教部")).toEqual(want1);
    expect(inputs(o, "办公室")).toEqual(inputs(w2, "办公室"));
    // Spot checks by address, independent of the helper above.
    const c = columnOf("宣教部", "B02", "score");
    for (const u of ["渝中区", "巫山县"]) {
      const want = sheet(w1, "宣教部").getCell(rowOf(sheet(w1, "宣教部"), u), c).value;
      expect(typeof want).toBe("number");
      expect(sheet(o, "宣教部").getCell(rowOf(sheet(o, "宣教部"), u), c).value).toBe(want);
    }
    // Departments nobody sent stay as blank as in the master.
    for (const d of MISSING) expect(inputs(o, d)).toEqual(inputs(m, d));
    expect(Object.values(inputs(o, "发展部")).every((v) => v === null)).toBe(true);
  });

  // Regression: group rows carry hints (maxima, 是/否) in the input columns; they are not input.
  it("lists the departments still missing and does not claim the blank master had data", () => {
    expectExit(first, 0);
    expect(first.stdout, show(first)).toContain(`尚未提交的部室：${MISSING.join("、")}`);
    expect(first.stdout).not.toContain("所有部室均已提交");
    expect(first.stdout).not.toContain("已有数据");
  });

  it("a second 宣教部 file with one different score → exit 1 naming both files, nothing written", async () => {
    const wb = await load(d1);
    const ws = sheet(wb, "宣教部");
    const c = columnOf("宣教部", "B01", "score");
    const r = rowOf(ws, "渝中区");
    const old = ws.getCell(r, c).value as number;
    ws.getCell(r, c).value = old === 3 ? 2.5 : 3;
    const d1b = join(dir, "宣教部-修改.xlsx");
    writeFileSync(d1b, new Uint8Array(await wb.xlsx.writeBuffer()));

    const o = join(dir, "OUT-conflict.xlsx");
    const res = await cli(["collect", master, d1, d1b, d2, "--out", o]);
    expectExit(res, 1);
    expectNoStack(res);
    expect(res.stdout, show(res)).toContain("「D1.xlsx」");
    expect(res.stdout).toContain("「宣教部-修改.xlsx」");
    expect(res.stdout).toMatch(/✖ 宣教部 .*数值不同/);
    expect(gone(o)).toBe(true);
    expect(sha256(master)).toBe(masterSha);
  });

  it("an identical duplicate of a department file is accepted", async () => {
    const copy = join(dir, "D1-副本.xlsx");
    copyFileSync(d1, copy);
    const o = join(dir, "OUT-dup.xlsx");
    const res = await cli(["collect", master, d1, copy, d2, "--out", o]);
    expectExit(res, 0);
    expect(res.stdout, show(res)).not.toContain("✖");
    const [got, w1] = await Promise.all([load(o), load(d1)]);
    expect(inputs(got, "宣教部")).toEqual(inputs(w1, "宣教部"));
    expect(sha256(master)).toBe(masterSha);
  });

  // Regression: an unfilled department file is not a submission.
  it("an unfilled department file next to the filled one is ignored", async () => {
    const blank = join(dir, "宣教部-空白.xlsx");
    expectExit(await cli(["template", "--department", "宣教部", "--out", blank]), 0);
    const o = join(dir, "OUT-blank.xlsx");
    const res = await cli(["collect", master, d1, blank, "--out", o]);
    expectExit(res, 0);
    const [got, w1] = await Promise.all([load(o), load(d1)]);
    expect(inputs(got, "宣教部")).toEqual(inputs(w1, "宣教部"));
  });

  it("a department file made for another year or another scheme → exit 1 naming the file, both years and both scheme ids; nothing written", async () => {
    const m25 = join(dir, "主表2025.xlsx");
    const d24 = join(dir, "宣教部2024.xlsx");
    const other = join(dir, "other.json");
    const dOther = join(dir, "宣教部-他方案.xlsx");
    writeFileSync(other, JSON.stringify({ ...JSON.parse(JSON.stringify(scheme)), id: "cq-2024-区县版" }));
    const made = await Promise.all([
      cli(["template", "--year", "2025", "--out", m25]),
      cli(["template", "--year", "2024", "--sample", "--department", "宣教部", "--out", d24]),
      cli(["template", "--year", "2025", "--scheme", other, "--sample", "--department", "宣教部", "--out", dOther]),
    ]);
    for (const r of made) expectExit(r, 0);
    const before = sha256(m25);
    const o1 = join(dir, "OUT-2024.xlsx");
    const o2 = join(dir, "OUT-other.xlsx");
    const [year, id] = await Promise.all([cli(["collect", m25, d24, "--out", o1]), cli(["collect", m25, dOther, "--out", o2])]);
    expectExit(year, 1);
    expectNoStack(year);
    expect(year.stdout, show(year)).toContain("「宣教部2024.xlsx」是按评价方案 cq-2024（2024 年度）生成的，主表是评价方案 cq-2024（2025 年度）");
    expectExit(id, 1);
    expect(id.stdout, show(id)).toContain("「宣教部-他方案.xlsx」是按评价方案 cq-2024-区县版（2025 年度）生成的，主表是评价方案 cq-2024（2025 年度）");
    expect(gone(o1) && gone(o2)).toBe(true);
    expect(sha256(m25)).toBe(before);
  });
});
