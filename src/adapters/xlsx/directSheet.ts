/**
 * One worksheet's cells read straight from its XML into a SheetSnapshot, exactly as exceljs 4.4.0
 * followed by snapshot.ts would give them — including exceljs' own ways (a date-formatted formula
 * result becomes a date whatever its type, text results are entity-decoded twice, a cell under a
 * merge reads as empty). Whatever this reader is not sure of throws `Unexpected`, and the file is
 * read through exceljs instead: never a different snapshot, at worst the slower path.
 */
import { a1, columnLetters } from "../../workbook/address";
import type { CellValue, SheetSnapshot } from "../../workbook/snapshot";
import { attrsOf, Unexpected, XmlScan } from "./xmlScan";
import { wallClock } from "./wallClock";

/** A shared string as exceljs holds it: text, rich text runs, or an empty item ({}). */
export type SharedString = string | { readonly richText: readonly { readonly text?: string }[] } | Record<string, never>;

export interface SheetContext {
  readonly strings: readonly SharedString[];
  /** The number format exceljs gives a cell of style `s` (undefined: none). */
  readonly numFmt: (s: number) => string | undefined;
  readonly date1904: boolean;
}

/** A cell as exceljs' CellXform leaves it (before shared formulas are resolved). */
interface RawCell {
  readonly row: number; // 0-based
  readonly col: number;
  readonly value: CellValue;
  formula: string | null;
  readonly shared: { si: string; master: boolean } | null;
}

export function readSheet(xml: string, name: string, state: SheetSnapshot["state"], merges: readonly string[], ctx: SheetContext): SheetSnapshot {
  // A cell hyperlink turns a formula cell into its shown text in exceljs: left to exceljs.
  if (xml.includes("<hyperlinks")) throw new Unexpected("hyperlinks");
  const slaves = mergeSlaves(merges);
  const cells = scanCells(xml, ctx);
  resolveShared(cells, slaves);
  const rows: CellValue[][] = [];
  const formulas: Record<string, string> = {};
  for (const c of cells) {
    if (slaves.has(key(c.row, c.col))) continue; // a merge cell: empty, no formula
    if (c.formula) formulas[a1(c.row, c.col)] = c.formula;
    if (c.value !== null) (rows[c.row] ??= [])[c.col] = c.value;
  }
  return {
    name,
    rows: Array.from(rows, (r) => (r ? Array.from(r, (v) => v ?? null) : [])),
    formulas,
    merges,
    state,
  };
}

const key = (row: number, col: number) => row * 16_384 + col;

/** Cells under a merge other than its top-left. Only plain, canonical, disjoint ranges are read here. */
function mergeSlaves(merges: readonly string[]): Set<number> {
  const out = new Set<number>();
  const covered = new Set<number>();
  for (const ref of merges) {
    const m = /^([A-Z]{1,3})([1-9]\d{0,6}):([A-Z]{1,3})([1-9]\d{0,6})$/.exec(ref);
    if (!m) throw new Unexpected(`merge ${ref}`);
    const top = Number(m[2]) - 1, left = colOf(m[1]!), bottom = Number(m[4]) - 1, right = colOf(m[3]!);
    // exceljs keeps a merge as "top-left:bottom-right"; another spelling, a single cell, a huge range
    // (merges.ts clips those) or an overlap (merges.ts drops it): exceljs' way, not this reader's.
    if (bottom < top || right < left || (bottom === top && right === left)) throw new Unexpected(`merge ${ref}`);
    if ((bottom - top + 1) * (right - left + 1) > 100_000) throw new Unexpected(`huge merge ${ref}`);
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        const k = key(r, c);
        if (covered.has(k)) throw new Unexpected(`overlapping merge ${ref}`);
        covered.add(k);
        if (r !== top || c !== left) out.add(k);
      }
    }
  }
  return out;
}

function colOf(letters: string): number {
  let col = 0;
  for (let i = 0; i < letters.length; i++) col = col * 26 + (letters.charCodeAt(i) - 64);
  if (col > 16_384) throw new Unexpected(`column ${letters}`);
  return col - 1;
}

