// Does the task pane keep its page responsive on a large workbook? The longest task on the page's main
// thread while the page starts and a 3,000-unit workbook is opened (with the 校验 that follows), validated
// (校验) and aggregated (汇总) standalone; and the longest over the whole session.
//
//   node --import tsx bench/paneResponsiveness.ts [DIST [BEFORE]]     prints the rows
//
// DIST: an existing build (else one is made); BEFORE: an earlier build to measure first, in the same run
// (e.g. `git worktree add /tmp/old <commit>` and build there), each row then reading before → now.
//
// The production build (as bench/paneWeight.ts) is served from 127.0.0.1 and loaded in headless
// Chromium (/usr/bin/chromium); a PerformanceObserver for "longtask" entries, installed before the
// page's scripts, records every main-thread task over 50 ms. A phase ends when the pane's progress
// bar goes away. The workbook: the built-in scheme with units 单位1 … 单位3000 spread over its four
// groups, filled with sample data (as bench/extra.ts's Office figures), written by the file adapter.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { builtinScheme } from "../src/scheme/load";
import type { Scheme } from "../src/scheme/schema";
import { templatePlan } from "../src/layout/template";
import { sampleData } from "../src/layout/sample";
import { planToWorkbook, workbookBytes } from "../src/adapters/xlsx/xlsxFile";
import { buildOnce, removeBuild } from "../test/addin/dist";
import { chromiumAvailable, launchBrowser } from "../test/e2e/support/browser";
import { serveDirectory } from "../test/e2e/support/server";

/** The built-in scheme with `units` units 单位1 … 单位N, round-robin over its groups. */
export function schemeWithUnits(units: number): Scheme {
  const base = builtinScheme();
  return { ...base, units: Array.from({ length: units }, (_, i) => ({ name: `单位${i + 1}`, group: base.groups[i % base.groups.length]!.id, aliases: [] })) };
}

/** A sample-filled workbook of `units` units, as .xlsx bytes (the file adapter, as the CLI writes it). */
export async function sampleWorkbookBytes(units: number): Promise<Uint8Array> {
  const scheme = schemeWithUnits(units);
  return workbookBytes(await planToWorkbook(templatePlan(scheme, { sample: sampleData(scheme, 5) })));
}

function installLongTaskObserver(): void {
  const w = window as unknown as { __longTasks: number[]; __settled: number };
  w.__longTasks = [];
  w.__settled = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push(e.duration);
  }).observe({ type: "longtask", buffered: true });
  let busy = false;
  new MutationObserver(() => {
    const now = document.querySelector('[role="progressbar"]') !== null;
    if (busy && !now) w.__settled += 1;
    busy = now;
  }).observe(document, { childList: true, subtree: true });
}

type Window_ = { __longTasks: number[]; __settled: number };

/** Runs `action`; returns the longest task and the count of long tasks until `done` holds. */
async function phase(page: Page, action: () => Promise<void>, done: () => Promise<void>): Promise<{ longest: number; count: number; millis: number }> {
  const from = await page.evaluate(() => (window as unknown as Window_).__longTasks.length);
  const t = performance.now();
  await action();
  await done();
  const millis = performance.now() - t;
  // Let the last long task's entry be delivered.
  await page.waitForTimeout(300);
  const tasks = await page.evaluate((n) => (window as unknown as Window_).__longTasks.slice(n), from);
  return { longest: tasks.length ? Math.max(...tasks) : 0, count: tasks.length, millis };
}

const WORK = 600_000;
// Playwright polls a waited-for function on every animation frame by default: its own script then runs in
// the page's main thread all through a phase, and a Chromium trace showed its frames among the long tasks
// (100–210 ms at load ≈ 10). Polling every 250 ms keeps the bench's own work out of what it measures.
const POLL = 250;

interface Phase {
  readonly longest: number;
  readonly count: number;
  readonly millis: number;
}

interface Measured {
  /** From navigation until the first screen is complete (every stage of it: the 汇总 button shown). */
  readonly start: Phase;
  readonly open: Phase;
  /** The 校验 that opening a workbook starts by itself, until its progress bar goes. */
  readonly afterOpen: Phase;
  readonly validate: Phase;
  readonly aggregate: Phase;
  /** Every long task of the run, page load included. */
  readonly overall: number;
}

