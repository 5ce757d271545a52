// The CLI as people run it: whole processes (node start-up included), beside LibreOffice
// recalculating the very files the CLI wrote. Figures only; nothing asserted.
import { spawnSync } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { builtinScheme } from "../src/scheme/load";

const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Wall time of one process, which must succeed. */
function run(command: string, args: string[]): number {
  const t = performance.now();
  const r = spawnSync(command, args, { encoding: "utf8" });
  const took = performance.now() - t;
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${r.stdout}${r.stderr}`);
  return took;
}

const evalsheet = (args: string[]) => run(process.execPath, ["bin/evalsheet.js", ...args]);

/** What bin/evalsheet.js will run: the built JavaScript while no source is newer than it (its own rule). */
function whatRuns(): string {
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync("dist-cli/inputs.json", "utf8")) as { builtAt: number; inputs: string[] };
    const newer = inputs.filter((p) => statSync(p).mtimeMs >= builtAt);
    return newer.length === 0 ? "built JavaScript" : `TypeScript through tsx: ${newer.length} source(s) newer than dist-cli`;
  } catch {
    return "TypeScript through tsx: no dist-cli";
  }
}

/** One LibreOffice recalculation of `file`, beside the CLI's `cli` ms on the same workbook. */
function libreOffice(dir: string, file: string, cli: number): string {
  if (!spawnSync("sh", ["-c", "command -v soffice"], { encoding: "utf8" }).stdout.trim()) return "skipped: soffice not installed";
  const t = performance.now();
  const lo = spawnSync("bash", ["scripts/lo-recalc.sh", join(dir, "lo"), file], { encoding: "utf8" });
  const took = performance.now() - t;
  return lo.status === 0 ? `${ms(took)} (the CLI ×${(took / cli).toFixed(1)} faster)` : `failed: ${lo.stderr.trim()}`;
}

export function cliBenches(dir: string, demoIn: string): [string, string][] {
  const rows: [string, string][] = [];
  spawnSync(process.execPath, ["scripts/build-cli.mjs"], { encoding: "utf8" });
  rows.push(["CLI runs", whatRuns()]);
  rows.push(["node itself, `node -e 0` (median of 5)", ms(median(Array.from({ length: 5 }, () => run(process.execPath, ["-e", "0"]))))]);
  rows.push(["CLI `evalsheet --help`, whole process (median of 5)", ms(median(Array.from({ length: 5 }, () => evalsheet(["--help"]))))]);

  const demoOut = join(dir, "demo.xlsx");
  const demo = median(Array.from({ length: 3 }, () => evalsheet(["aggregate", demoIn, "--out", demoOut, "--json", join(dir, "r.json")])));
  rows.push(["CLI aggregate of the demo workbook (41 units), whole process (median of 3)", ms(demo)]);
  rows.push(["LibreOffice headless recalculation of that demo.xlsx (one run, start-up included)", libreOffice(dir, demoOut, demo)]);

  // 3,000 units: the built-in scheme's rules over 3,000 units in its four groups, sample-filled.
  const base = builtinScheme();
  const bigScheme = join(dir, "scheme-3000.json");
  writeFileSync(bigScheme, JSON.stringify({ ...base, id: "bench-3000", units: Array.from({ length: 3000 }, (_, i) => ({ name: `单位${i + 1}`, group: base.groups[i % base.groups.length]!.id, aliases: [] })) }));
  const bigIn = join(dir, "in-3000.xlsx");
  const bigOut = join(dir, "out-3000.xlsx");
  evalsheet(["template", "--sample", "--scheme", bigScheme, "--year", String(base.year), "--out", bigIn]);
  const large = evalsheet(["aggregate", bigIn, "--out", bigOut]);
  rows.push(["CLI aggregate of a 3,000-unit workbook, whole process (one run)", ms(large)]);
  rows.push(["LibreOffice headless recalculation of that 3,000-unit output (one run, start-up included)", libreOffice(dir, bigOut, large)]);
  return rows;
}
