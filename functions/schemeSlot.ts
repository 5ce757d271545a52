import type { Scheme } from "../src/scheme/schema";

/**
 * Where the active scheme lives, for the EVAL.* functions and the task pane.
 *
 * In a shared runtime the pane and functions.js run in one page: the scheme sits on the global
 * object under a registered symbol (the two webpack entries have their own module copies but see
 * the same global). Excel on the web may still run the functions in a runtime of their own
 * (Excel-Custom-Functions issue 304), so the pane also keeps the scheme in OfficeRuntime.storage,
 * which every runtime of the add-in reads, and the functions acknowledge the scheme they adopted
 * there. Free of imports so the pane's first screen can use it without loading the built-in scheme.
 */
const KEY: unique symbol = Symbol.for("evalsheet.activeScheme") as never;
const FUNCTIONS_HERE: unique symbol = Symbol.for("evalsheet.functionsRuntime") as never;

/** OfficeRuntime.storage keys: the scheme the pane set ({ stamp, scheme }), and the stamp the functions adopted. */
export const STORAGE_KEY = "evalsheet.scheme";
export const ACK_KEY = "evalsheet.schemeAck";

/** The part of OfficeRuntime.storage we use (@types/office-runtime is not installed). */
export interface RuntimeStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
}

declare const OfficeRuntime: { storage?: RuntimeStorage } | undefined;

/** OfficeRuntime.storage in Excel; null elsewhere (tests, a plain browser) or on hosts without it. */
export function runtimeStorage(): RuntimeStorage | null {
  return typeof OfficeRuntime !== "undefined" ? (OfficeRuntime.storage ?? null) : null;
}

type Slot = { [KEY]?: Scheme | null; [FUNCTIONS_HERE]?: boolean };

function slot(): Slot {
  return globalThis as Slot;
}

/** The scheme the pane set, or null/undefined for the built-in one. */
export function storedScheme(): Scheme | null | undefined {
  return slot()[KEY];
}

/** Use this scheme from now on; null goes back to the built-in one. */
export function setActiveScheme(scheme: Scheme | null): void {
  slot()[KEY] = scheme;
}

/** functions.js calls this when it loads: the functions read this runtime's global. */
export function markFunctionsRuntime(): void {
  slot()[FUNCTIONS_HERE] = true;
}

/** The functions run in this JavaScript runtime (shared runtime): they see setActiveScheme at once. */
export function functionsShareThisRuntime(): boolean {
  return slot()[FUNCTIONS_HERE] === true;
}

/** A short fingerprint of a scheme (FNV-1a of its JSON), to confirm which one the functions hold. */
export function schemeStamp(scheme: Scheme): string {
  const json = JSON.stringify(scheme);
  let h = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) h = Math.imul(h ^ json.charCodeAt(i), 0x01000193) >>> 0;
  return `${scheme.id}:${h.toString(16)}`;
}
