// The WPS add-in in a real browser, without WPS: `npm run build:wps`'s dist-wps/online served from
// 127.0.0.1 and driven in Debian's Chromium, with window.Application / window.wps answered by a fake
// WPS host (support/wpsHost.ts: the fake ET object model of test/support/fakeEt.ts holding the sample
// workbook, plus PluginStorage, task panes as iframes, ApiEvent and wps.AddCustomFunction).
// index.html is the add-in's page: its script registers EVAL.* and the ribbon callbacks; the test
// presses 打开评价面板 through the ribbon callback, and the pane (taskpane.html, in the pane's
// iframe) validates and aggregates through the WPS adapter. What it wrote is compared cell by cell
// with what the file adapter writes for the same workbook.
//
// Like the other browser tests: every test fails on a console error, an uncaught page error, a
// failed request or a request to another origin; screenshots go to test-artifacts/screenshots/wps-*.png;
// without /usr/bin/chromium the suite is skipped, except in CI, where that is a failure.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Frame, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { builtinScheme } from "../../src/scheme/load";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { OUTPUT_SHEETS, SHEETS } from "../../src/layout/names";
import { a1 } from "../../src/workbook/address";
import type { SheetSnapshot } from "../../src/workbook/snapshot";
import { planToWorkbook } from "../../src/adapters/xlsx/xlsxFile";
import { xlsxPort } from "../../src/adapters/xlsx/xlsxPort";
import * as core from "../../src/sheetFunctions";
import { schemeStamp } from "../../src/adapters/wps/scheme";
import { dateSerial } from "../support/fakeExcel";
import { launchBrowser, screenshot, type BrowserSession } from "./support/browser";
import { serveDirectory, type StaticServer } from "./support/server";
import { requireChromium } from "./support/require";
import { buildWpsOnce, removeWpsBuild, WPS_TEST_URL, type WpsBuild } from "./support/wpsBuild";
import { installWpsHost, wpsHostScript, type WpsHostApi, type WpsHostWindow } from "./support/wpsHost";

const available = requireChromium("wps-host.e2e");
const WAIT = 30_000;
const WORK = 120_000;
const COMPARED = [SHEETS.summary, SHEETS.basicScores, SHEETS.details];
type Cells = Record<string, string | number | boolean>;

/** A sheet as the file adapter leaves it: "=formula" for formula cells (a source link too: a HYPERLINK formula in every adapter), else the value. */
function fileCells(sheet: SheetSnapshot): Cells {
  const out: Cells = {};
  sheet.rows.forEach((row, r) => row.forEach((v, c) => {
    if (v !== null && v !== "") out[a1(r, c)] = typeof v === "object" ? ("date" in v ? dateSerial(v.date) : v.error) : v;
  }));
  // A formula cell whose result is empty has no value in the row: take formulas from their own map.
  for (const [at, f] of Object.entries(sheet.formulas)) out[at] = `=${f}`;
  return out;
}

/** The time of the aggregate (扣分明细 is a snapshot "as of" a minute) blanked out. */
function untimed(cells: Cells | null): Cells | null {
  return cells && Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, typeof v === "string" ? v.replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g, "(time)") : v]));
}

/** The sample workbook aggregated by the file adapter: what the WPS adapter must write too. */
async function fileAdapterOutput(): Promise<{ sheets: Map<string, Cells>; schemeStamp: string }> {
  const scheme = builtinScheme();
  const port = xlsxPort(await planToWorkbook(templatePlan(scheme, { sample: sampleData(scheme, 2024) })));
  const before = await port.readSnapshot({ namesOnly: OUTPUT_SHEETS });
  if (!before.ok) throw new Error("file adapter: read failed");
  const reading = readWorkbook(before.value);
  if (!reading.ok) throw new Error("file adapter: the sample does not read");
  if (!(await port.applyPlan(aggregatePlan(reading))).ok) throw new Error("file adapter: write failed");
  const after = await port.readSnapshot({ formulas: true });
  if (!after.ok) throw new Error("file adapter: read back failed");
  return { sheets: new Map(COMPARED.map((n) => [n, fileCells(after.value.sheets.find((s) => s.name === n)!)])), schemeStamp: schemeStamp(reading.scheme) };
}

function wps<K extends keyof WpsHostApi>(page: Page, name: K, ...args: Parameters<WpsHostApi[K]>): Promise<Awaited<ReturnType<WpsHostApi[K]>>> {
  return page.evaluate(([n, a]) => {
    const api = (window as unknown as WpsHostWindow).__wps as unknown as Record<string, (...x: unknown[]) => unknown>;
    return api[n as string]!(...(a as unknown[]));
  }, [name, args] as const) as Promise<Awaited<ReturnType<WpsHostApi[K]>>>;
}

