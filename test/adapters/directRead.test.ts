/**
 * Issue 12: the CLI's aggregate reads its input without exceljs (directRead.ts). The direct reader
 * must change nothing but speed: on the demo's input and output, a department's file, the demo
 * saved by LibreOffice and every file of both corpora, openXlsxDirect gives the snapshot and the
 * diagnostics openXlsx gives — or, where it stands aside (ISO dates, a shape it does not read), it
 * says so and the snapshot is exceljs' own. Files the preflight repairs are read directly too: the
 * reader reads the repaired text exceljs would get. Which path each corpus file takes is listed here, so a
 * change in coverage shows up as a failing expectation, not silently.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { openXlsxDirect, type DirectOpenResult } from "../../src/adapters/xlsx/directRead";
import { nodeCodec } from "../../src/adapters/xlsx/nodeCodec";
import { openXlsx, type OpenResult } from "../../src/adapters/xlsx/openXlsx";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { writePlanOver } from "../../src/adapters/xlsx/writeOver";
import { useCodec } from "../../src/adapters/xlsx/zipPackage";
import { aggregatePlan } from "../../src/report/aggregate";
import { sampleData } from "../../src/layout/sample";
import { templatePlan } from "../../src/layout/template";
import { builtinScheme } from "../../src/scheme/load";
import { readWorkbook } from "../../src/validate/validate";
import { libreOfficeAvailable, recalcWithLibreOffice } from "../support/libreoffice";
import { sampleWorkbook, tempDir } from "../support/workbooks";
import { PLAN } from "../support/writePlan";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/xlsx/", import.meta.url));
const CORPUS2 = fileURLToPath(new URL("../../../shared/corpus/xlsx2/", import.meta.url));
const available = libreOfficeAvailable();

afterEach(() => useCodec(null));

/** Both readers on the same bytes (the CLI's codec registered, as in the CLI): what each gave. */
async function bothWays(bytes: Uint8Array, name: string): Promise<{ old: OpenResult; direct: DirectOpenResult }> {
  useCodec(nodeCodec);
  const old = await openXlsx(bytes, name);
  const direct = await openXlsxDirect(bytes, name);
  return { old, direct };
}

/** "direct", "exceljs: <why>", or "refused"; fails unless the two readings agree. */
async function expectSameReading(bytes: Uint8Array, name: string, ignoreCodes: readonly string[] = []): Promise<string> {
  const { old, direct } = await bothWays(bytes, name);
  expect(direct.ok, name).toBe(old.ok);
  const codes = (ds: readonly { code: string }[]) => ds.filter((d) => !ignoreCodes.includes(d.code));
  expect(codes(direct.diagnostics), name).toEqual(codes(old.diagnostics));
  if (!old.ok || !direct.ok) return "refused";
  expect(direct.snapshot, name).toEqual(old.snapshot);
  return direct.via.kind === "direct" ? "direct" : `exceljs: ${direct.via.reason}`;
}

