/**
 * Valid packages that exceljs 4.4.0 cannot read as they are, put into the shape it expects before
 * it sees them. exceljs finds parts by fixed names (xl/workbook.xml, xl/worksheets/sheetN.xml)
 * instead of following relationships, reads every part as UTF-8 and resolves only relative
 * targets; Open Packaging Conventions allow all of these otherwise (System.IO.Packaging, SheetJS,
 * openpyxl and others use the freedom). Only the copy exceljs reads changes: the part-for-part
 * output writer works on the original bytes.
 */
import type { Fix } from "./messages";
import { escapeAttr, relativeTarget, relsPartOf, resolveTarget } from "./opc";
import { attributes, startTags } from "./xmlText";
import { readText, renamePart, type ZipPackage } from "./zipPackage";

const WORKBOOK = "xl/workbook.xml";
const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";
/** The worksheet names exceljs loads (its own test is unanchored; these are the names it then matches). */
const SHEET_NAME = /^xl\/worksheets\/sheet\d+\.xml$/;

/** Renames and rewrites in place; returns the fixes made and the rewritten texts by part. */
export async function normaliseShape(pkg: ZipPackage): Promise<{ fixes: Fix[]; changed: Map<string, string> }> {
  const fixes: Fix[] = [];
  const changed = new Map<string, string>();
  if (await moveWorkbook(pkg)) fixes.push("workbookPath");
  if (await renameSheets(pkg, changed)) fixes.push("sheetPaths");
  if (await relativeTargets(pkg, changed)) fixes.push("absoluteTargets");
  // Last, so parts renamed above are decoded under their new names.
  for (const name of [...pkg.entries.keys()]) {
    // Only what exceljs parses: customXml and the like keep their bytes (Office writes some as UTF-16).
    if (!/\.(?:xml|rels|vml)$/i.test(name) || !/^(?:xl\/|docProps\/|_rels\/|\[Content_Types\])/.test(name)) continue;
    const text = await readText(pkg, name);
    if (text !== null && pkg.recoded.has(name) && !changed.has(name)) changed.set(name, text);
  }
  if ([...changed.keys()].some((n) => pkg.recoded.has(n))) fixes.push("utf16");
  return { fixes, changed };
}

/**
 * The workbook is wherever _rels/.rels says (SheetJS may write wtf/workbook.xml, calamine's test
 * package keeps everything at the zip's root); exceljs reads only xl/workbook.xml. Its folder is
 * moved to xl/ whole, so the relative targets inside it stay right.
 */
async function moveWorkbook(pkg: ZipPackage): Promise<boolean> {
  if (pkg.entries.has(WORKBOOK)) return false;
  const rels = startTags((await readText(pkg, "_rels/.rels")) ?? "", "Relationship").map(attributes);
  const office = rels.find((a) => /\/officeDocument$/.test(a.get("Type") ?? "") && a.get("TargetMode") !== "External");
  const part = office ? findPart(pkg, resolveTarget("", office.get("Target") ?? "")) : null;
  if (!part) return false;
  const dir = part.slice(0, part.lastIndexOf("/") + 1);
  const packageLevel = (n: string) => n === "[Content_Types].xml" || n === "_rels/.rels" || /^(?:docProps|customXml|package)\//.test(n);
  for (const name of [...pkg.entries.keys()]) {
    if (!name.startsWith(dir) || (dir === "" && packageLevel(name))) continue;
    renamePart(pkg, name, `xl/${name.slice(dir.length)}`);
  }
  const moved = `xl/${part.slice(dir.length)}`;
  renamePart(pkg, relsPartOf(moved), WORKBOOK_RELS);
  renamePart(pkg, moved, WORKBOOK);
  return true;
}

/** The entry named `part`, compared as OPC does (ignoring case). */
function findPart(pkg: ZipPackage, part: string): string | null {
  if (pkg.entries.has(part)) return part;
  const lower = part.toLowerCase();
  return [...pkg.entries.keys()].find((n) => n.toLowerCase() === lower) ?? null;
}

/**
 * Worksheets named otherwise than xl/worksheets/sheetN.xml (System.IO.Packaging writes
 * xl/worksheets/sheet.xml) are renamed, with their relationships, which are re-aimed from the
 * new place; the workbook's relationship follows.
 */
