import type { Scheme } from "../src/scheme/schema";
import { builtinScheme } from "../src/scheme/load";
import { ACK_KEY, STORAGE_KEY, runtimeStorage, schemeStamp, setActiveScheme, storedScheme } from "./schemeSlot";

/**
 * The scheme the EVAL.* functions evaluate with: the built-in cq-2024 until the task pane reads the
 * workbook's embedded scheme and hands it over (schemeSlot.ts). In a shared runtime the pane sets
 * it on the global object; when the functions run in a runtime of their own, they take it from
 * OfficeRuntime.storage: each evaluation looks (at most once a second) for a scheme newer than the
 * one they hold, adopts it and acknowledges it, and the pane, which waits for that acknowledgement,
 * recalculates once more so the cells use it.
 */
export { setActiveScheme } from "./schemeSlot";

const CHECK_EVERY_MS = 1000;
let lastCheck = -Infinity;
let checking: Promise<boolean> | null = null;

export function activeScheme(): Scheme {
  void adoptStoredScheme();
  return storedScheme() ?? builtinScheme();
}

/**
 * Take the scheme the pane left in OfficeRuntime.storage if it differs from the one held, and
 * acknowledge the one held. True when a new scheme was adopted. Never throws.
 */
export function adoptStoredScheme(now = Date.now()): Promise<boolean> {
  const storage = runtimeStorage();
  if (!storage || checking || now - lastCheck < CHECK_EVERY_MS) return checking ?? Promise.resolve(false);
  lastCheck = now;
  checking = (async () => {
    try {
      const raw = await storage.getItem(STORAGE_KEY);
      const held = storedScheme();
      const stored = raw ? (JSON.parse(raw) as { stamp?: string; scheme?: Scheme }) : null;
      const adopt = stored?.stamp && stored.scheme && (!held || schemeStamp(held) !== stored.stamp);
      if (adopt) setActiveScheme(stored.scheme!);
      const now = storedScheme();
      if (now) await storage.setItem(ACK_KEY, schemeStamp(now));
      return Boolean(adopt);
    } catch {
      return false;
    } finally {
      checking = null;
    }
  })();
  return checking;
}