/** Every <c> of <sheetData> in order, rows and columns strictly increasing. */
function scanCells(xml: string, ctx: SheetContext): RawCell[] {
  const cells: RawCell[] = [];
  const start = xml.indexOf("<sheetData");
  if (start < 0) return cells;
  const scan = new XmlScan(xml, start);
  const data = scan.nextTag()!;
  if (data.name !== "sheetData") throw new Unexpected("sheetData");
  if (data.empty) return cells;
  let lastRow = -1;
  for (;;) {
    const tag = scan.nextTag();
    if (!tag) throw new Unexpected("unterminated sheetData");
    if (tag.close && tag.name === "sheetData") return cells;
    if (tag.name !== "row" || tag.close) throw new Unexpected(`<${tag.name}> in sheetData`);
    const r = Number(attrsOf(tag.attrs)["r"]);
    if (!Number.isInteger(r) || r <= lastRow + 1 || r > 1_048_576) throw new Unexpected("row number");
    lastRow = r - 1;
    if (!tag.empty) scanRow(scan, lastRow, ctx, cells);
  }
}

function scanRow(scan: XmlScan, row: number, ctx: SheetContext, cells: RawCell[]): void {
  let lastCol = -1;
  for (;;) {
    const tag = scan.nextTag();
    if (!tag) throw new Unexpected("unterminated row");
    if (tag.close && tag.name === "row") return;
    if (tag.name !== "c" || tag.close) throw new Unexpected(`<${tag.name}> in a row`);
    const a = attrsOf(tag.attrs);
    const ref = /^([A-Z]{1,3})([1-9]\d*)$/.exec(a["r"] ?? "");
    if (!ref || Number(ref[2]) - 1 !== row) throw new Unexpected("cell reference");
    const col = colOf(ref[1]!);
    if (col <= lastCol) throw new Unexpected("cells out of order");
    lastCol = col;
    cells.push(tag.empty ? { row, col, value: null, formula: null, shared: null } : scanCell(scan, row, col, a, ctx));
  }
}

function scanCell(scan: XmlScan, row: number, col: number, a: Record<string, string>, ctx: SheetContext): RawCell {
  let formula: string | undefined;
  let fAttrs: Record<string, string> | null = null;
  let v: string | undefined;
  let inline: string | undefined;
  for (;;) {
    const tag = scan.nextTag();
    if (!tag) throw new Unexpected("unterminated cell");
    if (tag.close && tag.name === "c") break;
    if (tag.close || (fAttrs && tag.name === "f") || (v !== undefined && tag.name === "v")) throw new Unexpected("cell content");
    if (tag.name === "f") {
      fAttrs = attrsOf(tag.attrs);
      formula = tag.empty ? "" : scan.textUntilClose("f");
    } else if (tag.name === "v") {
      v = tag.empty ? "" : scan.textUntilClose("v");
    } else if (tag.name === "is") {
      if (!tag.empty) inline = inlineText(scan);
    } else {
      throw new Unexpected(`<${tag.name}> in a cell`);
    }
  }
  const t = a["t"];
  const s = a["s"] === undefined ? 0 : parseInt(a["s"], 10);
  // exceljs looks a style up only for a non-zero id ("styleId && …").
  const numFmt = s ? ctx.numFmt(s) : undefined;
  if (t === "d") throw new Unexpected("ISO date cell"); // the preflight rewrites these for exceljs
  const shareType = fAttrs?.["t"];
  if (fAttrs) {
    if (shareType !== undefined && shareType !== "normal" && shareType !== "shared" && shareType !== "array") throw new Unexpected(`formula type ${shareType}`);
    if (inline !== undefined) throw new Unexpected("inline string with a formula");
    let shared: RawCell["shared"] = null;
    if (shareType === "shared") {
      const si = fAttrs["si"];
      if (si === undefined) throw new Unexpected("shared formula without si");
      shared = { si, master: fAttrs["ref"] !== undefined };
    }
    if (!formula && !(shared && !shared.master)) throw new Unexpected("empty formula");
    const result = v ? formulaResult(t, v) : undefined; // exceljs: `if (model.value)`
    const value = result === undefined ? null : numFmt && isDateFmt(numFmt) ? dateOf(excelToDate(result, ctx.date1904), numFmt, ctx.date1904) : plainValue(result);
    return { row, col, value, formula: formula || null, shared };
  }
  const text = inline ?? (v === "" ? undefined : v);
  return { row, col, value: text === undefined ? null : cellValue(t, text, numFmt, ctx), formula: null, shared: null };
}

/** exceljs' formula result from <v>: by the cell's t. */
function formulaResult(t: string | undefined, v: string): unknown {
  if (t === "str") return xmlDecode(v);
  if (t === "b") return parseInt(v, 10) !== 0;
  if (t === "e") return { error: v };
  return parseFloat(v);
}

