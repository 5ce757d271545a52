import { afterEach, describe, expect, it, vi } from "vitest";

/*
 * functions.js (functions/start.ts): at load it marks the shared runtime and asks Excel to wait
 * (CustomFunctions.delayInitialization); once Office is ready it imports the EVAL.* functions in
 * Excel only, and lets Excel go on (an empty associate deletes the delay) when that fails or when the
 * host is not Excel. Office and CustomFunctions are stubbed as Office.js defines them
 * (office.debug.js lines 1405–1420): associate deletes CustomFunctionMappings.__delay__.
 */

const FUNCTIONS_HERE = Symbol.for("evalsheet.functionsRuntime");

interface Host {
  events: string[];
  delayed: () => boolean;
  ready: (host: string | null) => Promise<void>;
}

/** Office and CustomFunctions as functions.js sees them; `ready(host)` runs its onReady callback. */
function stubOffice(): Host {
  const events: string[] = [];
  const mappings: Record<string, unknown> = {};
  let callback: ((info: { host: string | null }) => void) | undefined;
  vi.stubGlobal("CustomFunctions", {
    delayInitialization: () => {
      events.push("delayInitialization");
      mappings["__delay__"] = true;
    },
    associate: (idOrMappings: string | Record<string, unknown>) => {
      events.push(typeof idOrMappings === "string" ? `associate ${idOrMappings}` : `associate ${JSON.stringify(idOrMappings)}`);
      delete mappings["__delay__"];
    },
    Error: class {},
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
  });
  vi.stubGlobal("Office", {
    HostType: { Excel: "Excel" },
    onReady: (cb: (info: { host: string | null }) => void) => {
      callback = cb;
      return Promise.resolve();
    },
  });
  return {
    events,
    delayed: () => mappings["__delay__"] === true,
    ready: async (host) => {
      if (!callback) throw new Error("functions.js did not call Office.onReady");
      callback({ host });
      // Let the dynamic import settle (it resolves over several microtasks and module loads).
      await vi.waitFor(() => expect(events.length).toBeGreaterThan(1), { timeout: 10_000, interval: 5 });
    },
  };
}

async function loadStart(): Promise<void> {
  vi.resetModules();
  await import("../../functions/start");
}

afterEach(() => {
  vi.doUnmock("../../functions/functions");
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  delete (globalThis as Record<symbol, unknown>)[FUNCTIONS_HERE];
});

describe("functions.js (functions/start.ts)", () => {
  it("at load marks the shared runtime and delays Excel's initialisation, loading no function yet", async () => {
    const host = stubOffice();
    await loadStart();
    expect((globalThis as Record<symbol, unknown>)[FUNCTIONS_HERE]).toBe(true);
    expect(host.events).toEqual(["delayInitialization"]);
    expect(host.delayed()).toBe(true);
  });

  it("in Excel, once Office is ready, imports the functions, whose associations release the delay", async () => {
    const host = stubOffice();
    await loadStart();
    await host.ready("Excel");
    await vi.waitFor(() => expect(host.events.filter((e) => e.startsWith("associate "))).toHaveLength(6), { timeout: 10_000, interval: 5 });
    expect(host.events).toEqual(["delayInitialization", ...["TOTAL", "BONUS", "TIER", "GROUPRANK", "GROUP", "CAP"].map((id) => `associate ${id}`)]);
    expect(host.delayed()).toBe(false);
  });

  it("in Excel, when the functions cannot be loaded, logs it and releases the delay so Excel does not wait for ever", async () => {
    vi.doMock("../../functions/functions", () => {
      throw new Error("ChunkLoadError: Loading chunk eval-functions failed");
    });
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const host = stubOffice();
    await loadStart();
    await host.ready("Excel");
    expect(host.events).toEqual(["delayInitialization", "associate {}"]);
    expect(host.delayed()).toBe(false);
    expect(String(error.mock.calls[0]?.[0])).toMatch(/EVAL 自定义函数未能加载/);
  });

  it("in a plain browser (no host), loads nothing and leaves no delay behind", async () => {
    const host = stubOffice();
    await loadStart();
    await host.ready(null);
    expect(host.events).toEqual(["delayInitialization", "associate {}"]);
    expect(host.delayed()).toBe(false);
  });

  it("without Office.js at all, only marks the runtime", async () => {
    await loadStart();
    expect((globalThis as Record<symbol, unknown>)[FUNCTIONS_HERE]).toBe(true);
  });
});
