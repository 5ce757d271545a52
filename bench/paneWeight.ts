// What the task pane costs to download, beside a bare React 19 + Fluent UI v9 pane built the same way.
//
//   node --import tsx bench/paneWeight.ts [DIST]       prints the rows (DIST: an existing build, else one is made)
//
// - evalsheet: the production build (`webpack --mode production`, into a temporary directory). Its
//   first screen is taskpane.js plus every chunk the page requests before the pane's heading shows,
//   found by loading taskpane.html in Chromium (/usr/bin/chromium) from a local server and recording
//   the requests; without Chromium, from the <script> tags of the built HTML (no chunks then).
// - baseline: FluentProvider + a Title3 + 4 Buttons, rendered with react-dom/client, built with the
//   same loader, target and optimisation as webpack.config.js (webpack's Node API, into a temporary
//   directory).
// Sizes are gzip (zlib's default level, as bench/extra.ts), in KiB.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import webpack from "webpack";
import { splitChunks, typescriptRule } from "../scripts/webpack-ts.mjs";
import { firstScreenModules, type ModuleShare } from "./paneModules";
import { buildOnce, removeBuild, REPO } from "../test/addin/dist";
import { chromiumAvailable, launchBrowser } from "../test/e2e/support/browser";
import { serveDirectory } from "../test/e2e/support/server";

const BASELINE_SOURCE = `import { createRoot } from "react-dom/client";
import { Button, FluentProvider, Title3, webLightTheme } from "@fluentui/react-components";

function Pane() {
  return (
    <FluentProvider theme={webLightTheme}>
      <Title3 as="h1">区县妇联工作评价</Title3>
      <div>
        <Button>生成模板</Button>
        <Button>导入部室表</Button>
        <Button>校验</Button>
        <Button appearance="primary">汇总</Button>
      </div>
    </FluentProvider>
  );
}

createRoot(document.getElementById("root")!).render(<Pane />);
`;

/**
 * The breakdown: the baseline plus each Fluent component the pane's first screen shows beyond it, one
 * entry each (entries are self-contained, as the pane's), and all of them together. The pane's own
 * code and strings are what its first screen weighs beyond "all together". Not among them, as they load
 * later: the tab strip (≈ 22 KiB, once a workbook has been read), the progress bar and the message bar
 * (with the first action), the spinner (no longer used: a loading panel says its name).
 */
const FIRST_SCREEN_PARTS: Record<string, [imports: string, jsx: string]> = {
  "Field + Input (the year)": ["Field, Input", `<Field label="年度"><Input /></Field>`],
  "Badge + Text (the header)": ["Badge, Text", `<Badge>草稿</Badge><Text>方案</Text>`],
};

/**
 * The baseline plus one panel loaded later (a Badge, as the pane's panels use Fluent components that read
 * Fluent's `tokens` table): what a lazily loaded chunk alone costs the first screen. In one file terser keeps
 * only the few tokens the first screen's components read; once a lazy chunk reads the same module, the
 * entry must export the whole table to it.
 */
const LAZY_PANEL_SOURCE = `import { Badge } from "@fluentui/react-components";
export const Panel = () => <Badge>已审定</Badge>;
`;
const LAZY_ENTRY_SOURCE = BASELINE_SOURCE.replace(
  "<Button>校验</Button>",
  `<Button onClick={() => void import("./lazyPanel").then((m) => console.log(m.Panel))}>校验</Button>`,
);

function variantSource(parts: [string, string][]): string {
  const imports = parts.map(([i]) => `, ${i}`).join("");
  const jsx = parts.map(([, j]) => j).join("");
  return BASELINE_SOURCE
    .replace("Title3, webLightTheme }", `Title3, webLightTheme${imports} }`)
    .replace("</div>\n    </FluentProvider>", `</div>${jsx}\n    </FluentProvider>`);
}

// Builds made in this process (ours, or the one bench/extra.ts shares with paneResponsiveness through
// buildOnce) get source maps beside their scripts, the scripts themselves unchanged: the breakdown by module.
process.env.EVALSHEET_SOURCE_MAPS ??= "1";

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function gzipSize(file: string): Promise<number> {
  return gzipSync(await readFile(file)).length;
}

async function sumGzip(dir: string, files: readonly string[]): Promise<number> {
  let total = 0;
  for (const f of files) total += await gzipSize(join(dir, f));
  return total;
}

