#!/usr/bin/env node
// The evalsheet CLI. TypeScript sources run through tsx (a dependency), so `npx evalsheet`
// works right after `npm install` with no build step.
import { register } from "tsx/esm/api";

register();
// `evalsheet scheme | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
const { run } = await import("../src/cli/main.ts");
process.exitCode = await run(process.argv.slice(2));
