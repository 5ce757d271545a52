// Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core (no
// browser is ever downloaded), a fresh temporary profile per session, and a record of everything that
// should not happen on a page: console errors, uncaught page errors, failed requests (network
// failures and HTTP >= 400) and any request that leaves the test server's origin (those are aborted).
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { REPO } from "../../addin/dist";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
] as const;
export const SCREENSHOTS = join(REPO, "test-artifacts", "screenshots");

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export interface Problems {
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  /** Requests that failed in the network (with the reason) or were answered with HTTP >= 400. */
  readonly failedRequests: string[];
  /** Requests to another origin than the test server's: aborted, and recorded here. */
  readonly offOrigin: string[];
}

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly problems: Problems;
  /** Everything in `problems`, one line each; empty when the page behaved so far. */
  problemLines(): string[];
  /**
   * The end-of-test check: fast-forwards the page's clock (timers the page scheduled for later,
   * such as a telemetry frame Office.js loads 3 s after start, run now instead of after the test),
   * then adds every element and frame that points off-origin to `problems.offOrigin`, and returns
   * problemLines(). No real waiting: the clock is Playwright's fake clock, installed at launch.
   */
  finish(fastForwardMs?: number): Promise<string[]>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** The only origin the page may talk to, e.g. "http://127.0.0.1:43210". */
  readonly origin: string;
  readonly viewport?: { width: number; height: number };
}

/** Whether a URL stays on `origin`. data: URLs and blob: URLs minted by the page itself do. */
export function sameOrigin(url: string, origin: string): boolean {
  if (url.startsWith("data:") || url === "about:blank" || url === "about:srcdoc") return true;
  try {
    // new URL("blob:http://h:1/uuid").origin is "http://h:1".
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/**
 * Launches Chromium with a fresh temporary profile and opens one page. The profile directory is
 * removed by close().
 */
export async function launchBrowser(options: LaunchOptions): Promise<BrowserSession> {
  const profile = await mkdtemp(join(tmpdir(), "evalsheet-chromium-"));
  const problems: Problems = { consoleErrors: [], pageErrors: [], failedRequests: [], offOrigin: [] };
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS],
      acceptDownloads: true,
      viewport: options.viewport ?? { width: 1000, height: 900 },
      locale: "zh-CN",
      timeout: 60_000,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }

  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (sameOrigin(url, options.origin)) return route.continue();
    problems.offOrigin.push(`${route.request().method()} ${url}`);
    return route.abort("blockedbyclient");
  });
  const watched = new WeakSet<Page>();
  const watch = (page: Page) => {
    if (watched.has(page)) return;
    watched.add(page);
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const where = message.location();
      problems.consoleErrors.push(`${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ""}`);
    });
    page.on("pageerror", (error) => problems.pageErrors.push(error.stack ?? error.message));
    page.on("requestfailed", (request) => {
      // Off-origin requests fail because we abort them: they are reported as such already.
      if (!sameOrigin(request.url(), options.origin)) return;
      problems.failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? "failed"}`);
    });
    page.on("response", (response) => {
      if (response.status() >= 400) problems.failedRequests.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
    });
  };
  context.on("page", watch);
  context.pages().forEach(watch);
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);

  // Time flows normally; finish() jumps it forward.
  await context.clock.install();

  const problemLines = () => [
    ...problems.consoleErrors.map((x) => `console error: ${x}`),
    ...problems.pageErrors.map((x) => `page error: ${x}`),
    ...problems.failedRequests.map((x) => `failed request: ${x}`),
    ...problems.offOrigin.map((x) => `off-origin request: ${x}`),
  ];

  return {
    context,
    page,
    problems,
    problemLines,
    finish: async (fastForwardMs = 10_000) => {
      for (const p of context.pages()) {
        if (p.isClosed()) continue;
        await p.clock.runFor(fastForwardMs);
        const urls = await p.evaluate(() => {
          const found: string[] = [];
          const attrs: Array<[string, string]> = [
            ["iframe", "src"], ["frame", "src"], ["script", "src"], ["img", "src"], ["link", "href"],
            ["source", "src"], ["video", "src"], ["audio", "src"], ["object", "data"], ["embed", "src"],
          ];
          for (const [tag, attr] of attrs) {
            for (const el of Array.from(document.querySelectorAll(`${tag}[${attr}]`))) {
              found.push(`<${tag}> ${new URL(el.getAttribute(attr)!, document.baseURI).href}`);
            }
          }
          return found;
        });
        // A blocked frame shows chrome-error://chromewebdata/: already recorded as the request we aborted.
        for (const frame of p.frames()) if (frame.url() && !frame.url().startsWith("chrome-error:")) urls.push(`frame ${frame.url()}`);
        for (const entry of urls) {
          const url = entry.slice(entry.indexOf(" ") + 1);
          if (!sameOrigin(url, options.origin) && !problems.offOrigin.some((x) => x.endsWith(` ${url}`))) problems.offOrigin.push(`${entry} (in the page)`);
        }
      }
      return problemLines();
    },
    close: async () => {
      try {
        await context.close();
      } finally {
        await rm(profile, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Saves a screenshot as test-artifacts/screenshots/<test>-<step>.png (creating the folder) and
 * returns its path. Full page by default; `fullPage: false` for what a modal dialog covers (the
 * viewport). Waits for running animations to end first, so a dialog is not caught half grown in.
 */
export async function screenshot(page: Page, test: string, step: string, options: { fullPage?: boolean } = {}): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const safe = (s: string) => s.replace(/[^\p{L}\p{N}_.-]+/gu, "-");
  const file = join(SCREENSHOTS, `${safe(test)}-${safe(step)}.png`);
  // Let finite animations and transitions end (a dialog fading and growing in) before capturing.
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getComputedTiming().endTime === Infinity),
    undefined,
    { timeout: 10_000 },
  );
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true, animations: "disabled" });
  return file;
}
