/**
 * Issue 12: the CLI writes a plan's sheets straight to XML (planXml.ts) instead of through exceljs.
 * The output must be the one exceljs gave, in meaning: on the demo's aggregate every sheet the plan
 * writes has the same cells (values, formulas, cached results, resolved formats), merges, columns,
 * row heights, and the same print set-up, protection, frozen panes, tab colours, visibility and
 * print names; every input sheet is kept. A plan this writer cannot produce goes to exceljs.
 */
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterEach, describe, expect, it } from "vitest";
import { nodeCodec } from "../../src/adapters/xlsx/nodeCodec";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { planPackage, planWritable } from "../../src/adapters/xlsx/planXml";
import { spliceSheets } from "../../src/adapters/xlsx/splice";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { useCodec } from "../../src/adapters/xlsx/zipPackage";
import { writePlanOver } from "../../src/adapters/xlsx/writeOver";
import { aggregatePlan } from "../../src/report/aggregate";
import { readWorkbook } from "../../src/validate/validate";
import type { WritePlan } from "../../src/workbook/plan";
import { sampleWorkbook } from "../support/workbooks";
import { sheetDifferences, workbookModel } from "./sheetModel";
import { packageProblems } from "./xmlParts";

afterEach(() => useCodec(null));

/** What a sheet says besides its cells, attribute order and writer-only attributes aside. */
async function sheetSettings(bytes: Uint8Array): Promise<Map<string, string[]>> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const out = new Map<string, string[]>();
  const sheetTags = workbook.match(/<sheet\b[^>]*>/g) ?? [];
  const names = (workbook.match(/<definedName\b[^>]*>[^<]*<\/definedName>/g) ?? []).map((d) => ({
    local: Number(/localSheetId="(\d+)"/.exec(d)?.[1] ?? -1), text: d.replace(/\slocalSheetId="\d+"/, "").replace(/&apos;/g, "'"),
  }));
  for (const [i, tag] of sheetTags.entries()) {
    const name = /name="([^"]*)"/.exec(tag)![1]!;
    const rid = /r:id="([^"]*)"/.exec(tag)![1]!;
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]*)"|Target="([^"]*)"[^>]*Id="${rid}"`).exec(rels)!;
    const xml = await zip.file(`xl/${(target[1] ?? target[2])!.replace(/^\/?xl\//, "")}`)!.async("string");
    const el = (n: string) => (xml.match(new RegExp(`<${n}\\b[^>]*?/>|<${n}\\b[^>]*>[\\s\\S]*?</${n}>`, "g")) ?? []).map(canonical);
    out.set(name, [
      `state=${/state="([^"]*)"/.exec(tag)?.[1] ?? "visible"}`,
      ...["tabColor", "pageSetUpPr", "pane", "sheetProtection", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks"].flatMap(el),
      ...names.filter((n) => n.local === i).map((n) => n.text).sort(),
    ]);
  }
  return out;
}

/** An element with its attributes sorted; exceljs' placeholder DPIs and its ignored defaults dropped. */
function canonical(xml: string): string {
  return xml.replace(/<([\w:]+)((?:\s+[\w:]+="[^"]*")*)\s*(\/?)>/g, (_, n: string, attrs: string, close: string) => {
    const list = (attrs.match(/[\w:]+="[^"]*"/g) ?? []).filter((a) => !/^(?:horizontalDpi|verticalDpi)=/.test(a));
    // exceljs writes scale="100" beside fitToWidth, where Excel ignores it (fitToPage decides).
    if (n === "pageSetup" && list.some((a) => a.startsWith("fitToWidth=")) && list.some((a) => a.startsWith("fitToHeight=\"0\""))) {
      return `<${n} ${list.filter((a) => a !== 'scale="100"').sort().join(" ")}${close}>`;
    }
    return `<${n}${list.length ? " " : ""}${list.sort().join(" ")}${close}>`;
  });
}

async function demoPlan(): Promise<{ input: Uint8Array; plan: WritePlan; workbook: ExcelJS.Workbook }> {
  const input = await workbookBytes(await sampleWorkbook());
  const opened = await openXlsx(input, "demo.xlsx");
  if (!opened.ok) throw new Error("demo unreadable");
  const reading = readWorkbook(opened.snapshot);
  if (!reading.ok) throw new Error("demo unreadable");
  return { input, plan: aggregatePlan(reading, { madeAt: "2025-01-20 10:00" }), workbook: opened.workbook };
}

describe("a plan's sheets written straight to XML", () => {
  it("give the demo's aggregate the sheets exceljs gave it, cell for cell and setting for setting", async () => {
    useCodec(nodeCodec);
    const { input, plan, workbook } = await demoPlan();
    const fresh = plan.sheets.map((s) => s.name);
    expect(planPackage(plan, nodeCodec)).not.toBeNull();
    const viaExcelJs = await spliceSheets(input, await workbookBytes(await planToWorkbook(plan), { store: true }), fresh, plan.placement);
    // What the CLI does: writePlanOver with the native codec registered takes planXml's sheets.
    const written = await writePlanOver(input, "demo.xlsx", workbook, plan);
    expect(written.diagnostics).toEqual([]);
    const viaXml = written.bytes;
    expect(await packageProblems(viaXml)).toEqual([]);

    const [a, b] = await Promise.all([workbookModel(viaExcelJs), workbookModel(viaXml)]);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, model] of a) expect(sheetDifferences(model, b.get(name)!), name).toEqual([]);
    const [sa, sb] = await Promise.all([sheetSettings(viaExcelJs), sheetSettings(viaXml)]);
    for (const [name, settings] of sa) expect(sb.get(name), name).toEqual(settings);
    expect([...sa.keys()]).toEqual([...sb.keys()]);
  }, 180_000);

  it("leaves a plan with comments or validations to exceljs", () => {
    const sheet = { name: "表", columnWidths: [10], merges: [], rows: [[{ value: 1, comment: "说明" }]] };
    expect(planWritable({ placement: "last", sheets: [sheet] })).toBe(false);
    expect(planPackage({ placement: "last", sheets: [sheet] }, nodeCodec)).toBeNull();
    const listed = { ...sheet, rows: [[{ value: "是", validation: { kind: "list" as const, items: ["是", "否"], prompt: "", error: "" } }]] };
    expect(planWritable({ placement: "last", sheets: [listed] })).toBe(false);
    expect(planWritable({ placement: "last", sheets: [{ ...sheet, rows: [[{ value: 1, style: "input" as const }]] }] })).toBe(true);
  });
});
