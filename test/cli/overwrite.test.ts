import { describe, expect, it } from "vitest";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { cli, expectExit, expectNoStack, scratchDir, sha256, show } from "./helpers";

/** Nothing the user typed is overwritten: an existing --out is refused unless it is ours or --force. */
describe("existing output files", () => {
  it("template and collect refuse an existing --out (exit 2, file unchanged) unless --force", async () => {
    const dir = scratchDir();
    const filled = join(dir, "已填写.xlsx");
    expectExit(await cli(["template", "--sample", "--out", filled]), 0);
    const before = sha256(filled);
    const refused = await cli(["template", "--out", filled]);
    expectExit(refused, 2);
    expectNoStack(refused);
    expect(refused.stderr, show(refused)).toContain("已存在");
    expect(sha256(filled)).toBe(before);
    const master = join(dir, "master.xlsx");
    expectExit(await cli(["template", "--out", master]), 0);
    expectExit(await cli(["collect", master, filled, "--out", filled.replace("已填写", "另一个")]), 0);
    const collectRefused = await cli(["collect", master, filled, "--out", master.replace("master", "另一个")]);
    expectExit(collectRefused, 2);
    expectExit(await cli(["template", "--out", filled, "--force"]), 0);
    expect(sha256(filled)).not.toBe(before);
  });

  it("aggregate replaces its own earlier output but refuses any other existing file", async () => {
    const dir = scratchDir();
    const input = join(dir, "in.xlsx");
    const out = join(dir, "out.xlsx");
    expectExit(await cli(["template", "--sample", "--out", input]), 0);
    expectExit(await cli(["aggregate", input, "--out", out]), 0);
    expectExit(await cli(["aggregate", input, "--out", out]), 0);
    const someone = join(dir, "someone.xlsx");
    copyFileSync(input, someone);
    const before = sha256(someone);
    const refused = await cli(["aggregate", input, "--out", someone]);
    expectExit(refused, 2);
    expect(sha256(someone)).toBe(before);
  });
});
