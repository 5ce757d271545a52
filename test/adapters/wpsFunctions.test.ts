import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { fileURLToPath } from "node:url";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import * as core from "../../src/sheetFunctions";
import { builtinScheme, parseScheme } from "../../src/scheme/load";
import { cq2024 } from "../../src/scheme/cq2024";
import type { Scheme } from "../../src/scheme/schema";
import { templatePlan } from "../../src/layout/template";
import { SCHEME_KEY, STAMP_KEY, publishScheme, readEmbeddedScheme } from "../../src/adapters/wps/scheme";
import type { WpsFunctionMetadata, WpsHost, WpsTaskPane } from "../../src/adapters/wps/et";
import { WPS_FUNCTION_NAME, WPS_NAMESPACE, wpsFunctions, type OfficeFunctionsMetadata, type WpsFunction } from "../../wps/functionsMeta";
import { registerEvalFunctions } from "../../wps/functions";
import { followWorkbook, paneUrl, togglePane } from "../../wps/main";
import zhCN from "../../functions/locales/zh-CN.json";
import { planSnapshot } from "../support/planSnapshot";
import { FakeEt } from "../support/fakeEt";

/*
 * EVAL.* in WPS: registered with wps.AddCustomFunction under EVAL with metadata from the same JSDoc
 * as Excel's functions.json; computing what the core computes, under the scheme the workbook
 * carries (handed over through PluginStorage); and the ribbon's pane toggle.
 */

const SOURCE = fileURLToPath(new URL("../../functions/functions.ts", import.meta.url));
let functions: WpsFunction[];

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata(SOURCE);
  expect(generated.errors).toEqual([]);
  functions = wpsFunctions(JSON.parse(generated.metadataJson) as OfficeFunctionsMetadata, zhCN);
});

class Storage {
  readonly items = new Map<string, string>();
  getItem(key: string): string { return this.items.get(key) ?? ""; }
  setItem(key: string, value: string | number | boolean): void { this.items.set(key, String(value)); }
  removeItem(key: string): void { this.items.delete(key); }
}

type Registered = { namespace: string; name: string; fn: (...args: unknown[]) => unknown; metadata?: WpsFunctionMetadata };

function register(storage = new Storage()): { storage: Storage; registered: Map<string, Registered> } {
  const registered = new Map<string, Registered>();
  registerEvalFunctions({ AddCustomFunction: (namespace, name, fn, metadata) => void registered.set(name, { namespace, name, fn: fn as Registered["fn"], ...(metadata ? { metadata } : {}) }) }, storage, functions);
  return { storage, registered };
}

const odd: Scheme = (() => {
  const r = parseScheme({ ...cq2024, id: "wps-odd", components: { basic: 60, bestPractice: 25, composite: 10, bonusCap: 3.5 }, rounding: { decimals: 1, mode: "halfUp" } }, "wps-odd");
  if (!r.ok) throw new Error("variant scheme invalid");
  return r.scheme;
})();

