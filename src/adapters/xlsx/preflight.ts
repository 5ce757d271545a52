/**
 * Everything checked and repaired before exceljs reads the file. exceljs 4.4.0 throws on some
 * valid files, silently drops or misreads others, and reports damage in terms only a developer
 * understands; this pass turns each of those into either a text repair or one clear diagnostic.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { fileMessages, type Fix } from "./messages";
import { appPropsReadable, normaliseShape, resolveAlternateContent } from "./packageShape";
import {
  addMissingRefs,
  convertIsoDates,
  hiddenMergedCells,
  inlineStrFormulas,
  leadingTextAsRun,
  takeMerges,
  withoutObjects,
  type IsoDateCell,
} from "./sheetXml";
import {
  attributes,
  coreXmlReadable,
  inlineCdata,
  normaliseDate1904,
  renameRelPrefix,
  startTags,
  stripBom,
  unprefixRoot,
  usesDate1904,
  xmlSyntaxError,
} from "./xmlText";
import { openZip, readText, rezip, signatureProblem, zipCodec, type ZipPackage } from "./zipPackage";

export interface SheetEntry {
  readonly name: string;
  /** "worksheet", or anything else exceljs does not load (chart sheets, dialog / macro sheets). */
  readonly kind: "worksheet" | "other";
  /** Normalised part name, e.g. "xl/worksheets/sheet1.xml", when the relationship resolves. */
  readonly part: string | null;
}

export interface Preflight {
  /** The bytes for exceljs: the original file, or a repaired copy. */
  readonly bytes: Uint8Array;
  readonly date1904: boolean;
  readonly fixes: readonly Fix[];
  /** Sheets in workbook order, as workbook.xml lists them. */
  readonly sheets: readonly SheetEntry[];
  /** Cells that were ISO dates (t="d"), by sheet name. */
  readonly isoDates: ReadonlyMap<string, readonly IsoDateCell[]>;
  /** Non-fatal findings for the user (content exceljs will drop). */
  readonly warnings: readonly Diagnostic[];
  /** Merged ranges by sheet name, taken out of what exceljs reads (see merges.ts). */
  readonly merges: ReadonlyMap<string, readonly string[]>;
  /** The same package with only what cell values need, for when exceljs fails on the rest. */
  readonly cellsOnly: () => Promise<Uint8Array>;
  /** A part's text as exceljs would get it (repairs applied, merges taken out), or null if absent. */
  readonly text: (name: string) => Promise<string | null>;
}

export interface PreflightOptions {
  /**
   * False when exceljs will not read `bytes` (the direct reader, directRead.ts, reads `text`):
   * then `bytes` is the input as given even if a repair changed a part, and the rezip is saved.
   */
  readonly bytesForExceljs?: boolean;
}

const WORKBOOK = "xl/workbook.xml";
const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";
/** The parts exceljs reads by fixed name; anything else under another name it silently ignores. */
const FIXED_PARTS: Record<string, string> = { sharedStrings: "xl/sharedStrings.xml", styles: "xl/styles.xml" };
/** exceljs' own (unanchored) test for a worksheet part. */
const EXCELJS_SHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;

/** Mutable state of one preflight run. */
interface Run {
  readonly pkg: ZipPackage;
  readonly fileName: string;
  /** Rewritten parts; null marks a part dropped from the package. */
  readonly changed: Map<string, string | null>;
  readonly fixes: Set<Fix>;
  readonly warnings: Diagnostic[];
  readonly merges: Map<string, string[]>;
}

export async function preflight(data: Uint8Array, fileName: string, options: PreflightOptions = {}): Promise<Preflight | Diagnostic> {
  const early = signatureProblem(data, fileName);
  if (early) return early;
  const pkg = await openZip(data, fileName);
  if (!("entries" in pkg)) return pkg;
  const backslashes = pkg.renamed;
  const shape = await normaliseShape(pkg);
  if (!pkg.entries.has(WORKBOOK)) {
    // Spreadsheet parts without their workbook: an incomplete workbook, not some other zip.
    const partial = [...pkg.entries.keys()].some((n) => n.startsWith("xl/"));
    return partial ? fileMessages.missingPart(fileName, WORKBOOK, null) : fileMessages.notWorkbook(fileName);
  }
  const run: Run = {
    pkg,
    fileName,
    changed: new Map(shape.changed),
    fixes: new Set([...(backslashes ? ["backslashPaths" as const] : []), ...shape.fixes]),
    warnings: [],
    merges: new Map(),
  };

  for (const name of ["[Content_Types].xml", "_rels/.rels", WORKBOOK, WORKBOOK_RELS]) {
    const bad = await checkAndUnprefix(run, name, null);
    if (bad) return bad;
  }
  const workbookXml = repairWorkbook(run, (await current(run, WORKBOOK))!);
  const rels = parseRels((await current(run, WORKBOOK_RELS)) ?? "", "xl/");
  const sheets = parseSheets(workbookXml, rels);
  const date1904 = usesDate1904(workbookXml);

  await dropUnreadableDocProps(run);
  const fixedParts = await repairFixedParts(run, rels);
  if (fixedParts) return fixedParts;
  const sheetResult = await repairSheets(run, sheets, date1904);
  if (!(sheetResult instanceof Map)) return sheetResult;
  await unprefixObjects(run);

  // With a native codec every part is already inflated: exceljs gets them stored, rather than
  // inflating the original's parts again in JavaScript.
  const rewrite = options.bytesForExceljs !== false && (run.changed.size > 0 || pkg.renamed || zipCodec());
  const bytes = rewrite ? await rezip(pkg, run.changed) : data;
  const cellsOnly = () => cellsOnlyBytes(run);
  const text = (name: string) => current(run, name);
  return { bytes, date1904, fixes: [...run.fixes], sheets, isoDates: sheetResult, warnings: run.warnings, merges: run.merges, cellsOnly, text };
}

