// npm run serve — the pane standalone in any browser, without Excel (nothing is uploaded: the page
// works on the file you open and lets you download the result), on http://127.0.0.1:<a free port>.
// It builds the pane itself, with the local copy of Office.js, into a temporary folder removed on
// exit: dist/ from `npm run build` loads Office.js from Microsoft's CDN, and this page must load
// nothing from outside (it also works with no internet at all).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertSelfContained, buildAddin } from "./build-addin";
import { serveDirectory } from "../test/e2e/support/server";

const dir = await mkdtemp(join(tmpdir(), "evalsheet-serve-"));
const removeBuild = () => rm(dir, { recursive: true, force: true });
console.log("正在构建浏览器独立页面（使用本地 Office.js，约 1 分钟）… / Building the standalone pane (local Office.js)…");
try {
  await buildAddin({ outDir: dir, officeJs: "local" });
  assertSelfContained(dir);
} catch (error) {
  await removeBuild();
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const server = await serveDirectory(dir);
console.log(`评价面板（浏览器独立模式）：${server.url("taskpane.html")}\nStandalone pane: ${server.url("taskpane.html?lang=en")}\nCtrl+C 退出 / to stop.`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server.close().finally(removeBuild).finally(() => process.exit(0));
  });
}
