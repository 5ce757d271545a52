// The task pane in a real browser IN EXCEL MODE, without Excel: the production build served from
// 127.0.0.1 and driven in Debian's Chromium, with office/office.js answered by a fake Office host
// (support/fakeOfficeHost.ts: page.route fulfils it with a bundle of fakeOfficeHost.browser.ts, so no
// real Office.js code runs). Office.onReady reports host Excel, so the pane takes its Excel path:
// excelEnv() → officePort({ run: Excel.run, isSetSupported }) over test/support/fakeExcel.ts, the
// recording fake of the Excel JS API, holding the sample workbook. The fake counts requests and
// their sizes, which the tests check, and stores formulas as written, which are compared with the
// engine's.
//
// This is the closest proof without Excel: real Excel's API behaviour, request sizes and UI remain
// unproven (README, "Not proven without Excel").
//
// Like pane.e2e.test.ts: every test fails on a console error, an uncaught page error, a failed
// request or a request to another origin; screenshots go to test-artifacts/screenshots/excel-*.png;
// without /usr/bin/chromium the suite is skipped, except in CI (CI set), where that is a failure.
import { linkFormula } from "../../src/workbook/links";
import type { Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildOnce, removeBuild, type Build } from "../addin/dist";
import { builtinScheme } from "../../src/scheme/load";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { SHEETS } from "../../src/layout/names";
import { paramRef } from "../../src/layout/schemeTables";
import { a1 } from "../../src/workbook/address";
import type { SheetSpec } from "../../src/workbook/plan";
import { planSnapshot } from "../support/planSnapshot";
import { launchBrowser, screenshot, type BrowserSession } from "./support/browser";
import { fakeOfficeHostScript, installFakeOfficeHost, type FakeHostApi, type FakeHostWindow, type SyncRecord } from "./support/fakeOfficeHost";
import { serveDirectory, type StaticServer } from "./support/server";
import { GROUPS, requireChromium } from "./support/require";

const available = requireChromium("excel-host.e2e");

const WAIT = 30_000;
const WORK = 90_000;
/** Excel on the web rejects requests over 5 MB; the adapter promises at most 4 MB. */
const REQUEST_LIMIT = 4_000_000;
/** Excel's task pane is narrow: a desktop pane is about 350 px wide. */
const PANE = { width: 380, height: 900 };

/** The sheets the fake host starts with: the sample template, as fakeOfficeHost.browser.ts seeds it. */
const TEMPLATE_SHEETS = templatePlan(builtinScheme(), { sample: sampleData(builtinScheme(), 2024) }).sheets.map((s) => s.name);
const OUTPUT_SHEETS = [SHEETS.summary, SHEETS.basicScores, SHEETS.details];
const RECALC_ONLY = (s: SyncRecord) => s.ops.length === 1 && s.ops[0] === "application.calculate";
/** The EVAL.* functions' chunk, which functions.js imports in Excel only (webpack.config.js). */
const FUNCTIONS_CHUNK = /\/chunks\/eval-functions\.[^/]*\.js$/;

/** What the engine expects, from the same sample workbook the fake host is seeded with. */
function engineExpectations() {
  const scheme = builtinScheme();
  const reading = readWorkbook(planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 2024) })));
  if (!reading.ok) throw new Error(`the sample workbook does not read: ${reading.diagnostics[0]?.message}`);
  const plan = aggregatePlan(reading);
  return { reading, sheets: new Map(plan.sheets.map((s) => [s.name, s])) };
}

/** A sheet spec's cells as the fake stores what the adapter writes: literal values, or "=…" formulas. */
function specCells(spec: SheetSpec): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  spec.rows.forEach((row, r) => row.forEach((cell, c) => {
    if (cell?.formula !== undefined) out[a1(r, c)] = `=${cell.formula}`;
    // A source link is a HYPERLINK formula in Excel too (src/workbook/links.ts).
    else if (cell?.link) out[a1(r, c)] = `=${linkFormula(cell)}`;
    else if (cell?.value !== null && cell?.value !== undefined && cell.value !== "") out[a1(r, c)] = cell.value as string | number | boolean;
  }));
  return out;
}

/** Cells with the time of the aggregate (扣分明细 is a snapshot "as of" a minute) blanked out, to compare runs. */
function untimed(cells: Record<string, string | number | boolean> | null): Record<string, string | number | boolean> | null {
  if (!cells) return cells;
  return Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, typeof v === "string" ? v.replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g, "(time)") : v]));
}