describe.skipIf(!available)("the WPS add-in in Chromium (fake WPS host over the fake ET object model)", () => {
  let build: WpsBuild;
  let server: StaticServer;
  let session: BrowserSession | undefined;
  let expected: Awaited<ReturnType<typeof fileAdapterOutput>>;

  beforeAll(async () => {
    const [built] = await Promise.all([buildWpsOnce(), wpsHostScript()]);
    build = built;
    server = await serveDirectory(join(build.dir, "online"));
    expected = await fileAdapterOutput();
  });

  afterAll(async () => {
    await server?.close();
    await removeWpsBuild();
  });

  beforeEach(async () => {
    session = await launchBrowser({ origin: server.origin, viewport: { width: 1100, height: 900 } });
    session.page.setDefaultTimeout(WAIT);
    await installWpsHost(session.page);
  });

  afterEach(async () => {
    const lines = session?.problemLines() ?? [];
    if (lines.length) console.error(`[wps-host.e2e] problems on the page:\n  ${lines.join("\n  ")}`);
    await session?.close();
    session = undefined;
  });

  async function expectClean(): Promise<void> {
    expect(await session!.finish()).toEqual([]);
    expect(server.requests.filter((r) => r.status !== 200)).toEqual([]);
  }

  /** Loads the add-in's page as WPS does and presses 打开评价面板; resolves with the pane's frame once it has read the workbook. */
  async function openPane(beforeOpen?: (page: Page) => Promise<unknown>): Promise<{ page: Page; pane: Frame }> {
    const page = session!.page;
    await page.goto(server.url("index.html"));
    await page.waitForFunction(() => typeof (window as unknown as WpsHostWindow).ribbon?.OnAction === "function");
    await beforeOpen?.(page);
    await page.evaluate(() => (window as unknown as WpsHostWindow).ribbon!.OnAction({ Id: "evalsheetOpenPane" }));
    await page.waitForFunction(() => document.querySelector("iframe")?.contentDocument?.querySelector("main") !== null);
    const pane = page.frames().find((f) => f.url().endsWith("/taskpane.html"))!;
    await pane.getByRole("heading", { level: 1, name: "区县妇联工作评价" }).waitFor();
    await pane.getByText("方案：cq-2024", { exact: true }).waitFor();
    await pane.locator('main[aria-busy="false"]').waitFor();
    return { page, pane };
  }

  /** Click an action button in the pane and wait until the pane went to the workbook and is idle again. */
  async function settle(page: Page, pane: Frame, name: string): Promise<void> {
    const calls = await wps(page, "calls");
    await pane.getByRole("button", { name, exact: true }).click();
    await page.waitForFunction((n) => (window as unknown as WpsHostWindow).__wps.calls() > n, calls, { timeout: WORK });
    await pane.locator('main[aria-busy="false"]').waitFor({ timeout: WORK });
  }

  it("dist-wps: ribbon.xml with 评价 › 打开评价面板, the add-in's pages loading only their own files, and both packages", () => {
    const online = join(build.dir, "online");
    for (const f of ["ribbon.xml", "index.html", "main.js", "taskpane.html", "taskpane.js", "assets/icon-32.png", "publish.html", "publish.xml"]) expect(existsSync(join(online, f)), f).toBe(true);
    const ribbon = readFileSync(join(online, "ribbon.xml"), "utf8");
    expect(ribbon).toMatch(/<group id="evalsheetGroup" label="评价">/);
    expect(ribbon).toMatch(/<button id="evalsheetOpenPane" label="打开评价面板"[^>]*onAction="ribbon\.OnAction"/);
    for (const page of ["index.html", "taskpane.html"]) {
      const html = readFileSync(join(online, page), "utf8");
      // Attributes as the minified page writes them, quoted or not.
      const refs = html.match(/(?:src|href)=["']?[^"'\s>]+/g) ?? [];
      expect(refs.length, page).toBeGreaterThan(0);
      expect(refs.filter((a) => /^(?:src|href)=["']?(?:[a-z]+:)?\/\//i.test(a)), page).toEqual([]);
    }
    expect(readFileSync(join(online, "publish.xml"), "utf8")).toContain(`url="${WPS_TEST_URL}"`);
    expect(readdirSync(join(build.dir, "offline")).sort()).toEqual(["evalsheet_0.1.0", "evalsheet_0.1.0.zip", "install.cmd", "install.ps1", "install.sh", "publish.xml", "uninstall.cmd", "安装说明.txt"]);
  });

  it("the ribbon opens the pane; 校验 and 汇总 run through the WPS adapter and write what the file adapter writes; the ribbon hides and shows the one pane", async () => {
    const { page, pane } = await openPane();
    // index.html's script: EVAL.* registered, workbook events followed, the workbook's scheme published.
    expect((await wps(page, "functions")).map((f) => `${f.namespace}.${f.name}`).sort()).toEqual(["EVAL.BONUS", "EVAL.CAP", "EVAL.GROUP", "EVAL.GROUPRANK", "EVAL.TIER", "EVAL.TOTAL"]);
    expect(await wps(page, "listeners")).toEqual(["WorkbookOpen", "WorkbookActivate"]);
    expect((await wps(page, "storage"))["evalsheet.schemeStamp"]).toBe(expected.schemeStamp);
    expect(await wps(page, "panes")).toEqual([expect.objectContaining({ title: "评价", visible: true, url: server.url("taskpane.html") })]);
    await screenshot(page, "wps", "1-pane-open");

    await settle(page, pane, "校验");
    expect(await pane.getByRole("region", { name: "校验结果", exact: true }).getByRole("status").textContent()).toMatch(/^0 个错误，0 个警告，\d+ 条提示$/);

    const before = await wps(page, "calls");
    await settle(page, pane, "汇总");
    await pane.getByRole("region", { name: "评价结果", exact: true }).waitFor();
    const calls = (await wps(page, "calls")) - before;
    console.log(`[wps-host.e2e] 汇总 in the pane: ${calls} object-model calls`);
    expect(calls).toBeLessThan(4_000);
    expect((await wps(page, "sheetNames")).slice(0, 3)).toEqual(COMPARED);
    for (const name of COMPARED) expect(untimed(await wps(page, "cells", name)), name).toEqual(untimed(expected.sheets.get(name)!));
    expect(await wps(page, "brokenReferences")).toEqual([]);
    expect(await wps(page, "settings")).toEqual({ screenUpdating: true, enableEvents: true, displayAlerts: true, calculation: -4105 });
    await screenshot(page, "wps", "2-aggregated");

    // Again: the outputs are copied onto the sheets they replace; every reference still holds.
    await settle(page, pane, "汇总");
    for (const name of COMPARED) expect(untimed(await wps(page, "cells", name)), name).toEqual(untimed(expected.sheets.get(name)!));
    expect(await wps(page, "brokenReferences")).toEqual([]);

    await page.evaluate(() => (window as unknown as WpsHostWindow).ribbon!.OnAction({ Id: "evalsheetOpenPane" }));
    expect((await wps(page, "panes")).map((p) => p.visible)).toEqual([false]);
    await page.evaluate(() => (window as unknown as WpsHostWindow).ribbon!.OnAction({ Id: "evalsheetOpenPane" }));
    expect((await wps(page, "panes")).map((p) => p.visible)).toEqual([true]);
    await expectClean();
  });

  it("a bad value is reported by cell, clicking it selects the cell in WPS, and 汇总 writes nothing", async () => {
    // A user types a word where 宣教部 expects 渝中区's score, before opening the pane.
    const { page, pane } = await openPane((p) => wps(p, "setCell", "宣教部", "C6", "abc"));
    const region = pane.getByRole("region", { name: "校验结果", exact: true });
    expect(await region.getByRole("status").textContent()).toMatch(/^1 个错误，\d+ 个警告，\d+ 条提示$/);
    await region.getByRole("button", { name: /宣教部!C6/ }).click();
    await page.waitForFunction(() => (window as unknown as WpsHostWindow).__wps.selection() !== null);
    expect(await wps(page, "selection")).toEqual({ sheet: "宣教部", address: "C6" });
    expect(await wps(page, "activeSheet")).toBe("宣教部");
    const names = await wps(page, "sheetNames");
    await settle(page, pane, "汇总");
    expect(await pane.getByRole("region", { name: "评价结果", exact: true }).count()).toBe(0);
    expect(await wps(page, "sheetNames")).toEqual(names);
    await screenshot(page, "wps", "bad-value-selected");
    await expectClean();
  });

  it("EVAL.* in the page compute the engine's results, with WPS's metadata", async () => {
    const page = session!.page;
    await page.goto(server.url("index.html"));
    await page.waitForFunction(() => (window as unknown as WpsHostWindow).__wps.functions().length === 6);
    const scheme = builtinScheme();
    const cases: [string, unknown[], unknown][] = [
      ["TOTAL", [50, 20, 10, 3, 1], core.total(scheme, 50, 20, 10, 3, 1)],
      ["TOTAL", [58.5, 25, 10, 9], core.total(scheme, 58.5, 25, 10, 9)],
      ["TOTAL", ["abc", 20, 10, 3], core.total(scheme, "abc", 20, 10, 3)],
      ["BONUS", [[["A1"], ["A5"], ["A5"], [""]], [[1], [""], [2], [1]]], core.bonus(scheme, [["A1"], ["A5"], ["A5"], [""]], [[1], [""], [2], [1]])],
      ["TIER", [96], core.tier(scheme, 96)],
      ["TIER", [84.99], core.tier(scheme, 84.99)],
      ["GROUPRANK", [80, [[90], [80], [80], [70]]], core.groupRank(80, [[90], [80], [80], [70]])],
      ["GROUP", ["渝中区"], core.group(scheme, "渝中区")],
      ["GROUP", ["不存在县"], core.group(scheme, "不存在县")],
      ["CAP", [7, 5], core.cap(7, 5)],
    ];
    for (const [name, args, want] of cases) {
      const got = await wps(page, "callFunction", name, args);
      expect(got, `${name}(${JSON.stringify(args)})`).toEqual(core.isSheetError(want) ? { thrown: want.error } : { value: want });
    }
    const total = (await wps(page, "functions")).find((f) => f.name === "TOTAL")!;
    expect(total.metadata?.description).toMatch(/^总得分：/);
    expect(total.metadata?.parameters.map((p) => p.type)).toEqual(["number", "number", "number", "number", "number?"]);
    await expectClean();
  });
});
