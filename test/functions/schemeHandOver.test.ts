import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { builtinScheme } from "../../src/scheme/load";
import type { Scheme } from "../../src/scheme/schema";
import { ACK_KEY, STORAGE_KEY, schemeStamp, setActiveScheme, type RuntimeStorage } from "../../functions/schemeSlot";
import { excelEnv } from "../../taskpane/envExcel";

/*
 * The pane hands the workbook's scheme to the EVAL.* functions: on the global object (shared
 * runtime) and in OfficeRuntime.storage (functions in a runtime of their own, as Excel on the web
 * may run them), recalculating fully, and warns when the functions do not confirm they have it.
 */

const FUNCTIONS_HERE = Symbol.for("evalsheet.functionsRuntime");
const other: Scheme = { ...builtinScheme(), id: "cq-test" };

function memoryStorage(onSet?: (key: string, value: string) => void): RuntimeStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: async (k) => data.get(k) ?? null,
    setItem: async (k, v) => {
      data.set(k, v);
      onSet?.(k, v);
    },
  };
}

let calculations: string[];

beforeEach(() => {
  calculations = [];
  vi.stubGlobal("Excel", {
    run: async (a: unknown, b?: unknown) => {
      const batch = (typeof a === "function" ? a : b) as (ctx: unknown) => Promise<unknown>;
      return batch({ workbook: { application: { calculate: (type: string) => calculations.push(type) } }, sync: async () => undefined });
    },
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  setActiveScheme(null);
  delete (globalThis as Record<symbol, unknown>)[FUNCTIONS_HERE];
});

describe("handing the scheme to the EVAL.* functions", () => {
  it("in a shared runtime: set on the global, stored for other runtimes, and a full recalculation", async () => {
    (globalThis as Record<symbol, unknown>)[FUNCTIONS_HERE] = true;
    const storage = memoryStorage();
    vi.stubGlobal("OfficeRuntime", { storage });
    const env = excelEnv();
    expect(await env.setFunctionsScheme!(other)).toBeNull();
    expect(calculations).toEqual(["Full"]);
    expect(JSON.parse(storage.data.get(STORAGE_KEY)!)).toEqual({ stamp: schemeStamp(other), scheme: other });
    // The same scheme again: nothing to do, no request.
    expect(await env.setFunctionsScheme!(other)).toBeNull();
    expect(calculations).toEqual(["Full"]);
  });

  it("functions in a runtime of their own take it from storage and acknowledge it; the pane recalculates again", async () => {
    const { adoptStoredScheme } = await import("../../functions/schemeState");
    delete (globalThis as Record<symbol, unknown>)[FUNCTIONS_HERE];
    // The functions' runtime, simulated: it runs on the recalculation and adopts what the pane stored.
    const storage = memoryStorage();
    vi.stubGlobal("OfficeRuntime", { storage });
    const env = excelEnv(undefined, { polls: 5, intervalMs: 1 });
    const pending = env.setFunctionsScheme!(other);
    setActiveScheme(null); // what the other runtime holds: the built-in scheme
    await vi.waitFor(() => expect(storage.data.has(STORAGE_KEY)).toBe(true));
    expect(await adoptStoredScheme(Date.now() + 10_000)).toBe(true);
    expect(await pending).toBeNull();
    expect(storage.data.get(ACK_KEY)).toBe(schemeStamp(other));
    expect(calculations).toEqual(["Full", "Full"]);
  });

  it("warns when nothing confirms the functions have the scheme", async () => {
    vi.stubGlobal("OfficeRuntime", { storage: memoryStorage() });
    const warning = await excelEnv(undefined, { polls: 2, intervalMs: 1 }).setFunctionsScheme!(other);
    expect(warning).toMatchObject({ severity: "warning", code: "functions.schemeNotConfirmed" });
    expect(warning!.message).toContain("cq-test");
  });
});
