/**
 * Reading an .xlsx without exceljs, for the CLI's aggregate: the preflight checks the package as
 * always (every refusal and warning is its own), then the cells are read straight from the parts'
 * XML into the same WorkbookSnapshot exceljs and snapshot.ts would give. exceljs — some 2 MB of
 * JavaScript to compile and a SAX parse that was ≈ 40 % of an aggregate's CPU — is loaded only
 * when it is needed: for a file the direct reader does not cover (any repair by the preflight, a
 * shape it does not know), which is then opened exactly as before, or when the writer falls back.
 */
import type ExcelJS from "exceljs";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import type { SheetSnapshot, WorkbookSnapshot } from "../../workbook/snapshot";
import { fileMessages } from "./messages";
import { preflight, type Preflight } from "./preflight";
import { readNumFmts, readSharedStrings } from "./directParts";
import { readSheet, type SharedString } from "./directSheet";
import { attrsOf, Unexpected } from "./xmlScan";
import { startTags } from "./xmlText";

export type DirectOpenResult =
  | {
      ok: true;
      snapshot: WorkbookSnapshot;
      diagnostics: Diagnostic[];
      /** The exceljs workbook of the same file, loaded on first use (the writer's fallback). */
      workbook: () => Promise<ExcelJS.Workbook>;
      /** How the cells were read: "direct", or "exceljs" with why the direct reader stood aside. */
      via: { kind: "direct" } | { kind: "exceljs"; reason: string };
    }
  | { ok: false; diagnostics: Diagnostic[] };

/** openXlsx's result for the same bytes, with the cells read directly where the reader covers the file. */
export async function openXlsxDirect(data: Uint8Array, fileName: string): Promise<DirectOpenResult> {
  let pre: Preflight | Diagnostic;
  try {
    pre = await preflight(data, fileName, { bytesForExceljs: false });
  } catch {
    return viaExceljs(data, fileName, "preflight threw");
  }
  if (!("bytes" in pre)) return { ok: false, diagnostics: [pre] };
  // The preflight's repairs are text rewrites of the parts, and the direct reader reads the
  // rewritten text exceljs would get — except ISO dates, which openXlsx puts back after loading.
  if (pre.fixes.includes("isoDates")) return viaExceljs(data, fileName, `repairs: ${pre.fixes.join(", ")}`);
  let snapshot: WorkbookSnapshot;
  try {
    snapshot = await readDirect(pre);
  } catch (e) {
    return viaExceljs(data, fileName, e instanceof Unexpected ? e.message : `reader error: ${(e as Error).message}`);
  }
  // The preflight's own findings (values hidden under merged cells, repairs), as openXlsx reports them.
  const diagnostics = [...pre.warnings];
  if (pre.fixes.length > 0) diagnostics.push(fileMessages.repaired(fileName, pre.fixes));
  return { ok: true, snapshot, diagnostics, workbook: lazyWorkbook(data, fileName), via: { kind: "direct" } };
}

async function viaExceljs(data: Uint8Array, fileName: string, reason: string): Promise<DirectOpenResult> {
  const { openXlsx } = await import("./openXlsx");
  const opened = await openXlsx(data, fileName);
  if (!opened.ok) return opened;
  const workbook = opened.workbook;
  return { ok: true, snapshot: opened.snapshot, diagnostics: opened.diagnostics, workbook: () => Promise.resolve(workbook), via: { kind: "exceljs", reason } };
}

function lazyWorkbook(data: Uint8Array, fileName: string): () => Promise<ExcelJS.Workbook> {
  let loading: Promise<ExcelJS.Workbook> | null = null;
  return () =>
    (loading ??= import("./openXlsx").then(async ({ openXlsx }) => {
      const opened = await openXlsx(data, fileName);
      // It was readable a moment ago; the same bytes cannot become unreadable.
      if (!opened.ok) throw new Error(opened.diagnostics[0]?.messageEn ?? `${fileName} unreadable`);
      return opened.workbook;
    }));
}

