/// <reference types="office-js" />
import type { PaneEnv } from "./env";
import type { WorkbookPort } from "../src/workbook/port";
import { lazyPort } from "./lazyPort";
import { diagnostic, type Diagnostic } from "../src/diagnostics/diagnostic";
import type { Scheme } from "../src/scheme/schema";
import { ACK_KEY, STORAGE_KEY, functionsShareThisRuntime, runtimeStorage, schemeStamp, setActiveScheme } from "../functions/schemeSlot";

/** How long the pane waits for functions in another runtime to acknowledge a scheme. */
export interface AckWait {
  readonly polls: number;
  readonly intervalMs: number;
}

/** The pane inside Excel: the Office.js adapter over the open workbook. */
export function excelEnv(onProgress?: (done: number, total: number) => void, wait: AckWait = { polls: 10, intervalMs: 500 }): PaneEnv {
  // The adapter loads with the first read, not with the first screen.
  const port: WorkbookPort = lazyPort(async () => (await import("../src/adapters/office/officePort")).officePort({
    run: (batch, runOptions) => Excel.run(runOptions, batch),
    isSetSupported: (set, version) => Office.context.requirements.isSetSupported(set, version),
    ...(onProgress ? { onProgress } : {}),
  }));
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
    async setFunctionsScheme(scheme) {
      // Only when it changes: the recalculation is a request of its own.
      const json = JSON.stringify(scheme);
      if (json === lastScheme) return null;
      lastScheme = json;
      return handOver(scheme, wait);
    },
  };
}

/**
 * Give the EVAL.* functions the workbook's scheme and recalculate them. "Full": Excel does not know
 * that their results depend on the scheme, and "Recalculate" only recomputes cells it marked dirty.
 * Shared runtime: the functions read the same global, so it is confirmed at once. Otherwise they
 * take it from OfficeRuntime.storage when they next run and acknowledge it there; the pane waits
 * for that, recalculates again (the first pass ran on the old scheme), or warns.
 */
async function handOver(scheme: Scheme, wait: AckWait): Promise<Diagnostic | null> {
  setActiveScheme(scheme);
  const storage = runtimeStorage();
  const stamp = schemeStamp(scheme);
  try {
    await storage?.setItem(STORAGE_KEY, JSON.stringify({ stamp, scheme }));
    await recalculate();
    if (functionsShareThisRuntime()) return null;
    for (let i = 0; storage && i < wait.polls; i++) {
      if ((await storage.getItem(ACK_KEY)) === stamp) {
        await recalculate();
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, wait.intervalMs));
    }
  } catch {
    // Falls through to the warning: nothing confirmed that the functions have the scheme.
  }
  return notConfirmed(scheme.id);
}

async function recalculate(): Promise<void> {
  await Excel.run(async (ctx) => {
    ctx.workbook.application.calculate("Full");
    await ctx.sync();
  });
}

function notConfirmed(id: string): Diagnostic {
  return diagnostic("warning", "functions.schemeNotConfirmed", {
    zh: `未能确认 EVAL 自定义函数已改用本工作簿的方案（${id}）：若工作表中用到 EVAL 函数，其结果可能仍按内置方案计算。请关闭并重新打开工作簿后再打开评价面板。`,
    en: `Could not confirm that the EVAL custom functions use this workbook's scheme (${id}); cells using them may still follow the built-in scheme. Close and reopen the workbook, then open the pane again.`,
  });
}
