import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    // LibreOffice and Chromium tests start real programs: give them room, never sleep in tests.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    // The JSON report lets .ci/run print the closing "N passed, N failed" line CI reads.
    reporters: ["default", ["json", { outputFile: "test-artifacts/vitest-results.json" }]],
  },
});
