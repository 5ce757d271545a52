/**
 * OUT = the input file, part for part, plus the sheets a plan writes. exceljs rewrites every sheet
 * it saves through its own model, which loses what it does not model (external links, charts,
 * pivot tables, cell images, hidden rows, a workbook's default font…). So the sheets the plan did
 * not write are not taken from exceljs at all: the input's own parts are kept byte for byte, and
 * only the plan's sheets are taken from exceljs' output and grafted in — their cell formats
 * appended to the input's styles.xml, their shared strings written inline, their print titles
 * added to the input's defined names.
 */
import { attributes, startTags, xmlSyntaxError } from "./xmlText";
import { openZip, readText, zipCodec, type ZipPackage } from "./zipPackage";
import { writeRawZip, type OutPart } from "./rawZip";
import { mergeStyles } from "./mergeStyles";
import JSZip from "jszip";
import {
  beforeRootEnd, contentTypeOf, escapeAttr, freshId, freshPartName, parseRelationships, relationshipXml, relationshipsXml,
  relativeTarget, relsPartOf, withOverride, withoutOverrides, withoutRelationships, type Relationship,
} from "./opc";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORKBOOK = "xl/workbook.xml";

/** The package cannot be kept part for part (the caller writes exceljs' output instead). */
export class NotSpliceable extends Error {}

interface SheetTag {
  readonly tag: string;
  readonly name: string;
  readonly state: string;
  readonly rel: Relationship | undefined;
}

interface Side {
  readonly pkg: ZipPackage;
  readonly workbook: string;
  readonly relPrefix: string;
  readonly rels: Relationship[];
  readonly sheets: SheetTag[];
  readonly types: string;
}

/** A package given as its parts' texts (planXml.ts), read as if unzipped. */
function textPackage(parts: ReadonlyMap<string, string>): ZipPackage {
  const utf8 = new TextEncoder();
  const entries = new Map([...parts.keys()].map((name) => [name, { async: () => Promise.resolve(utf8.encode(parts.get(name)!)) }]));
  return { entries, texts: new Map(parts), renamed: false, recoded: new Set() };
}

async function side(bytes: Uint8Array | ReadonlyMap<string, string>, label: string): Promise<Side> {
  const pkg = bytes instanceof Uint8Array ? await openZip(bytes, label) : textPackage(bytes);
  if (!("entries" in pkg)) throw new NotSpliceable(`${label} is not a readable zip`);
  const workbook = await readText(pkg, WORKBOOK);
  const types = await readText(pkg, "[Content_Types].xml");
  if (!workbook || !types) throw new NotSpliceable(`${label} has no workbook or content types`);
  const root = startTags(workbook, "workbook")[0] ?? "";
  // Prefixed or Strict OOXML parts cannot take sheets written as transitional SpreadsheetML.
  if (!root.startsWith("<workbook") || attributes(root).get("xmlns") !== MAIN_NS) throw new NotSpliceable(`${label}: not a transitional SpreadsheetML workbook`);
  const prefix = [...attributes(root)].find(([k, v]) => k.startsWith("xmlns:") && v === REL_NS)?.[0].slice(6);
  if (!prefix) throw new NotSpliceable(`${label}: workbook.xml declares no relationship namespace`);
  const rels = parseRelationships(await readText(pkg, "xl/_rels/workbook.xml.rels"), WORKBOOK);
  const sheetsBlock = /<sheets\b[^>]*>([\s\S]*?)<\/sheets>/.exec(workbook)?.[1] ?? "";
  const sheets = startTags(sheetsBlock, "sheet").map((tag) => {
    const a = attributes(tag);
    return { tag, name: a.get("name") ?? "", state: a.get("state") ?? "visible", rel: rels.find((r) => r.id === a.get(`${prefix}:id`)) };
  });
  return { pkg, workbook, relPrefix: prefix, rels, sheets, types };
}

const isWorksheet = (s: SheetTag) => Boolean(s.rel && /\/worksheet$/.test(s.rel.type));

/** Every part reachable from `roots` through relationships, and who points at each part. */
async function relGraph(pkg: ZipPackage): Promise<Map<string, Relationship[]>> {
  const graph = new Map<string, Relationship[]>();
  for (const name of pkg.entries.keys()) {
    const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(name);
    if (m) graph.set(m[1]! + m[2]!, parseRelationships(await readText(pkg, name), m[1]! + m[2]!));
  }
  return graph;
}

