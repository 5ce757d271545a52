// `npm run build:wps` run from the tests, once per test file, into a temporary directory (never the
// repository's dist-wps/): webpack with webpack.wps.config.js, then wps/package.ts, in child
// processes as npm runs them, with WPS_DIST and WPS_ADDIN_URL stated.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO } from "../../addin/dist";

const run = promisify(execFile);
export const WPS_TEST_URL = "https://evalsheet.example.org/wps/";

export interface WpsBuild {
  /** dist-wps: online/ and offline/. */
  readonly dir: string;
  readonly log: string;
}

let pending: Promise<WpsBuild> | undefined;

export function buildWpsOnce(): Promise<WpsBuild> {
  pending ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), "evalsheet-wps-"));
    const env = { ...process.env, WPS_DIST: dir, WPS_ADDIN_URL: WPS_TEST_URL };
    try {
      const web = await run(process.execPath, [join(REPO, "node_modules", "webpack-cli", "bin", "cli.js"), "--config", "webpack.wps.config.js", "--mode", "production"], { cwd: REPO, env, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
      const pack = await run(process.execPath, ["--import", "tsx", "wps/package.ts"], { cwd: REPO, env, timeout: 120_000 });
      return { dir, log: `${web.stdout}${web.stderr}${pack.stdout}${pack.stderr}` };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  })();
  return pending;
}

export async function removeWpsBuild(): Promise<void> {
  if (!pending) return;
  const { dir } = await pending.catch(() => ({ dir: undefined }));
  pending = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
}
