/**
 * `evalsheet collect` given a workbook that is not one of ours — someone's own spreadsheet from the
 * second robustness corpus (../shared/corpus/xlsx2) — refuses it by name and writes nothing, as a
 * department file and as the master. (It used to skip the first silently and re-save the second.)
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, cli, expectExit, expectNoStack, gone, scratchDir, sha256 } from "./helpers";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/xlsx2/", import.meta.url));
const present = existsSync(CORPUS);

describe.skipIf(!present)("collect refuses foreign workbooks", () => {
  let dir = "";
  let master = "";
  let dept = "";
  const foreign = (name: string) => {
    const to = join(dir, name);
    copyFileSync(join(CORPUS, name), to);
    return to;
  };

  beforeAll(async () => {
    dir = scratchDir();
    master = join(dir, "主表.xlsx");
    dept = join(dir, "宣教部.xlsx");
    const made = await Promise.all([
      cli(["template", "--out", master]),
      cli(["template", "--sample", "--department", "宣教部", "--out", dept]),
    ]);
    for (const r of made) expectExit(r, 0);
  });

  it.each(["c_pivots.xlsx", "um_google_cjk.xlsx"])("%s given as a department file → exit 1 naming it, nothing written", async (name) => {
    const file = foreign(name);
    const out = join(dir, `out-${name}`);
    const before = sha256(master);
    const r = await cli(["collect", master, dept, file, "--out", out]);
    expectExit(r, 1);
    expectNoStack(r);
    expect(r.stdout).toContain(`「${name}」不是本方案的部室填报表`);
    // The good department file beside it is not the one blamed.
    expect(r.stdout).not.toContain("「宣教部.xlsx」不是");
    expect(gone(out)).toBe(true);
    expect(sha256(master)).toBe(before);
  });

  it("the English message names the file and what it is not", () => {
    const file = foreign("c_pivots.xlsx");
    const out = join(dir, "en.xlsx");
    const r = spawnSync(process.execPath, [BIN, "collect", master, file, "--out", out], { env: { ...process.env, EVALSHEET_LANG: "en" }, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('"c_pivots.xlsx" is not a department file of this scheme');
    expect(gone(out)).toBe(true);
  });

  it.each(["c_pivots.xlsx", "um_google_cjk.xlsx"])("%s given as the master (with an unfilled department file) → exit 1, nothing written", async (name) => {
    const file = foreign(name);
    const blank = join(dir, "空白宣教部.xlsx");
    if (!existsSync(blank)) expectExit(await cli(["template", "--department", "宣教部", "--out", blank]), 0);
    const out = join(dir, `master-${name}`);
    const before = sha256(file);
    const r = await cli(["collect", file, blank, "--out", out]);
    expectExit(r, 1);
    expectNoStack(r);
    expect(r.stdout).toContain(`主表「${name}」不是评价工作簿`);
    expect(gone(out)).toBe(true);
    expect(sha256(file)).toBe(before);
  });
});
