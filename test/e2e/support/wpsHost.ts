// A fake WPS host for the browser test of the WPS add-in (test/e2e/wps-host.e2e.test.ts): the page's
// window.Application / window.wps, installed before any of the add-in's scripts run, in every frame
// (the add-in's page and its task panes). The host is wpsHost.browser.ts, bundled here by esbuild:
// test/support/fakeEt.ts (the fake ET object model the adapter's node tests use) seeded with the
// sample workbook, plus PluginStorage, task panes (iframes), ApiEvent and wps.AddCustomFunction.
//
// What this proves: the built dist-wps — ribbon callbacks, function registration, the pane over the
// WPS adapter — works end to end in a real browser. What it cannot: anything about WPS itself (its
// object model's exact behaviour, its embedded browser, its ribbon) — see README, "Not proven without WPS".
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Page } from "playwright-core";
import type { WpsFunctionMetadata } from "../../../src/adapters/wps/et";

export const ENTRY = fileURLToPath(new URL("./wpsHost.browser.ts", import.meta.url));

export interface PaneRecord {
  readonly id: number;
  readonly url: string;
  readonly title: string;
  readonly visible: boolean;
}

/** window.__wps: the test's view of the fake workbook and host in the page. */
export interface WpsHostApi {
  sheetNames(): string[];
  /** Object-model calls so far (every property read or write, every method call). */
  calls(): number;
  callsByMember(): Record<string, number>;
  /** A sheet's non-empty cells by A1 address: literal values, "=…" formulas, or error text. null: no such sheet. */
  cells(sheet: string): Record<string, string | number | boolean> | null;
  /** Type into a cell, as a user would (no call counted). null clears it. */
  setCell(sheet: string, address: string, value: string | number | boolean | null): void;
  settings(): { screenUpdating: boolean; enableEvents: boolean; displayAlerts: boolean; calculation: number };
  functions(): { namespace: string; name: string; metadata?: WpsFunctionMetadata }[];
  /** Call a function registered with wps.AddCustomFunction, as WPS would when a cell uses it. */
  callFunction(name: string, args: unknown[]): { value?: unknown; thrown?: string };
  /** ApiEvent events listened to. */
  listeners(): string[];
  storage(): Record<string, string>;
  panes(): PaneRecord[];
  /** The last Range.Select. */
  selection(): { sheet: string; address: string } | null;
  activeSheet(): string | null;
  brokenReferences(): { sheet: string; at: string; text: string }[];
  /** Sheets calculated (Worksheet.Calculate), "(application)" for Application.Calculate/CalculateFull. */
  calculated(): string[];
}

export interface WpsHostWindow {
  __wps: WpsHostApi;
  ribbon?: { OnAddinLoad(ui: unknown): boolean; OnAction(control: { Id: string }): boolean; GetImage(control: { Id: string }): string };
}

let bundled: Promise<string> | undefined;

/** The fake host as one browser script (iife). Built once per test process. */
export function wpsHostScript(): Promise<string> {
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
    if (!file) throw new Error("esbuild wrote no output for the fake WPS host");
    return file.text;
  });
  return bundled;
}

/** Installs the fake host in every frame of the page's context, before the page's scripts. Call before page.goto. */
export async function installWpsHost(page: Page): Promise<void> {
  await page.context().addInitScript({ content: await wpsHostScript() });
}