/**
 * Builds the bare pane (entry "baseline") and its variants (entry "part-N", FIRST_SCREEN_PARTS in
 * order, then "part-all") with webpack.config.js's loader, target and optimisation; returns the JS files.
 */
async function buildBaseline(dir: string): Promise<string[]> {
  await mkdir(join(dir, "src"), { recursive: true });
  const parts = Object.values(FIRST_SCREEN_PARTS);
  const sources: Record<string, string> = { baseline: BASELINE_SOURCE, "part-all": variantSource(parts), "lazy-panel": LAZY_ENTRY_SOURCE };
  parts.forEach((p, i) => (sources[`part-${i}`] = variantSource([p])));
  await writeFile(join(dir, "src", "lazyPanel.tsx"), LAZY_PANEL_SOURCE);
  const entries: Record<string, string> = {};
  for (const [name, source] of Object.entries(sources)) {
    entries[name] = join(dir, "src", `${name}.tsx`);
    await writeFile(entries[name]!, source);
  }
  const out = join(dir, "dist");
  const compiler = webpack({
    mode: "production",
    context: REPO,
    target: ["web", "es2020"],
    // Maps beside the scripts (not referenced by them): the baseline's bytes by module, as the pane's.
    devtool: "hidden-source-map",
    entry: entries,
    output: { path: out, filename: "[name].js", chunkFilename: "chunks/[name].[contenthash:8].js", publicPath: "auto", clean: true },
    resolve: {
      extensions: [".ts", ".tsx", ".mjs", ".js", ".json"],
      // The source lives in a temporary directory: find packages in the repository's node_modules.
      modules: [join(REPO, "node_modules"), "node_modules"],
    },
    resolveLoader: { modules: [join(REPO, "node_modules"), "node_modules"] },
    module: { rules: [typescriptRule(REPO, { sourceMap: false })] },
    optimization: { splitChunks },
    performance: { hints: false },
    infrastructureLogging: { level: "error" },
  });
  const stats = await new Promise<webpack.Stats>((resolveRun, reject) => {
    compiler.run((error, result) => {
      compiler.close(() => undefined);
      if (error) reject(error);
      else if (!result) reject(new Error("webpack returned no stats"));
      else resolveRun(result);
    });
  });
  if (stats.hasErrors()) throw new Error(`baseline build failed:\n${stats.toString({ all: false, errors: true })}`);
  return (await readdir(out, { recursive: true })).map(String).filter((f) => f.endsWith(".js"));
}

