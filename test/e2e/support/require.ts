import { expect, it } from "vitest";
import { CHROMIUM, chromiumAvailable } from "./browser";

const INSTALL = "apt-get install -y --no-install-recommends chromium (bash .ci/run does it)";

/** The region groups and their sizes, as the results tables show them. */
export const GROUPS: ReadonlyArray<readonly [string, number]> = [
  ["重庆主城区都市圈", 22],
  ["渝东北三峡库区城镇群", 11],
  ["渝东南武陵山区城镇群", 6],
  ["开发开放平台", 2],
];

/**
 * Whether the browser tests can run. Without Chromium they skip, except in CI, where a test that
 * fails is registered instead: CI must have the browser (.ci/run installs it).
 */
export function requireChromium(suite: string): boolean {
  const flag = (process.env["CI"] ?? "").toLowerCase();
  const inCI = flag !== "" && flag !== "false" && flag !== "0";
  const available = chromiumAvailable();
  if (!available) {
    if (inCI) {
      it("Chromium is installed — required in CI", () => {
        expect.fail(`${CHROMIUM} is missing in CI; .ci/run must install it (${INSTALL})`);
      });
    } else {
      console.warn(`[${suite}] skipped: ${CHROMIUM} is missing (install with: ${INSTALL})`);
    }
  }
  return available;
}