/** Calls window.__fake.<name>(...args) in the page. */
function fake<K extends keyof FakeHostApi>(page: Page, name: K, ...args: Parameters<FakeHostApi[K]>): Promise<Awaited<ReturnType<FakeHostApi[K]>>> {
  return page.evaluate(([n, a]) => {
    const api = (window as unknown as FakeHostWindow).__fake as unknown as Record<string, (...x: unknown[]) => unknown>;
    return api[n as string]!(...(a as unknown[]));
  }, [name, args] as const) as Promise<Awaited<ReturnType<FakeHostApi[K]>>>;
}

/**
 * Runs `action` (a click on an action button) and waits until its work is done: the pane went to
 * the host (a new Excel.run) and is no longer busy. The pane marks itself busy before it first calls
 * Excel.run, and every request is a round trip (a macrotask), so both conditions together mean done.
 */
async function settle(page: Page, action: () => Promise<void>): Promise<void> {
  const runs = await fake(page, "runs");
  await action();
  await page.waitForFunction(
    (n) => (window as unknown as FakeHostWindow).__fake.runs() > n && document.querySelector("main")?.getAttribute("aria-busy") === "false",
    runs,
    { timeout: WORK },
  );
}

function bodyRows(table: Locator): Promise<string[][]> {
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll("td"), (td) => (td.textContent ?? "").trim())));
}

