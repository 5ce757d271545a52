/**
 * Issue 9 §3, "nothing anyone wrote is ever lost": the file adapter's write path (open → a plan
 * that adds sheets → write) keeps every pre-existing sheet of the input cell for cell — values,
 * formulas, styles, validations, comments, conditional formats, merges, row heights — and every
 * other part of the package (external links, charts, pivot tables, pictures in cells…) byte for
 * byte, on the 30-file corpus. What cannot be kept that way is named in a warning.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { applyPlan } from "../../src/adapters/xlsx/render";
import { workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { linksOut, writePlanOver } from "../../src/adapters/xlsx/writeOver";
import { sheetDifferences, workbookModel, type SheetModel } from "./sheetModel";
import { packageProblems } from "./xmlParts";
import { LINKED, linkedWorkbook, prefixedWorkbook } from "../fixtures/linkedWorkbook";
import { libreOfficeAvailable, readCachedValues, recalcWithLibreOffice } from "../support/libreoffice";
import { tempDir } from "../support/workbooks";
import { PLAN } from "../support/writePlan";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/xlsx/", import.meta.url));
const present = existsSync(CORPUS);

const FRESH = PLAN.sheets.map((s) => s.name);

/** Packages this tool cannot edit part for part; their outputs are written by exceljs alone, with a warning. */
const REWRITTEN: Record<string, string> = {
  "c_inlineStr_cdata.xlsx": "no styles part",
  "c_nonstandard-xml-ns-prefix.xlsx": "prefixed workbook.xml",
  "c_strict_iso_paths.xlsx": "Strict OOXML",
  "s_sheet_visibility_strict.xlsx": "Strict OOXML",
};

/** Parts only the output is allowed to change (the sheets list, their relationships, types, styles). */
const EDITED = new Set(["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml", "xl/calcChain.xml"]);

async function entries(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name.replace(/\\/g, "/"), await f.async("uint8array"));
  return out;
}

const withoutTabSelected = (b: Uint8Array) => new TextDecoder().decode(b).replace(/\stabSelected="(?:1|true)"/g, "");

export async function writeCorpusFile(bytes: Uint8Array, name: string) {
  const opened = await openXlsx(bytes, name);
  if (!opened.ok) return null;
  const written = await writePlanOver(bytes, name, opened.workbook, PLAN);
  return { opened, written };
}

function expectSameSheets(input: Map<string, SheetModel>, output: Map<string, SheetModel>, file: string): number {
  let compared = 0;
  for (const [name, model] of input) {
    if (FRESH.includes(name)) continue;
    const out = output.get(name);
    expect(out, `${file}: sheet ${name} is in the output`).toBeDefined();
    expect(sheetDifferences(model, out!), `${file}: sheet ${name}`).toEqual([]);
    compared++;
  }
  return compared;
}

