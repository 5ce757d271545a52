// npm run serve — the built pane (dist/) on http://127.0.0.1:<a free port>/taskpane.html, for checking a workbook
// in a plain browser without Excel (standalone mode: nothing is uploaded; the page works on the file
// you open and lets you download the result). Run `npm run build` first.
import { existsSync } from "node:fs";
import { serveDirectory } from "../test/e2e/support/server";

if (!existsSync("dist/taskpane.html")) {
  console.error("dist/taskpane.html 不存在：请先运行 npm run build。 (Run `npm run build` first.)");
  process.exit(2);
}
const server = await serveDirectory("dist");
console.log(`评价面板（浏览器独立模式）：${server.url("taskpane.html")}\nStandalone pane: ${server.url("taskpane.html?lang=en")}\nCtrl+C 退出 / to stop.`);
