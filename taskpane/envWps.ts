import type { PaneEnv } from "./env";
import type { WpsHost } from "../src/adapters/wps/et";
import { wpsPort } from "../src/adapters/wps/wpsPort";
import { publishScheme } from "../src/adapters/wps/scheme";
import { diagnostic } from "../src/diagnostics/diagnostic";

/**
 * The pane inside WPS 表格: the WPS adapter over the workbook open in WPS (window.Application, the
 * ET object model). The pane is a page of its own (Application.CreateTaskPane); it hands the
 * workbook's scheme to the EVAL.* functions, which run in the add-in's other page, through the
 * add-in's PluginStorage and recalculates (src/adapters/wps/scheme.ts). PluginStorage is
 * synchronous and each function looks at it before it computes, so the recalculation that follows
 * already uses the new scheme: there is nothing to wait for, unlike Excel's separate runtimes.
 */
export function wpsEnv(host: () => WpsHost, onProgress?: (done: number, total: number) => void): PaneEnv {
  const port = wpsPort({ app: host, ...(onProgress ? { onProgress } : {}) });
  return {
    mode: "wps",
    port: () => port,
    async selectCell(sheet, cell) {
      try {
        const ws = host().ActiveWorkbook?.Worksheets.Item(sheet);
        if (!ws) return false;
        ws.Activate();
        ws.Range(cell).Select();
        return true;
      } catch {
        return false;
      }
    },
    async setFunctionsScheme(scheme) {
      try {
        const app = host();
        // Full: WPS does not know that the functions' results depend on the scheme.
        if (publishScheme(app.PluginStorage, scheme)) app.CalculateFull();
        return null;
      } catch {
        return diagnostic("warning", "functions.schemeNotConfirmed", {
          zh: `未能把本工作簿的评价方案（${scheme.id}）交给 EVAL 自定义函数：若工作表中用到 EVAL 函数，其结果可能仍按内置方案计算。请关闭并重新打开工作簿。`,
          en: `Could not hand this workbook's scheme (${scheme.id}) to the EVAL custom functions; cells using them may still follow the built-in scheme. Close and reopen the workbook.`,
        });
      }
    },
  };
}
