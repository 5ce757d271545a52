// Runs the production build once per test file, into a temporary directory (never the repository's
// dist/), exactly as `npm run build` does but with ADDIN_ORIGIN set, so the same build also proves
// the manifest's origin rewrite. Memoised within a test process.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const DEV_ORIGIN = "https://localhost:3000";
/** The origin the test build is made for: with a path prefix, the harder case. */
export const TEST_ORIGIN = "https://evalsheet.example.org/addin";

export interface Build {
  /** Absolute path of the output directory. */
  readonly dir: string;
  readonly millis: number;
  readonly log: string;
}

let pending: Promise<Build> | undefined;

export function buildOnce(): Promise<Build> {
  pending ??= build();
  return pending;
}

async function build(): Promise<Build> {
  const dir = await mkdtemp(join(tmpdir(), "evalsheet-addin-"));
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, ADDIN_ORIGIN: TEST_ORIGIN };
  delete env.OFFICE_JS;
  delete env.WEBPACK_SERVE;
  const log = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [join(REPO, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", "production", "--output-path", dir, "--stats", "errors-warnings"],
      { cwd: REPO, env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        if (error) {
          void rm(dir, { recursive: true, force: true });
          reject(new Error(`webpack --mode production failed (${error.message}):\n${output}`));
        } else resolve(output);
      },
    );
  });
  return { dir, millis: performance.now() - started, log };
}

export async function removeBuild(): Promise<void> {
  if (!pending) return;
  const { dir } = await pending.catch(() => ({ dir: undefined }));
  pending = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
}