function cellValue(t: string | undefined, text: string, numFmt: string | undefined, ctx: SheetContext): CellValue {
  switch (t) {
    case "s": {
      if (!/^\d+$/.test(text.trim())) throw new Unexpected("shared string index");
      const item = ctx.strings[parseInt(text, 10)];
      if (item === undefined) throw new Unexpected("shared string out of range"); // exceljs throws
      return plainValue(item);
    }
    case "str":
      return plainValue(xmlDecode(text));
    case "inlineStr":
      return plainValue(text);
    case "b":
      return parseInt(text, 10) !== 0;
    case "e":
      return { error: text };
    default: {
      const n = parseFloat(text);
      return numFmt && isDateFmt(numFmt) ? dateOf(excelToDate(n, ctx.date1904), numFmt, ctx.date1904) : plainValue(n);
    }
  }
}

/** The text of <is> (the element just opened): its <t>s; runs and phonetics are left to exceljs. */
function inlineText(scan: XmlScan): string {
  let text = "";
  for (;;) {
    const tag = scan.nextTag();
    if (!tag) throw new Unexpected("unterminated <is>");
    if (tag.close && tag.name === "is") return text;
    if (tag.name !== "t" || tag.close) throw new Unexpected(`<${tag.name}> in <is>`);
    if (!tag.empty) text += scan.textUntilClose("t");
  }
}

/** snapshot.ts' `plain` for the values exceljs holds for a cell. */
function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : { error: "#VALUE!" };
  if (typeof v === "string") return v === "" ? null : v;
  if (typeof v === "boolean") return v;
  const o = v as Record<string, unknown>;
  if ("error" in o) return { error: String(o["error"]) };
  if (Array.isArray(o["richText"])) return (o["richText"] as { text?: unknown }[]).map((r) => r.text ?? "").join("");
  return null;
}

/** exceljs' utils.isDateFmt. */
export function isDateFmt(fmt: string): boolean {
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** exceljs' utils.excelToDate, with JavaScript's coercion of whatever the result was. */
function excelToDate(v: unknown, date1904: boolean): Date {
  return new Date(Math.round(((v as number) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** snapshot.ts' dateValue. */
function dateOf(d: Date, numFmt: string, date1904: boolean): CellValue {
  if (Number.isNaN(d.getTime())) return { error: "#VALUE!" };
  if (/\[(?:h+|m+|s+)\]/i.test(numFmt)) return d.getTime() / 86_400_000 + (date1904 ? 24_107 : 25_569);
  return { date: wallClock(d) };
}

/** exceljs' utils.xmlDecode (applied to t="str" text on top of the XML parser's decoding). */
function xmlDecode(text: string): string {
  return text.replace(/&([a-z]*);/g, (c) => ({ "&lt;": "<", "&gt;": ">", "&amp;": "&", "&apos;": "'", "&quot;": '"' } as Record<string, string>)[c] ?? c);
}

/**
 * Shared formulas: a master (with ref) keeps its text, a follower without text gets the master's
 * slid to its own cell (exceljs' slideFormula), the master being the last one of that si before it.
 */
function resolveShared(cells: RawCell[], slaves: ReadonlySet<number>): void {
  const masters = new Map<string, RawCell>();
  for (const c of cells) {
    if (!c.shared) continue;
    if (c.shared.master) {
      masters.set(c.shared.si, c);
      continue;
    }
    if (c.formula) continue;
    const m = masters.get(c.shared.si);
    if (!m || slaves.has(key(m.row, m.col)) || !m.formula) throw new Unexpected("shared formula without its master");
    c.formula = slideFormula(m.formula, m.row, m.col, c.row, c.col);
  }
}

/** exceljs 4.4.0 utils/shared-formula.js, on 0-based cells. */
function slideFormula(formula: string, fromRow: number, fromCol: number, toRow: number, toCol: number): string {
  return formula.replace(/(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi, (refMatch: string, sheet: string | undefined, _s: string, addr: string, paren: string | undefined) => {
    if (paren) return refMatch;
    const m = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i.exec(addr);
    if (!m) return refMatch;
    const colStr = m[2]!.toUpperCase();
    if (colStr.length > 3 || (colStr.length === 3 && colStr > "XFD")) return refMatch;
    let col = 0;
    for (let i = 0; i < colStr.length; i++) col = col * 26 + (colStr.charCodeAt(i) - 64);
    let row = parseInt(m[4]!, 10);
    if (!m[1]) col += toCol - fromCol;
    if (!m[3]) row += toRow - fromRow;
    // exceljs throws on a column slid out of the sheet; exceljs' message, not ours
    if (col < 1 || col > 16_384) throw new Unexpected("shared formula slid off the sheet");
    return `${sheet ?? ""}${m[1] ?? ""}${columnLetters(col - 1)}${m[3] ?? ""}${row}`;
  });
}
