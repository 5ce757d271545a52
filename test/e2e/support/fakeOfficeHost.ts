// A fake Office host for the browser tests of the task pane in EXCEL MODE, without Excel.
//
// The production build's taskpane.html loads office/office.js first, then taskpane.js calls
// Office.onReady and, when the host is Excel, works through the Office.js adapter (Excel.run).
// installFakeOfficeHost(page) makes the page's request for office/office.js answer with
// fakeOfficeHost.browser.ts, bundled here by esbuild: so NO real Office.js code runs, and the pane
// believes it is in Excel. Everything below Excel.run is test/support/fakeExcel.ts, the recording fake
// the adapter's node tests use (batching, load/sync, request sizes), seeded with the sample workbook.
//
// What this proves: the built pane's Excel path (envExcel → officePort → Excel.run, selectCell,
// the scheme hand-over to the custom functions, functions.js registering EVAL.*) works end to end in
// a real browser. What it cannot prove: anything about real Excel (its API's exact behaviour, real
// request sizes, the ribbon, the shared runtime's loading) — see README "Not proven without Excel".
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
/// <reference types="office-js" />
import type { Page } from "playwright-core";

export const ENTRY = fileURLToPath(new URL("./fakeOfficeHost.browser.ts", import.meta.url));

export interface HostInfo {
  readonly host: "Excel";
  readonly platform: "PC";
}

/** One context.sync of the fake: which Excel.run it belonged to, its request bytes, the operations applied. */
export interface SyncRecord {
  readonly run: number;
  readonly bytes: number;
  /** Distinct labels of the queued operations the sync applied ("range.formulas", …); [] for a pure read. */
  readonly ops: string[];
}

/** What the pane selected last through Excel.run (Range.select), and which sheet was active then. */
export interface SelectedCell {
  readonly sheet: string;
  readonly cell: string;
  readonly activeSheet: string | null;
}

/** window.__fake: the test's view of the fake workbook in the page. */
export interface FakeHostApi {
  sheetNames(): string[];
  /** context.sync calls so far (FakeExcel.syncs). */
  syncs(): number;
  /** JSON bytes of each request so far, as FakeExcel measures them. */
  requestBytes(): number[];
  /** Requests that carried suspendApiCalculationUntilNextSync. */
  suspendedCalcSyncs(): number;
  /** Excel.run calls so far. */
  runs(): number;
  syncLog(): SyncRecord[];
  /** workbook.application.calculate calls applied, by calculation type. */
  recalcs(): string[];
  /** Custom function ids associated through CustomFunctions.associate. */
  associated(): string[];
  /**
   * The custom functions' start, in order: "delayInitialization", "Office ready" (the first
   * Office.onReady callback is due), "associate <ID>" (or "associate {}": an empty mapping, which only
   * releases the delay) and "initialize" (Excel's host script initialised the custom functions: Office
   * was ready and no delay was pending).
   */
  customFunctionsLog(): string[];
  /** CustomFunctionMappings.__delay__ is set: Excel's host script is still waiting to initialise. */
  initializationDelayed(): boolean;
  /** Office.context.requirements.isSetSupported queries ("ExcelApi 1.13"). */
  requirementChecks(): string[];
  activeSheet(): string | null;
  /** A sheet's non-empty cells by A1 address: literal values, or "=…" for formulas. null: no such sheet. */
  cells(sheet: string): Record<string, string | number | boolean> | null;
  /** Type into a cell, as a user would in Excel (outside any request). null clears it. */
  setCell(sheet: string, address: string, value: string | number | boolean | null): void;
  /** The scheme id the pane handed to the custom functions (shared runtime slot), or null. */
  activeScheme(): string | null;
  /** OfficeRuntime.storage as the pane left it (the scheme kept for functions in another runtime). */
  storage(): Record<string, string>;
  /** Formulas and validation lists anywhere in the workbook whose reference is broken (#REF!). */
  brokenReferences(): { sheet: string; at: string; text: string }[];
  /** The options of every Excel.run (delayForCellEdit). */
  runOptions(): (Excel.RunOptions | null)[];
}

export interface FakeHostWindow {
  __fake: FakeHostApi;
  __selected: SelectedCell | null;
}

let bundled: Promise<string> | undefined;

/** The fake host as one browser script (iife). Built once per test process (≈ 1 s). */
export function fakeOfficeHostScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    write: false,
    logLevel: "silent",
    legalComments: "none",
  }).then((r) => {
    const file = r.outputFiles[0];
    if (!file) throw new Error("esbuild wrote no output for the fake Office host");
    return file.text;
  });
  return bundled;
}

/**
 * Routes the page's office/office.js to the fake host (the request never reaches the server, and
 * the real Office.js is never fetched). Call before page.goto. Page routes take precedence over the
 * session's context-wide route that aborts off-origin requests, which stays in force for the rest.
 */
export async function installFakeOfficeHost(page: Page): Promise<void> {
  const body = await fakeOfficeHostScript();
  await page.route("**/office/office.js", (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", headers: { "Cache-Control": "no-store" }, body }));
}
