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
import { openXlsxDirect } from "../src/adapters/xlsx/directRead";
import { planParts } from "../src/adapters/xlsx/planXml";
import { spliceSheets } from "../src/adapters/xlsx/splice";
import { readWorkbook } from "../src/validate/validate";
import { aggregatePlan } from "../src/report/aggregate";

const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const best = (xs: number[]) => Math.min(...xs);

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

/** `n` LibreOffice recalculations of `file`, or why there are none. */
function libreOfficeRuns(dir: string, file: string, n: number): number[] | string {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = libreOffice(dir, file);
    if (typeof r === "string") return r;
    out.push(r);
  }
  return out;
}

/** CLI and LibreOffice times side by side: best and median of each, and the ratios of those. */
function beside(lo: number[] | string, cli: number[]): string {
  const times = (xs: number[]) => `best ${ms(best(xs))}, median ${ms(median(xs))} (${xs.length} runs)`;
  if (typeof lo === "string") return `CLI ${times(cli)}; LibreOffice ${lo}`;
  return `CLI ${times(cli)}; LibreOffice ${times(lo)} — the CLI ×${(best(lo) / best(cli)).toFixed(1)} faster best to best, ×${(median(lo) / median(cli)).toFixed(1)} median to median`;
}

/**
 * Where an aggregate's time goes, in this (warm) process, with the CLI's zip codec: read (the
 * preflight's unzip and checks, then the cells — as the CLI reads them, straight from the XML, and
 * beside it through exceljs as before issue 12's direct reader), validate and evaluate, the write
 * plan, the plan's sheets as XML, and the splice into the input's package with the zip written.
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
    await lap("unzip + checks", () => preflight(bytes, "bench.xlsx", { bytesForExceljs: false }));
    const opened = await lap("open as the CLI does (unzip + checks + cells from the XML)", () => openXlsxDirect(bytes, "bench.xlsx"));
    if (!opened.ok) return "unreadable";
    if (opened.via.kind !== "direct") out.push(`(read through exceljs: ${opened.via.reason})`);
    await lap("[open through exceljs, as before: unzip + checks + exceljs parse + snapshot]", () => openXlsx(bytes, "bench.xlsx"));
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

  // Each run writes a new file: an existing --out is read first (aggregate replaces only its own
  // output), which would be a second workbook read in every run after the first.
  let written = 0;
  const aggregateRuns = (input: string, n: number, extra: string[] = []) =>
    Array.from({ length: n }, () => evalsheet(["aggregate", input, "--out", join(dir, `out-${++written}.xlsx`), ...extra]));
  const demo = aggregateRuns(demoIn, 5, ["--json", join(dir, "r.json")]);
  const demoOut = join(dir, `out-${written}.xlsx`);
  rows.push(["CLI aggregate of the demo workbook (41 units), whole process, vs LibreOffice's headless recalculation of its output (start-up included)", beside(libreOfficeRuns(dir, demoOut, 3), demo)]);
  rows.push(["  where an aggregate of the demo goes (in process, warm)", await phases(demoIn)]);

  // 3,000 units: the built-in scheme's rules over 3,000 units in its four groups, sample-filled.
  const base = builtinScheme();
  const bigScheme = join(dir, "scheme-3000.json");
  writeFileSync(bigScheme, JSON.stringify({ ...base, id: "bench-3000", units: Array.from({ length: 3000 }, (_, i) => ({ name: `单位${i + 1}`, group: base.groups[i % base.groups.length]!.id, aliases: [] })) }));
  const bigIn = join(dir, "in-3000.xlsx");
  evalsheet(["template", "--sample", "--scheme", bigScheme, "--year", String(base.year), "--out", bigIn]);
  const large = aggregateRuns(bigIn, 3);
  const bigOut = join(dir, `out-${written}.xlsx`);
  rows.push(["CLI aggregate of a 3,000-unit workbook, whole process, vs LibreOffice's recalculation of its output", beside(libreOfficeRuns(dir, bigOut, 2), large)]);
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
