// Runs the production build once per test file, into a temporary directory (never the repository's
// dist/), exactly as `npm run build` does but with ADDIN_ORIGIN set, so the same build also proves
// the manifest's origin rewrite, and with the local copy of Office.js: the browser tests fail on any
// request off the page's origin, and no test may depend on Microsoft's CDN. Memoised within a test
// process.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildAddin, type OfficeJsSource } from "../../scripts/build-addin";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const DEV_ORIGIN = "https://localhost:3000";
/** The origin the test build is made for: with a path prefix, the harder case. */
export const TEST_ORIGIN = "https://evalsheet.example.org/addin";
/** The test build's Office.js: the local copy, explicitly (`npm run build` defaults to the CDN). */
export const OFFICE_JS: OfficeJsSource = "local";

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
  try {
    const log = await buildAddin({ outDir: dir, officeJs: OFFICE_JS, origin: TEST_ORIGIN });
    return { dir, millis: performance.now() - started, log };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export async function removeBuild(): Promise<void> {
  if (!pending) return;
  const { dir } = await pending.catch(() => ({ dir: undefined }));
  pending = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
}
