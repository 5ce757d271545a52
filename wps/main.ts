import type { EtWorkbook, WpsHost, WpsTaskPane } from "../src/adapters/wps/et";
import { publishScheme, readEmbeddedScheme } from "../src/adapters/wps/scheme";
import { registerEvalFunctions } from "./functions";

/*
 * index.html's script, the add-in's page that WPS loads with the workbook window: it registers the
 * EVAL.* functions, keeps the functions on the scheme of the workbook in front (read from its
 * hidden _evalsheet whenever a workbook is opened or activated, recalculated when that changes the
 * scheme), and answers the ribbon (ribbon.xml names these callbacks as ribbon.OnAddinLoad, …).
 */

const PANE_KEY = "evalsheet.taskpane";
export const PANE_BUTTON = "evalsheetOpenPane";

interface Control {
  readonly Id: string;
}

export interface Ribbon {
  OnAddinLoad(ribbonUI: unknown): boolean;
  OnAction(control: Control): boolean;
  GetImage(control: Control): string;
}

/** The pane page beside this one, whether the add-in is served (http) or installed (a folder). */
export function paneUrl(here: string): string {
  return new URL("taskpane.html", here).href;
}

/**
 * Show or hide the pane of this window: one pane per window, its id kept in PluginStorage (under a
 * key per window when WPS tells the window apart), a new one when WPS no longer knows the old.
 */
export function togglePane(app: WpsHost, url: string): WpsTaskPane {
  let key = PANE_KEY;
  try {
    key = `${PANE_KEY}.${app.ActiveWindow.Hwnd}`;
  } catch {
    // One pane for the application.
  }
  const id = Number(app.PluginStorage.getItem(key) || NaN);
  if (Number.isFinite(id)) {
    try {
      const pane = app.GetTaskPane(id);
      pane.Visible = !pane.Visible;
      return pane;
    } catch {
      // Closed with its window: make a new one.
    }
  }
  const pane = app.CreateTaskPane(url, "评价");
  app.PluginStorage.setItem(key, String(pane.ID));
  pane.Visible = true;
  return pane;
}

/** Publish the scheme this workbook carries for the functions; recalculate when it changed it. */
export function followWorkbook(app: WpsHost, wb: EtWorkbook | null): void {
  if (!wb) return;
  try {
    if (publishScheme(app.PluginStorage, readEmbeddedScheme(wb))) app.CalculateFull();
  } catch {
    // The functions keep the scheme they have.
  }
}

export function startAddin(app: WpsHost, here: string): Ribbon {
  registerEvalFunctions(app, app.PluginStorage);
  followWorkbook(app, app.ActiveWorkbook);
  for (const event of ["WorkbookOpen", "WorkbookActivate"]) app.ApiEvent.AddApiEventListener(event, ((wb: EtWorkbook) => followWorkbook(app, wb)) as never);
  return {
    OnAddinLoad: () => true,
    OnAction(control) {
      if (control.Id === PANE_BUTTON) togglePane(app, paneUrl(here));
      return true;
    },
    GetImage: () => "assets/icon-32.png",
  };
}

declare global {
  interface Window {
    ribbon?: Ribbon;
  }
}

// In WPS: window.Application is the host. Elsewhere (a browser without it, the tests in Node) nothing runs.
const host = typeof window !== "undefined" ? (window as unknown as { Application?: WpsHost }).Application : undefined;
if (host) window.ribbon = startAddin(host, location.href);
