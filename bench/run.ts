// npm run bench — prints figures; asserts nothing. Timings are of repeated runs on this machine: best and median where both are printed, else the median; the load average is printed beside them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { evaluate } from "../src/engine/evaluate";
import { openXlsx } from "../src/adapters/xlsx/openXlsx";
import { readWorkbook } from "../src/validate/validate";
import { syntheticColumnarInputs, syntheticInputs, syntheticScheme, syntheticScores } from "./synthetic";
import { basicScores, fastPlan, results } from "../src/engine/evaluateFast";
import { unitComponents } from "../src/engine/fastComponents";
import { unitPlaces } from "../src/engine/fastPlaces";
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

/**
 * Median and best of each job over `n` rounds, each round running every job once in turn: on a
 * machine shared with other jobs the best shows the code's own cost, and load that comes and
 * goes falls on every job alike.
 */
function rounds(n: number, jobs: Record<string, () => unknown>): Record<string, { median: number; best: number; cpu: number }> {
  const ts = Object.fromEntries(Object.keys(jobs).map((k) => [k, [] as number[]]));
  const cpu = Object.fromEntries(Object.keys(jobs).map((k) => [k, [] as number[]]));
  for (const f of Object.values(jobs)) f(); // warm up
  for (let r = 0; r < n; r++) {
    for (const [k, f] of Object.entries(jobs)) {
      const c = process.cpuUsage();
      const t = performance.now();
      f();
      ts[k]!.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu[k]!.push((used.user + used.system) / 1000);
    }
  }
  return Object.fromEntries(Object.entries(ts).map(([k, xs]) => [k, { median: median(xs), best: Math.min(...xs), cpu: median(cpu[k]!) }]));
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
// run. "engine" is evaluate() whole: compiling the scheme for the fast path, basic scoring, the
// per-unit components (cases, 综合评估, bonus with its caps, penalty) and totals, ranks, tiers and
// the 3,000 result objects (indicators and explanations built only when read, so not here) —
// not the read, and not the scheme's parsing. From columns is what the reader gives it
// (src/engine/columns.ts); from objects is the same inputs as one IndicatorInput per score, as
// before. The sum, the engine and each of its phases (src/engine/evaluateFast.ts) are timed in
// the same rounds, one after the other, so a burst of load from other jobs falls on all of them;
// best and median of the rounds, and the load average before and after.
const big = syntheticScheme(3000, 200);
const raw = syntheticScores(big);
const columnar = syntheticColumnarInputs(big, raw);
let sink = 0;
const plan = fastPlan(big)!;
const scored = basicScores(big, plan, columnar)!;
const components = unitComponents(big, plan.units, columnar, scored.sums)!;
const places = unitPlaces(big, components.total);
const loadBefore = loadavg()[0]!;
const sum = () => {
  let s = 0;
  for (let i = 0; i < raw.length; i++) s += raw[i]!;
  sink += s;
};
const engineRounds = rounds(40, {
  sum,
  engine: () => evaluate(big, columnar),
  // the plan's compiled indicators are built on first use: here, not in the basic scores below
  plan: () => {
    const p = fastPlan(big)!;
    for (const g of big.groups) p.basic.forGroup(g.id);
  },
  basic: () => basicScores(big, plan, columnar),
  components: () => unitComponents(big, plan.units, columnar, scored.sums),
  places: () => unitPlaces(big, components.total),
  results: () => results(big, columnar, scored, components, places),
});
const load = `load ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`;
// Before the 600,000 objects below exist, as the engine above.
const beforeRows = await engineBefore(process.argv.indexOf("--engine-before"));
const floorBoth = engineRounds["sum"]!;
const floor = floorBoth.median;
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
const both = (x: { median: number; best: number }) => `best ${ms(x.best)} (${times(x.best, floorBoth.best)}); median ${ms(x.median)} (${times(x.median)})`;
const phase = (label: string, key: string) => rows.push([`  phase: ${label}`, both(engineRounds[key]!)]);
rows.push(["engine from columns, synthetic 3,000 units × 200 indicators (600,000 scores)", `${both(engineRounds["engine"]!)} — ratios to the sum below; ${load}`]);
rows.push(["plain Float64Array sum of the same 600,000 numbers", `best ${ms(floorBoth.best)}; median ${ms(floor)} (40 rounds with the engine and its phases)`]);
// Wall time stretches when other jobs take the cores; CPU time (this process, every thread: GC's
// helpers too; µs resolution) is the code's own.
rows.push(["  CPU time, median of the same rounds: engine / sum", `${ms(engineRounds["engine"]!.cpu)} / ${ms(floorBoth.cpu)} (×${(engineRounds["engine"]!.cpu / floorBoth.cpu).toFixed(1)})`]);
phase("the scheme compiled for the fast path (fastPlan)", "plan");
phase("basic scores from the columns, 600,000 (basicScores)", "basic");
phase("cases, 综合评估, bonus and caps, penalty, totals (unitComponents)", "components");
phase("group and overall ranks, tiers (unitPlaces)", "places");
phase("3,000 result objects (results)", "results");
rows.push(["engine from columns, 600,000 input objects alive in the heap", `${ms(fromColumnsAmidObjects)} (${times(fromColumnsAmidObjects)})`]);
rows.push(["engine from objects, the same inputs as 600,000 IndicatorInputs (before)", `${ms(fromObjects)} (${times(fromObjects)})`]);
rows.push(["reading the 600,000 input objects' scores alone (the floor for object inputs)", `${ms(walk)} (${times(walk)})`]);
rows.push(...beforeRows);

/**
 * `npm run bench -- --engine --engine-before DIR`: an earlier tree's engine (DIR holds its src/
 * and bench/, e.g. `git archive <commit> src bench | tar -x -C DIR` with node_modules linked in)
 * beside this one, each on its own tree's synthetic columns, in the same rounds as the sum.
 */
async function engineBefore(at: number): Promise<[string, string][]> {
  if (at < 0) return [];
  const root = resolve(process.argv[at + 1]!);
  const old = (await import(join(root, "src/engine/evaluate.ts"))) as typeof import("../src/engine/evaluate");
  const oldSynthetic = (await import(join(root, "bench/synthetic.ts"))) as typeof import("./synthetic");
  const oldBig = oldSynthetic.syntheticScheme(3000, 200);
  const oldColumnar = oldSynthetic.syntheticColumnarInputs(oldBig, oldSynthetic.syntheticScores(oldBig));
  const from = loadavg()[0]!;
  const r = rounds(40, { sum, before: () => old.evaluate(oldBig, oldColumnar), now: () => evaluate(big, columnar) });
  const vs = (x: { median: number; best: number }) => `best ${ms(x.best)} (×${(x.best / r["sum"]!.best).toFixed(1)}); median ${ms(x.median)} (×${(x.median / r["sum"]!.median).toFixed(1)})`;
  const loadNow = `load ${from.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`;
  return [
    [`engine from columns, before (${root})`, `${vs(r["before"]!)}; ${loadNow}`],
    ["engine from columns, now, in the same rounds", vs(r["now"]!)],
    ["plain Float64Array sum in those rounds", `best ${ms(r["sum"]!.best)}; median ${ms(r["sum"]!.median)}`],
  ];
}

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
