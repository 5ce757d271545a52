/**
 * Issue 12, the CLI's fast path: zips read and written through node:zlib (rawZip.ts, the codec the
 * CLI registers), untouched parts copied as stored, and only the plan's sheets saved by exceljs.
 * It must change nothing but speed: on the demo and on every corpus file the old path could write,
 * the output holds the same parts with the same contents as the old path's (JSZip, the plan applied
 * to the opened workbook and all of it saved), and the reading is the same snapshot.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { afterEach, describe, expect, it } from "vitest";
import { nodeCodec } from "../../src/adapters/xlsx/nodeCodec";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { readRawZip, writeRawZip } from "../../src/adapters/xlsx/rawZip";
import { applyPlan } from "../../src/adapters/xlsx/render";
import { NotSpliceable, spliceSheets } from "../../src/adapters/xlsx/splice";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { writePlanOver } from "../../src/adapters/xlsx/writeOver";
import { useCodec } from "../../src/adapters/xlsx/zipPackage";
import { aggregatePlan } from "../../src/report/aggregate";
import { readWorkbook } from "../../src/validate/validate";
import { PLAN } from "../support/writePlan";
import type { WritePlan } from "../../src/workbook/plan";
import { sampleWorkbook } from "../support/workbooks";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/xlsx/", import.meta.url));
const CORPUS2 = fileURLToPath(new URL("../../../shared/corpus/xlsx2/", import.meta.url));

afterEach(() => useCodec(null));


/** Every part (folders aside) and its content: what a reader of the package sees. */
async function parts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  const out = new Map<string, string>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name, Buffer.from(await f.async("uint8array")).toString("base64"));
  return out;
}

/** The path before issue 12: JSZip, the plan applied to the opened workbook, all of it saved, then spliced. */
async function oldPath(bytes: Uint8Array, name: string, plan: (r: Awaited<ReturnType<typeof openXlsx>>) => WritePlan) {
  useCodec(null);
  const opened = await openXlsx(bytes, name);
  if (!opened.ok) return null;
  const p = plan(opened);
  await applyPlan(opened.workbook, p);
  try {
    return { snapshot: opened.snapshot, bytes: await spliceSheets(bytes, await workbookBytes(opened.workbook), p.sheets.map((s) => s.name), p.placement) };
  } catch (e) {
    if (e instanceof NotSpliceable) return { snapshot: opened.snapshot, bytes: null };
    throw e;
  }
}

/**
 * The zip path now: node:zlib, and the plan's sheets saved by exceljs from a workbook of their own
 * (planXml.ts, which the CLI uses for most plans, is compared with exceljs in xlsxPlanXml.test.ts).
 */
async function newPath(bytes: Uint8Array, name: string, plan: (r: Awaited<ReturnType<typeof openXlsx>>) => WritePlan) {
  useCodec(nodeCodec);
  const opened = await openXlsx(bytes, name);
  if (!opened.ok) return null;
  const p = plan(opened);
  try {
    return { snapshot: opened.snapshot, bytes: await spliceSheets(bytes, await workbookBytes(await planToWorkbook(p), { store: true }), p.sheets.map((s) => s.name), p.placement), rewritten: false };
  } catch (e) {
    if (!(e instanceof NotSpliceable)) throw e;
    // As writePlanOver does then: exceljs writes the whole file, with a warning.
    const written = await writePlanOver(bytes, name, opened.workbook, p);
    return { snapshot: opened.snapshot, bytes: written.bytes, rewritten: written.diagnostics.length > 0 };
  }
}

async function expectSame(bytes: Uint8Array, name: string, plan: (r: Awaited<ReturnType<typeof openXlsx>>) => WritePlan): Promise<boolean> {
  const before = await oldPath(bytes, name, plan);
  const after = await newPath(bytes, name, plan);
  expect(after === null, name).toBe(before === null);
  if (!before || !after) return false;
  expect(after.snapshot, name).toEqual(before.snapshot);
  if (!before.bytes) return false; // written by exceljs alone, on either path (writeOver.test.ts covers it)
  expect(after.rewritten, name).toBe(false);
  const [a, b] = await Promise.all([parts(before.bytes), parts(after.bytes)]);
  expect([...b.keys()].sort(), name).toEqual([...a.keys()].sort());
  for (const [part, content] of a) expect(b.get(part), `${name} ${part}`).toBe(content);
  return true;
}

describe("the CLI's native zip path changes nothing but speed", () => {
  it("aggregates the demo to the same parts with the same contents", async () => {
    const demo = await workbookBytes(await sampleWorkbook());
    const plan = (opened: Awaited<ReturnType<typeof openXlsx>>) => {
      if (!opened.ok) throw new Error("demo unreadable");
      const reading = readWorkbook(opened.snapshot);
      if (!reading.ok) throw new Error("demo unreadable");
      return aggregatePlan(reading, { madeAt: "2025-01-20 10:00" });
    };
    expect(await expectSame(demo, "demo.xlsx", plan)).toBe(true);
  }, 120_000);

  it.skipIf(!existsSync(CORPUS))("writes every corpus file the old path wrote part for part, the same", async () => {
    let spliced = 0;
    for (const file of readdirSync(CORPUS).filter((f) => f.endsWith(".xlsx")).sort()) {
      if (await expectSame(new Uint8Array(readFileSync(CORPUS + file)), file, () => PLAN)) spliced++;
    }
    expect(spliced).toBeGreaterThan(15);
  }, 300_000);

  it.skipIf(!existsSync(CORPUS2))("reads the second corpus (large strings, many merges, odd packages) the same, refusals included", async () => {
    let read = 0;
    for (const file of readdirSync(CORPUS2).filter((f) => f.endsWith(".xlsx")).sort()) {
      const bytes = new Uint8Array(readFileSync(CORPUS2 + file));
      useCodec(null);
      const before = await openXlsx(bytes, file);
      useCodec(nodeCodec);
      const after = await openXlsx(bytes, file);
      expect(after.diagnostics, file).toEqual(before.diagnostics);
      expect(after.ok, file).toBe(before.ok);
      if (before.ok && after.ok) {
        expect(after.snapshot, file).toEqual(before.snapshot);
        read++;
      }
    }
    expect(read).toBeGreaterThan(10);
  }, 600_000);

  it("copies an untouched part's compressed bytes as they were stored", () => {
    const text = "<x>".repeat(1000);
    const input = writeRawZip([{ name: "a.xml", data: text }, { name: "b.xml", data: "<b/>" }], nodeCodec);
    const [a] = readRawZip(input)!;
    const output = writeRawZip([{ name: "a.xml", raw: a! }, { name: "c.xml", data: "<c/>" }], nodeCodec);
    const again = readRawZip(output)!;
    expect(again.map((e) => e.name)).toEqual(["a.xml", "c.xml"]);
    expect(Buffer.from(again[0]!.compressed).equals(Buffer.from(a!.compressed))).toBe(true);
    expect(again[0]!.method).toBe(8);
  });

  it("refuses a damaged part on opening, as JSZip's CRC check did", async () => {
    useCodec(nodeCodec);
    const demo = await workbookBytes(await sampleWorkbook());
    const sheet = readRawZip(demo)!.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    const broken = demo.slice();
    const at = sheet.compressed.byteOffset - demo.byteOffset + 40;
    broken[at] = broken[at]! ^ 0xff;
    const r = await openXlsx(broken, "坏.xlsx");
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.message).toContain("坏.xlsx");
  });
});
