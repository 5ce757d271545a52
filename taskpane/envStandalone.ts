import type { PaneEnv } from "./env";
import type { WorkbookPort } from "../src/workbook/port";

/**
 * The pane outside Office: the workbook lives in memory as an exceljs workbook. The file adapter
 * (exceljs, ~250 KB gzip) is imported on first use, so the first screen does not pay for it.
 */
export function standaloneEnv(): PaneEnv {
  let port: WorkbookPort | null = null;
  let name: string | null = null;
  let toBytes: (() => Promise<Uint8Array>) | null = null;

  return {
    mode: "standalone",
    port: () => port,
    fileName: () => name,
    async selectCell() {
      return false;
    },
    async openFile(fileName, bytes) {
      const [{ openXlsx }, { xlsxPort }, { workbookBytes }] = await Promise.all([
        import("../src/adapters/xlsx/openXlsx"),
        import("../src/adapters/xlsx/xlsxPort"),
        import("../src/adapters/xlsx/xlsxFile"),
      ]);
      const opened = await openXlsx(bytes, fileName);
      if (!opened.ok) return { ok: false, message: opened.diagnostics[0]?.message ?? "" };
      port = xlsxPort(opened.workbook);
      name = fileName;
      toBytes = () => workbookBytes(opened.workbook);
      return { ok: true };
    },
    async openGenerated(kind, year) {
      const [{ builtinScheme }, { withYear }, { templatePlan }, { sampleData }, { planToWorkbook, workbookBytes }, { xlsxPort }] = await Promise.all([
        import("../src/scheme/load"),
        import("../src/scheme/year"),
        import("../src/layout/template"),
        import("../src/layout/sample"),
        import("../src/adapters/xlsx/xlsxFile"),
        import("../src/adapters/xlsx/xlsxPort"),
      ]);
      const scheme = withYear(builtinScheme(), year);
      const wb = await planToWorkbook(templatePlan(scheme, kind === "sample" ? { sample: sampleData(scheme, 2024) } : {}));
      port = xlsxPort(wb);
      name = kind === "sample" ? "示例工作簿.xlsx" : "评价模板.xlsx";
      toBytes = () => workbookBytes(wb);
    },
    async workbookBytes() {
      if (!toBytes) throw new Error("no workbook open");
      return toBytes();
    },
  };
}