describe("the direct reader reads what exceljs reads", () => {
  const dir = tempDir("evalsheet-direct-");
  let demo: Uint8Array;
  let output: Uint8Array;

  beforeAll(async () => {
    demo = await workbookBytes(await sampleWorkbook());
    useCodec(nodeCodec);
    const opened = await openXlsx(demo, "demo.xlsx");
    if (!opened.ok) throw new Error("demo unreadable");
    const reading = readWorkbook(opened.snapshot);
    if (!reading.ok) throw new Error("demo invalid");
    output = (await writePlanOver(demo, "demo.xlsx", opened.workbook, aggregatePlan(reading, { madeAt: "2025-01-20 10:00" }))).bytes;
    useCodec(null);
  }, 60_000);

  it("the demo's input and output and a department's file: the same snapshot, read directly", async () => {
    expect(await expectSameReading(demo, "demo.xlsx")).toBe("direct");
    expect(await expectSameReading(output, "汇总.xlsx")).toBe("direct");
    const scheme = builtinScheme();
    const department = await workbookBytes(await planToWorkbook(templatePlan(scheme, { sample: sampleData(scheme, 2024), department: "宣教部" })));
    expect(await expectSameReading(department, "宣教部.xlsx")).toBe("direct");
  });

  it.skipIf(!available)("the demo saved by LibreOffice: the same snapshot, read directly", async () => {
    writeFileSync(join(dir, "demo.xlsx"), demo);
    mkdirSync(join(dir, "lo"), { recursive: true });
    const [saved] = await recalcWithLibreOffice([join(dir, "demo.xlsx")], join(dir, "lo"));
    expect(await expectSameReading(new Uint8Array(readFileSync(saved!)), "demo-lo.xlsx")).toBe("direct");
  }, 240_000);

  // Per file, the path taken. "direct" files are read without exceljs; the others say why not.
  const EXCELJS = new Set([
    // ISO date cells, which openXlsx turns back into dates after exceljs has loaded them
    "s_xlsx-stream-d-date-cell.xlsx",
    // shapes the direct reader leaves to exceljs: no styles part, rich text in an inline string,
    // rows out of order, cell hyperlinks (exceljs shows a linked formula cell as its text)
    "c_inlineStr_cdata.xlsx", "c_minimal_package.xlsx", "po_poc-shared-strings.xlsx",
    "ez_Book1.xlsx", "rx_embed_image10.xlsx", "s_wtf_path.xlsx",
  ]);
  /**
   * exceljs fails on a drawing part and the old path reads the cells alone, saying so (file.repaired,
   * cellsOnly); the direct reader never reads drawings, so it has nothing to say. Same cells.
   */
  const EXCELJS_FAILS_ON_OBJECTS = new Set(["p_double_attr_drawing.xlsx", "po_xxe_in_schema.xlsx"]);

  for (const [label, folder] of [["corpus", CORPUS], ["corpus2", CORPUS2]] as const) {
    it(`every file of ${label}: the same snapshot and diagnostics, or refused alike`, async () => {
      const paths: Record<string, string> = {};
      for (const name of readdirSync(folder).filter((n) => n.endsWith(".xlsx")).sort()) {
        const bytes = new Uint8Array(readFileSync(join(folder, name)));
        const ignore = EXCELJS_FAILS_ON_OBJECTS.has(name) ? ["file.repaired"] : [];
        paths[name] = await expectSameReading(bytes, name, ignore);
      }
      for (const [name, path] of Object.entries(paths)) {
        if (path === "refused") continue;
        expect(path === "direct", `${name}: ${path}`).toBe(!EXCELJS.has(name));
      }
      expect(Object.values(paths).filter((p) => p === "direct").length).toBeGreaterThan(label === "corpus" ? 15 : 20);
    }, 180_000);
  }
});

describe("writing over a file read directly", () => {
  it("the whole-file fallback opens the exceljs workbook only then, and writes what it wrote from an opened one", async () => {
    // A package splice cannot edit (no styles part): the fallback needs the exceljs workbook.
    const bytes = new Uint8Array(readFileSync(join(CORPUS, "s_sheet_visibility_strict.xlsx")));
    useCodec(nodeCodec);
    const direct = await openXlsxDirect(bytes, "strict.xlsx");
    const old = await openXlsx(bytes, "strict.xlsx");
    if (!direct.ok || !old.ok) throw new Error("unreadable");
    let loads = 0;
    const viaLoader = await writePlanOver(bytes, "strict.xlsx", () => (loads++, direct.workbook()), PLAN);
    const viaWorkbook = await writePlanOver(bytes, "strict.xlsx", old.workbook, PLAN);
    expect(viaLoader.diagnostics).toEqual(viaWorkbook.diagnostics);
    expect(viaLoader.diagnostics.map((d) => d.code)).toContain("write.rewritten");
    expect(loads).toBe(1);
    const back = async (b: Uint8Array) => {
      const r = await openXlsx(b, "out.xlsx");
      if (!r.ok) throw new Error("output unreadable");
      return r.snapshot;
    };
    expect(await back(viaLoader.bytes)).toEqual(await back(viaWorkbook.bytes));
  });
});