/**
 * Tables and comments are SpreadsheetML too, and the OpenXML SDK (ClosedXML) prefixes them like
 * the sheets. Not refused when broken: they are not cells, and `cellsOnly` does without them.
 */
async function unprefixObjects(run: Run): Promise<void> {
  for (const name of run.pkg.entries.keys()) {
    if (!/^xl\/(?:tables\/table\d+|comments\d+)\.xml$/.test(name)) continue;
    const text = await current(run, name);
    if (text === null || xmlSyntaxError(text)) continue;
    update(run, name, stripBomIfChanged(text, unprefixRoot(text)), "xmlPrefix");
  }
}

function stripBomIfChanged(before: string, after: string): string {
  return after === before ? before : stripBom(after);
}

/** The package cut down to the parts cell values are read from, sheets without links to the rest. */
async function cellsOnlyBytes(run: Run): Promise<Uint8Array> {
  const changed = new Map(run.changed);
  for (const name of run.pkg.entries.keys()) {
    if (!CELL_PARTS.test(name)) changed.set(name, null);
    else if (EXCELJS_SHEET_PART.test(name)) changed.set(name, withoutObjects((await current(run, name)) ?? ""));
  }
  return rezip(run.pkg, changed);
}

/** The parts cell values are read from: workbook, sheets, strings, styles (and the theme its colours use). */
const CELL_PARTS = /^(?:\[Content_Types\]\.xml|_rels\/\.rels|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/worksheets\/sheet\d+\.xml|xl\/sharedStrings\.xml|xl\/styles\.xml|xl\/theme\/[^/]+\.xml)$/;

/** The part's text including repairs made so far. */
async function current(run: Run, name: string): Promise<string | null> {
  if (run.changed.has(name)) return run.changed.get(name) ?? null;
  return readText(run.pkg, name);
}

function update(run: Run, name: string, text: string, fix: Fix | null): void {
  const before = run.changed.has(name) ? run.changed.get(name) : run.pkg.texts.get(name);
  if (text === before) return;
  run.changed.set(name, text);
  if (fix) run.fixes.add(fix);
}

/** Refuses a part that is not well-formed XML; otherwise makes its namespace prefix default. */
async function checkAndUnprefix(run: Run, name: string, sheet: string | null): Promise<Diagnostic | null> {
  const text = await current(run, name);
  if (text === null) return null;
  // Entity declarations are how "billion laughs" files blow up a reader; Excel never writes them.
  if (/<!ENTITY\b/.test(text)) return fileMessages.entities(run.fileName, name);
  const problem = xmlSyntaxError(text);
  if (problem) return fileMessages.badXml(run.fileName, name, sheet, problem);
  const unprefixed = unprefixRoot(text);
  // exceljs copes with a BOM, so it is only dropped when the part is rewritten anyway.
  if (unprefixed !== text) update(run, name, stripBom(unprefixed), "xmlPrefix");
  return null;
}

function repairWorkbook(run: Run, text: string): string {
  const relFixed = renameRelPrefix(text);
  update(run, WORKBOOK, relFixed, "relPrefix");
  const dateFixed = normaliseDate1904(relFixed);
  update(run, WORKBOOK, dateFixed, "date1904");
  return dateFixed;
}

interface Rel {
  readonly type: string;
  readonly part: string | null;
}

function parseRels(text: string, baseDir: string): Map<string, Rel> {
  const rels = new Map<string, Rel>();
  for (const tag of startTags(text, "Relationship")) {
    const a = attributes(tag);
    const id = a.get("Id");
    const target = a.get("Target");
    if (!id) continue;
    const external = a.get("TargetMode") === "External";
    rels.set(id, { type: a.get("Type") ?? "", part: target && !external ? resolvePart(baseDir, target) : null });
  }
  return rels;
}

