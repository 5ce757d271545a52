// The pane's 分类指导 tab and 晾晒 download in a real browser (standalone build, Debian's Chromium):
// a district's tab names the same weakest indicators, in the same order, as its page of the 分类指导
// sheet the CLI writes for the same workbook; the downloaded page is the CLI's page but for the time.
// Fails on a console error, a failed request or a request off the test server's origin.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce, removeBuild, REPO, type Build } from "../addin/dist";
import { launchBrowser, screenshot, type BrowserSession } from "./support/browser";
import { serveDirectory, type StaticServer } from "./support/server";
import { requireChromium } from "./support/require";

const available = requireChromium("guidance.e2e");
const run = promisify(execFile);
const WAIT = 30_000;
const WORK = 90_000;
const UNIT = "江北区";

async function cli(args: string[]): Promise<void> {
  const env = { ...process.env };
  delete env["EVALSHEET_LANG"];
  await run(process.execPath, [join(REPO, "bin", "evalsheet.js"), ...args], { cwd: REPO, env, timeout: 120_000 });
}

/** The weakest indicators on `unit`'s page of the 分类指导 sheet: rows between 短板 and 亮点 that are not merged reason rows. */
async function sheetWeakest(file: string, unit: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("分类指导")!;
  let r = 1;
  while (!String(ws.getCell(r, 1).value).startsWith(`${unit} 分类指导`)) r++;
  while (!String(ws.getCell(r, 1).value).startsWith("短板")) r++;
  const names: string[] = [];
  for (r++; !String(ws.getCell(r, 1).value).startsWith("亮点"); r++) if (!ws.getCell(r, 2).isMerged && ws.getCell(r, 2).value) names.push(String(ws.getCell(r, 1).value));
  return names;
}

describe.skipIf(!available)("分类指导 and 晾晒 in the pane (Chromium, standalone)", () => {
  let build: Build;
  let server: StaticServer;
  let tmp = "";
  let input = "";
  let session: BrowserSession;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "evalsheet-guidance-e2e-"));
    input = join(tmp, "demo-input.xlsx");
    const [built] = await Promise.all([
      buildOnce(),
      (async () => {
        await cli(["template", "--sample", "--out", input]);
        await cli(["aggregate", input, "--out", join(tmp, "cli.xlsx")]);
        await cli(["publish", join(tmp, "cli.xlsx"), "--out", join(tmp, "pub")]);
      })(),
    ]);
    build = built;
    server = await serveDirectory(build.dir);
    session = await launchBrowser({ origin: server.origin });
    session.page.setDefaultTimeout(WAIT);
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
    await removeBuild();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function aggregated(): Promise<Page> {
    const page = session.page;
    await page.goto(server.url("taskpane.html"));
    await page.getByRole("heading", { level: 1, name: "区县妇联工作评价" }).waitFor();
    await page.getByTestId("open-workbook").setInputFiles(input);
    await page.getByText("demo-input.xlsx", { exact: true }).waitFor();
    await page.getByRole("button", { name: "汇总", exact: true }).click();
    await page.getByRole("region", { name: "评价结果", exact: true }).waitFor({ timeout: WORK });
    return page;
  }

  it("the dialog's 分类指导 tab names the sheet's weakest indicators, in order; the 晾晒 page downloads", async () => {
    const page = await aggregated();
    await page.getByRole("button", { name: `${UNIT} 得分说明`, exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `${UNIT} 得分说明` });
    await dialog.waitFor();
    await dialog.getByRole("tab", { name: "分类指导" }).click();
    const panel = dialog.getByRole("region", { name: `${UNIT} 分类指导` });
    await panel.waitFor();
    const expected = await sheetWeakest(join(tmp, "cli.xlsx"), UNIT);
    expect(expected.length).toBeGreaterThan(0);
    const shown = await panel.getByRole("list").first().locator("li").evaluateAll((lis) => lis.map((li) => li.querySelector("span")!.textContent));
    expect(shown).toEqual(expected);
    expect(await panel.textContent()).toContain("无上年数据");
    await screenshot(page, "guidance", "1-tab", { fullPage: false });
    await dialog.getByRole("tab", { name: "得分说明" }).click();
    expect(await dialog.textContent()).toContain("得分说明");
    await dialog.getByRole("button", { name: "关闭", exact: true }).click();
    await dialog.waitFor({ state: "detached" });

    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: WORK }),
      page.getByRole("button", { name: "下载晾晒页面 (HTML)", exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^\d{4}年度评价结果\.html$/);
    const saved = join(tmp, "from-pane.html");
    await download.saveAs(saved);
    const fromPane = await readFile(saved, "utf8");
    const fromCli = await readFile(join(tmp, "pub", download.suggestedFilename()), "utf8");
    const untimed = (html: string) => html.replace(/生成于 [\d-]+ [\d:]+/, "生成于 …");
    expect(untimed(fromPane)).toBe(untimed(fromCli));
    expect(await session.finish()).toEqual([]);
    expect(server.requests.filter((r) => r.status !== 200)).toEqual([]);
  });
});
