import type { WpsFunctionMetadata } from "../src/adapters/wps/et";
import { localizeMetadata } from "../functions/localize.js";
import type { LocalizationTable } from "../functions/localize";

/*
 * The EVAL.* functions' metadata for WPS, from the same source as Excel's: the metadata that
 * custom-functions-metadata generates from the JSDoc in functions/functions.ts (Excel's
 * functions.json; the WPS build embeds the generator's output) with the Chinese descriptions of
 * functions/locales/zh-CN.json (Excel's functions.zh-CN.json). WPS shows them in 插入函数 → 用户定义.
 *
 * Names stay the ids (TOTAL, BONUS, …) under the namespace EVAL: WPS's documentation says nothing
 * of names outside ASCII, and Kingsoft's own tool (wpsjs, which writes the functions.json WPS reads)
 * refuses a function name that is not [A-Za-z_][A-Za-z0-9_]*, so the Chinese names Excel shows
 * (评价.总得分) are not registered in WPS; the descriptions are Chinese.
 */

export const WPS_NAMESPACE = "EVAL";

/** What wpsjs accepts as a function name (its functionsScanner's rule). */
export const WPS_FUNCTION_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Excel's custom-functions metadata, as far as it is read here. */
export interface OfficeFunctionsMetadata {
  functions: {
    id: string;
    name: string;
    description?: string;
    parameters?: { name: string; description?: string; type?: string; dimensionality?: string; optional?: boolean }[];
    result?: { type?: string; dimensionality?: string };
  }[];
}

export interface WpsFunction {
  readonly id: string;
  readonly metadata: WpsFunctionMetadata;
}

/** A type as wpsjs writes it: number, string, bool or any; "[][]" for a range; "?" when optional. */
function wpsType(type: string | undefined, dimensionality: string | undefined, optional = false): string {
  const base = type === "boolean" ? "bool" : type === "number" || type === "string" ? type : "any";
  return `${base}${dimensionality === "matrix" ? "[][]" : ""}${optional ? "?" : ""}`;
}

export function wpsFunctions(office: OfficeFunctionsMetadata, zh: LocalizationTable): WpsFunction[] {
  const localized = localizeMetadata(office, zh);
  return localized.functions.map((f) => {
    if (!WPS_FUNCTION_NAME.test(f.id)) throw new Error(`EVAL.${f.id}: WPS function names are [A-Za-z_][A-Za-z0-9_]*`);
    return {
      id: f.id,
      metadata: {
        description: f.description ?? "",
        result: { type: wpsType(f.result?.type, f.result?.dimensionality) },
        parameters: (f.parameters ?? []).map((p) => ({ name: p.name, type: wpsType(p.type, p.dimensionality, p.optional), description: p.description ?? "" })),
      },
    };
  });
}
