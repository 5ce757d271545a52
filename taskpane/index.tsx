/// <reference types="office-js" />
// Task pane entry: one Office.onReady, then the same App in Excel (Office.js adapter) or in a plain
// browser (file adapter), chosen by whether Office reports a host.
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme, type Theme } from "@fluentui/react-components";
import { App } from "./App";
import { excelEnv } from "./envExcel";
import { standaloneEnv } from "./envStandalone";
import type { Lang } from "./i18n";

async function start(host: Office.HostType | null): Promise<void> {
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root");
  const inExcel = host === Office.HostType.Excel;
  const env = inExcel ? excelEnv() : standaloneEnv();
  // Follow Office's theme when Excel is dark; the standalone page follows the system.
  const dark = inExcel
    ? isDark(Office.context.officeTheme?.bodyBackgroundColor)
    : window.matchMedia?.("(prefers-color-scheme: dark)").matches === true;
  // The dark theme's tokens load only for a dark Excel or system, never with every first screen.
  const theme: Theme = dark ? (await import("./darkTheme")).webDarkTheme : webLightTheme;
  const lang: Lang = new URLSearchParams(location.search).get("lang") === "en" || (inExcel && Office.context.displayLanguage?.toLowerCase().startsWith("en")) ? "en" : "zh";
  createRoot(container).render(
    <FluentProvider theme={theme} style={{ minHeight: "100vh" }}>
      <App env={env} initialLang={lang} />
    </FluentProvider>,
  );
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
