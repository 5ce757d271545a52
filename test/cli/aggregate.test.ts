/**
 * `evalsheet aggregate` through the real CLI: deterministic output, a sane RESULT.json, the input
 * untouched, output = input sheets + 汇总/基础工作得分/扣分明细, re-aggregating works, --force.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { ResultJsonSchema, type ResultJson } from "../../src/report/resultJson";
import { cli, scratchDir, columnOf, load, expectExit, expectNoStack, gone, mutated, scheme, sha256, sheet, show } from "./helpers";
import { rowOf } from "../support/workbooks";
import { OUTPUT_SHEETS as ALL_OUTPUTS } from "../../src/layout/names";

const OUTPUT_SHEETS = ["汇总", "基础工作得分", "扣分明细"];

function result(path: string): ResultJson {
  return ResultJsonSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

/** Every cell of a sheet as [address, formula, value] (value JSON, so dates/errors compare too). */
function cells(ws: ExcelJS.Worksheet): [string, string | undefined, string][] {
  const out: [string, string | undefined, string][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      out.push([cell.address, cell.formula || undefined, JSON.stringify(cell.value ?? null)]);
    });
  });
  return out;
}

function round2(x: number): number {
  return Math.round((x + Math.sign(x) * 1e-9) * 100) / 100;
}

describe("aggregate the (valid) sample", () => {
  let dir = "";
  let input = "";
  let before = "";
  const out = (n: number) => join(dir, `OUT${n}.xlsx`);
  const json = (n: number) => join(dir, `R${n}.json`);

  beforeAll(async () => {
    ({ dir, file: input } = await mutated(() => {}, "IN.xlsx"));
    before = sha256(input);
    const runs = await Promise.all([1, 2].map((n) => cli(["aggregate", input, "--out", out(n), "--json", json(n)])));
    for (const r of runs) {
      expectExit(r, 0);
      expectNoStack(r);
      expect(r.stdout).toContain("已写出汇总");
    }
  });

  it("leaves the input's bytes unchanged", () => {
    expect(sha256(input)).toBe(before);
  });

  it("writes identical 汇总 sheets (every cell's formula and value) twice", async () => {
    const [a, b] = await Promise.all([load(out(1)), load(out(2))]);
    const sa = cells(sheet(a, "汇总"));
    expect(sa.length).toBeGreaterThan(41 * 11);
    expect(sa.filter(([, f]) => f).length, "the summary is formulas").toBeGreaterThanOrEqual(41 * 8);
    expect(cells(sheet(b, "汇总"))).toEqual(sa);
    expect(cells(sheet(b, "基础工作得分"))).toEqual(cells(sheet(a, "基础工作得分")));
    expect(result(json(2))).toEqual(result(json(1)));
  });

  it("RESULT.json: 41 units, each total = round2(basic + bestPractice + composite + bonus − penalty)", () => {
    const r = result(json(1));
    expect(r.scheme).toMatchObject({ id: "cq-2024", year: 2024 });
    expect(r.units).toHaveLength(41);
    expect(r.units.map((u) => u.unit).sort()).toEqual(scheme.units.map((u) => u.name).sort());
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    for (const u of r.units) {
      const why = JSON.stringify(u);
      expect(u.total, why).toBe(round2(u.basic + u.bestPractice + u.composite + u.bonus - u.penalty));
      expect(u.basic, why).toBeGreaterThanOrEqual(0);
      expect(u.basic, why).toBeLessThanOrEqual(scheme.components.basic);
      expect(u.bestPractice, why).toBeLessThanOrEqual(scheme.components.bestPractice);
      expect(u.composite, why).toBeLessThanOrEqual(scheme.components.composite);
      expect(u.bonus, why).toBeLessThanOrEqual(scheme.components.bonusCap);
      expect(u.bonus, why).toBeLessThanOrEqual(u.bonusRaw);
      expect(u.penalty, why).toBeGreaterThanOrEqual(0);
      expect(["特优", "优", "良"]).toContain(u.tier);
      expect(u.groupRank).toBeLessThanOrEqual(scheme.units.filter((x) => x.group === u.groupId).length);
    }
    expect(new Set(r.units.map((u) => u.overallRank)).size).toBeGreaterThan(1);
  });

  it("OUT holds the input sheets plus 汇总, 基础工作得分, 扣分明细", async () => {
    const [i, o] = await Promise.all([load(input), load(out(1))]);
    const inputNames = i.worksheets.map((w) => w.name);
    const names = o.worksheets.map((w) => w.name);
    // Every input sheet, and otherwise only sheets an aggregate writes (the hidden _计算 among them).
    expect(names).toEqual(expect.arrayContaining([...inputNames, ...OUTPUT_SHEETS]));
    expect(names.filter((n) => !inputNames.includes(n) && !ALL_OUTPUTS.includes(n))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
    expect(names.slice(0, 3)).toEqual(OUTPUT_SHEETS);
    // The input sheets are copied as they were.
    for (const n of ["宣教部", "最佳实践案例", "加分扣分"]) expect(cells(sheet(o, n))).toEqual(cells(sheet(i, n)));
  });

  it("aggregating an already aggregated OUT works and still yields one 汇总", async () => {
    const r = await cli(["aggregate", out(1), "--out", out(3), "--json", json(3)]);
    expectExit(r, 0);
    const [o1, o3] = await Promise.all([load(out(1)), load(out(3))]);
    const names = o3.worksheets.map((w) => w.name);
    expect(names.filter((n) => n === "汇总")).toHaveLength(1);
    expect(names).toEqual(o1.worksheets.map((w) => w.name));
    expect(cells(sheet(o3, "汇总"))).toEqual(cells(sheet(o1, "汇总")));
    expect(result(json(3)).units).toEqual(result(json(1)).units);
  });
});

describe("aggregate: --force and the CLI's own sample", () => {
  it("--force on a workbook with an error writes OUT and RESULT.json (exit 1: the error stands)", async () => {
    const { dir, file } = await mutated((wb) => {
      const ws = sheet(wb, "宣教部");
      ws.getCell(rowOf(ws, "渝中区"), columnOf("宣教部", "B01", "score")).value = "abc";
    });
    const before = sha256(file);
    const o = join(dir, "OUT.xlsx");
    const j = join(dir, "R.json");
    const r = await cli(["aggregate", file, "--out", o, "--json", j, "--force"]);
    expectExit(r, 1);
    expectNoStack(r);
    expect(r.stdout, show(r)).toContain("--force");
    const wb = await load(o);
    expect(wb.worksheets.map((w) => w.name).slice(0, 3)).toEqual(OUTPUT_SHEETS);
    const res = result(j);
    expect(res.units).toHaveLength(41);
    expect(res.diagnostics).toContainEqual(expect.objectContaining({ severity: "error", code: "value.notNumber", sheet: "宣教部" }));
    expect(sha256(file)).toBe(before);
  });

  it("the CLI's own `template --sample` aggregates without errors (exit 0)", async () => {
    const dir = scratchDir();
    const sample = join(dir, "sample.xlsx");
    expectExit(await cli(["template", "--sample", "--out", sample]), 0);
    const r = await cli(["aggregate", sample, "--out", join(dir, "OUT.xlsx")]);
    expectExit(r, 0);
    expect(gone(join(dir, "OUT.xlsx"))).toBe(false);
  });
});