describe("EVAL.* in WPS", () => {
  it("registers every function under EVAL with the generated metadata: Chinese descriptions, WPS's type names, names WPS tools accept", () => {
    const { registered } = register();
    expect([...registered.keys()].sort()).toEqual(["BONUS", "CAP", "GROUP", "GROUPRANK", "TIER", "TOTAL"]);
    for (const r of registered.values()) {
      expect(r.namespace).toBe(WPS_NAMESPACE);
      expect(r.name).toMatch(WPS_FUNCTION_NAME);
      expect(r.metadata?.description).toBe(zhCN.functions[r.name as keyof typeof zhCN.functions].description);
    }
    const params = (id: string) => registered.get(id)!.metadata!.parameters.map((p) => `${p.name}:${p.type}`);
    expect(params("TOTAL")).toEqual(["basic:number", "bestPractice:number", "composite:number", "bonus:number", "penalty:number?"]);
    expect(params("BONUS")).toEqual(["items:string[][]", "counts:any[][]"]);
    expect(params("GROUPRANK")).toEqual(["score:number", "scores:any[][]", "groups:string[][]?", "group:string?"]);
    expect(registered.get("TIER")!.metadata!.result.type).toBe("string");
  });

  it("computes what the core computes, under the built-in scheme and under a scheme published in PluginStorage; errors are thrown", () => {
    const { storage, registered } = register();
    const call = (id: string, ...args: unknown[]) => {
      try {
        return registered.get(id)!.fn(...args);
      } catch (e) {
        return { thrown: (e as { code?: string }).code };
      }
    };
    const expected = (r: unknown) => (core.isSheetError(r) ? { thrown: r.error } : r);
    const num = fc.oneof(fc.integer({ min: -2000, max: 12000 }).map((n) => n / 100), fc.constantFrom("", "abc", null, true));
    for (const scheme of [builtinScheme(), odd]) {
      if (scheme !== builtinScheme()) publishScheme(storage, scheme);
      fc.assert(fc.property(num, num, num, num, fc.option(num, { nil: undefined }), (a, b, c, d, e) => {
        expect(call("TOTAL", a, b, c, d, e)).toEqual(expected(core.total(scheme, a, b, c, d, e)));
        expect(call("CAP", a, b)).toEqual(expected(core.cap(a, b)));
        expect(call("TIER", a)).toEqual(expected(core.tier(scheme, a)));
      }), { numRuns: 1000 });
      const items = fc.array(fc.tuple(fc.constantFrom(...scheme.bonus.items.map((x) => x.id), "P1", "", "未知"), fc.constantFrom(1, 2, 3, "", "x")), { maxLength: 12 });
      fc.assert(fc.property(items, (rows) => {
        expect(call("BONUS", rows.map((r) => [r[0]]), rows.map((r) => [r[1]]))).toEqual(expected(core.bonus(scheme, rows.map((r) => [r[0]]), rows.map((r) => [r[1]]))));
      }), { numRuns: 1000 });
      for (const unit of [...scheme.units.map((u) => u.name), " 渝中区 ", "不存在县"]) expect(call("GROUP", unit)).toEqual(expected(core.group(scheme, unit)));
      expect(call("GROUPRANK", 80, [[90], [80], [80], [70]])).toBe(2);
    }
    // The scheme published last is the one in use; clearing it goes back to the built-in one.
    expect(call("TOTAL", 50, 20, 10, 5)).toBe(core.total(odd, 50, 20, 10, 5));
    publishScheme(storage, null);
    expect(call("TOTAL", 50, 20, 10, 5)).toBe(core.total(builtinScheme(), 50, 20, 10, 5));
  });

  it("the functions page follows the workbook in front: reads its _evalsheet, publishes the scheme, recalculates only when it changed", () => {
    const fake = FakeEt.from(planSnapshot(templatePlan(odd, {})));
    const storage = new Storage();
    let full = 0;
    const app = Object.assign(Object.create(fake.app) as WpsHost, { PluginStorage: storage, CalculateFull: () => void full++ });
    expect(readEmbeddedScheme(fake.app.ActiveWorkbook!)?.id).toBe("wps-odd");
    followWorkbook(app, fake.app.ActiveWorkbook);
    expect(JSON.parse(storage.getItem(SCHEME_KEY)).id).toBe("wps-odd");
    expect(storage.getItem(STAMP_KEY)).toMatch(/^wps-odd:/);
    expect(full).toBe(1);
    followWorkbook(app, fake.app.ActiveWorkbook);
    expect(full).toBe(1);
    // A workbook without the hidden sheet: back to the built-in scheme.
    fake.displayAlerts = false;
    fake.sheet("_evalsheet")!.visible = -1;
    fake.app.ActiveWorkbook!.Worksheets.Item("_evalsheet").Delete();
    followWorkbook(app, fake.app.ActiveWorkbook);
    expect([storage.getItem(STAMP_KEY), full]).toEqual(["", 2]);
  });

  it("the ribbon button opens one pane per window and then shows or hides it; a pane WPS no longer knows is made again", () => {
    const storage = new Storage();
    const panes: (WpsTaskPane & { url: string })[] = [];
    let hwnd = 7;
    const app = {
      PluginStorage: storage,
      get ActiveWindow() { return { Hwnd: hwnd }; },
      CreateTaskPane: (url: string) => {
        const pane = { ID: panes.length + 100, Visible: false, url, Delete: () => undefined };
        panes.push(pane);
        return pane;
      },
      GetTaskPane: (id: number) => {
        const pane = panes.find((p) => p.ID === id);
        if (!pane) throw new Error("no such pane");
        return pane;
      },
    } as unknown as WpsHost;
    const url = paneUrl("file:///C:/Users/a/AppData/Roaming/kingsoft/wps/jsaddons/evalsheet_0.1.0/index.html");
    expect(url).toBe("file:///C:/Users/a/AppData/Roaming/kingsoft/wps/jsaddons/evalsheet_0.1.0/taskpane.html");
    expect(paneUrl("https://intranet.example/evalsheet/index.html")).toBe("https://intranet.example/evalsheet/taskpane.html");
    togglePane(app, url);
    expect(panes.map((p) => p.Visible)).toEqual([true]);
    togglePane(app, url);
    expect(panes.map((p) => p.Visible)).toEqual([false]);
    togglePane(app, url);
    expect(panes.map((p) => p.Visible)).toEqual([true]);
    hwnd = 8; // another window gets a pane of its own
    togglePane(app, url);
    expect(panes.map((p) => p.Visible)).toEqual([true, true]);
    storage.setItem("evalsheet.taskpane.8", 999);
    togglePane(app, url);
    expect(panes).toHaveLength(3);
  });
});
