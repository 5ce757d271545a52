/**
 * The shared parts a worksheet's cells depend on, read as exceljs 4.4.0 reads them: the shared
 * string table (sharedStrings.xml) and the number format of each cell style (styles.xml). Only
 * what cell values need; anything unforeseen throws `Unexpected` (the file is then read by exceljs).
 */
import type { SharedString } from "./directSheet";
import { attrsOf, Unexpected, XmlScan } from "./xmlScan";

/** sharedStrings.xml → exceljs' values: <t> text, rich text runs, or {} for an empty item. */
export function readSharedStrings(xml: string): SharedString[] {
  const out: SharedString[] = [];
  const start = xml.indexOf("<sst");
  if (start < 0) throw new Unexpected("no <sst>");
  const scan = new XmlScan(xml, start);
  const sst = scan.nextTag()!;
  if (sst.name !== "sst") throw new Unexpected("sst");
  if (sst.empty) return out;
  for (;;) {
    const tag = scan.nextTag();
    if (!tag) throw new Unexpected("unterminated <sst>");
    if (tag.close && tag.name === "sst") return out;
    // exceljs throws on anything but <si> here ("Unexpected xml node")
    if (tag.name !== "si" || tag.close) throw new Unexpected(`<${tag.name}> in <sst>`);
    out.push(tag.empty ? {} : item(scan));
  }
}

/** One <si> (just opened). */
function item(scan: XmlScan): SharedString {
  let value: SharedString = {};
  let runs: { text?: string }[] | null = null;
  for (;;) {
    const tag = scan.nextTag();
    if (!tag) throw new Unexpected("unterminated <si>");
    if (tag.close && tag.name === "si") return value;
    if (tag.close) throw new Unexpected(`</${tag.name}> in <si>`);
    if (tag.name === "t") {
      // a <t> replaces whatever came before it, runs included (exceljs' SharedStringXform)
      value = escapes(tag.empty ? "" : scan.textUntilClose("t"));
      runs = null;
    } else if (tag.name === "r") {
      if (typeof value === "string") throw new Unexpected("a run after text"); // the preflight's leadingText fix
      runs ??= [];
      value = { richText: runs };
      runs.push(tag.empty ? {} : run(scan));
    } else if (tag.name === "rPh") {
      if (!tag.empty) scan.skipElement("rPh"); // phonetic guide: not part of the value
    } else if (tag.name === "phoneticPr") {
      if (!tag.empty) scan.skipElement("phoneticPr");
    } else {
      throw new Unexpected(`<${tag.name}> in <si>`);
    }
  }
}

/** One <r> (just opened): its text; formatting (<rPr>) is skipped. */
function run(scan: XmlScan): { text?: string } {
  const out: { text?: string } = {};
  for (;;) {
    const tag = scan.nextTag();
    if (!tag) throw new Unexpected("unterminated <r>");
    if (tag.close && tag.name === "r") return out;
    if (tag.close) throw new Unexpected(`</${tag.name}> in <r>`);
    if (tag.name === "t") out.text = escapes(tag.empty ? "" : scan.textUntilClose("t"));
    else if (tag.name === "rPr") {
      if (!tag.empty) scan.skipElement("rPr");
    } else throw new Unexpected(`<${tag.name}> in <r>`);
  }
}

/** exceljs' TextXform: _xHHHH_ escapes (upper-case hex only) become the character. */
function escapes(text: string): string {
  return text.includes("_x") ? text.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : text;
}

/** exceljs 4.4.0's built-in formats that its isDateFmt takes for dates (defaultnumformats.js). */
const BUILT_IN_DATES: Record<number, string> = {
  14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
  20: "h:mm", 21: "h:mm:ss", 22: 'm/d/yy "h":mm', 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0",
};

/**
 * styles.xml → the number format exceljs gives style s: the custom format of the xf's numFmtId,
 * else the built-in one. Only date formats matter to the snapshot, so other built-ins read as
 * undefined (they are never date formats in exceljs' table).
 */
export function readNumFmts(xml: string): (s: number) => string | undefined {
  const custom = new Map<number, string>();
  for (const a of elementAttrs(xml, "numFmts", "numFmt")) {
    if (a["formatCode"] === undefined) throw new Unexpected("numFmt without formatCode"); // exceljs throws
    custom.set(parseInt(a["numFmtId"] ?? "", 10), a["formatCode"].replace(/[\\](.)/g, "$1"));
  }
  const xfs = elementAttrs(xml, "cellXfs", "xf").map((a) => parseInt(a["numFmtId"] ?? "", 10));
  return (s) => {
    const id = xfs[s];
    if (!id) return undefined; // no such style, or numFmtId 0 / missing / NaN
    return custom.get(id) || BUILT_IN_DATES[id];
  };
}

/** Attributes of each <child> directly inside the first <block> … </block>. */
function elementAttrs(xml: string, block: string, child: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const start = xml.indexOf(`<${block}`);
  if (start < 0) return out;
  const scan = new XmlScan(xml, start);
  const open = scan.nextTag()!;
  if (open.name !== block) throw new Unexpected(block);
  if (open.empty) return out;
  for (;;) {
    const tag = scan.nextTag();
    if (!tag) throw new Unexpected(`unterminated <${block}>`);
    if (tag.close && tag.name === block) return out;
    if (tag.name !== child || tag.close) throw new Unexpected(`<${tag.name}> in <${block}>`);
    out.push(attrsOf(tag.attrs));
    if (!tag.empty) scan.skipElement(child);
  }
}
