/**
 * A repeated problem through the real CLI: 100 junk rows on 综合评估, each an unknown unit. People
 * see 20 of them and one line with the other 80 and their cells; `--json` (validate's output and
 * aggregate's result.json) keeps all 100.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SHEETS } from "../../src/layout/names";
import { COMPOSITE } from "../../src/layout/otherSheets";
import type { ResultJson } from "../../src/report/resultJson";
import { cli, expectExit, jsonDiagnostics, mutated, sheet, show } from "./helpers";

const JUNK = 100;

async function junkWorkbook() {
  let first = 0;
  const made = await mutated((wb) => {
    const ws = sheet(wb, SHEETS.composite);
    first = ws.rowCount + 1;
    for (let i = 0; i < JUNK; i++) ws.getCell(first + i, COMPOSITE.cols.unit + 1).value = `垃圾行${i + 1}`;
  });
  return { ...made, first };
}

const unknownLines = (stdout: string) => stdout.split("\n").filter((l) => l.includes("未知区县"));

describe("repeated diagnostics in the CLI", () => {
  it("validate shows 20 unknown units, then one line with the count and the range; --json lists all 100", async () => {
    const { file, first } = await junkWorkbook();
    const [text, json] = await Promise.all([cli(["validate", file]), cli(["validate", file, "--json"])]);

    expectExit(text, 1);
    const shown = unknownLines(text.stdout);
    expect(shown, show(text)).toHaveLength(20);
    shown.forEach((line, i) => expect(line).toContain(`综合评估!C${first + i}  `));
    const summary = `✖ 综合评估  另有 80 处同类错误（综合评估!C${first + 20}:C${first + JUNK - 1}），处理方法同上。`;
    expect(text.stdout.split("\n"), show(text)).toContain(summary);
    // The summary stands right after the 20th, and the count line still counts every error.
    const lines = text.stdout.split("\n");
    expect(lines[lines.indexOf(shown[19]!) + 1]).toBe(summary);

    expectExit(json, 1);
    const all = jsonDiagnostics(json);
    expect(text.stdout).toContain(`${all.filter((d) => d.severity === "error").length} 错误`);
    const unknown = all.filter((d) => d.code === "unit.unknown");
    expect(unknown.map((d) => `${d.sheet}!${d.cell}`)).toEqual(Array.from({ length: JUNK }, (_, i) => `综合评估!C${first + i}`));
  });

  it("aggregate prints the grouped lines, and its result.json (--force) keeps every item", async () => {
    const { dir, file, first } = await junkWorkbook();
    const res = await cli(["aggregate", file, "--out", join(dir, "OUT.xlsx"), "--json", join(dir, "R.json"), "--force"]);
    expectExit(res, 1);
    expect(unknownLines(res.stdout), show(res)).toHaveLength(20);
    expect(res.stdout).toContain(`另有 80 处同类错误（综合评估!C${first + 20}:C${first + JUNK - 1}）`);
    const result = JSON.parse(readFileSync(join(dir, "R.json"), "utf8")) as ResultJson;
    expect(result.diagnostics.filter((d) => d.code === "unit.unknown")).toHaveLength(JUNK);
  });
});
