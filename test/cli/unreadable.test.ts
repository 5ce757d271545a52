/**
 * Files the CLI cannot read, and command lines it cannot use: exit 2, one clear message, never a
 * stack trace, nothing written.
 */
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, scratchDir, expectExit, expectNoStack, gone, jsonDiagnostics, mutated, sha256, show } from "./helpers";

describe("validate on an unreadable file → exit 2, one error, no stack", () => {
  let dir = "";
  beforeAll(() => {
    dir = scratchDir();
    writeFileSync(join(dir, "text.xlsx"), "序号,区县,得分\n1,渝中区,3\n");
    writeFileSync(join(dir, "empty.xlsx"), "");
  });

  const cases: [string, string, string][] = [
    ["a path that does not exist", "missing.xlsx", "file.notFound"],
    ["a text file renamed .xlsx", "text.xlsx", "file.notZip"],
    ["an empty file", "empty.xlsx", "file.empty"],
  ];
  for (const [what, name, code] of cases) {
    it(what, async () => {
      const file = join(dir, name);
      const out = join(dir, `${name}.out.xlsx`);
      const json = join(dir, `${name}.result.json`);
      const [text, js, agg] = await Promise.all([
        cli(["validate", file]),
        cli(["validate", file, "--json"]),
        cli(["aggregate", file, "--out", out, "--json", json]),
      ]);
      for (const r of [text, js, agg]) {
        expectExit(r, 2);
        expectNoStack(r);
        expect(r.stderr, show(r)).not.toMatch(/内部错误|Internal error/);
      }
      const ds = jsonDiagnostics(js);
      expect(ds, show(js)).toHaveLength(1);
      expect(ds[0]).toMatchObject({ severity: "error", code, sheet: null, cell: null });
      expect(ds[0]!.message).toContain(name);
      // The text report: that one message and the count line.
      expect(text.stdout).toContain(ds[0]!.message);
      expect(text.stdout).toContain("1 错误");
      expect(gone(out)).toBe(true);
      expect(gone(json)).toBe(true);
    });
  }
});

describe("usage errors → exit 2 with the usage text, no stack", () => {
  let input = "";
  let dir = "";
  beforeAll(async () => {
    ({ dir, file: input } = await mutated(() => {}, "input.xlsx"));
  });

  it("no arguments", async () => {
    const r = await cli([]);
    expectExit(r, 2);
    expectNoStack(r);
    expect(r.stdout + r.stderr).toContain("用法");
  });

  it("--help is not an error", async () => {
    const r = await cli(["--help"]);
    expectExit(r, 0);
    expect(r.stdout).toContain("用法");
  });

  it("an unknown command", async () => {
    const r = await cli(["frobnicate", input]);
    expectExit(r, 2);
    expectNoStack(r);
    expect(r.stderr).toContain("未知命令“frobnicate”");
    expect(r.stderr).toContain("用法");
  });

  it("an unknown option", async () => {
    const r = await cli(["validate", input, "--verbose"]);
    expectExit(r, 2);
    expectNoStack(r);
    expect(r.stderr).toContain("用法");
  });

  it("validate with two files", async () => {
    const r = await cli(["validate", input, input]);
    expectExit(r, 2);
    expectNoStack(r);
  });

  it("aggregate without --out", async () => {
    const before = sha256(input);
    const r = await cli(["aggregate", input]);
    expectExit(r, 2);
    expectNoStack(r);
    expect(r.stderr).toContain("缺少 --out");
    expect(sha256(input)).toBe(before);
  });

  it("aggregate with --out equal to the input (also spelled differently) leaves the input alone", async () => {
    const before = sha256(input);
    const same = join(dir, "..", dir.split(/[\\/]/).pop()!, ".", "input.xlsx");
    const [a, b] = await Promise.all([cli(["aggregate", input, "--out", input]), cli(["aggregate", input, "--out", same])]);
    for (const r of [a, b]) {
      expectExit(r, 2);
      expectNoStack(r);
      expect(r.stderr).toContain("--out 不能与输入文件相同");
    }
    expect(sha256(input)).toBe(before);
  });

  it("aggregate with --json equal to the input", async () => {
    const before = sha256(input);
    const r = await cli(["aggregate", input, "--out", join(dir, "o.xlsx"), "--json", input]);
    expectExit(r, 2);
    expectNoStack(r);
    expect(gone(join(dir, "o.xlsx"))).toBe(true);
    expect(sha256(input)).toBe(before);
  });

  it("collect with --out equal to the master", async () => {
    const master = join(dir, "master.xlsx");
    copyFileSync(input, master);
    const before = sha256(master);
    const r = await cli(["collect", master, input, "--out", master]);
    expectExit(r, 2);
    expectNoStack(r);
    expect(sha256(master)).toBe(before);
  });
});
