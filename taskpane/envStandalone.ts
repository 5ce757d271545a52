import type { PaneEnv } from "./env";
import { documentInWorker } from "./worker/documentClient";

/**
 * The pane outside Office: the workbook lives in memory as an exceljs workbook, in the document
 * worker (taskpane/worker/), so opening, writing and saving a large one never freeze the page. The
 * file adapter (exceljs, ~250 KB gzip) loads there on first use, never with the first screen.
 */
export function standaloneEnv(): PaneEnv {
  const document = documentInWorker();
  let name: string | null = null;
  return {
    mode: "standalone",
    port: () => document.port(),
    fileName: () => name,
    async selectCell() {
      return false;
    },
    async openFile(fileName, bytes) {
      const r = await document.open(fileName, bytes);
      if (r.ok) name = fileName;
      return r;
    },
    async openGenerated(kind, year) {
      await document.generate(kind, year);
      name = kind === "sample" ? "示例工作簿.xlsx" : "评价模板.xlsx";
    },
    workbookBytes: () => document.bytes(),
  };
}
