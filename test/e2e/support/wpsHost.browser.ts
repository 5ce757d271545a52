// THE FAKE WPS HOST, running in the page: bundled by wpsHost.ts (esbuild, iife) and installed as an
// init script, so it runs in every frame before the add-in's own scripts. No line of WPS runs.
//   Top frame (index.html, the add-in's page): window.Application and window.wps are the fake ET
//   object model of test/support/fakeEt.ts (the one the node tests of the WPS adapter use), seeded
//   with the sample workbook, plus the add-in host: PluginStorage, CreateTaskPane / GetTaskPane
//   (a task pane is an iframe of the page, 380 px wide, shown and hidden by Visible), ApiEvent and
//   wps.AddCustomFunction (recorded, with the callbacks).
//   Child frames (task panes): the same host object as the top frame, as every page of an add-in
//   talks to the same WPS.
// window.__wps is the test's window into the workbook and the host.
import { FakeEt } from "../../support/fakeEt";
import { planSnapshot } from "../../support/planSnapshot";
import { templatePlan } from "../../../src/layout/template";
import { sampleData } from "../../../src/layout/sample";
import { builtinScheme } from "../../../src/scheme/load";
import { a1, parseA1 } from "../../../src/workbook/address";
import type { WpsFunctionMetadata } from "../../../src/adapters/wps/et";
import type { WpsHostApi, PaneRecord } from "./wpsHost";

type Anything = Record<string, unknown>;
const top = window.parent !== window ? (window.parent as unknown as Anything) : null;

if (top?.["__wpsHost"]) {
  Object.assign(window, { Application: top["__wpsHost"], wps: top["__wpsHost"] });
} else {
  const scheme = builtinScheme();
  const fake = FakeEt.from(planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 2024) })));
  const storage = new Map<string, string>();
  const functions = new Map<string, { namespace: string; fn: (...args: unknown[]) => unknown; metadata?: WpsFunctionMetadata }>();
  const listeners: { event: string; callback: unknown }[] = [];
  const panes: { id: number; url: string; title: string; frame: HTMLIFrameElement }[] = [];

  const pluginStorage = {
    getItem: (key: string) => storage.get(key) ?? "",
    setItem: (key: string, value: unknown) => void storage.set(key, String(value)),
    removeItem: (key: string) => void storage.delete(key),
  };

  function paneObject(p: (typeof panes)[number]) {
    return {
      get ID() { return p.id; },
      get Visible() { return p.frame.style.display !== "none"; },
      set Visible(v: boolean) { p.frame.style.display = v ? "block" : "none"; },
      Delete: () => p.frame.remove(),
    };
  }

  const host: Anything = Object.create(fake.app);
  Object.assign(host, {
    PluginStorage: pluginStorage,
    CreateTaskPane(url: string, title = "") {
      const frame = document.createElement("iframe");
      frame.title = title;
      frame.style.cssText = "display:none;position:fixed;right:0;top:0;width:380px;height:100%;border:0;border-left:1px solid #ccc;background:#fff";
      frame.src = url;
      document.body.appendChild(frame);
      const p = { id: 1000 + panes.length, url, title, frame };
      panes.push(p);
      return paneObject(p);
    },
    GetTaskPane(id: number) {
      const p = panes.find((x) => x.id === id);
      if (!p) throw new Error(`no task pane ${id}`);
      return paneObject(p);
    },
    ApiEvent: { AddApiEventListener: (event: string, callback: unknown) => void listeners.push({ event, callback }) },
    AddCustomFunction(namespace: string, name: string, fn: (...args: unknown[]) => unknown, metadata?: WpsFunctionMetadata) {
      functions.set(name, { namespace, fn, ...(metadata ? { metadata } : {}) });
    },
  });

  const api: WpsHostApi = {
    sheetNames: () => fake.sheets.map((s) => s.name),
    calls: () => fake.calls,
    callsByMember: () => Object.fromEntries(fake.byMember),
    cells(sheet) {
      if (!fake.sheet(sheet)) return null;
      const out: Record<string, string | number | boolean> = {};
      fake.grid(sheet).forEach((row, r) => row.forEach((v, c) => {
        if (v !== null) out[a1(r, c)] = v;
      }));
      return out;
    },
    setCell(sheet, address, value) {
      const s = fake.sheet(sheet);
      if (!s) throw new Error(`no sheet ${sheet}`);
      const { row, col } = parseA1(address);
      if (value === null) s.cells.delete(`${row},${col}`);
      else s.cells.set(`${row},${col}`, { value });
    },
    settings: () => ({ screenUpdating: fake.screenUpdating, enableEvents: fake.enableEvents, displayAlerts: fake.displayAlerts, calculation: fake.calculation }),
    functions: () => [...functions].map(([name, f]) => ({ namespace: f.namespace, name, ...(f.metadata ? { metadata: f.metadata } : {}) })),
    callFunction(name, args) {
      try {
        return { value: functions.get(name)!.fn(...args) };
      } catch (e) {
        return { thrown: String((e as { code?: unknown }).code ?? (e as Error).message) };
      }
    },
    listeners: () => listeners.map((l) => l.event),
    storage: () => Object.fromEntries(storage),
    panes: (): PaneRecord[] => panes.map((p) => ({ id: p.id, url: p.url, title: p.title, visible: p.frame.style.display !== "none" })),
    selection: () => fake.sheetSelection,
    activeSheet: () => fake.active?.name ?? null,
    brokenReferences: () => fake.references().filter((r) => r.text.includes("#REF!")),
    calculated: () => [...fake.calculated],
  };
  Object.assign(window, { Application: host, wps: host, __wpsHost: host, __wps: api });
}
