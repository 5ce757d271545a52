/// <reference types="office-js" />
// THE FAKE OFFICE HOST, running in the page. Bundled by fakeOfficeHost.ts (esbuild, iife) and served
// by the browser test in place of office/office.js: no line of Microsoft's Office.js runs. It
// defines what the task pane uses of Office.js and nothing more:
//   Office.onReady → { host: "Excel", platform: "PC" }, Office.HostType, Office.context (requirement
//   sets, display language, theme); Excel.run over test/support/fakeExcel.ts (the same recording fake
//   the node tests of the Office adapter use), seeded with the sample workbook; CustomFunctions
//   (shared runtime: functions.js registers EVAL.* with it), with delayInitialization and the Excel
//   host script's wait for it (see customFunctionsFake below).
// Extras the fake lacks, added here and only here (test/support/fakeExcel.ts is not edited):
//   Worksheet.activate(), Range.select() (the pane's "select the cell" of a diagnostic) and
//   workbook.application.calculate() (the pane's recalculation after it tells EVAL.* the scheme),
//   all queued operations like every other Office call, applied at the next sync.
// Every context.sync is also a round trip to the "host": it yields a macrotask before and after, as
// real Office.js does (requests go over postMessage), so the pane renders its busy state as in Excel.
// window.__fake is the test's window into the workbook; window.__selected the last cell selected.
import { FakeExcel, fakeGrid, type FakeSheet } from "../../support/fakeExcel";
import { planSnapshot } from "../../support/planSnapshot";
import { templatePlan } from "../../../src/layout/template";
import { sampleData } from "../../../src/layout/sample";
import { builtinScheme } from "../../../src/scheme/load";
import { a1, parseA1 } from "../../../src/workbook/address";
import type { FakeHostApi, HostInfo, SelectedCell, SyncRecord } from "./fakeOfficeHost";

const INFO: HostInfo = { host: "Excel", platform: "PC" };

const scheme = builtinScheme();
const fake = FakeExcel.from(planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 2024) })));

let runs = 0;
let activeSheet: string | null = fake.sheets[0]?.name ?? null;
const syncLog: SyncRecord[] = [];
const recalcs: string[] = [];
const associated: string[] = [];
/** CustomFunctionMappings (its __delay__ flag) and the custom functions' start, in order (customFunctionsFake). */
const mappings: Record<string, unknown> = {};
const functionsLog: string[] = [];
const requirementChecks: string[] = [];

