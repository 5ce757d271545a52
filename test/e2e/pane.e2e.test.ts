// The task pane in a real browser, standalone (outside Office): the production build served from
// 127.0.0.1, Debian's Chromium driven by playwright-core. Office.onReady reports no host, so the pane
// works on a .xlsx the user opens through the file adapter, entirely in the page.
//
// Every test also fails on a console error, an uncaught page error, a failed request or a request
// to another origin (those are aborted). Screenshots of each screen go to test-artifacts/screenshots/.
// Without /usr/bin/chromium the suite is skipped, except in CI (CI set), where that is a failure.
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import type { Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildOnce, removeBuild, REPO, type Build } from "../addin/dist";
import { launchBrowser, screenshot, type BrowserSession } from "./support/browser";
import { serveDirectory, type StaticServer } from "./support/server";
import { GROUPS, requireChromium } from "./support/require";
import { builtinScheme } from "../../src/scheme/load";
import { contactsOf, termDue } from "../../src/scheme/contacts";
import { defaultEvaluationYear } from "../../src/scheme/year";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { planToWorkbook } from "../../src/adapters/xlsx/xlsxFile";

const available = requireChromium("pane.e2e");

const run = promisify(execFile);
const WAIT = 30_000;
/** Aggregating in the page (file adapter, exceljs) takes a second or two; leave room on slow CI. */
const WORK = 90_000;

const TIERS = ["特优", "优", "良"];

/**
 * Samples are made for today's default year. From 2026 the built-in contact points (2024—2025) are
 * due for review ("联系点原则上每两年调整一次"): that one warning, and no other, is expected then.
 */
const TERM_WARNINGS = termDue(contactsOf(builtinScheme())!, defaultEvaluationYear(new Date())) ? 1 : 0;

interface ResultJson {
  units: Array<{ unit: string; group: string; total: number; tier: string }>;
}

/** `node bin/evalsheet.js ARGS`, Chinese messages; rejects on a non-zero exit. */
async function cli(args: string[], timeout = 60_000): Promise<void> {
  const env = { ...process.env };
  delete env["EVALSHEET_LANG"];
  delete env["EVALSHEET_DEBUG"];
  await run(process.execPath, [join(REPO, "bin", "evalsheet.js"), ...args], { cwd: REPO, env, timeout });
}

/**
 * Counts finished pieces of work: the pane shows a progress bar (role=progressbar) while an action
 * runs, and this counter goes up each time the bar goes away. Installed before the page's scripts.
 */
function installWorkCounter(): void {
  const w = window as unknown as { __paneSettled: number };
  w.__paneSettled = 0;
  let busy = false;
  new MutationObserver(() => {
    const now = document.querySelector('[role="progressbar"]') !== null;
    if (busy && !now) w.__paneSettled += 1;
    busy = now;
  }).observe(document, { childList: true, subtree: true });
}

/** Runs `action` (a click that starts work) and waits until that work has finished. */
async function settle(page: Page, action: () => Promise<void>): Promise<void> {
  const before = await page.evaluate(() => (window as unknown as { __paneSettled: number }).__paneSettled);
  await action();
  await page.waitForFunction((n) => (window as unknown as { __paneSettled: number }).__paneSettled > n, before, { timeout: WORK });
}

/** The body rows of a results table as [rank, unit, total, tier] texts. */
function bodyRows(table: Locator): Promise<string[][]> {
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll("td"), (td) => (td.textContent ?? "").trim())));
}