/** The package's worksheets read directly; throws Unexpected where exceljs would read differently. */
export async function readDirect(pre: Preflight): Promise<WorkbookSnapshot> {
  const workbookXml = await pre.text("xl/workbook.xml");
  const relsXml = await pre.text("xl/_rels/workbook.xml.rels");
  const stylesXml = await pre.text("xl/styles.xml");
  if (!workbookXml || !relsXml || !stylesXml) throw new Unexpected("workbook, relationships or styles missing");
  const sstXml = await pre.text("xl/sharedStrings.xml");
  let strings: SharedString[] | null = null; // read when a sheet first needs it, as sheets without text do not
  const ctx = {
    get strings(): SharedString[] {
      if (strings) return strings;
      if (sstXml === null) throw new Unexpected("no shared strings");
      return (strings = readSharedStrings(sstXml));
    },
    numFmt: readNumFmts(stylesXml),
    date1904: pre.date1904,
  };
  const sheets: SheetSnapshot[] = [];
  for (const entry of worksheetsOf(workbookXml, relsXml)) {
    const xml = await pre.text(entry.part);
    if (xml === null) throw new Unexpected(`missing ${entry.part}`); // openXlsx names the lost sheet
    sheets.push(readSheet(xml, entry.name, entry.state, pre.merges.get(entry.name) ?? [], ctx));
  }
  if (sheets.length === 0) throw new Unexpected("no worksheets"); // openXlsx refuses it, in its words
  return { sheets, date1904: pre.date1904 };
}

interface Listed {
  readonly name: string;
  readonly part: string;
  readonly state: SheetSnapshot["state"];
}

/**
 * The worksheets exceljs loads, in its order: the workbook's <sheet>s whose relationship targets a
 * part exceljs takes for a worksheet (xl/worksheets/sheetN.xml), chart sheets left out as it does.
 * Names it would refuse, truncate or find twice, odd targets or ids: left to exceljs.
 */
function worksheetsOf(workbookXml: string, relsXml: string): Listed[] {
  const targets = new Map<string, { type: string; target: string }>();
  for (const tag of startTags(relsXml, "Relationship")) {
    const a = attrsOf(tag.replace(/^<[^\s>/]+|\/?>$/g, ""));
    if (a["Id"] !== undefined) targets.set(a["Id"], { type: a["Type"] ?? "", target: a["Target"] ?? "" });
  }
  const out: Listed[] = [];
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const tag of startTags(workbookXml, "sheet")) {
    if (!/^<sheet\s/.test(tag)) throw new Unexpected("prefixed sheet element");
    const a = attrsOf(tag.replace(/^<sheet|\/?>$/g, ""));
    const rel = targets.get(a["r:id"] ?? "");
    const id = a["sheetId"] ?? "";
    if (!rel || !/^[1-9]\d*$/.test(id) || ids.has(id) || a["r:id"] === undefined) throw new Unexpected("sheet id or relationship");
    ids.add(id);
    const m = /^(?:\/xl\/)?(worksheets\/sheet\d+\.xml)$/.exec(rel.target);
    const isWorksheet = /\/worksheet$/.test(rel.type);
    if (!m || !isWorksheet) {
      if (m || isWorksheet || !/\/chartsheet$/.test(rel.type)) throw new Unexpected(`sheet target ${rel.target}`);
      continue; // a chart sheet: exceljs skips it
    }
    const name = a["name"] ?? "";
    if (name === "" || name === "History" || name.length > 31 || /[*?:/\\[\]]/.test(name) || /^'|'$/.test(name)) throw new Unexpected(`sheet name ${name}`);
    if (names.has(name.toLowerCase())) throw new Unexpected("duplicate sheet name");
    names.add(name.toLowerCase());
    const state = a["state"] === "hidden" || a["state"] === "veryHidden" ? a["state"] : "visible";
    out.push({ name, part: `xl/${m[1]}`, state });
  }
  return out;
}