/** The scripts and chunks taskpane.html loads before the pane's heading shows. */
async function firstLoad(dir: string): Promise<{ files: string[]; how: string }> {
  if (chromiumAvailable()) {
    const server = await serveDirectory(dir);
    try {
      const session = await launchBrowser({ origin: server.origin });
      try {
        await session.page.goto(server.url("taskpane.html"));
        await session.page.getByRole("heading", { level: 1 }).waitFor({ timeout: 60_000 });
        const files = server.requests.map((r) => decodeURIComponent(new URL(r.path, server.origin).pathname).replace(/^\//, "")).filter((f) => f.endsWith(".js"));
        return { files: [...new Set(files)], how: "requests recorded in Chromium" };
      } finally {
        await session.close();
      }
    } finally {
      await server.close();
    }
  }
  const html = await readFile(join(dir, "taskpane.html"), "utf8");
  const files = [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)].map((m) => (m[1] ?? m[2] ?? m[3])!);
  return { files, how: "<script> tags of taskpane.html (no Chromium)" };
}

/**
 * Why each part of the first screen beyond the baseline is there: one line per module (the pane's own) or
 * package. Parts the baseline has as much of need none; a part without a line says so in the output.
 */
const WHY: Readonly<Record<string, string>> = {
  "taskpane/i18n.tsx": "every Chinese label and message of the pane (English loads on the switch)",
  "taskpane/App.tsx": "the pane's layout: header, file bar, year, actions, notices, tabs; the panels load on first use",
  "taskpane/hooks/usePane.ts": "the pane's logic: each action with progress, cancel and its notice",
  "taskpane/envExcel.ts": "the pane in Excel: reading and writing through Office.js (loaded with the first read), the scheme handed to EVAL.*",
  "taskpane/envStandalone.ts": "the pane in a browser: the workbook held in a worker",
  "taskpane/worker/client.ts": "starts the compute worker and talks to it, so 校验 and 汇总 never freeze the page",
  "taskpane/worker/documentClient.ts": "the document worker that opens, writes and saves the workbook in a browser",
  "taskpane/worker/document.ts": "the document worker's interface on the page",
  "taskpane/worker/rpc.ts": "the workers' request/response protocol",
  "taskpane/worker/slices.ts": "long arrays cross to the page in slices, never in one long task",
  "taskpane/worker/packedReading.ts": "a large reading arrives packed, unpacked only where shown",
  "taskpane/worker/servePort.ts": "the page answers the worker's reads and writes (Office.js stays on the page)",
  "taskpane/components/ActionBar.tsx": "生成模板 · 导入部室表 · 导入历年结果 · 导入平时评价 · 校验 · 汇总 · 取消",
  "taskpane/components/FileBar.tsx": "open a workbook, the sample, a blank template, download (browser only)",
  "taskpane/components/YearField.tsx": "the evaluation year, which 生成模板 and a new workbook need before anything is opened",
  "taskpane/components/Header.tsx": "title, language switch, file, scheme, year, 初步意见 / 已审定",
  "taskpane/index.tsx": "the entry: Excel or browser, theme, language, the first screen in short tasks",
  "taskpane/PaneRoot.tsx": "the pane inside Fluent's provider",
  "taskpane/hooks/useStages.ts": "mounts the first screen in three commits, so its start is never one long task",
  "taskpane/lazyPort.ts": "the Office.js adapter loads with the first read, not with the first screen",
  "taskpane/history/strings.ts": "导入历年结果's label and notices, both languages (≈ 0.25 KiB)",
  "src/scheme/year.ts": "the default evaluation year and what is wrong with a typed one, shown under the year",
  "src/diagnostics/diagnostic.ts": "problems as data, named by sheet and cell (the Excel start reports them)",
  "functions/schemeSlot.ts": "hands the workbook's scheme to the EVAL.* functions sharing the page",
  "taskpane/worker/documentWorker.ts": "the document worker's script address, so the page can start it",
  "taskpane/components/firstScreenStyle.ts": "the first screen's layout as inline style over Fluent's CSS variables (no run-time CSS compiler)",
  "(webpack runtime, unmapped)": "loads the lazy chunks: panels, core, workers, English",
  "@fluentui/tokens": "Fluent's token table (tokens.js, ≈ 30,000 characters): the panels that load later use Fluent components that read it, so taskpane.js exports it whole; the baseline, one file, keeps the few tokens its buttons read (row \"one Badge loaded later\" above)",
};

/** Rows of the first screen's bytes by module beyond the baseline's own, largest first. */
function moduleRows(pane: readonly ModuleShare[], baseline: readonly ModuleShare[] | null): [string, string][] {
  const base = new Map((baseline ?? []).map((m) => [m.group, m.gzip]));
  const beyond = pane.map((m) => ({ ...m, extra: m.gzip - (base.get(m.group) ?? 0) })).sort((a, b) => b.extra - a.extra);
  const rows: [string, string][] = [];
  for (const m of beyond) {
    if (m.extra < 50) continue;
    const inBase = base.get(m.group);
    const why = WHY[m.group] ?? (inBase ? "(more of it than the baseline uses)" : "(no reason written down: see bench/paneWeight.ts WHY)");
    rows.push([`    ${m.group}`, `+${kib(m.extra)}${inBase ? ` (${kib(m.gzip)}, baseline ${kib(inBase)})` : ""} — ${why}`]);
  }
  const small = beyond.filter((m) => m.extra < 50);
  if (small.length) rows.push([`    ${small.length} more modules, each under 50 B beyond the baseline`, `${small.reduce((s, m) => s + m.extra, 0) >= 0 ? "+" : ""}${kib(small.reduce((s, m) => s + m.extra, 0))}`]);
  return rows;
}

export async function paneWeight(built?: string): Promise<[string, string][]> {
  const rows: [string, string][] = [];
  const baselineDir = await mkdtemp(join(tmpdir(), "evalsheet-baseline-"));
  try {
    const [build, baselineFiles] = await Promise.all([built ? Promise.resolve({ dir: built }) : buildOnce(), buildBaseline(baselineDir)]);
    const dist = build.dir;
    const { files: loaded, how } = await firstLoad(dist);
    const allChunks = (await readdir(join(dist, "chunks"))).filter((f) => f.endsWith(".js")).map((f) => `chunks/${f}`);
    const firstChunks = loaded.filter((f) => f.startsWith("chunks/"));
    const lazyChunks = allChunks.filter((f) => !firstChunks.includes(f));

    const firstScreen = await sumGzip(dist, ["taskpane.js", ...firstChunks]);
    const baseline = await sumGzip(join(baselineDir, "dist"), baselineFiles.filter((f) => f === "baseline.js"));
    rows.push([
      `pane first screen: taskpane.js${firstChunks.length ? ` + ${firstChunks.length} chunk(s)` : ", no chunk"} before first paint (gzip; ${how})`,
      kib(firstScreen),
    ]);
    rows.push(["bare baseline: React 19 + Fluent UI v9, FluentProvider + Title3 + 4 Buttons (gzip, same webpack set-up)", kib(baseline)]);
    rows.push(["pane first screen beyond the baseline", `${kib(firstScreen - baseline)} (×${(firstScreen / baseline).toFixed(2)})`]);
    // What the first screen has beyond the baseline, part by part (each: the baseline plus that part, less the baseline).
    const variant = (name: string) => gzipSize(join(baselineDir, "dist", `${name}.js`));
    const names = Object.keys(FIRST_SCREEN_PARTS);
    for (let i = 0; i < names.length; i++) rows.push([`  of which Fluent ${names[i]}`, `+${kib((await variant(`part-${i}`)) - baseline)}`]);
    const allParts = await variant("part-all");
    rows.push(["  of which those Fluent components together", `+${kib(allParts - baseline)}`]);
    rows.push(["  of which the pane's own code, its Chinese strings and the rest", `+${kib(firstScreen - allParts)}`]);
    // Not a part the pane shows: the cost of having panels that load later at all (see LAZY_PANEL_SOURCE).
    rows.push(["  the baseline with one Badge loaded later, beside the baseline (what any lazy Fluent chunk costs the first screen: chunk loading, Fluent's token table exported whole)", `+${kib((await variant("lazy-panel")) - baseline)}`]);
    // Module by module, from the scripts' source maps: each module's (or package's) share of the gzip
    // bytes, less the baseline's share of the same, so what is listed is what the pane adds.
    const paneModules = await firstScreenModules(dist, ["taskpane.js", ...firstChunks]);
    if (paneModules) {
      const baselineModules = await firstScreenModules(join(baselineDir, "dist"), ["baseline.js"]);
      rows.push(["  by module (gzip share from the source maps, beyond the baseline's share; why each is there)", ""]);
      rows.push(...moduleRows(paneModules, baselineModules));
    } else {
      rows.push(["  by module", "no source maps in this build: build with EVALSHEET_SOURCE_MAPS=1 (or let the bench build)"]);
    }
    rows.push([`lazily loaded chunks, total (${lazyChunks.length} chunks, gzip)`, kib(await sumGzip(dist, lazyChunks))]);
    // Also fetched before the pane shows, though not the pane's own code: functions.js (shared runtime:
    // functions/start.ts, which imports the EVAL.* functions in Excel only) and Office.js.
    const others = loaded.filter((f) => f !== "taskpane.js" && !f.startsWith("chunks/"));
    for (const f of others) {
      if (f !== "functions.js") {
        rows.push([`also on first load: ${f} (gzip)`, kib(await gzipSize(join(dist, f)))]);
        continue;
      }
      rows.push([`also on first load: ${f} (gzip) — marks the shared runtime; the EVAL.* functions load in Excel only`, kib(await gzipSize(join(dist, f)))]);
      // What functions.js can load: the chunks its webpack runtime names by content hash (eval-functions and
      // the chunks it shares with the pane's lazy code: zod, the scheme).
      const script = await readFile(join(dist, f), "utf8");
      const chunks = allChunks.filter((c) => script.includes(`"${/\.([0-9a-f]{8})\.js$/.exec(c)?.[1] ?? "-"}"`));
      const fetched = chunks.filter((c) => loaded.includes(c)).length;
      rows.push([
        `  the EVAL.* functions, in Excel once Office is ready (${chunks.length} chunks, gzip; ${fetched ? `${fetched} FETCHED` : "none fetched"} by the standalone page before it shows)`,
        kib(await sumGzip(dist, chunks)),
      ]);
    }
    return rows;
  } finally {
    if (!built) await removeBuild();
    await rm(baselineDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const rows = await paneWeight(process.argv[2]);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}