describe.skipIf(!present)("the write path on the 30-file corpus", () => {
  const files = present ? readdirSync(CORPUS).filter((f) => f.endsWith(".xlsx")).sort() : [];

  it.each(files)("%s: every input sheet and part kept, the plan's sheets added", async (file) => {
    const bytes = new Uint8Array(readFileSync(CORPUS + file));
    const r = await writeCorpusFile(bytes, file);
    if (!r) return; // refused by the reader (encrypted, damaged): nothing is written
    const { bytes: out, diagnostics } = r.written;
    const back = await openXlsx(out, file);
    expect(back.ok, `${file}: the output reads back`).toBe(true);
    if (!back.ok) return;
    const names = back.workbook.worksheets.map((w) => w.name);
    expect(names.slice(0, FRESH.length)).toEqual(FRESH);
    expect(back.snapshot.sheets.find((s) => s.name === "汇总")!.rows[0]![0]).toBe("汇总表");

    if (REWRITTEN[file]) {
      expect(diagnostics.map((d) => d.code), `${file} (${REWRITTEN[file]})`).toContain("write.rewritten");
      for (const d of diagnostics) expect(d.message).toContain(file);
      return;
    }
    expect(diagnostics, file).toEqual([]);
    // No package problem the input did not already have.
    const before = new Set(await packageProblems(bytes));
    expect((await packageProblems(out)).filter((p) => !before.has(p)), file).toEqual([]);
    // Every part of the input but the few the splice edits: the same bytes (the sheets' XML up to which tab is selected).
    const [a, b] = await Promise.all([entries(bytes), entries(out)]);
    for (const [part, body] of a) {
      if (EDITED.has(part) || !b.has(part)) continue;
      if (/^xl\/worksheets\/[^/]+\.xml$/.test(part)) expect(withoutTabSelected(b.get(part)!), `${file}: ${part}`).toBe(withoutTabSelected(body));
      else expect(Buffer.from(b.get(part)!).equals(Buffer.from(body)), `${file}: ${part} unchanged`).toBe(true);
    }
    const missing = [...a.keys()].filter((p) => !b.has(p) && !EDITED.has(p));
    expect(missing, `${file}: parts of the input missing from the output`).toEqual([]);
    // And, read as a spreadsheet reads them, every input sheet cell for cell.
    expect(expectSameSheets(await workbookModel(bytes), await workbookModel(out), file)).toBeGreaterThan(0);
  }, 120_000);

  it("keeps what exceljs alone drops: the external link of c_errors, the pivot table of s_formula_stress_test, the chart sheet of c_any_sheets, the cell pictures of s_wps_fn", async () => {
    const kept: Record<string, RegExp> = {
      "c_errors.xlsx": /^xl\/externalLinks\/externalLink\d+\.xml$/,
      "s_formula_stress_test.xlsx": /^xl\/pivotTables\/pivotTable\d+\.xml$/,
      "c_any_sheets.xlsx": /^xl\/chartsheets\/sheet\d+\.xml$/,
      "s_wps_fn.xlsx": /^xl\/richData\/rdrichvalue\.xml$/,
    };
    for (const [file, part] of Object.entries(kept)) {
      const bytes = new Uint8Array(readFileSync(CORPUS + file));
      const opened = await openXlsx(bytes, file);
      if (!opened.ok) throw new Error(file);
      // What the exceljs-only writer produced (and the aggregate wrote before): the part is gone.
      await applyPlan(opened.workbook, PLAN);
      expect([...(await entries(await workbookBytes(opened.workbook))).keys()].some((p) => part.test(p)), `${file} via exceljs alone`).toBe(false);
      const r = (await writeCorpusFile(bytes, file))!;
      expect([...(await entries(r.written.bytes)).keys()].some((p) => part.test(p)), `${file} now`).toBe(true);
    }
  }, 120_000);
});

describe.skipIf(!present || !libreOfficeAvailable())("LibreOffice opens every output of the corpus", () => {
  it("finds the plan's sheets, computes their formula, and lists the input's sheets", async () => {
    const dir = tempDir("evalsheet-corpus-out-");
    const written: { file: string; path: string; sheets: string[] }[] = [];
    for (const file of readdirSync(CORPUS).filter((f) => f.endsWith(".xlsx")).sort()) {
      const r = await writeCorpusFile(new Uint8Array(readFileSync(CORPUS + file)), file);
      if (!r) continue;
      const path = join(dir, file);
      writeFileSync(path, r.written.bytes);
      written.push({ file, path, sheets: r.opened.workbook.worksheets.map((w) => w.name) });
    }
    const outs = await recalcWithLibreOffice(written.map((w) => w.path), join(dir, "lo"));
    for (const [i, w] of written.entries()) {
      const grid = await readCachedValues(outs[i]!, "汇总");
      expect([grid[0]?.[0], grid[1]?.[0]], w.file).toEqual(["汇总表", 2]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(outs[i]!);
      for (const name of w.sheets) expect(wb.getWorksheet(name), `${w.file}: ${name} in LibreOffice's copy`).toBeDefined();
    }
  }, 600_000);
});

describe("a workbook that cannot be kept part for part", () => {
  it("gets its external-link cells as their cached values, each named in a warning, never a formula without its link", async () => {
    const bytes = await prefixedWorkbook(await linkedWorkbook());
    const opened = await openXlsx(bytes, "链接.xlsx");
    if (!opened.ok) throw new Error(opened.diagnostics[0]!.messageEn);
    const { bytes: out, diagnostics } = await writePlanOver(bytes, "链接.xlsx", opened.workbook, PLAN);
    expect(diagnostics.map((d) => d.code)).toEqual(["write.rewritten", "write.externalLinkValue"]);
    const link = diagnostics[1]!;
    expect([link.sheet, link.cell]).toEqual([LINKED.sheet, LINKED.cell]);
    expect(link.message).toContain(`=${LINKED.formula}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    const cell = wb.getWorksheet(LINKED.sheet)!.getCell(LINKED.cell);
    expect(cell.value).toBe(LINKED.value);
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => expect(c.formula && linksOut(c.formula), `${ws.name}!${c.address}`).toBeFalsy()));
  });

  it("tells a link [1] from text that merely looks like one", () => {
    expect(linksOut("[1]Sheet1!$A$1")).toBe(true);
    expect(linksOut("'[2]My sheet'!B2+1")).toBe(true);
    expect(linksOut('IF(A1="[1]","x",1)')).toBe(false);
    expect(linksOut("SUM(A1:A3)")).toBe(false);
  });
});
