import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    // LibreOffice and Chromium tests start real programs, and the e2e tests build the add-in (minutes on a
    // busy 2-core machine): give them room, never sleep in tests.
    testTimeout: 240_000,
    hookTimeout: 420_000,
    pool: "forks",
    // The JSON report lets .ci/run print the closing "N passed, N failed" line CI reads.
    reporters: ["default", ["json", { outputFile: "test-artifacts/vitest-results.json" }]],
  },
});
