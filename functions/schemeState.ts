import type { Scheme } from "../src/scheme/schema";
import { builtinScheme } from "../src/scheme/load";
import { storedScheme } from "./schemeSlot";

/**
 * The scheme the EVAL.* functions evaluate with: the built-in cq-2024 until the task pane, which
 * shares this runtime, reads the workbook's embedded scheme and calls setActiveScheme.
 *
 * Kept on the global object under a registered symbol rather than in a module variable: webpack
 * builds the task pane and functions.js as separate entries, each with its own copy of this module
 * (see webpack.config.js), so a module variable set by the pane would never reach the functions.
 * Both bundles run in the same page (shared runtime), hence see the same global.
 * After changing the scheme, the pane should recalculate the workbook: Excel does not know that
 * EVAL.* results depend on it.
 */
export { setActiveScheme } from "./schemeSlot";

export function activeScheme(): Scheme {
  return storedScheme() ?? builtinScheme();
}