/** Parts that only the removed parts point at, removed with them. */
function closure(graph: Map<string, Relationship[]>, roots: string[], keptRoots: string[]): Set<string> {
  const gone = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [owner, rels] of graph) {
      if (!gone.has(owner)) continue;
      for (const r of rels) {
        if (r.external || gone.has(r.target) || keptRoots.includes(r.target)) continue;
        const others = [...graph].some(([o, rs]) => !gone.has(o) && rs.some((x) => !x.external && x.target === r.target));
        if (!others) {
          gone.add(r.target);
          grew = true;
        }
      }
    }
  }
  return gone;
}

/** `<c … t="s"><v>7</v></c>` → the string itself, inline: the target has its own string table. */
function inlineStrings(sheetXml: string, strings: string[]): string {
  return sheetXml.replace(/<c\b([^>]*?)\st="s"([^>]*)>\s*<v>(\d+)<\/v>\s*<\/c>/g, (_, a: string, b: string, i: string) => {
    const si = strings[Number(i)];
    if (si === undefined) throw new Error(`shared string ${i} missing`);
    return `<c${a} t="inlineStr"${b}><is>${si}</is></c>`;
  });
}

/** The cellXfs indexes a sheet uses: the first s="…" of each cell and row, a column's style="…". One pass each. */
function usedStyles(sheetXml: string): number[] {
  const out: number[] = [];
  for (const m of sheetXml.matchAll(/<(?:c|row)\b[^>]*?\ss="(\d+)"/g)) out.push(Number(m[1]));
  for (const m of sheetXml.matchAll(/<col\b[^>]*?\sstyle="(\d+)"/g)) out.push(Number(m[1]));
  return out;
}

function restyle(sheetXml: string, map: ReadonlyMap<number, number>): string {
  const to = (n: string) => String(map.get(Number(n)) ?? 0);
  return sheetXml
    .replace(/(<(?:c|row)\b[^>]*?\ss=")(\d+)(")/g, (_, p: string, n: string, q: string) => p + to(n) + q)
    .replace(/(<col\b[^>]*?\sstyle=")(\d+)(")/g, (_, p: string, n: string, q: string) => p + to(n) + q);
}

/**
 * The one selected tab: Excel edits every selected sheet at once, so exactly one may be. Sheet views
 * come before the cells, so only the text up to <sheetData> is looked at (a sheet can be 100 MB).
 */
