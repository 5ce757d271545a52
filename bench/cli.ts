// The CLI as people run it: whole processes (node start-up included), beside LibreOffice
// recalculating the very files the CLI wrote, in one run so the ratios share the machine's load.
// Figures only; nothing asserted. Alone: `node --import tsx bench/cli.ts`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { builtinScheme } from "../src/scheme/load";
import { nodeCodec } from "../src/adapters/xlsx/nodeCodec";
import { useCodec } from "../src/adapters/xlsx/zipPackage";
import { preflight } from "../src/adapters/xlsx/preflight";
import { openXlsx } from "../src/adapters/xlsx/openXlsx";
import { planParts } from "../src/adapters/xlsx/planXml";
import { spliceSheets } from "../src/adapters/xlsx/splice";
import { readWorkbook } from "../src/validate/validate";
import { aggregatePlan } from "../src/report/aggregate";

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
    return newer.length === 0 ? "built JavaScript" : `TypeScript through tsx: ${newer.length} source(s) newer than dist-cli (figures below are not the built CLI's)`;
  } catch {
    return "TypeScript through tsx: no dist-cli";
  }
}

/** One LibreOffice recalculation of `file` (ms), or why there is none. */
function libreOffice(dir: string, file: string): number | string {
  if (!spawnSync("sh", ["-c", "command -v soffice"], { encoding: "utf8" }).stdout.trim()) return "skipped: soffice not installed";
  const t = performance.now();
  const lo = spawnSync("bash", ["scripts/lo-recalc.sh", join(dir, "lo"), file], { encoding: "utf8" });
  const took = performance.now() - t;
  return lo.status === 0 ? took : `failed: ${lo.stderr.trim()}`;
}

const beside = (lo: number | string, cli: number) => (typeof lo === "string" ? lo : `${ms(lo)} — the CLI ×${(lo / cli).toFixed(1)} faster`);

/**
 * Where an aggregate's time goes, in this (warm) process, with the CLI's zip codec: read (unzip and
 * checks, exceljs' parse, the 2-D snapshot), validate and evaluate, the write plan, the plan's
 * sheets as XML, and the splice into the input's package with the zip written.
 */
async function phases(file: string): Promise<string> {
  useCodec(nodeCodec);
  try {
    const bytes = new Uint8Array(readFileSync(file));
    const out: string[] = [];
    const lap = async <T>(label: string, f: () => Promise<T> | T): Promise<T> => {
      const t = performance.now();
      const r = await f();
      out.push(`${label} ${ms(performance.now() - t)}`);
      return r;
    };
    await lap("unzip + checks", () => preflight(bytes, "bench.xlsx"));
    const opened = await lap("open (unzip + checks + exceljs parse + snapshot)", () => openXlsx(bytes, "bench.xlsx"));
    if (!opened.ok) return "unreadable";
    const reading = await lap("validate + evaluate", () => readWorkbook(opened.snapshot));
    if (!reading.ok) return "invalid";
    const plan = await lap("plan", () => aggregatePlan(reading));
    const sheets = await lap("plan's sheets as XML", () => planParts(plan));
    if (!sheets) return "plan needs exceljs";
    await lap("splice + zip", () => spliceSheets(bytes, sheets, plan.sheets.map((s) => s.name), plan.placement));
    return out.join(" · ");
  } finally {
    useCodec(null);
  }
}

export async function cliBenches(dir: string, demoIn: string): Promise<[string, string][]> {
  const rows: [string, string][] = [];
  spawnSync(process.execPath, ["scripts/build-cli.mjs"], { encoding: "utf8" });
  rows.push(["CLI runs", whatRuns()]);
  rows.push(["machine load (1-minute average, 2 cores) at the start of the CLI figures", loadavg()[0]!.toFixed(1)]);
  const node = median(Array.from({ length: 7 }, () => run(process.execPath, ["-e", "0"])));
  const help = median(Array.from({ length: 7 }, () => evalsheet(["--help"])));
  rows.push(["node itself, `node -e 0` (median of 7)", ms(node)]);
  rows.push(["CLI `evalsheet --help`, whole process (median of 7)", `${ms(help)} — ${ms(help - node)} over bare node (×${(help / node).toFixed(2)})`]);

  const demoOut = join(dir, "demo.xlsx");
  const demo = median(Array.from({ length: 3 }, () => evalsheet(["aggregate", demoIn, "--out", demoOut, "--json", join(dir, "r.json")])));
  rows.push(["CLI aggregate of the demo workbook (41 units), whole process (median of 3)", ms(demo)]);
  rows.push(["LibreOffice headless recalculation of that demo.xlsx (one run, start-up included)", beside(libreOffice(dir, demoOut), demo)]);
  rows.push(["  where an aggregate of the demo goes (in process, warm)", await phases(demoIn)]);

  // 3,000 units: the built-in scheme's rules over 3,000 units in its four groups, sample-filled.
  const base = builtinScheme();
  const bigScheme = join(dir, "scheme-3000.json");
  writeFileSync(bigScheme, JSON.stringify({ ...base, id: "bench-3000", units: Array.from({ length: 3000 }, (_, i) => ({ name: `单位${i + 1}`, group: base.groups[i % base.groups.length]!.id, aliases: [] })) }));
  const bigIn = join(dir, "in-3000.xlsx");
  const bigOut = join(dir, "out-3000.xlsx");
  evalsheet(["template", "--sample", "--scheme", bigScheme, "--year", String(base.year), "--out", bigIn]);
  const large = evalsheet(["aggregate", bigIn, "--out", bigOut]);
  rows.push(["CLI aggregate of a 3,000-unit workbook, whole process (one run)", ms(large)]);
  rows.push(["LibreOffice headless recalculation of that 3,000-unit output (one run, start-up included)", beside(libreOffice(dir, bigOut), large)]);
  rows.push(["  where an aggregate of 3,000 units goes (in process, warm)", await phases(bigIn)]);
  rows.push(["machine load at the end of the CLI figures", loadavg()[0]!.toFixed(1)]);
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = mkdtempSync(join(tmpdir(), "evalsheet-bench-cli-"));
  const demoIn = join(dir, "demo-input.xlsx");
  evalsheet(["template", "--sample", "--out", demoIn]);
  const rows = await cliBenches(dir, demoIn);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}