describe.skipIf(!available)("the task pane in Chromium, in Excel (fake Office host over the recording Excel fake)", () => {
  let build: Build;
  let server: StaticServer;
  let session: BrowserSession | undefined;
  const expected = engineExpectations();

  // The production build takes minutes when the machine is shared: longer than the default hook time.
  beforeAll(async () => {
    const [built] = await Promise.all([buildOnce(), fakeOfficeHostScript()]);
    build = built;
    server = await serveDirectory(build.dir);
  }, 900_000);

  afterAll(async () => {
    await server?.close();
    await removeBuild();
  });

  beforeEach(async () => {
    session = await launchBrowser({ origin: server.origin, viewport: PANE });
    session.page.setDefaultTimeout(WAIT);
    await installFakeOfficeHost(session.page);
  });

  afterEach(async () => {
    const lines = session?.problemLines() ?? [];
    if (lines.length) console.error(`[excel-host.e2e] problems on the page:\n  ${lines.join("\n  ")}`);
    await session?.close();
    session = undefined;
  });

  /** No console error, page error, failed or off-origin request; every file served; Office.js never fetched. */
  async function expectClean(): Promise<void> {
    expect(await session!.finish()).toEqual([]);
    expect(server.requests.filter((r) => r.status !== 200)).toEqual([]);
    expect(server.requests.filter((r) => r.path.startsWith("/office/"))).toEqual([]);
  }

  /** Opens the pane in the fake Excel; resolves once the pane has rendered in Excel mode. */
  async function openPane(): Promise<Page> {
    const page = session!.page;
    await page.goto(server.url("taskpane.html"));
    await page.getByRole("heading", { level: 1, name: "区县妇联工作评价" }).waitFor();
    await button(page, "校验").waitFor();
    // The pane reads the open workbook once on start: wait until that is done.
    await page.getByText("方案：cq-2024", { exact: true }).waitFor();
    await page.locator('main[aria-busy="false"]').waitFor();
    return page;
  }

  const diagnosticsRegion = (page: Page) => page.getByRole("region", { name: "校验结果", exact: true });
  const resultsRegion = (page: Page) => page.getByRole("region", { name: "评价结果", exact: true });
  const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true });

  it("starts in Excel mode (reading the workbook once), validates, and aggregates in 5 requests (read, build, swap, print set-up, check), twice, writing the engine's formulas", async () => {
    const page = await openPane();
    // Excel mode: the standalone file bar is absent, the actions work on the open workbook.
    expect(await button(page, "打开工作簿 (.xlsx)").count()).toBe(0);
    expect(await page.getByTestId("open-workbook").count()).toBe(0);
    expect(await button(page, "使用示例工作簿").count()).toBe(0);
    for (const name of ["生成模板", "导入部室表", "校验", "汇总"]) expect(await button(page, name).isEnabled(), name).toBe(true);
    // The shared runtime: functions.js, loaded before the pane, registered EVAL.* with the host.
    expect([...(await fake(page, "associated"))].sort()).toEqual(["BONUS", "CAP", "GROUP", "GROUPRANK", "TIER", "TOTAL"]);
    // …late: at load it only asked Excel to wait (delayInitialization), and loaded the functions' chunk once
    // Office was ready; Excel's host script initialised them after the last association, not before.
    const functionsLog = await fake(page, "customFunctionsLog");
    const associations = functionsLog.flatMap((e, i) => (e.startsWith("associate ") ? [i] : []));
    expect(functionsLog[0]).toBe("delayInitialization");
    expect(functionsLog.indexOf("Office ready")).toBeLessThan(associations[0]!);
    expect(functionsLog.filter((e) => e === "initialize")).toHaveLength(1);
    expect(functionsLog.indexOf("initialize")).toBeGreaterThan(associations.at(-1)!);
    expect(await fake(page, "initializationDelayed")).toBe(false);
    expect(server.requests.some((r) => FUNCTIONS_CHUNK.test(r.path)), "the functions' chunk was loaded").toBe(true);
    expect(await fake(page, "sheetNames")).toEqual(TEMPLATE_SHEETS);
    // On start the pane read the workbook once (2 requests, nothing written) to show its scheme and year,
    // then recalculated EVAL.* once for that scheme (a request of its own).
    const startLog = await fake(page, "syncLog");
    expect(startLog.filter((x) => !RECALC_ONLY(x)).map((x) => x.ops)).toEqual([[], []]);
    expect(startLog.filter(RECALC_ONLY)).toHaveLength(1);
    expect(await fake(page, "sheetNames")).toEqual(TEMPLATE_SHEETS);
    await screenshot(page, "excel", "1-start");

    await settle(page, () => button(page, "校验").click());
    const status = diagnosticsRegion(page).getByRole("status");
    expect(await status.textContent()).toMatch(/^0 个错误，0 个警告，\d+ 条提示$/);
    // The pane told the custom functions which scheme the workbook carries (on the shared global, and in
    // OfficeRuntime.storage for functions in a runtime of their own), then asked for a full recalculation.
    expect(await fake(page, "activeScheme")).toBe(expected.reading.scheme.id);
    expect(JSON.parse((await fake(page, "storage"))["evalsheet.scheme"]!).scheme.id).toBe(expected.reading.scheme.id);
    expect(await fake(page, "recalcs")).toEqual(["Full"]);
    expect(await fake(page, "requirementChecks")).toContain("ExcelApi 1.13");
    await screenshot(page, "excel", "2-validated");

    const syncsBefore = await fake(page, "syncs");
    const logBefore = (await fake(page, "syncLog")).length;
    const suspendedBefore = await fake(page, "suspendedCalcSyncs");
    await settle(page, () => button(page, "汇总").click());
    const results = resultsRegion(page);
    await results.waitFor();
    expect(await results.locator("tbody tr").count()).toBe(41);
    // The tables show the engine's numbers, group by group.
    const byUnit = new Map(expected.reading.evaluation.units.map((u) => [u.unit, u]));
    for (const [group, size] of GROUPS) {
      const rows = await bodyRows(results.getByRole("table", { name: group, exact: true }));
      expect(rows, group).toHaveLength(size);
      for (const [, unit, total, tier] of rows) {
        const u = byUnit.get(unit!);
        expect(u, unit).toBeDefined();
        expect({ unit, total, tier }).toEqual({ unit: u!.unit, total: u!.total.toFixed(2), tier: u!.tier });
      }
    }
    await screenshot(page, "excel", "3-aggregated");

    // What reached the workbook: the three output sheets, first.
    const names = await fake(page, "sheetNames");
    const planned = [...expected.sheets.keys()];
    expect(names.slice(0, 3)).toEqual(OUTPUT_SHEETS);
    expect(names).toEqual([...planned, ...TEMPLATE_SHEETS.filter((n) => !planned.includes(n))]);
    // Requests: 1 read (the pane already knows the workbook's sheets, so their list and their cells
    // travel together; the outputs are listed, not read), then in another Excel.run the build (new
    // sheets under temporary names), the swap (a request of its own) and the check (calculate, read
    // back error cells and filled columns); every request under 4 MB. No recalculation for EVAL.*
    // this time: 校验 already told the functions this scheme, and the pane recalculates only on a change.
    const log = (await fake(page, "syncLog")).slice(logBefore);
    expect(await fake(page, "syncs")).toBe(syncsBefore + log.length);
    const port = log.filter((s) => !RECALC_ONLY(s));
    expectAggregateRequests(port, "first");
    expect(await fake(page, "suspendedCalcSyncs")).toBe(suspendedBefore + 2);
    expect(log.filter(RECALC_ONLY)).toHaveLength(0);
    expect(log).toHaveLength(5);
    expect(await fake(page, "runOptions")).toContainEqual({ delayForCellEdit: true });
    const bytes = (await fake(page, "requestBytes")).slice(syncsBefore);
    expect(bytes).toEqual(log.map((s) => s.bytes));
    expect(Math.max(...bytes)).toBeLessThan(REQUEST_LIMIT);
    console.log(`[excel-host.e2e] aggregate: ${log.length} syncs, request bytes ${bytes.join(" / ")}`);

    // The summary is formulas, exactly the engine's: 汇总 and every sheet the aggregate writes.
    for (const [name, spec] of expected.sheets) {
      const cells = await fake(page, "cells", name);
      expect(cells, name).not.toBeNull();
      expect(untimed(cells), name).toEqual(untimed(specCells(spec)));
    }
    const summary = (await fake(page, "cells", SHEETS.summary))!;
    const fuling = Object.keys(summary).find((k) => /^B\d+$/.test(k) && summary[k] === "涪陵区");
    expect(fuling, "涪陵区's row in 汇总").toBeDefined();
    const row = fuling!.slice(1);
    expect(summary[`H${row}`]).toBe(`=ROUND(C${row}+D${row}+E${row}+F${row}-G${row},${paramRef("decimals")})`);
    expect(String(summary[`C${row}`])).toMatch(/^='基础工作得分'!L\d+$/);
    for (const col of ["C", "D", "E", "F", "H", "I", "J", "K"]) expect(String(summary[`${col}${row}`]), `${col}${row}`).toMatch(/^=/);
    expect(await fake(page, "brokenReferences")).toEqual([]);

    // Again: the sheets are replaced in place (pasted onto), so every reference to them holds.
    const again = (await fake(page, "syncLog")).length;
    await settle(page, () => button(page, "汇总").click());
    await resultsRegion(page).waitFor();
    expectAggregateRequests((await fake(page, "syncLog")).slice(again).filter((s) => !RECALC_ONLY(s)), "again");
    expect(await fake(page, "sheetNames")).toEqual(names);
    for (const [name, spec] of expected.sheets) expect(untimed(await fake(page, "cells", name)), name).toEqual(untimed(specCells(spec)));
    expect(await fake(page, "brokenReferences")).toEqual([]);
    await screenshot(page, "excel", "4-aggregated-again");
    await expectClean();
  });

  /** An aggregate's requests: read; then, in one other Excel.run, build, swap, print set-up and check. */
  function expectAggregateRequests(port: SyncRecord[], which: "first" | "again"): void {
    expect(port.map((s) => s.ops.length > 0)).toEqual([false, true, true, true, true]);
    expect(port[1]!.run).not.toBe(port[0]!.run);
    expect(new Set(port.slice(1).map((s) => s.run)).size).toBe(1);
    expect(port[1]!.ops).toEqual(expect.arrayContaining(["suspendCalc", "worksheets.add", "range.formulas", "range.copyFrom"]));
    expect(port[1]!.bytes).toBeGreaterThan(50_000); // the build carried the sheets, not a trickle
    // The first time the new sheets are renamed into place; again, they are pasted onto the old ones.
    const swap = which === "first" ? ["suspendCalc", "worksheet.name", "worksheet.position"] : ["suspendCalc", "worksheet.unprotect", "range.copyFrom", "worksheet.name", "worksheet.delete"];
    expect(port[2]!.ops).toEqual(expect.arrayContaining(swap));
    // Page set-up on its own: a failure there (no printer) must not undo the swap.
    expect(port[3]!.ops).toEqual(expect.arrayContaining(["pageLayout.orientation", "pageLayout.paperSize", "pageLayout.zoom", "worksheet.printArea"]));
    expect(port[3]!.ops.every((op) => op.startsWith("pageLayout.") || op.startsWith("worksheet."))).toBe(true);
    expect(port[4]!.ops).toEqual(["worksheet.calculate"]);
  }

  it("reports a bad value by cell and selects that cell in Excel; refuses to aggregate", async () => {
    const page = await openPane();
    // A user types a word where 宣教部 expects 渝中区's score.
    await fake(page, "setCell", "宣教部", "C6", "abc");
    await settle(page, () => button(page, "校验").click());
    const region = diagnosticsRegion(page);
    expect(await region.getByRole("status").textContent()).toMatch(/^1 个错误，\d+ 个警告，\d+ 条提示$/);
    const item = region.getByRole("button", { name: /宣教部!C6/ });
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toContain("不是数字");
    await screenshot(page, "excel", "bad-1-validated");

    const runs = await fake(page, "runs");
    await item.click();
    await page.waitForFunction(() => (window as unknown as FakeHostWindow).__selected !== null);
    expect(await page.evaluate(() => (window as unknown as FakeHostWindow).__selected)).toEqual({ sheet: "宣教部", cell: "C6", activeSheet: "宣教部" });
    expect(await fake(page, "runs")).toBe(runs + 1);
    expect((await fake(page, "syncLog")).at(-1)!.ops).toEqual(["worksheet.activate", "range.select"]);
    // In Excel, selecting works: no "cannot select outside Excel" notice.
    expect(await page.getByText("在 Excel 中打开时可直接定位到该单元格", { exact: false }).count()).toBe(0);

    const names = await fake(page, "sheetNames");
    const logBefore = (await fake(page, "syncLog")).length;
    await settle(page, () => button(page, "汇总").click());
    expect(await resultsRegion(page).count()).toBe(0);
    const log = (await fake(page, "syncLog")).slice(logBefore);
    expect(log.every((s) => s.ops.length === 0), "no write request").toBe(true);
    expect(await fake(page, "sheetNames")).toEqual(names);
    expect(await fake(page, "cells", SHEETS.summary)).toBeNull();
    await screenshot(page, "excel", "bad-2-aggregate-refused");
    await expectClean();
  });

  it("生成模板 on a complete workbook adds nothing and says so", async () => {
    const page = await openPane();
    const names = await fake(page, "sheetNames");
    await settle(page, () => button(page, "生成模板").click());
    await page.getByText("所有模板工作表都已存在，未做改动。", { exact: true }).waitFor();
    expect(await fake(page, "sheetNames")).toEqual(names);
    // Reads only (the start-up recalculation of EVAL.* aside): nothing written.
    const log = (await fake(page, "syncLog")).filter((x) => !RECALC_ONLY(x));
    expect(log.every((s) => s.ops.length === 0), "only reads").toBe(true);
    await screenshot(page, "excel", "template-nothing-to-add");
    await expectClean();
  });

  // Regression: in Excel the workbook is always open; the header must not say 尚未打开工作簿.
  it("the header does not claim that no workbook is open", async () => {
    const page = await openPane();
    expect(await page.getByText("尚未打开工作簿", { exact: true }).count()).toBe(0);
  });

  it("when the functions' chunk cannot be loaded, Excel is let go on (no function associated) instead of waiting for ever", async () => {
    const page = session!.page;
    await page.route((url) => FUNCTIONS_CHUNK.test(url.pathname), (route) => route.abort("failed"));
    await openPane();
    await page.waitForFunction(() => (window as unknown as FakeHostWindow).__fake.customFunctionsLog().includes("initialize"));
    const log = await fake(page, "customFunctionsLog");
    expect(log.filter((e) => e.startsWith("associate"))).toEqual(["associate {}"]);
    expect(log.indexOf("initialize")).toBeGreaterThan(log.indexOf("associate {}"));
    expect(await fake(page, "associated")).toEqual([]);
    expect(await fake(page, "initializationDelayed")).toBe(false);
    // The pane itself works on; the only problems on the page are the chunk cut off and the message about it.
    expect(await button(page, "校验").isEnabled()).toBe(true);
    const lines = session!.problemLines();
    expect(lines.some((line) => /EVAL 自定义函数未能加载/.test(line)), lines.join("\n")).toBe(true);
    expect(lines.filter((line) => !/eval-functions|Failed to load resource|EVAL 自定义函数未能加载/.test(line))).toEqual([]);
  });
});
