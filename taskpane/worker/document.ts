import type { WorkbookPort } from "../../src/workbook/port";

/**
 * The standalone pane's workbook: an exceljs workbook in memory, behind the file adapter's port. It
 * lives in the document worker (documentWorker.ts), so opening, writing and saving a large workbook
 * never block the page; where workers cannot run, on the page itself. The file adapter (exceljs,
 * ~250 KB gzip) is imported on first use.
 */
export interface WorkbookDocument {
  /** Open .xlsx bytes; the message of the first diagnostic when they are not a workbook. */
  open(name: string, bytes: Uint8Array): Promise<{ ok: boolean; message?: string }>;
  /** Start from a generated workbook (sample-filled or blank) for the evaluation year. */
  generate(kind: "sample" | "blank", year: number): Promise<void>;
  /** The workbook as .xlsx bytes. */
  bytes(): Promise<Uint8Array>;
  /** The open workbook's port, or null before one is opened. */
  port(): WorkbookPort | null;
}

export function workbookDocument(): WorkbookDocument {
  let port: WorkbookPort | null = null;
  let toBytes: (() => Promise<Uint8Array>) | null = null;
  return {
    port: () => port,
    async open(fileName, bytes) {
      const [{ openXlsx }, { xlsxPort }, { workbookBytes }] = await Promise.all([
        import("../../src/adapters/xlsx/openXlsx"),
        import("../../src/adapters/xlsx/xlsxPort"),
        import("../../src/adapters/xlsx/xlsxFile"),
      ]);
      const opened = await openXlsx(bytes, fileName);
      if (!opened.ok) return { ok: false, message: opened.diagnostics[0]?.message ?? "" };
      port = xlsxPort(opened.workbook);
      toBytes = () => workbookBytes(opened.workbook);
      return { ok: true };
    },
    async generate(kind, year) {
      const [{ builtinScheme }, { withYear }, { templatePlan }, { sampleData }, { planToWorkbook, workbookBytes }, { xlsxPort }] = await Promise.all([
        import("../../src/scheme/load"),
        import("../../src/scheme/year"),
        import("../../src/layout/template"),
        import("../../src/layout/sample"),
        import("../../src/adapters/xlsx/xlsxFile"),
        import("../../src/adapters/xlsx/xlsxPort"),
      ]);
      const scheme = withYear(builtinScheme(), year);
      const wb = await planToWorkbook(templatePlan(scheme, kind === "sample" ? { sample: sampleData(scheme, 2024) } : {}));
      port = xlsxPort(wb);
      toBytes = () => workbookBytes(wb);
    },
    async bytes() {
      if (!toBytes) throw new Error("no workbook open");
      return toBytes();
    },
  };
}