function selectTab(sheetXml: string, selected: boolean): string {
  const data = sheetXml.search(/<sheetData\b/);
  const head = data < 0 ? sheetXml : sheetXml.slice(0, data);
  const cleared = head.replace(/<sheetView\b[^>]*>/g, (tag) => tag.replace(/\stabSelected="[^"]*"/, ""));
  const done = selected ? cleared.replace(/<sheetView\b/, '<sheetView tabSelected="1"') : cleared;
  return done === head ? sheetXml : done + (data < 0 ? "" : sheetXml.slice(data));
}

interface DefinedName {
  readonly text: string;
  readonly local: number | null;
}

function definedNames(workbook: string): DefinedName[] {
  const block = /<definedNames\b[^>]*>([\s\S]*?)<\/definedNames>/.exec(workbook)?.[1] ?? "";
  return (block.match(/<definedName\b[^>]*?\/>|<definedName\b[^>]*>[\s\S]*?<\/definedName>/g) ?? []).map((text) => {
    const id = attributes(startTags(text, "definedName")[0]!).get("localSheetId");
    return { text, local: id === undefined ? null : Number(id) };
  });
}

const withLocal = (name: string, index: number) => name.replace(/\slocalSheetId="\d+"/, ` localSheetId="${index}"`);

/**
 * The input package with the sheets named `fresh` taken from `output` (exceljs' save of the plan's
 * sheets, or planXml.ts's parts as text), placed first or last as the plan says. Throws
 * NotSpliceable when the input's package is not one this can edit safely.
 */
export async function spliceSheets(input: Uint8Array, output: Uint8Array | ReadonlyMap<string, string>, fresh: readonly string[], placement: "first" | "last"): Promise<Uint8Array> {
  const P = await side(input, "input");
  const Q = await side(output, "output");
  const changed = new Map<string, string>();
  const added = new Map<string, string | Uint8Array>();
  const text = async (name: string) => changed.get(name) ?? (await readText(P.pkg, name));

  // What goes: the input's sheets the plan replaces, what only they use, and the calculation chain (Excel rebuilds it).
  const replaced = P.sheets.filter((s) => fresh.includes(s.name));
  if (replaced.some((s) => !isWorksheet(s))) throw new NotSpliceable("a sheet the plan writes is a chart or dialog sheet in the input");
  const graph = await relGraph(P.pkg);
  const calcChain = P.rels.filter((r) => /\/calcChain$/.test(r.type));
  const keptRoots = P.rels.filter((r) => !replaced.some((s) => s.rel === r) && !calcChain.includes(r)).map((r) => r.target);
  const removed = closure(graph, [...replaced.map((s) => s.rel!.target), ...calcChain.map((r) => r.target)], keptRoots);
  for (const part of [...removed]) removed.add(relsPartOf(part));

  // What comes: each fresh sheet from the output, with whatever its relationships point at.
  const taken = new Set([...P.pkg.entries.keys()].map((n) => n.toLowerCase()));
  const strings = (await readText(Q.pkg, "xl/sharedStrings.xml"))?.match(/<si\b[^>]*\/>|<si\b[^>]*>[\s\S]*?<\/si>/g)?.map((si) => si.replace(/^<si\b[^>]*\/?>|<\/si>$/g, "")) ?? [];
  const qSheets = fresh.map((name) => {
    const s = Q.sheets.find((x) => x.name === name);
    if (!s || !isWorksheet(s)) throw new Error(`the output has no sheet ${name}`);
    return { ...s, part: freshPartName(taken, "xl/worksheets/sheet.xml") };
  });
  const stylesRel = P.rels.find((r) => /\/styles$/.test(r.type));
  const qStylesRel = Q.rels.find((r) => /\/styles$/.test(r.type));
  if (!stylesRel || !qStylesRel) throw new NotSpliceable("no styles part");
  const sheetXmls = await Promise.all(qSheets.map(async (s) => {
    const xml = (await readText(Q.pkg, s.rel!.target))!;
    if (/\sdxfId="/.test(xml)) throw new NotSpliceable("the plan's sheets use differential formats");
    return inlineStrings(xml, strings);
  }));
  const merged = mergeStyles((await text(stylesRel.target))!, (await readText(Q.pkg, qStylesRel.target))!, sheetXmls.flatMap(usedStyles));
  changed.set(stylesRel.target, merged.text);

  let types = withoutOverrides(P.types, removed);
  const importPart = async (from: string, to: string, body: string | Uint8Array) => {
    added.set(to, body);
    const type = contentTypeOf(Q.types, from);
    if (type) types = withOverride(types, to, type);
    const rels = parseRelationships(await readText(Q.pkg, relsPartOf(from)), from);
    if (rels.length === 0) return;
    const items: string[] = [];
    for (const r of rels) {
      if (r.external) {
        items.push(`<Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(r.target)}" TargetMode="External"/>`);
        continue;
      }
      const target = freshPartName(taken, r.target);
      const entry = Q.pkg.entries.get(r.target);
      if (!entry) throw new Error(`the output lacks ${r.target}`);
      await importPart(r.target, target, await entry.async("uint8array"));
      items.push(relationshipXml(r.id, r.type, relativeTarget(to, target)));
    }
    added.set(relsPartOf(to), relationshipsXml(items));
  };

  // The new order, the first visible sheet active (as the exceljs writer does), the others unselected.
  const kept = P.sheets.filter((s) => !replaced.includes(s));
  const order = placement === "first" ? [...qSheets, ...kept] : [...kept, ...qSheets];
  const active = Math.max(order.findIndex((s) => s.state === "visible"), 0);
  for (const [i, s] of qSheets.entries()) await importPart(s.rel!.target, s.part, selectTab(restyle(sheetXmls[i]!, merged.map), order[active] === s));
  for (const s of kept) {
    if (!isWorksheet(s)) continue;
    const xml = await text(s.rel!.target);
    if (xml === null) continue;
    const selected = selectTab(xml, order[active] === s);
    if (selected !== xml) changed.set(s.rel!.target, selected);
  }

  // workbook.xml: sheets, defined names (localSheetId is a position), the active tab.
  const relIds = new Set(P.rels.map((r) => r.id));
  const ids = P.sheets.map((s) => Number(attributes(s.tag).get("sheetId") ?? 0));
  let nextSheetId = Math.max(0, ...ids) + 1;
  const wbRels: string[] = [];
  const tags = order.map((s) => {
    if (!qSheets.includes(s as (typeof qSheets)[number])) return s.tag;
    const q = s as (typeof qSheets)[number];
    const id = freshId(relIds);
    wbRels.push(relationshipXml(id, q.rel!.type, relativeTarget(WORKBOOK, q.part)));
    const state = q.state === "visible" ? "" : ` state="${q.state}"`;
    return `<sheet name="${escapeAttr(q.name)}" sheetId="${nextSheetId++}"${state} ${P.relPrefix}:id="${id}"/>`;
  });
  const names = [
    ...definedNames(P.workbook).flatMap((n) => {
      if (n.local === null) return [n.text];
      const at = order.indexOf(P.sheets[n.local]!);
      return at < 0 ? [] : [withLocal(n.text, at)];
    }),
    ...definedNames(Q.workbook).flatMap((n) => {
      const q = n.local === null ? undefined : qSheets.find((s) => s.name === Q.sheets[n.local!]?.name);
      return q ? [withLocal(n.text, order.indexOf(q))] : [];
    }),
  ];
  let workbook = P.workbook.replace(/(<sheets\b[^>]*>)[\s\S]*?(<\/sheets>)/, (_, open: string, close: string) => open + tags.join("") + close);
  const namesXml = names.length ? `<definedNames>${names.join("")}</definedNames>` : "";
  // Replaced through functions: a name's text holds "$3:$3", which a replacement string would read as a group.
  if (/<definedNames\b/.test(workbook)) workbook = workbook.replace(/<definedNames\b[^>]*>[\s\S]*?<\/definedNames>|<definedNames\b[^>]*\/>/, () => namesXml);
  else workbook = workbook.replace(/<\/sheets>(?:\s*<functionGroups\b[^>]*(?:\/>|>[\s\S]*?<\/functionGroups>))?(?:\s*<externalReferences>[\s\S]*?<\/externalReferences>)?/, (m) => m + namesXml);
  workbook = workbook.replace(/<workbookView\b[^>]*>/, (tag) => {
    const set = (t: string, k: string, v: number) => (new RegExp(`\\s${k}="`).test(t) ? t.replace(new RegExp(`(\\s${k}=")\\d+"`), (_, a: string) => `${a}${v}"`) : t.replace(/^<workbookView\b/, `<workbookView ${k}="${v}"`));
    return set(set(tag, "activeTab", active), "firstSheet", 0);
  });
  changed.set(WORKBOOK, workbook);

  const goneIds = new Set(P.rels.filter((r) => removed.has(r.target)).map((r) => r.id));
  const wbRelsText = withoutRelationships((await readText(P.pkg, "xl/_rels/workbook.xml.rels"))!, goneIds);
  changed.set("xl/_rels/workbook.xml.rels", beforeRootEnd(wbRelsText, "Relationships", wbRels.join("")));
  changed.set("[Content_Types].xml", types);

  for (const [name, body] of [...changed, ...added]) {
    if (typeof body !== "string" || !/\.(xml|rels)$/.test(name)) continue;
    const problem = xmlSyntaxError(body);
    if (problem) throw new Error(`${name}: ${problem}`);
  }
  const codec = zipCodec();
  if (codec) {
    // The input's untouched parts are copied as stored: neither inflated nor deflated again.
    const parts: OutPart[] = [];
    for (const [name, entry] of P.pkg.entries) {
      if (removed.has(name)) continue;
      const body = changed.get(name);
      if (body !== undefined) parts.push({ name, data: body });
      else parts.push(entry.raw ? { name, raw: entry.raw } : { name, data: await entry.async("uint8array") });
    }
    for (const [name, body] of added) parts.push({ name, data: body });
    return writeRawZip(parts, codec);
  }
  const zip = new JSZip();
  for (const [name, entry] of P.pkg.entries) {
    if (removed.has(name)) continue;
    const body = changed.get(name);
    zip.file(name, body ?? (await entry.async("uint8array")));
  }
  for (const [name, body] of added) zip.file(name, body);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
