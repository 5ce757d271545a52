/// <reference types="office-js" />
// Task pane entry: one Office.onReady, then the same App in Excel (Office.js adapter) or in a plain
// browser (file adapter), chosen by whether Office reports a host.
import { startTransition } from "react";
import type { Theme } from "@fluentui/react-components";
import { excelEnv } from "./envExcel";
import { standaloneEnv } from "./envStandalone";
import { loadStrings, type Strings } from "./i18n";

/** Resolves in a task of its own, once the page has had the chance to paint and take input. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function start(host: Office.HostType | null): Promise<void> {
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root");
  const inExcel = host === Office.HostType.Excel;
  const env = inExcel ? excelEnv() : standaloneEnv();
  // Follow Office's theme when Excel is dark; the standalone page follows the system.
  const dark = inExcel
    ? isDark(Office.context.officeTheme?.bodyBackgroundColor)
    : window.matchMedia?.("(prefers-color-scheme: dark)").matches === true;
  const english = new URLSearchParams(location.search).get("lang") === "en" || (inExcel && Office.context.displayLanguage?.toLowerCase().startsWith("en"));
  // English is a chunk of its own: loaded before the first render when the pane opens in English; if it
  // cannot be, the pane opens in Chinese (its language switch can try again).
  const strings: Strings | undefined = english ? await loadStrings("en").catch(() => undefined) : undefined;
  // React's DOM renderer, then the pane (its components and Fluent's), are in taskpane.js ("eager": no
  // chunk, no request) but each runs in a task of its own: a trace of the page's start showed taskpane.js's
  // evaluation as one 100–300 ms task, most of it compiling and running react-dom and every module's top level.
  await nextTask();
  const { createRoot } = await import(/* webpackMode: "eager" */ "react-dom/client");
  await nextTask();
  const { PaneRoot, webLightTheme } = await import(/* webpackMode: "eager" */ "./PaneRoot");
  // The dark theme's tokens load only for a dark Excel or system, never with every first screen.
  const theme: Theme = dark ? (await import("./darkTheme")).webDarkTheme : webLightTheme;
  const root = createRoot(container);
  // A transition: React renders the first screen in slices that yield to the page (a default update
  // would be rendered in one task); App mounts it in stages (useStages) so no commit is long either.
  startTransition(() => root.render(<PaneRoot theme={theme} env={env} initialStrings={strings} />));
}

function isDark(color: string | undefined): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color ?? "");
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x!, 16));
  return 0.299 * r! + 0.587 * g! + 0.114 * b! < 128;
}

/**
 * Outside Office, Office.js still starts its logger, which loads Microsoft's telemetry frame
 * (telemetryservice.firstpartyapps.oaspapps.com) 3 s later. The standalone page promises that nothing
 * leaves the machine: give the logger a frame that is never attached, so it loads none.
 */
function stopStandaloneTelemetry(): void {
  const uls = (globalThis as { OSF?: { Logger?: { ulsEndpoint?: { proxyFrame: unknown } | null } } }).OSF?.Logger?.ulsEndpoint;
  if (uls && uls.proxyFrame == null) uls.proxyFrame = document.createElement("iframe");
}

if (typeof Office !== "undefined") {
  void Office.onReady((info) => {
    if (!info.host) stopStandaloneTelemetry();
    void start(info.host ?? null);
  });
} else {
  void start(null);
}
