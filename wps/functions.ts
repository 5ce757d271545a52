import * as evalFunctions from "../functions/functions";
import { setActiveScheme } from "../functions/schemeSlot";
import zhCN from "../functions/locales/zh-CN.json";
import type { WpsHost } from "../src/adapters/wps/et";
import { takePublished, type SchemeStorage } from "../src/adapters/wps/scheme";
import { WPS_NAMESPACE, wpsFunctions, type OfficeFunctionsMetadata, type WpsFunction } from "./functionsMeta";

/*
 * The EVAL.* functions in WPS: the same functions as Excel's (functions/functions.ts over
 * src/sheetFunctions), registered with wps.AddCustomFunction — synchronous only, as WPS
 * (≥ 12.1.0.20540) runs them. Before each evaluation a function looks at the stamp of the scheme
 * published in PluginStorage (src/adapters/wps/scheme.ts) and, when it changed, takes that scheme:
 * the pane and this page are separate pages, and this is how the workbook's scheme reaches them.
 * An argument a function refuses is thrown (WPS shows an error value), as in Excel.
 */

/** The generator's metadata for functions/functions.ts, put here by the WPS build (webpack.wps.config.js). */
declare const __EVAL_OFFICE_METADATA__: OfficeFunctionsMetadata;

export function evalFunctionMetadata(office: OfficeFunctionsMetadata = __EVAL_OFFICE_METADATA__): WpsFunction[] {
  return wpsFunctions(office, zhCN);
}

type Fn = (...args: never[]) => unknown;

/** Register every EVAL function with WPS; returns the ids registered. */
export function registerEvalFunctions(host: Pick<WpsHost, "AddCustomFunction">, storage: SchemeStorage, functions: readonly WpsFunction[] = evalFunctionMetadata()): string[] {
  let held: string | null = null;
  const adopt = () => {
    const published = takePublished(storage, held);
    if (!published) return;
    held = published.stamp;
    setActiveScheme(published.scheme);
  };
  const exported = evalFunctions as unknown as Record<string, Fn | undefined>;
  return functions.map((f) => {
    const fn = exported[f.id];
    if (typeof fn !== "function") throw new Error(`EVAL.${f.id} has metadata but no function in functions/functions.ts`);
    host.AddCustomFunction(WPS_NAMESPACE, f.id, (...args: never[]) => {
      adopt();
      return fn(...args);
    }, f.metadata);
    return f.id;
  });
}
