#!/usr/bin/env node
// The evalsheet CLI. It runs dist-cli/main.js, the CLI built as plain JavaScript by `npm run
// build:cli` (which `prepare` runs at npm install / npm ci), while no source it was built from is
// newer; otherwise — no build yet, or a source edited since — the TypeScript sources through tsx
// (a dependency), so `npx evalsheet` works in every case and never runs stale code. Outside a git
// checkout (an installed package) the build is trusted without looking at the sources.
import { existsSync, readFileSync, statSync } from "node:fs";

const root = new URL("../", import.meta.url);

function builtIsCurrent() {
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(new URL("dist-cli/inputs.json", root), "utf8"));
    // Sources are edited in a git checkout; an installed copy (no .git) runs its build without
    // stat()ing each of its ~120 sources at every start.
    if (!existsSync(new URL(".git", root))) return true;
    return inputs.every((path) => statSync(new URL(path, root)).mtimeMs < builtAt);
  } catch {
    return false; // no build, or a source gone
  }
}

// `evalsheet scheme | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
let main;
if (process.env["EVALSHEET_FROM_SOURCE"] !== "1" && builtIsCurrent()) {
  main = await import("../dist-cli/main.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  main = await import("../src/cli/main.ts");
}
process.exitCode = await main.run(process.argv.slice(2));
