// The add-in's production build run from code — by the tests, the browser tests, the bench and
// `npm run serve` — exactly as `npm run build` runs it (webpack-cli in a child process), into a
// directory of the caller's choosing and with the source of Office.js stated, never inherited:
// `npm run build` loads Office.js from Microsoft's CDN, but these builds must load nothing from
// outside the page's own origin, so they ask for the local copy.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** Where taskpane.html loads Office.js from: Microsoft's CDN, or office/ in the build (OFFICE_JS). */
export type OfficeJsSource = "cdn" | "local";

export interface AddinBuildOptions {
  /** Absolute path of the output directory (webpack cleans it). */
  readonly outDir: string;
  readonly officeJs: OfficeJsSource;
  /** ADDIN_ORIGIN: the origin dist/manifest.xml is written for; the dev origin when absent. */
  readonly origin?: string;
  readonly timeoutMs?: number;
}

/** Runs `webpack --mode production`; resolves with webpack's warnings and errors output. */
export function buildAddin(options: AddinBuildOptions): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, OFFICE_JS: options.officeJs };
  if (options.origin === undefined) delete env.ADDIN_ORIGIN;
  else env.ADDIN_ORIGIN = options.origin;
  delete env.WEBPACK_SERVE;
  const cli = join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, "--mode", "production", "--output-path", options.outDir, "--stats", "errors-warnings"],
      { cwd: ROOT, env, timeout: options.timeoutMs ?? 900_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        if (error) reject(new Error(`webpack --mode production failed (${error.message}):\n${output}`));
        else resolve(output);
      },
    );
  });
}

/**
 * Every URL in an HTML page's src and href attributes that leaves the page's origin: absolute
 * (https://…) or protocol-relative (//…). A self-contained page has none.
 */
export function offOriginUrls(html: string): string[] {
  const urls = [...html.matchAll(/\b(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) => (m[1] ?? m[2] ?? m[3] ?? "").trim());
  return urls.filter((url) => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(url));
}

/** Throws when the built taskpane.html in `dir` would load anything from outside its origin. */
export function assertSelfContained(dir: string): void {
  const outside = offOriginUrls(readFileSync(join(dir, "taskpane.html"), "utf8"));
  if (outside.length > 0) {
    throw new Error(`${join(dir, "taskpane.html")} loads from outside its origin: ${outside.join(", ")} (build it with OFFICE_JS=local)`);
  }
}