/** One run of the pane built in `dist`: open, 校验, 汇总 of `file`, each phase's longest main-thread task. */
async function measure(dist: string, file: string, units: number): Promise<Measured> {
  const server = await serveDirectory(dist);
  const session = await launchBrowser({ origin: server.origin });
  try {
    const page = session.page;
    page.setDefaultTimeout(WORK);
    await page.addInitScript(installLongTaskObserver);
    const t0 = performance.now();
    await page.goto(server.url("taskpane.html"));
    await page.getByRole("heading", { level: 1 }).waitFor();
    // The first screen mounts in stages (taskpane/hooks/useStages.ts): it is complete when 汇总 shows.
    await page.getByRole("button", { name: "汇总", exact: true }).waitFor();
    await page.waitForTimeout(300);
    const startTasks = await page.evaluate(() => (window as unknown as Window_).__longTasks.slice());
    const start: Phase = { longest: Math.max(0, ...startTasks), count: startTasks.length, millis: performance.now() - t0 };
    const settled = async (before: number) => {
      await page.waitForFunction((n) => (window as unknown as Window_).__settled > n, before, { timeout: WORK, polling: POLL });
    };
    const count = () => page.evaluate(() => (window as unknown as Window_).__settled);
    const open = await phase(page, () => page.getByTestId("open-workbook").setInputFiles(file), () => page.getByText(`${units}-units.xlsx`, { exact: true }).waitFor());
    // 校验 runs right after the file is opened, too: wait for it to end before measuring our own.
    const afterOpen = await phase(page, async () => undefined, async () => {
      await page.waitForFunction(() => document.querySelector('[role="progressbar"]') === null, undefined, { timeout: WORK, polling: POLL });
    });
    let n = await count();
    const validate = await phase(page, () => page.getByRole("button", { name: "校验", exact: true }).click(), () => settled(n));
    n = await count();
    const aggregate = await phase(page, () => page.getByRole("button", { name: "汇总", exact: true }).click(), async () => {
      await settled(n);
      // The results show right after the progress bar goes: a minute without them means 汇总 failed; say why.
      await page.getByRole("region", { name: "评价结果", exact: true }).waitFor({ timeout: 60_000 }).catch(async () => {
        const shown = await page.locator("main").innerText();
        throw new Error(`汇总 showed no results; the pane says:\n${shown.slice(0, 2000)}`);
      });
    });
    const all = await page.evaluate(() => (window as unknown as Window_).__longTasks);
    return { start, open, afterOpen, validate, aggregate, overall: Math.max(0, ...all) };
  } finally {
    await session.close();
    await server.close();
  }
}

const figure = (r: Phase) => `${r.longest.toFixed(0)} ms (${r.count}; phase ${(r.millis / 1000).toFixed(1)} s)`;

/**
 * The rows: longest main-thread task while opening, validating and aggregating N units standalone.
 * With `before` (an earlier build, e.g. of the commit before a change), that build is measured first in
 * the same run, and each row shows before → now: long tasks are wall time, so only figures taken
 * side by side on this shared machine compare.
 */
export async function paneResponsiveness(units = 3000, dist?: string, before?: string): Promise<[string, string][]> {
  if (!chromiumAvailable()) return [["pane responsiveness", "skipped: /usr/bin/chromium not installed"]];
  const tmp = await mkdtemp(join(tmpdir(), "evalsheet-responsive-"));
  try {
    const file = join(tmp, `${units}-units.xlsx`);
    const [build] = await Promise.all([dist ? Promise.resolve({ dir: dist }) : buildOnce(), sampleWorkbookBytes(units).then((b) => writeFile(file, b))]);
    const load: string[] = [];
    const old = before ? await measure(before, file, units) : null;
    if (old) load.push(loadavg()[0]!.toFixed(1));
    const now = await measure(build.dir, file, units);
    // Long tasks are wall time: on a machine shared by other work they stretch; say how busy it was.
    load.push(loadavg()[0]!.toFixed(1));
    const label = (what: string) => `pane standalone, ${units.toLocaleString("en")} units: ${what} — longest main-thread task (tasks > 50 ms)${old ? ", before → now" : ""}`;
    const both = (pick: (m: Measured) => Phase) => (old ? `${figure(pick(old))} → ${figure(pick(now))}` : figure(pick(now)));
    return [
      [label("page start, until the first screen is complete"), both((m) => m.start)],
      [label("open the .xlsx"), both((m) => m.open)],
      [label("the 校验 that opening starts"), both((m) => m.afterOpen)],
      [label("校验"), both((m) => m.validate)],
      [label("汇总 (results shown)"), both((m) => m.aggregate)],
      [`pane standalone, ${units.toLocaleString("en")} units: longest main-thread task overall (page load included)${old ? ", before → now" : ""}`, old ? `${old.overall.toFixed(0)} ms → ${now.overall.toFixed(0)} ms` : `${now.overall.toFixed(0)} ms`],
      [`  machine load after ${old ? "each run" : "the run"} (1-minute load average / cores)`, `${load.join(" → ")} / ${cpus().length}`],
    ];
  } finally {
    if (!dist) await removeBuild();
    await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const rows = await paneResponsiveness(Number(process.env.UNITS ?? 3000), process.argv[2] || undefined, process.argv[3]);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}
