import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { cli, columnOf, expectExit, expectNoStack, load, mutated, sheet, show } from "./helpers";
import { rowOf } from "../support/workbooks";
import { chromiumAvailable, launchBrowser, screenshot, type BrowserSession } from "../e2e/support/browser";
import { missingPrintTools } from "../support/pdf";

/**
 * 晾晒: `evalsheet publish FILE --out DIR` writes one self-contained page. Rendered in headless
 * Chromium: no console error, no request but the page's own (every request routed and counted),
 * a screenshot kept; its numbers are result.json's; a draft carries the watermark on screen and
 * on every page it prints to (A4 PDF by Chromium). `--approved-only` refuses a workbook not
 * approved (exit 2) or changed since (exit 1), writing nothing.
 */
if (!chromiumAvailable() && process.env["CI"]) throw new Error("chromium required in CI: .ci/run installs it");

interface UnitJson { unit: string; groupId: string; total: number; groupRank: number; tier: string; basic: number; penalty: number }

const ORIGIN = "http://publish.test";
const PAGE = "2024年度评价结果.html";

describe("evalsheet publish", () => {
  let dir = "";
  let units: UnitJson[] = [];
  let approved = "";

  beforeAll(async () => {
    ({ dir } = await mutated(() => {}, "评价.xlsx"));
    const input = join(dir, "评价.xlsx");
    const agg = await cli(["aggregate", input, "--out", join(dir, "汇总.xlsx"), "--json", join(dir, "result.json")]);
    expectExit(agg, 0);
    units = (JSON.parse(readFileSync(join(dir, "result.json"), "utf8")) as { units: UnitJson[] }).units;
    approved = join(dir, "审定.xlsx");
    const [draft, app] = await Promise.all([
      cli(["publish", join(dir, "汇总.xlsx"), "--out", join(dir, "draft")]),
      cli(["approve", input, "--by", "党组会", "--date", "2025-01-20", "--out", approved]),
    ]);
    expectExit(draft, 0);
    expectExit(app, 0);
    expectExit(await cli(["publish", approved, "--out", join(dir, "approved"), "--approved-only"]), 0);
  }, 180_000);

  it("--approved-only refuses a workbook not approved (exit 2) and one changed since its approval (exit 1); nothing is written", async () => {
    const wb = await load(approved);
    const ws = sheet(wb, "宣教部");
    ws.getCell(rowOf(ws, "渝中区"), columnOf("宣教部", "B01", "score")).value = 0;
    ws.getCell(rowOf(ws, "渝中区"), columnOf("宣教部", "B01", "reason")).value = "改分";
    const edited = join(dir, "审定后修改.xlsx");
    writeFileSync(edited, new Uint8Array(await wb.xlsx.writeBuffer()));
    const [notApproved, changed, draftOfChanged] = await Promise.all([
      cli(["publish", join(dir, "汇总.xlsx"), "--out", join(dir, "refused1"), "--approved-only"]),
      cli(["publish", edited, "--out", join(dir, "refused2"), "--approved-only"]),
      cli(["publish", edited, "--out", join(dir, "changed")]),
    ]);
    expectExit(notApproved, 2);
    expect(notApproved.stdout, show(notApproved)).toContain("尚未审定");
    expectExit(changed, 1);
    expect(changed.stdout, show(changed)).toContain("审定（党组会）后有 2 个输入单元格被修改");
    for (const r of [notApproved, changed]) expectNoStack(r);
    expect(existsSync(join(dir, "refused1"))).toBe(false);
    expect(existsSync(join(dir, "refused2"))).toBe(false);
    // Without --approved-only the changed workbook is published as a draft, saying why.
    expectExit(draftOfChanged, 0);
    const html = readFileSync(join(dir, "changed", PAGE), "utf8");
    expect(html).toContain("初步意见，未经党组会审定");
    expect(html).toContain("有 2 个输入单元格被修改");
  });

  it("an existing file of that name that is not ours is not overwritten without --force", async () => {
    const out = join(dir, "theirs");
    await cli(["publish", join(dir, "汇总.xlsx"), "--out", out]);
    writeFileSync(join(out, PAGE), "someone's notes");
    const r = await cli(["publish", join(dir, "汇总.xlsx"), "--out", out]);
    expectExit(r, 2);
    expect(readFileSync(join(out, PAGE), "utf8")).toBe("someone's notes");
    expectExit(await cli(["publish", join(dir, "汇总.xlsx"), "--out", out, "--force"]), 0);
  });

  describe.skipIf(!chromiumAvailable())("in headless Chromium", () => {
    let session: BrowserSession;
    const requests: string[] = [];

    beforeAll(async () => {
      session = await launchBrowser({ origin: ORIGIN, viewport: { width: 1000, height: 900 } });
      session.page.on("request", (r) => requests.push(r.url()));
      // The page is served from a made-up origin; anything else it asked for would be counted and aborted.
      await session.page.route(`${ORIGIN}/**`, (route) => {
        const name = decodeURIComponent(new URL(route.request().url()).pathname.slice(1));
        const [folder, file] = name.split("/") as [string, string];
        return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: readFileSync(join(dir, folder, file)) });
      });
    }, 120_000);

    afterAll(async () => session?.close());

    it("the draft: renders with no console error and no request but its own; every number is result.json's; watermarked", async () => {
      const { page } = session;
      requests.length = 0;
      await page.goto(`${ORIGIN}/draft/${encodeURIComponent(PAGE)}`);
      await screenshot(page, "publish", "draft");
      expect(await session.finish()).toEqual([]);
      expect(requests).toEqual([`${ORIGIN}/draft/${encodeURIComponent(PAGE)}`]);
      await expect(page.locator(".watermark").first().isVisible()).resolves.toBe(true);
      expect(await page.locator("#status").textContent()).toContain("初步意见，未经党组会审定");
      const rows = await page.$$eval("section.group tbody tr", (trs) => trs.map((tr) => ({
        group: tr.closest("section")!.getAttribute("data-group"),
        cells: Array.from(tr.children).map((c) => c.textContent!.trim()),
      })));
      expect(rows).toHaveLength(units.length);
      for (const u of units) {
        const row = rows.find((r) => r.cells[1] === u.unit)!;
        expect({ unit: u.unit, group: row.group, rank: row.cells[0], total: row.cells[2], basic: row.cells[3], tier: row.cells[8] })
          .toEqual({ unit: u.unit, group: u.groupId, rank: String(u.groupRank), total: u.total.toFixed(2), basic: u.basic.toFixed(2), tier: u.tier });
      }
      // Within each group, by group rank.
      for (const g of new Set(units.map((u) => u.groupId))) {
        const ranks = rows.filter((r) => r.group === g).map((r) => Number(r.cells[0]));
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      }
    });

    it("the draft prints on A4 with the watermark on every page", async () => {
      const pdf = join(dir, "draft.pdf");
      await session.page.goto(`${ORIGIN}/draft/${encodeURIComponent(PAGE)}`);
      await session.page.emulateMedia({ media: "print" });
      await session.page.pdf({ path: pdf, format: "A4", printBackground: true });
      await session.page.emulateMedia({ media: "screen" });
      if (missingPrintTools().includes("pdftotext")) return;
      const pages = execFileSync("pdftotext", ["-raw", pdf, "-"], { encoding: "utf8" }).split("\f").filter((p) => p.trim());
      expect(pages.length).toBeGreaterThan(1);
      // In content order (-raw): the watermark's rotated lines are whole there, on every page.
      for (const p of pages) expect(p.replace(/\s+/g, "")).toContain("初步意见，未经党组会审定");
      const size = execFileSync("pdfinfo", [pdf], { encoding: "utf8" }).match(/Page size:\s+([\d.]+) x ([\d.]+)/)!;
      // A4 is 595.3 × 841.9 pt (Chromium writes 595.92 × 842.88).
      expect(Math.abs(Number(size[1]) - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(Number(size[2]) - 841.9)).toBeLessThan(1.5);
    });

    it("the approved page: 已审定 with who and when, no watermark, highlights name each group's top districts' cases", async () => {
      const { page } = session;
      requests.length = 0;
      await page.goto(`${ORIGIN}/approved/${encodeURIComponent(PAGE)}`);
      await screenshot(page, "publish", "approved");
      expect(await session.finish()).toEqual([]);
      expect(requests).toHaveLength(1);
      expect(await page.locator(".watermark").count()).toBe(0);
      expect(await page.locator("#status").textContent()).toBe("已审定（2025-01-20，党组会）");
      const highlights = await page.$$eval("section.group", (ss) => ss.map((s) => ({ group: s.getAttribute("data-group"), items: Array.from(s.querySelectorAll(".highlights li b")).map((b) => b.textContent) })));
      for (const h of highlights) {
        const top = units.filter((u) => u.groupId === h.group && u.groupRank <= 3).map((u) => u.unit);
        expect(h.items.sort()).toEqual(top.sort());
      }
      expect(readdirSync(join(dir, "approved"))).toEqual([PAGE]);
    });
  });
});