async function renameSheets(pkg: ZipPackage, changed: Map<string, string>): Promise<boolean> {
  const relsText = await readText(pkg, WORKBOOK_RELS);
  if (relsText === null) return false;
  const taken = new Set([...pkg.entries.keys()].filter((n) => SHEET_NAME.test(n)));
  let any = false;
  const rewritten = await replaceAsync(relsText, /<(?:[\w.-]+:)?Relationship\b[^>]*>/g, async (tag) => {
    const a = attributes(tag);
    if (!/\/worksheet$/.test(a.get("Type") ?? "") || a.get("TargetMode") === "External") return tag;
    const part = findPart(pkg, resolveTarget(WORKBOOK, a.get("Target") ?? ""));
    if (!part || SHEET_NAME.test(part)) return tag;
    let n = 1;
    while (taken.has(`xl/worksheets/sheet${n}.xml`)) n++;
    const to = `xl/worksheets/sheet${n}.xml`;
    taken.add(to);
    await moveWithRelationships(pkg, part, to, changed);
    any = true;
    return withTarget(tag, relativeTarget(WORKBOOK, to));
  });
  if (any) changed.set(WORKBOOK_RELS, rewritten);
  return any;
}

async function moveWithRelationships(pkg: ZipPackage, from: string, to: string, changed: Map<string, string>): Promise<void> {
  const relsText = await readText(pkg, relsPartOf(from));
  renamePart(pkg, from, to);
  if (relsText === null) return;
  renamePart(pkg, relsPartOf(from), relsPartOf(to));
  changed.set(relsPartOf(to), retarget(relsText, (target) => relativeTarget(to, resolveTarget(from, target))));
}

/**
 * exceljs looks tables, drawings and pictures up by the relative target it would have written
 * ("../tables/table1.xml"); an absolute one ("/xl/tables/table1.xml", openpyxl) is just as valid.
 */
async function relativeTargets(pkg: ZipPackage, changed: Map<string, string>): Promise<boolean> {
  let any = false;
  for (const name of [...pkg.entries.keys()]) {
    const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(name);
    if (!m) continue;
    const text = changed.get(name) ?? (await readText(pkg, name));
    if (text === null || !/\bTarget\s*=\s*["']\//.test(text)) continue;
    const source = m[1]! + m[2]!;
    changed.set(name, retarget(text, (target) => (target.startsWith("/") ? relativeTarget(source, resolveTarget(source, target)) : target)));
    any = true;
  }
  return any;
}

/** Every internal relationship's target passed through `map`. */
function retarget(relsText: string, map: (target: string) => string): string {
  return relsText.replace(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g, (tag) => {
    const a = attributes(tag);
    const target = a.get("Target");
    if (target === undefined || a.get("TargetMode") === "External") return tag;
    return withTarget(tag, map(target));
  });
}

function withTarget(tag: string, target: string): string {
  return tag.replace(/(\bTarget\s*=\s*)(["'])[^"']*\2/, (_, lead: string) => `${lead}"${escapeAttr(target)}"`);
}

async function replaceAsync(text: string, re: RegExp, fn: (match: string) => Promise<string>): Promise<string> {
  const parts: string[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    parts.push(text.slice(last, m.index), await fn(m[0]));
    last = m.index + m[0].length;
  }
  return parts.join("") + text.slice(last);
}

/**
 * docProps/app.xml (company, manager) does not matter for reading, but exceljs throws "Cannot read
 * properties of undefined (reading 'company')" when its root carries a prefix (<ap:Properties>,
 * written by the OpenXML SDK and Hancom). Such a part is left out of exceljs' copy.
 */
export function appPropsReadable(text: string): boolean {
  return /^(?:\uFEFF|\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<Properties\b/.test(text);
}

/**
 * Markup-compatibility blocks (<mc:AlternateContent>) in styles.xml (Hancom Hancell wraps fonts in
 * them) are invisible to exceljs, which then miscounts the fonts every style points to. A reader
 * that does not know the Choice's namespace takes the Fallback: so do we.
 */
export function resolveAlternateContent(text: string): string {
  if (!/<(?:[\w.-]+:)?AlternateContent\b/.test(text)) return text;
  return text.replace(
    /<([\w.-]+:)?AlternateContent\b[^>]*>([\s\S]*?)<\/\1?AlternateContent>/g,
    (_, prefix: string | undefined, body: string) => {
      const p = (prefix ?? "").replace(/[.-]/g, "\\$&");
      const fallback = new RegExp(`<${p}Fallback\\b[^>]*>([\\s\\S]*?)</${p}Fallback>`).exec(body);
      return fallback ? fallback[1]! : "";
    },
  );
}
