/**
 * Text-level helpers for the XML parts of an .xlsx package. They work on strings with small
 * scanners and regular expressions instead of a DOM, because the adapter must run in Node and in
 * the browser alike and exceljs' own SAX parser is not exposed. Every rewrite here assumes the
 * part has already passed `xmlSyntaxError` (so tags are balanced and quoted).
 */

/**
 * A cheap well-formedness check: balanced, properly nested tags, one root, no unterminated
 * comment / CDATA / processing instruction. Returns a short English description of the first
 * problem, or null. Enough to catch truncated or cut parts, which exceljs otherwise turns into
 * "Cannot set properties of undefined" or, worse, an empty sheet.
 */
export function xmlSyntaxError(text: string): string | null {
  const stack: string[] = [];
  let sawRoot = false;
  let i = 0;
  for (;;) {
    const lt = text.indexOf("<", i);
    // Only markup and white space may stand outside the root element (a BOM before it).
    if (stack.length === 0 && /[^\s\uFEFF]/.test(text.slice(i, lt < 0 ? text.length : lt))) return "text outside the root element";
    if (lt < 0) break;
    const special = skipSpecial(text, lt);
    if (special === -1) return `unterminated markup at offset ${lt}`;
    if (special !== null) {
      i = special;
      continue;
    }
    const gt = tagEnd(text, lt + 1);
    if (gt < 0) return `unterminated tag at offset ${lt}`;
    const body = text.slice(lt + 1, gt);
    const problem = applyTag(body, stack, sawRoot);
    if (problem) return problem;
    sawRoot = true;
    i = gt + 1;
  }
  if (!sawRoot) return "no root element";
  if (stack.length > 0) return `element <${stack[stack.length - 1]}> is never closed`;
  return null;
}

/** Comments, CDATA, PIs and declarations: end index, null when not special, -1 when unterminated. */
function skipSpecial(text: string, lt: number): number | null {
  // Most tags are elements: one look at the character after "<" settles it without the list below.
  const next = text.charCodeAt(lt + 1);
  if (next !== 33 /* ! */ && next !== 63 /* ? */) return null;
  for (const [open, close] of SPECIAL) {
    if (text.startsWith(open, lt)) {
      const end = text.indexOf(close, lt + open.length);
      return end < 0 ? -1 : end + close.length;
    }
  }
  return null;
}

const SPECIAL: readonly (readonly [string, string])[] = [
  ["<!--", "-->"],
  ["<![CDATA[", "]]>"],
  ["<?", "?>"],
  ["<!", ">"],
];

/** Index of the ">" closing a tag that starts at `from`, honouring quoted attribute values. */
function tagEnd(text: string, from: number): number {
  let quote = 0;
  for (let j = from; j < text.length; j++) {
    const ch = text.charCodeAt(j);
    if (quote) {
      if (ch === quote) quote = 0;
    } else if (ch === 34 /* " */ || ch === 39 /* ' */) {
      quote = ch;
    } else if (ch === 62 /* > */) {
      return j;
    } else if (ch === 60 /* < */) {
      return -1;
    }
  }
  return -1;
}

function applyTag(body: string, stack: string[], sawRoot: boolean): string | null {
  if (body.startsWith("/")) {
    const name = body.slice(1).trim();
    const open = stack.pop();
    return open === name ? null : `</${name}> does not close <${open ?? "nothing"}>`;
  }
  const name = /^[^\s/>]+/.exec(body)?.[0];
  if (!name) return "malformed tag";
  if (stack.length === 0 && sawRoot) return "content after the root element";
  if (!body.endsWith("/")) stack.push(name);
  return null;
}

