import type { Scheme } from "../src/scheme/schema";

/**
 * Where the active scheme lives: on the global object under a registered symbol, because the task
 * pane and functions.js are separate webpack entries with their own module copies but share one
 * page (shared runtime). Free of imports so the pane's first screen can set it without loading
 * the built-in scheme.
 */
const KEY: unique symbol = Symbol.for("evalsheet.activeScheme") as never;

function slot(): { [KEY]?: Scheme | null } {
  return globalThis as { [KEY]?: Scheme | null };
}

/** The scheme the pane set, or null/undefined for the built-in one. */
export function storedScheme(): Scheme | null | undefined {
  return slot()[KEY];
}

/** Use this scheme from now on; null goes back to the built-in one. */
export function setActiveScheme(scheme: Scheme | null): void {
  slot()[KEY] = scheme;
}