function resolvePart(baseDir: string, target: string): string {
  const path = target.replace(/\\/g, "/");
  const joined = path.startsWith("/") ? path.slice(1) : baseDir + path;
  const out: string[] = [];
  for (const seg of joined.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

function parseSheets(workbookXml: string, rels: ReadonlyMap<string, Rel>): SheetEntry[] {
  return startTags(workbookXml, "sheet").map((tag) => {
    const a = attributes(tag);
    const rel = rels.get(a.get("r:id") ?? "");
    const kind = rel && /\/worksheet$/.test(rel.type) ? "worksheet" : "other";
    return { name: a.get("name") ?? "", kind, part: rel?.part ?? null };
  });
}

/** Document properties do not matter for reading; exceljs throws on any element it does not know. */
async function dropUnreadableDocProps(run: Run): Promise<void> {
  for (const [name, readable] of [["docProps/core.xml", coreXmlReadable], ["docProps/app.xml", appPropsReadable]] as const) {
    const text = await readText(run.pkg, name);
    if (text === null || readable(text)) continue;
    run.changed.set(name, null);
    run.fixes.add("docProps");
  }
}

/**
 * exceljs reads shared strings and styles only from their usual names. When the workbook's
 * relationships put them elsewhere, copy them there: without shared strings every text cell
 * would read as its index number, without styles every date as a plain number.
 */
async function repairFixedParts(run: Run, rels: ReadonlyMap<string, Rel>): Promise<Diagnostic | null> {
  for (const [kind, fixedName] of Object.entries(FIXED_PARTS)) {
    const rel = [...rels.values()].find((r) => r.type.endsWith(`/${kind}`));
    const actual = rel?.part && run.pkg.entries.has(rel.part) ? rel.part : fixedName;
    const bad = await checkAndUnprefix(run, actual, null);
    if (bad) return bad;
    const text = await current(run, actual);
    if (text === null) continue;
    if (kind === "sharedStrings") {
      update(run, actual, inlineCdata(text), "cdata");
      update(run, actual, leadingTextAsRun((await current(run, actual))!), "leadingText");
    }
    if (kind === "styles") update(run, actual, resolveAlternateContent(text), "alternateContent");
    if (actual !== fixedName && !run.pkg.entries.has(fixedName)) {
      update(run, fixedName, (await current(run, actual))!, "partPaths");
    }
  }
  return null;
}

/** Checks and repairs every part exceljs will parse as a worksheet, listed or not. */
async function repairSheets(
  run: Run,
  sheets: readonly SheetEntry[],
  date1904: boolean,
): Promise<Map<string, IsoDateCell[]> | Diagnostic> {
  const sheetOfPart = new Map(sheets.filter((s) => s.part).map((s) => [s.part!, s.name]));
  const parts = new Set([...sheetOfPart.keys()].filter((p) => EXCELJS_SHEET_PART.test(p)));
  for (const name of run.pkg.entries.keys()) if (EXCELJS_SHEET_PART.test(name)) parts.add(name);

  const isoDates = new Map<string, IsoDateCell[]>();
  for (const part of parts) {
    // A listed sheet whose part is absent is reported after loading, as a missing sheet.
    if (!run.pkg.entries.has(part)) continue;
    const sheet = sheetOfPart.get(part) ?? null;
    const bad = await checkAndUnprefix(run, part, sheet);
    if (bad) return bad;
    update(run, part, inlineCdata((await current(run, part))!), "cdata");
    update(run, part, leadingTextAsRun((await current(run, part))!), "leadingText");
    const refs = addMissingRefs((await current(run, part))!);
    update(run, part, refs, "cellRefs");
    const formulas = inlineStrFormulas(refs);
    update(run, part, formulas, "inlineStrFormulas");
    const dates = convertIsoDates(formulas, date1904);
    update(run, part, dates.text, "isoDates");
    if (sheet && dates.cells.length > 0) isoDates.set(sheet, dates.cells);
    const { text: withoutMerges, merges } = takeMerges(dates.text);
    update(run, part, withoutMerges, null);
    if (sheet) run.merges.set(sheet, merges);
    for (const hidden of sheet ? hiddenMergedCells(dates.text, merges) : []) {
      run.warnings.push(fileMessages.hiddenMergedValues(run.fileName, sheet!, hidden.range, hidden.cells));
    }
    const missing = missingSharedStrings(run, dates.text);
    if (missing) return fileMessages.missingPart(run.fileName, missing, sheet);
  }
  return isoDates;
}

/** A sheet with shared-string cells but no string table would read every text as a number. */
function missingSharedStrings(run: Run, sheetXml: string): string | null {
  const fixed = FIXED_PARTS["sharedStrings"]!;
  if (run.pkg.entries.has(fixed) || run.changed.has(fixed)) return null;
  return /<c\b[^>]*\st\s*=\s*["']s["']/.test(sheetXml) ? fixed : null;
}