/** Attributes of one start tag, keyed by qualified name, values entity-decoded. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out.set(m[1]!, decodeEntities(m[2] ?? m[3] ?? ""));
  }
  return out;
}

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith("#")) {
      const code = e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : "\uFFFD";
    }
    return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[e]!;
  });
}

/** All start tags with the given local name (any prefix). */
export function startTags(text: string, localName: string): string[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${localName}\\b[^>]*>`, "g");
  return text.match(re) ?? [];
}

/** Namespaces exceljs expects as the default (unprefixed) namespace of a part. */
const DEFAULT_NAMESPACES = new Set([
  "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  "http://purl.oclc.org/ooxml/spreadsheetml/main",
  "http://schemas.openxmlformats.org/package/2006/relationships",
  "http://schemas.openxmlformats.org/package/2006/content-types",
]);

/**
 * `<x:worksheet xmlns:x="…main">` is legal XML but exceljs matches element names literally and
 * reads nothing. Make the prefix the default namespace and drop it from element names. Only the
 * root's own prefix is touched, and only for the SpreadsheetML / package namespaces: drawing and
 * chart parts legitimately use prefixes that exceljs expects.
 */
export function unprefixRoot(text: string): string {
  const root = /^<([\w.-]+):([\w.-]+)\b([^>]*)>/.exec(skipProlog(text));
  if (!root) return text;
  const prefix = root[1]!;
  const rootAttrs = attributes(root[3]!);
  const ns = rootAttrs.get(`xmlns:${prefix}`);
  if (!ns || !DEFAULT_NAMESPACES.has(ns)) return text;
  // A different default namespace would be clobbered; the same one needs no new declaration.
  const defaultNs = rootAttrs.get("xmlns");
  if (defaultNs !== undefined && defaultNs !== ns) return text;
  const esc = prefix.replace(/[.-]/g, "\\$&");
  const re = new RegExp(`<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|<!--[\\s\\S]*?-->|<(/?)${esc}:|\\bxmlns:${esc}=`, "g");
  let declared = defaultNs !== undefined;
  return text.replace(re, (m: string, slash: string | undefined) => {
    if (m.startsWith("<!")) return m;
    if (m.startsWith("xmlns:")) {
      // The first declaration becomes the default namespace; later ones keep the prefix bound.
      if (declared) return m;
      declared = true;
      return "xmlns=";
    }
    return `<${slash ?? ""}`;
  });
}

/** The text after the XML declaration and any leading comments, for finding the root tag. */
function skipProlog(text: string): string {
  return text.replace(/^(?:\uFEFF|\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/, "");
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const REL_NAMESPACES = [
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  "http://purl.oclc.org/ooxml/officeDocument/relationships",
];

/**
 * exceljs reads a sheet's relationship id from the literal attribute `r:id`; some generators bind
 * the relationships namespace to another prefix (`ns:id`) and exceljs then loads 0 sheets without
 * an error. Rename such prefixes to `r` (only when `r` itself is not bound to something else).
 */
export function renameRelPrefix(text: string): string {
  const bound = [...text.matchAll(/\bxmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g)];
  const rBinding = bound.find((m) => m[1] === "r");
  if (rBinding && !REL_NAMESPACES.includes(rBinding[2]!)) return text;
  let out = text;
  for (const m of bound) {
    const prefix = m[1]!;
    if (prefix === "r" || !REL_NAMESPACES.includes(m[2]!)) continue;
    const esc = prefix.replace(/[.-]/g, "\\$&");
    out = out
      .replace(new RegExp(`(\\s)${esc}:(id|embed|link|pict)\\s*=`, "g"), "$1r:$2=")
      .replace(new RegExp(`\\bxmlns:${esc}(\\s*=)`, "g"), rBinding ? `xmlns:${prefix}$1` : "xmlns:r$1");
  }
  return out;
}

/** exceljs only honours `date1904="1"`; "true" is equally valid and written by LibreOffice. */
export function normaliseDate1904(text: string): string {
  return text.replace(/(<(?:[\w.-]+:)?workbookPr\b[^>]*\bdate1904\s*=\s*)(["'])true\2/, '$1"1"');
}

export function usesDate1904(workbookXml: string): boolean {
  const pr = startTags(workbookXml, "workbookPr")[0];
  const v = pr ? attributes(pr).get("date1904") : undefined;
  return v === "1" || v === "true";
}

/**
 * exceljs' parser ignores CDATA sections, so `<t><![CDATA[Hello]]></t>` reads as an empty cell.
 * Write their content as ordinary escaped text, which means exactly the same in XML.
 */
export function inlineCdata(text: string): string {
  if (!text.includes("<![CDATA[")) return text;
  return text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, body: string) =>
    body.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
  );
}

/** The element names exceljs 4.4.0 accepts in docProps/core.xml; it throws on any other. */
const CORE_ELEMENTS = new Set([
  "cp:coreProperties",
  "coreProperties",
  "dc:creator",
  "dc:title",
  "dc:subject",
  "dc:description",
  "dc:identifier",
  "dc:language",
  "cp:keywords",
  "cp:category",
  "cp:lastModifiedBy",
  "cp:lastPrinted",
  "cp:revision",
  "cp:version",
  "cp:contentStatus",
  "cp:contentType",
  "dcterms:created",
  "dcterms:modified",
]);

/** False when exceljs would throw on the document properties (author, dates): they are then dropped. */
export function coreXmlReadable(text: string): boolean {
  if (xmlSyntaxError(text)) return false;
  const body = text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, "");
  for (const m of body.matchAll(/<([\w.:-]+)/g)) if (!CORE_ELEMENTS.has(m[1]!)) return false;
  return true;
}
