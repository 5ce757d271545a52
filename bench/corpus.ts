/**
 * Reading every file of both robustness corpora (../shared/corpus/xlsx, xlsx2) as `validate` does:
 * openXlsx, then the workbook checks on what was read. Issue 14: any file up to 5 MB in seconds.
 * Prints the total, the slowest file, and `validate` on the 50,000-merge file through the CLI.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openXlsx } from "../src/adapters/xlsx/openXlsx";
import { readWorkbook } from "../src/validate/validate";

const CORPORA = ["../shared/corpus/xlsx", "../shared/corpus/xlsx2"];
const MANY_MERGES = "../shared/corpus/xlsx2/po_57893-many-merges.xlsx";

export async function corpusBenches(): Promise<[string, string][]> {
  const files = CORPORA.filter((d) => existsSync(d)).flatMap((d) => readdirSync(d).filter((f) => /\.xls[xm]$/.test(f)).map((f) => join(d, f)));
  if (files.length === 0) return [["corpus read", "skipped: ../shared/corpus not found"]];
  // CPU time beside wall time: on a shared machine the wall clock mostly measures the neighbours.
  const times: { file: string; ms: number; cpu: number }[] = [];
  let peak = 0;
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file));
    const t = performance.now();
    const c = process.cpuUsage();
    const r = await openXlsx(bytes, file);
    if (r.ok) readWorkbook(r.snapshot);
    const used = process.cpuUsage(c);
    times.push({ file, ms: performance.now() - t, cpu: (used.user + used.system) / 1000 });
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  times.sort((a, b) => b.ms - a.ms);
  const total = times.reduce((s, x) => s + x.ms, 0);
  const cpu = times.reduce((s, x) => s + x.cpu, 0);
  const slow = times
    .slice(0, 3)
    .map((x) => `${x.file.split("/").pop()} (${(statSync(x.file).size / 1e6).toFixed(1)} MB) ${(x.ms / 1000).toFixed(1)} s (CPU ${(x.cpu / 1000).toFixed(1)} s)`)
    .join("; ");
  const rows: [string, string][] = [
    [`corpus: open + check all ${files.length} files, one process`, `${(total / 1000).toFixed(1)} s (CPU ${(cpu / 1000).toFixed(1)} s), peak RSS ${(peak / 1e6).toFixed(0)} MB`],
    ["corpus: slowest files", slow],
  ];
  if (existsSync(MANY_MERGES)) {
    const t = performance.now();
    spawnSync(process.execPath, ["bin/evalsheet.js", "validate", MANY_MERGES], { encoding: "utf8" });
    rows.push(["CLI validate po_57893-many-merges.xlsx (50,000 merges; process start to exit)", `${((performance.now() - t) / 1000).toFixed(1)} s`]);
  }
  return rows;
}
