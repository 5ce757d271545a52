// npm run bench — prints figures; asserts nothing. Timings are medians of repeated runs on this machine.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { evaluate } from "../src/engine/evaluate";
import { openXlsx } from "../src/adapters/xlsx/openXlsx";
import { readWorkbook } from "../src/validate/validate";
import { syntheticInputs, syntheticScheme } from "./synthetic";
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

// 2. Synthetic 3,000 units × 200 indicators beside a plain array sum over the same numbers.
// The engine takes its inputs as objects (one per unit and indicator, as the reader gives them):
// merely reading each one's score is the floor for any engine over them.
const big = syntheticScheme(3000, 200);
const { inputs, raw } = syntheticInputs(big);
const engine = time(5, () => evaluate(big, inputs));
let sink = 0;
const floor = time(50, () => {
  let s = 0;
  for (let i = 0; i < raw.length; i++) s += raw[i]!;
  sink += s;
});
const walk = time(20, () => {
  for (const b of inputs.basic) {
    const v = b.values["score"];
    if (typeof v === "number") sink += v;
  }
});
const times = (x: number) => `×${(x / floor).toFixed(x / floor < 100 ? 1 : 0)}`;
rows.push(["engine, synthetic 3,000 units × 200 indicators (600,000 scores)", `${ms(engine)} (${times(engine)} the sum below)`]);
rows.push(["plain Float64Array sum of the same 600,000 numbers", ms(floor)]);
rows.push(["reading the 600,000 input objects' scores alone (the floor for object inputs)", `${ms(walk)} (${times(walk)})`]);

// 3. The CLI, whole processes, beside LibreOffice recalculating the same files.
rows.push(...cliBenches(dir, demoIn));

rows.push(...(await wpsBenches()));
rows.push(...(await extraBenches(dir)));
rows.push(...(await corpusBenches()));

const width = Math.max(...rows.map(([k]) => k.length));
console.log(`evalsheet bench — node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
writeFileSync(join(dir, "sink.txt"), String(sink));