/** One round trip to the host: a macrotask (MessageChannel, which the test's fake clock leaves alone). */
function roundTrip(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

// --- Worksheet.activate() and Range.select(), patched onto the fake's (unexported) classes. -----
// getItem and getRange are lazy (nothing is looked up or queued until a sync), so a throwaway batch
// hands us one object of each class; its body runs synchronously up to its first await.
type WorksheetInternals = { target: () => FakeSheet; activate?: () => void };
type RangeInternals = { sheet: () => FakeSheet; addressSpec: string | null; bounds: () => unknown; select?: () => void };
const probe: { worksheet?: WorksheetInternals; range?: RangeInternals } = {};
void fake.run(async (ctx) => {
  const ws = ctx.workbook.worksheets.getItem("(prototype probe)");
  probe.worksheet = Object.getPrototypeOf(ws) as WorksheetInternals;
  probe.range = Object.getPrototypeOf(ws.getRange("A1")) as RangeInternals;
});
const worksheetProto = probe.worksheet;
const rangeProto = probe.range;
if (!worksheetProto || !rangeProto) throw new Error("fake Office host: could not reach the fake's worksheet and range classes");
worksheetProto.activate = function (this: WorksheetInternals) {
  fake.enqueue("worksheet.activate", null, () => {
    activeSheet = this.target().name; // throws ItemNotFound for a sheet that does not exist, as Excel does
  });
};
rangeProto.select = function (this: RangeInternals) {
  fake.enqueue("range.select", this.addressSpec, () => {
    this.bounds(); // throws InvalidArgument for a bad address
    const selected: SelectedCell = { sheet: this.sheet().name, cell: this.addressSpec ?? "", activeSheet };
    Object.assign(window, { __selected: selected });
  });
};

/**
 * Excel.run(batch) or Excel.run(options, batch): the fake's run (which honours delayForCellEdit),
 * with per-run sync records, host round trips and workbook.application.
 */
async function run<T>(first: Excel.RunOptions | ((ctx: Excel.RequestContext) => Promise<T>), second?: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
  const [options, batch] = typeof first === "function" ? [undefined, first] : [first, second!];
  const id = ++runs;
  return fake.run(async (ctx) => {
    const c = ctx as unknown as { sync: () => Promise<void>; workbook: Record<string, unknown> };
    const send = c.sync;
    c.sync = async () => {
      await roundTrip();
      const applied = fake.log.length;
      try {
        await send();
      } finally {
        syncLog.push({ run: id, bytes: fake.requestBytes[fake.requestBytes.length - 1] ?? 0, ops: [...new Set(fake.log.slice(applied))] });
      }
      await roundTrip();
    };
    c.workbook["application"] = {
      calculate: (type: string) => fake.enqueue("application.calculate", type, () => recalcs.push(type)),
    };
    return batch(ctx);
  }, options);
}

const officeFake = {
  HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook", OneNote: "OneNote", Project: "Project", Access: "Access" },
  PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS", Android: "Android", Universal: "Universal" },
  onReady(callback?: (info: HostInfo) => void): Promise<HostInfo> {
    return roundTrip().then(() => {
      if (!functionsLog.includes("Office ready")) functionsLog.push("Office ready");
      callback?.(INFO);
      return INFO;
    });
  },
  context: {
    host: "Excel",
    platform: "PC",
    displayLanguage: "zh-CN",
    contentLanguage: "zh-CN",
    officeTheme: { bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000", controlBackgroundColor: "#FFFFFF", controlForegroundColor: "#000000" },
    requirements: {
      isSetSupported(set: string, version?: string): boolean {
        requirementChecks.push(`${set} ${version ?? ""}`.trim());
        return true;
      },
    },
  },
};

class CustomFunctionsError extends Error {
  constructor(readonly code?: string, message?: string) {
    super(message);
  }
}

// OfficeRuntime.storage: where the pane keeps the scheme for functions in a runtime of their own.
const storage = new Map<string, string>();
const officeRuntimeFake = {
  storage: {
    getItem: async (key: string) => storage.get(key) ?? null,
    setItem: async (key: string, value: string) => void storage.set(key, value),
  },
};

// CustomFunctions as Office.js and Excel's host script behave (@microsoft/office-js dist/office.debug.js
// lines 1405–1420; excel-win32-16.01.debug.js line 59736): delayInitialization sets
// CustomFunctionMappings.__delay__, every associate — one id and function, or an object of them, even an
// empty one — deletes it, and once Office is ready the host initialises the custom functions only when
// the flag is gone, looking again every 50 ms. The log records the order of those events.
const customFunctionsFake = {
  Error: CustomFunctionsError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
  delayInitialization(): void {
    functionsLog.push("delayInitialization");
    mappings["__delay__"] = true;
  },
  associate(idOrMappings: string | Record<string, unknown>, fn?: unknown): void {
    const pairs = typeof idOrMappings === "string" ? [[idOrMappings, fn] as const] : Object.entries(idOrMappings);
    for (const [id, f] of pairs) {
      if (typeof f !== "function") continue; // Office.js warns and ignores it
      functionsLog.push(`associate ${id}`);
      if (!associated.includes(id)) associated.push(id);
    }
    if (pairs.length === 0) functionsLog.push("associate {}");
    delete mappings["__delay__"];
  },
};

/** The host script's part, registered when the document is ready (after the deferred bundles ran). */
function initializeCustomFunctionsWhenReleased(): void {
  void officeFake.onReady(() => {
    const initializeOrDelay = (): void => {
      if (mappings["__delay__"]) setTimeout(initializeOrDelay, 50);
      else functionsLog.push("initialize");
    };
    initializeOrDelay();
  });
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initializeCustomFunctionsWhenReleased);
else initializeCustomFunctionsWhenReleased();

const api: FakeHostApi = {
  sheetNames: () => fake.sheets.map((s) => s.name),
  syncs: () => fake.syncs,
  requestBytes: () => [...fake.requestBytes],
  suspendedCalcSyncs: () => fake.suspendedCalcSyncs,
  runs: () => runs,
  syncLog: () => syncLog.map((s) => ({ ...s, ops: [...s.ops] })),
  recalcs: () => [...recalcs],
  associated: () => [...associated],
  customFunctionsLog: () => [...functionsLog],
  initializationDelayed: () => mappings["__delay__"] === true,
  requirementChecks: () => [...requirementChecks],
  activeSheet: () => activeSheet,
  cells(sheet) {
    const s = fake.sheet(sheet);
    if (!s) return null;
    const out: Record<string, string | number | boolean> = {};
    fakeGrid(s).forEach((row, r) => row.forEach((v, c) => {
      if (v !== null) out[a1(r, c)] = v;
    }));
    return out;
  },
  setCell(sheet, address, value) {
    const s = fake.sheet(sheet);
    if (!s) throw new Error(`fake workbook has no sheet ${sheet}`);
    const { row, col } = parseA1(address);
    if (value === null) s.cells.delete(`${row},${col}`);
    else s.cells.set(`${row},${col}`, { value });
  },
  activeScheme: () => {
    const slot = (globalThis as unknown as Record<symbol, { id?: string } | null | undefined>)[Symbol.for("evalsheet.activeScheme")];
    return slot?.id ?? null;
  },
  storage: () => Object.fromEntries(storage),
  brokenReferences: () => fake.references().filter((r) => r.text.includes("#REF!")),
  runOptions: () => fake.runOptions.map((o) => o ?? null),
};

Object.assign(window, {
  Office: officeFake,
  Excel: { run },
  CustomFunctions: customFunctionsFake,
  CustomFunctionMappings: mappings,
  OfficeRuntime: officeRuntimeFake,
  __fake: api,
  __selected: null,
});
