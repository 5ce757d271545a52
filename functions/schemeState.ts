import type { Scheme } from "../src/scheme/schema";
import { builtinScheme } from "../src/scheme/load";

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
const KEY = Symbol.for("evalsheet.activeScheme");

function slot(): { [KEY]?: Scheme | null } {
  return globalThis as { [KEY]?: Scheme | null };
}

export function activeScheme(): Scheme {
  return slot()[KEY] ?? builtinScheme();
}

/** Use this scheme from now on; null goes back to the built-in one. */
export function setActiveScheme(scheme: Scheme | null): void {
  slot()[KEY] = scheme;
}
