// npm run bench — prints figures; asserts nothing. Timings are medians of repeated runs on this machine.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { evaluate } from "../src/engine/evaluate";
import { openXlsx } from "../src/adapters/xlsx/openXlsx";
import { readWorkbook } from "../src/validate/validate";
import { syntheticColumnarInputs, syntheticInputs, syntheticScheme, syntheticScores } from "./synthetic";
import { basicColumnsOf } from "../src/engine/columns";
import { basicPlan } from "../src/engine/fastBasic";
import { scoreColumns } from "../src/engine/fastColumns";
import { competitionRanksPacked } from "../src/engine/fastRank";
import { extraBenches } from "./extra";
import { wpsBenches } from "./wps";
import { cliBenches } from "./cli";
import { corpusBenches } from "./corpus";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(runs: number, f: () => unknown): number {
  f(); // warm up
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

/** Median and best of `runs`: on a machine shared with other jobs the best shows the code's own cost. */
function timeBoth(runs: number, f: () => unknown): { median: number; best: number } {
  f();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  return { median: median(ts), best: Math.min(...ts) };
}

const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;
const rows: [string, string][] = [];
const dir = mkdtempSync(join(tmpdir(), "evalsheet-bench-"));
const cli = (args: string[]) => spawnSync(process.execPath, ["bin/evalsheet.js", ...args], { encoding: "utf8" });

// 1. Engine on the real 41-unit scheme, with the demo workbook's inputs.
const demoIn = join(dir, "demo-input.xlsx");
cli(["template", "--sample", "--out", demoIn]);
const opened = await openXlsx(new Uint8Array(readFileSync(demoIn)), "demo-input.xlsx");
if (!opened.ok) throw new Error("demo workbook unreadable");
const reading = readWorkbook(opened.snapshot);
if (!reading.ok) throw new Error("demo workbook invalid");
rows.push(["engine, cq-2024 (41 units × 21 indicators, demo data)", ms(time(50, () => evaluate(reading.scheme, reading.inputs)))]);
rows.push(["validate + evaluate a read workbook (41 units)", ms(time(20, () => readWorkbook(opened.snapshot)))]);

// 2. Synthetic 3,000 units × 200 indicators beside a plain array sum over the same numbers, in one
// run. "engine" is evaluate() whole: basic scoring, the per-unit components (cases, 综合评估,
// bonus, penalty), ranks, tiers and the 3,000 result objects (indicators and explanations built
// only when read, so not here) — not the read, and not the scheme's parsing. From columns is what
// the reader gives it (src/engine/columns.ts); from objects is the same inputs as one
// IndicatorInput per score, as before. The phases below split the columnar figure.
const big = syntheticScheme(3000, 200);
const raw = syntheticScores(big);
const columnar = syntheticColumnarInputs(big, raw);
let sink = 0;
const floorBoth = timeBoth(50, () => {
  let s = 0;
  for (let i = 0; i < raw.length; i++) s += raw[i]!;
  sink += s;
});
const floor = floorBoth.median;
// Measured before the 600,000 objects exist: with them in the heap every collection the engine's
// own garbage triggers takes longer, which is the object form's cost, not the columns'.
const fromColumns = timeBoth(30, () => evaluate(big, columnar));
const plan = basicPlan(big);
const scoring = timeBoth(30, () => scoreColumns(big, plan, basicColumnsOf(columnar)!));
const totals = Float64Array.from(evaluate(big, columnar).units, (u) => Math.round(u.total * 100));
const groupOf = Int32Array.from(big.units, (u) => big.groups.findIndex((g) => g.id === u.group));
const ranking = timeBoth(30, () => [competitionRanksPacked(totals, null, 1), competitionRanksPacked(totals, groupOf, big.groups.length)]);
const { inputs } = syntheticInputs(big);
const fromObjects = time(5, () => evaluate(big, inputs));
const walk = time(20, () => {
  for (const b of inputs.basic) {
    const v = b.values["score"];
    if (typeof v === "number") sink += v;
  }
});
const fromColumnsAmidObjects = time(30, () => evaluate(big, columnar));
const times = (x: number, base = floor) => `×${(x / base).toFixed(x / base < 100 ? 1 : 0)}`;
const both = (x: { median: number; best: number }) => `${ms(x.median)} (${times(x.median)}); best ${ms(x.best)} (${times(x.best, floorBoth.best)})`;
const rest = { median: Math.max(0, fromColumns.median - scoring.median - ranking.median), best: Math.max(0, fromColumns.best - scoring.best - ranking.best) };
rows.push(["engine from columns, synthetic 3,000 units × 200 indicators (600,000 scores)", `${both(fromColumns)} — ratios to the sum below`]);
rows.push(["plain Float64Array sum of the same 600,000 numbers", `${ms(floor)}; best ${ms(floorBoth.best)}`]);
rows.push(["  of which: basic scores from the columns (600,000)", both(scoring)]);
rows.push(["  of which: group and overall ranks (3,000 totals)", both(ranking)]);
rows.push(["  the rest: plan, components, tiers, 3,000 result objects", both(rest)]);
rows.push(["engine from columns, 600,000 input objects alive in the heap", `${ms(fromColumnsAmidObjects)} (${times(fromColumnsAmidObjects)})`]);
rows.push(["engine from objects, the same inputs as 600,000 IndicatorInputs (before)", `${ms(fromObjects)} (${times(fromObjects)})`]);
rows.push(["reading the 600,000 input objects' scores alone (the floor for object inputs)", `${ms(walk)} (${times(walk)})`]);

// `npm run bench -- --engine` stops here: the engine's figures alone, in seconds.
const engineOnly = process.argv.includes("--engine");

// 3. The CLI, whole processes, beside LibreOffice recalculating the same files.
if (!engineOnly) {
  rows.push(...(await cliBenches(dir, demoIn)));

  rows.push(...(await wpsBenches()));
  rows.push(...(await extraBenches(dir)));
  rows.push(...(await corpusBenches()));
}

const width = Math.max(...rows.map(([k]) => k.length));
console.log(`evalsheet bench — node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
writeFileSync(join(dir, "sink.txt"), String(sink));
