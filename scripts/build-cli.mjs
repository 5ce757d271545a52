// npm run build:cli (and `prepare`, so npm install / npm ci build it): the CLI as plain JavaScript
// in dist-cli/, so `evalsheet` starts without transpiling TypeScript. ESM with code splitting: each
// command is a chunk loaded when it runs (exceljs, bundled, only by the commands that read or write a
// workbook). dist-cli/inputs.json lists the sources and when the
// build began: bin/evalsheet.js runs the bundle only while no source is newer, else the sources
// through tsx. Without esbuild (an install without devDependencies) it says so and exits 0: the
// CLI then runs through tsx as before.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const outdir = `${root}dist-cli`;

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  console.log("build-cli: esbuild is not installed; the evalsheet CLI will run its TypeScript through tsx.");
  process.exit(0);
}

const builtAt = Date.now();
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { main: "src/cli/main.ts" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Everything bundled, exceljs and JSZip too (still only in the chunks of the commands that open or
  // write a workbook): exceljs is some 300 CommonJS files, and resolving, reading and compiling them
  // one by one took longer than reading the workbook. Their require() of Node's built-ins goes
  // through a real require, which ESM output lacks.
  external: [],
  banner: { js: 'import { createRequire as __evalsheetRequire } from "node:module"; const require = __evalsheetRequire(import.meta.url);' },
  metafile: true,
  logLevel: "warning",
  chunkNames: "chunks/[name]-[hash]",
});
const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith("node_modules/"));
writeFileSync(`${outdir}/inputs.json`, `${JSON.stringify({ builtAt, inputs: [...inputs, "package.json"] })}\n`);
console.log(`build-cli: dist-cli/main.js from ${inputs.length} sources`);
