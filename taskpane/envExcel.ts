/// <reference types="office-js" />
import type { PaneEnv } from "./env";
import { officePort } from "../src/adapters/office/officePort";
import type { WorkbookPort } from "../src/workbook/port";
import { setActiveScheme } from "../functions/schemeSlot";

/** The pane inside Excel: the Office.js adapter over the open workbook. */
export function excelEnv(onProgress?: (done: number, total: number) => void): PaneEnv {
  const port: WorkbookPort = officePort({
    run: (batch) => Excel.run(batch),
    isSetSupported: (set, version) => Office.context.requirements.isSetSupported(set, version),
    ...(onProgress ? { onProgress } : {}),
  });
  let lastScheme: string | null = null;
  return {
    mode: "excel",
    port: () => port,
    async selectCell(sheet, cell) {
      try {
        await Excel.run(async (ctx) => {
          const ws = ctx.workbook.worksheets.getItem(sheet);
          ws.activate();
          ws.getRange(cell).select();
          await ctx.sync();
        });
        return true;
      } catch {
        return false;
      }
    },
    setFunctionsScheme(scheme) {
      // Only when it changes: the recalculation is a request of its own.
      const json = JSON.stringify(scheme);
      if (json === lastScheme) return;
      lastScheme = json;
      setActiveScheme(scheme);
      // Excel does not know EVAL.* results depend on the scheme: recalculate once.
      void Excel.run(async (ctx) => {
        ctx.workbook.application.calculate("Recalculate");
        await ctx.sync();
      }).catch(() => undefined);
    },
  };
}