describe.skipIf(!available)("the task pane in Chromium, standalone (no Office host)", () => {
  let build: Build;
  let server: StaticServer;
  let tmp: string;
  let demoInput: string;
  let badInput: string;
  let expected: ResultJson;
  let session: BrowserSession | undefined;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "evalsheet-e2e-"));
    demoInput = join(tmp, "demo-input.xlsx");
    badInput = join(tmp, "bad-input.xlsx");
    const [built] = await Promise.all([
      buildOnce(),
      (async () => {
        await cli(["template", "--sample", "--out", demoInput]);
        await cli(["aggregate", demoInput, "--out", join(tmp, "cli.xlsx"), "--json", join(tmp, "r.json")]);
        expected = JSON.parse(await readFile(join(tmp, "r.json"), "utf8")) as ResultJson;
        // The bad workbook: a word where 宣教部 expects 渝中区's score, and a unit that does not exist.
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(demoInput);
        const sheet = wb.getWorksheet("宣教部")!;
        const rowOf = (unit: string) => {
          for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 2).value === unit) return r;
          throw new Error(`宣教部 has no row for ${unit}`);
        };
        sheet.getCell(rowOf("渝中区"), 3).value = "abc";
        sheet.getCell(rowOf("大渡口区"), 2).value = "火星区";
        await wb.xlsx.writeFile(badInput);
      })(),
    ]);
    build = built;
    server = await serveDirectory(build.dir);
  });

  afterAll(async () => {
    await server?.close();
    await removeBuild();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  beforeEach(async () => {
    session = await launchBrowser({ origin: server.origin });
    session.page.setDefaultTimeout(WAIT);
    await session.page.addInitScript(installWorkCounter);
  });

  afterEach(async () => {
    const lines = session?.problemLines() ?? [];
    if (lines.length) console.error(`[pane.e2e] problems on the page:\n  ${lines.join("\n  ")}`);
    await session?.close();
    session = undefined;
  });

  /**
   * The page behaved: no console error, page error, failed or off-origin request, also once every
   * timer it set has run (fake clock, fast-forwarded); every file it asked for was served.
   */
  async function expectClean(): Promise<void> {
    expect(await session!.finish()).toEqual([]);
    expect(server.requests.filter((r) => r.status !== 200)).toEqual([]);
  }

  async function openPane(query = ""): Promise<Page> {
    const page = session!.page;
    await page.goto(server.url(`taskpane.html${query}`));
    await page.getByRole("heading", { level: 1, name: "区县妇联工作评价" }).waitFor();
    return page;
  }

  const diagnosticsRegion = (page: Page) => page.getByRole("region", { name: "校验结果", exact: true });
  const resultsRegion = (page: Page) => page.getByRole("region", { name: "评价结果", exact: true });
  const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true });

  it("validates, aggregates and explains the demo workbook, and the download matches the CLI", async () => {
    const page = await openPane();
    await page.getByTestId("open-workbook").setInputFiles(demoInput);
    await page.getByText("demo-input.xlsx", { exact: true }).waitFor();
    await screenshot(page, "demo", "1-opened");

    await settle(page, () => button(page, "校验").click());
    const status = diagnosticsRegion(page).getByRole("status");
    expect(await status.textContent()).toMatch(new RegExp(`^0 个错误，${TERM_WARNINGS} 个警告，\\d+ 条提示$`));
    await screenshot(page, "demo", "2-validated");

    await settle(page, () => button(page, "汇总").click());
    const results = resultsRegion(page);
    await results.waitFor();
    expect(await results.getByRole("table").count()).toBe(GROUPS.length);
    const shown: Array<{ unit: string; group: string; total: string; tier: string }> = [];
    for (const [group, size] of GROUPS) {
      const rows = await bodyRows(results.getByRole("table", { name: group, exact: true }));
      expect(rows, group).toHaveLength(size);
      for (const [, unit, total, tier] of rows) {
        expect(TIERS, `${group} ${unit}`).toContain(tier);
        shown.push({ unit: unit!, group, total: total!, tier: tier! });
      }
    }
    expect(shown).toHaveLength(41);
    // The pane's numbers are the CLI's numbers.
    const byUnit = new Map(expected.units.map((u) => [u.unit, u]));
    for (const s of shown) {
      const u = byUnit.get(s.unit);
      expect(u, s.unit).toBeDefined();
      expect({ unit: s.unit, group: s.group, total: s.total, tier: s.tier }).toEqual({ unit: u!.unit, group: u!.group, total: u!.total.toFixed(2), tier: u!.tier });
    }
    await screenshot(page, "demo", "3-results");

    await page.getByRole("button", { name: "涪陵区 得分说明", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "涪陵区 得分说明" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("加分总分");
    await screenshot(page, "demo", "4-drilldown", { fullPage: false });
    await dialog.getByRole("button", { name: "关闭", exact: true }).click();
    await dialog.waitFor({ state: "detached" });

    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: WORK }),
      page.getByRole("link", { name: "下载汇总工作簿", exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("汇总-demo-input.xlsx");
    const saved = join(tmp, "from-browser.xlsx");
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const summary = wb.getWorksheet("汇总");
    expect(summary, "汇总 sheet").toBeDefined();
    const totals = new Map<string, unknown>();
    summary!.eachRow((row) => {
      const unit = row.getCell(2).value;
      if (typeof unit === "string" && byUnit.has(unit)) {
        expect(totals.has(unit), `${unit} listed twice`).toBe(false);
        const h = row.getCell(8);
        totals.set(unit, h.formula ? h.result : h.value);
      }
    });
    expect(totals.size).toBe(41);
    expect(Object.fromEntries(totals)).toEqual(Object.fromEntries(expected.units.map((u) => [u.unit, u.total])));
    await expectClean();
  });

  // functions.js (functions/start.ts) imports the EVAL.* functions only in Excel: a plain browser never
  // fetches or runs them (at page start they were the longest task, with the scheme and zod).
  it("loads no custom function in a plain browser: their chunk is never requested, nothing is associated", async () => {
    const functionsChunk = (path: string) => /\/chunks\/eval-functions\.[^/]*\.js$/.test(path);
    expect(readdirSync(join(build.dir, "chunks")).some((f) => functionsChunk(`/chunks/${f}`)), "the build has the functions' chunk").toBe(true);
    const page = await openPane();
    await button(page, "使用示例工作簿").click();
    await page.getByText("示例工作簿.xlsx", { exact: true }).waitFor();
    await settle(page, () => button(page, "校验").click());
    expect(server.requests.some((r) => r.path.endsWith("/functions.js")), "functions.js was loaded").toBe(true);
    expect(server.requests.filter((r) => functionsChunk(r.path))).toEqual([]);
    // Office.js's own record of CustomFunctions.associate (office.debug.js, OfficeExt.Association).
    const associated = await page.evaluate(() => Object.keys((window as unknown as { CustomFunctions: { _association: { mappings: object } } }).CustomFunctions._association.mappings));
    expect(associated).toEqual([]);
    await expectClean();
  });

  it("reports bad inputs by cell, filters by severity, and refuses to aggregate", async () => {
    const page = await openPane();
    await page.getByTestId("open-workbook").setInputFiles(badInput);
    await page.getByText("bad-input.xlsx", { exact: true }).waitFor();

    await settle(page, () => button(page, "校验").click());
    const region = diagnosticsRegion(page);
    const statusText = (await region.getByRole("status").textContent()) ?? "";
    const counts = /^(\d+) 个错误，(\d+) 个警告，(\d+) 条提示$/.exec(statusText);
    expect(counts, statusText).not.toBeNull();
    const [errors, warnings, infos] = counts!.slice(1).map(Number) as [number, number, number];
    expect(errors).toBeGreaterThanOrEqual(2);

    const items = region.getByRole("group").getByRole("button");
    expect(await items.count()).toBe(errors + warnings + infos);
    const notNumber = region.getByRole("button", { name: /宣教部!C6/ });
    expect(await notNumber.count()).toBe(1);
    expect(await notNumber.textContent()).toContain("不是数字");
    const unknownUnit = region.getByRole("button", { name: /宣教部!B7/ });
    expect(await unknownUnit.count()).toBe(1);
    expect(await unknownUnit.textContent()).toContain("未知区县");
    await screenshot(page, "bad", "1-validated");

    await region.getByRole("combobox", { name: "显示" }).click();
    await page.getByRole("option", { name: "错误", exact: true }).click();
    await expect.poll(() => items.count(), { timeout: WAIT }).toBe(errors);
    expect(await region.getByRole("combobox", { name: "显示" }).textContent()).toContain("错误");
    expect(await notNumber.count()).toBe(1);
    expect(await unknownUnit.count()).toBe(1);
    if (warnings > 0) expect(await region.getByRole("button", { name: /扣分理由/ }).count()).toBe(0);
    await screenshot(page, "bad", "2-errors-only");

    await settle(page, () => button(page, "汇总").click());
    expect(await resultsRegion(page).count()).toBe(0);
    expect(await page.getByRole("link", { name: "下载汇总工作簿" }).count()).toBe(0);
    await region.waitFor();
    expect(await region.getByRole("status").textContent()).toBe(statusText);
    expect(await items.count()).toBe(errors);
    await screenshot(page, "bad", "3-aggregate-refused");
    await expectClean();
  });

  const englishChunk = (path: string) => /\/chunks\/strings-en\.[^/]*\.js$/.test(path);

  it("switches to English", async () => {
    const page = await openPane();
    // The English strings are not part of the first screen: they load with the switch.
    const before = server.requests.filter((r) => englishChunk(r.path)).length;
    await button(page, "English").click();
    await page.getByRole("heading", { level: 1, name: "District federation evaluation" }).waitFor();
    expect(server.requests.filter((r) => englishChunk(r.path)).length).toBe(before + 1);
    expect(await button(page, "中文").count()).toBe(1);
    await screenshot(page, "english", "1-start");

    await button(page, "Use the sample workbook").click();
    await page.getByText("示例工作簿.xlsx", { exact: true }).waitFor();
    await settle(page, () => button(page, "Validate").click());
    const status = page.getByRole("region", { name: "Validation", exact: true }).getByRole("status");
    expect(await status.textContent()).toMatch(new RegExp(`^0 errors\\W+${TERM_WARNINGS} warnings\\W+\\d+ notes$`));
    await screenshot(page, "english", "2-validated");
    await expectClean();
  });

  it("stays in Chinese and says so when the English strings cannot be loaded", async () => {
    const page = session!.page;
    await page.route((url) => englishChunk(url.pathname), (route) => route.abort("failed"));
    await openPane();
    await button(page, "English").click();
    await page.getByText(/未能加载英文界面.*界面仍为中文/).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("区县妇联工作评价");
    expect(await button(page, "English").count()).toBe(1);
    await screenshot(page, "english", "3-load-failed");
    // The one failure on the page is the chunk we cut off (and the browser's note about it).
    expect(session!.problemLines().filter((line) => !/strings-en/.test(line) && !/Failed to load resource/.test(line))).toEqual([]);
    expect(session!.problems.failedRequests.some((line) => /strings-en/.test(line))).toBe(true);
  });

  it("aggregates the sample workbook generated in the browser (no CLI involved)", async () => {
    const page = await openPane();
    await button(page, "使用示例工作簿").click();
    await page.getByText("示例工作簿.xlsx", { exact: true }).waitFor();
    await settle(page, () => button(page, "汇总").click());
    const results = resultsRegion(page);
    await results.waitFor();
    let units = 0;
    for (const [group, size] of GROUPS) {
      const rows = await bodyRows(results.getByRole("table", { name: group, exact: true }));
      expect(rows, group).toHaveLength(size);
      units += rows.length;
    }
    expect(units).toBe(41);
    expect(await results.locator("tbody tr").count()).toBe(41);
    await screenshot(page, "sample", "1-results");
    await expectClean();
  });

  it("the 联系点 / 调研 tab: each Party group member's districts, ledger and research", async () => {
    const page = await openPane();
    await button(page, "使用示例工作簿").click();
    await page.getByText("示例工作簿.xlsx", { exact: true }).waitFor();
    await settle(page, () => button(page, "校验").click());
    await page.getByRole("tab", { name: "联系点 / 调研" }).click();
    const region = page.getByRole("region", { name: "联系点 / 调研", exact: true });
    const first = region.getByRole("table", { name: "彭焱 联系点", exact: true });
    await first.waitFor();
    const units = (await bodyRows(first)).map((r) => r[0]);
    expect(units.slice(0, 6)).toEqual(["万州区（渝东北）", "江北区（主城都市圈）", "沙坪坝区（主城都市圈）", "永川区（主城都市圈）", "丰都县（渝东北）", "秀山县（渝东南）"]);
    expect(await region.textContent()).toContain("本年未联系的区县：秀山县");
    await screenshot(page, "ledger", "1-peng");
    // Another member: the table follows the choice.
    await region.getByRole("combobox", { name: "党组成员" }).selectOption("文艳");
    const wen = region.getByRole("table", { name: "文艳 联系点", exact: true });
    await wen.waitFor();
    expect((await bodyRows(wen)).map((r) => r[0])).toContain("大渡口区（主城都市圈）");
    const research = await bodyRows(region.getByRole("table", { name: "下基层调研", exact: true }));
    expect(research.map((r) => r[0])).toEqual(["3—4月（集中调研）", "9—10月（集中调研）", "日常调研"]);
    await screenshot(page, "ledger", "2-wen");
    await expectClean();
  });

  it("a large workbook works off the page: progress shown, cancel leaves it unchanged, and the result is the CLI's", async () => {
    // 400 units (100 a group): long enough to cancel while it reads or validates, in a worker.
    const base = builtinScheme();
    const scheme = { ...base, units: Array.from({ length: 400 }, (_, i) => ({ name: `单位${i + 1}`, group: base.groups[i % 4]!.id, aliases: [] })) };
    const big = join(tmp, "400-units.xlsx");
    await (await planToWorkbook(templatePlan(scheme, { sample: sampleData(scheme, 5) }))).xlsx.writeFile(big);
    await cli(["aggregate", big, "--out", join(tmp, "400-cli.xlsx"), "--json", join(tmp, "400.json")], WORK * 4);
    const cliUnits = (JSON.parse(await readFile(join(tmp, "400.json"), "utf8")) as ResultJson).units;

    const page = await openPane();
    await page.getByTestId("open-workbook").setInputFiles(big);
    await page.getByText("400-units.xlsx", { exact: true }).waitFor();
    await page.getByRole("progressbar").waitFor({ state: "detached", timeout: WORK });

    // 汇总, then 取消 while it runs: the progress names its phase, and nothing is written.
    await button(page, "汇总").click();
    await page.getByRole("progressbar").waitFor();
    // The phase's name may render a moment after the bar (the bar's module loads with the first
    // action): wait for it rather than look once.
    await page.getByText(/^(读取工作簿|校验数据|计算与生成汇总|正在处理)$/).waitFor({ timeout: WORK });
    expect(await page.getByText(/^(读取工作簿|校验数据|计算与生成汇总|正在处理)$/).count()).toBe(1);
    await button(page, "取消").click();
    await page.getByText("已取消，工作簿未改动。", { exact: true }).waitFor();
    await screenshot(page, "large", "1-cancelled");
    expect(await page.getByRole("progressbar").count()).toBe(0);
    expect(await resultsRegion(page).count()).toBe(0);
    expect(await page.getByRole("link", { name: "下载汇总工作簿" }).count()).toBe(0);

    // Again, to the end (a new worker): the tables show each group's first 50, and the file is the CLI's.
    await settle(page, () => button(page, "汇总").click());
    const results = resultsRegion(page);
    await results.waitFor();
    const byUnit = new Map(cliUnits.map((u) => [u.unit, u]));
    for (const g of base.groups) {
      const rows = await bodyRows(results.getByRole("table", { name: g.name, exact: true }));
      expect(rows, g.name).toHaveLength(50);
      for (const [, unit, total, tier] of rows) expect({ unit, total, tier }).toEqual({ unit, total: byUnit.get(unit!)!.total.toFixed(2), tier: byUnit.get(unit!)!.tier });
    }
    await results.getByRole("button", { name: /^显示更多/ }).first().click();
    expect(await bodyRows(results.getByRole("table", { name: base.groups[0]!.name, exact: true }))).toHaveLength(100);
    await screenshot(page, "large", "2-results");
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: WORK }),
      page.getByRole("link", { name: "下载汇总工作簿", exact: true }).click(),
    ]);
    const saved = join(tmp, "400-browser.xlsx");
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const totals = new Map<string, unknown>();
    wb.getWorksheet("汇总")!.eachRow((row) => {
      const unit = row.getCell(2).value;
      if (typeof unit === "string" && byUnit.has(unit)) totals.set(unit, row.getCell(8).formula ? row.getCell(8).result : row.getCell(8).value);
    });
    expect(Object.fromEntries(totals)).toEqual(Object.fromEntries(cliUnits.map((u) => [u.unit, u.total])));
    await expectClean();
  }, 900_000);

  it("edits the scheme with live validation and saves it into the workbook", async () => {
    const page = await openPane();
    await button(page, "使用示例工作簿").click();
    await page.getByText("示例工作簿.xlsx", { exact: true }).waitFor();
    await settle(page, () => button(page, "校验").click());
    await page.getByRole("tab", { name: "评价方案设置" }).click();
    const editor = page.getByRole("region", { name: "评价方案设置", exact: true });
    const save = editor.getByRole("button", { name: "保存到工作簿" });
    await editor.getByText("方案有效", { exact: false }).waitFor({ timeout: WAIT });
    // One more point for 系统深入理论武装 in 主城都市圈: that group now sums to 61, and saving is refused.
    const points = editor.getByRole("spinbutton", { name: "系统深入理论武装 主城都市圈" });
    await points.fill("4");
    await editor.getByText("合计 61，应为 60", { exact: false }).waitFor({ timeout: WAIT });
    expect(await save.isDisabled()).toBe(true);
    // An item cap above the total bonus cap is refused too.
    await points.fill("3");
    const cap = editor.getByRole("spinbutton", { name: "承接国家级活动、全市性重大节点类活动（工作） 本项封顶（空白为不封顶）" });
    await cap.fill("9");
    await editor.getByText("超过加分总封顶", { exact: false }).waitFor({ timeout: WAIT });
    expect(await save.isDisabled()).toBe(true);
    await screenshot(page, "scheme", "1-invalid");
    // Valid again, with a different tier rule: 特优 from 90.
    await cap.fill("3");
    await editor.getByRole("spinbutton", { name: "特优" }).fill("90");
    await editor.getByText("方案有效", { exact: false }).waitFor({ timeout: WAIT });
    await settle(page, () => save.click());
    await settle(page, () => button(page, "汇总").click());
    const results = resultsRegion(page);
    await results.waitFor();
    const rows = await bodyRows(results.getByRole("table", { name: "重庆主城区都市圈", exact: true }));
    for (const [, , total, tier] of rows) if (Number(total) >= 90) expect(tier).toBe("特优");
    await screenshot(page, "scheme", "2-saved-and-aggregated");
    await expectClean();
  });
});
