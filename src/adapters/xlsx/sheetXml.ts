/**
 * Rewrites inside a worksheet's <sheetData> that make legal-but-unusual cells readable by exceljs,
 * and one check for content exceljs will drop. The rewrites touch only <row>/<c> tags and cell
 * values, so the rest of the part (styles, merges, extensions) passes through byte for byte.
 */
import { a1, parseA1, parseRange, rangeContains, type CellRange } from "../../workbook/address";
import { attributes } from "./xmlText";

/** Splits a part around its <sheetData> so rewrites cannot touch tags elsewhere (e.g. `<c:…>`). */
function withSheetData(text: string, rewrite: (sheetData: string) => string): string {
  const start = text.search(/<sheetData\b/);
  if (start < 0) return text;
  const end = text.indexOf("</sheetData>", start);
  if (end < 0) return text; // self-closing <sheetData/>: no cells
  return text.slice(0, start) + rewrite(text.slice(start, end)) + text.slice(end);
}

function sheetDataOf(text: string): string {
  let data = "";
  withSheetData(text, (d) => (data = d));
  return data;
}

const HAS_R = /\sr\s*=\s*["']([^"']*)["']/;

/**
 * <row> and <c> may omit `r` (cells are then positional, as LibreOffice and Excel read them);
 * exceljs throws "Invalid row number in model". Fill in the positions.
 */
export function addMissingRefs(text: string): string {
  if (!needsRefs(text)) return text;
  return withSheetData(text, (data) => {
    let row = 0; // 1-based number of the current row
    let col = -1; // 0-based column of the previous cell in the row
    return data.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(row|c)\b[^>]*>/g, (tag, kind?: string) => {
      if (!kind) return tag;
      const r = HAS_R.exec(tag)?.[1];
      if (kind === "row") {
        row = r ? Number(r) : row + 1;
        col = -1;
        return r ? tag : tag.replace(/^<row/, `<row r="${row}"`);
      }
      if (r) {
        col = columnOf(r) ?? col + 1;
        return tag;
      }
      col += 1;
      return tag.replace(/^<c/, `<c r="${a1(row - 1, col)}"`);
    });
  });
}

function needsRefs(text: string): boolean {
  for (const m of text.matchAll(/<(row|c)\b[^>]*>/g)) {
    if (!HAS_R.test(m[0])) return true;
  }
  return false;
}

function columnOf(ref: string): number | undefined {
  const letters = /^\$?([A-Za-z]+)/.exec(ref)?.[1];
  if (!letters) return undefined;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export interface IsoDateCell {
  /** A1 address inside the part. */
  readonly address: string;
  /** The exact moment as exceljs represents dates: a Date whose UTC fields are the wall clock. */
  readonly date: Date;
}

/**
 * `t="d"` cells hold an ISO-8601 text; exceljs parseFloat()s it ("2014-02-14…" → 2014 → 1905).
 * Replace each with the serial number Excel would store, and report them so the caller can make
 * sure they end up as dates even when the cell's number format is not a date format.
 * Unparseable texts become plain strings (t="str") rather than a wrong number.
 */
export function convertIsoDates(text: string, date1904: boolean): { text: string; cells: IsoDateCell[] } {
  const cells: IsoDateCell[] = [];
  if (!/\st\s*=\s*["']d["']/.test(text)) return { text, cells };
  const out = withSheetData(text, (data) =>
    data.replace(/<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g, (whole, attrs: string, _end, inner?: string) => {
      if (inner === undefined || !/\st\s*=\s*["']d["']/.test(attrs)) return whole;
      const iso = /<v>([^<]*)<\/v>/.exec(inner)?.[1]?.trim();
      if (iso === undefined) return whole;
      const date = parseIsoDate(iso, date1904);
      if (!date) {
        return `<c${attrs.replace(/\st\s*=\s*["']d["']/, ' t="str"')}>${inner}</c>`;
      }
      const address = attributes(attrs).get("r");
      if (address) cells.push({ address, date });
      const serial = String(toSerial(date, date1904));
      return `<c${attrs.replace(/\st\s*=\s*["']d["']/, "")}>${inner.replace(/<v>[^<]*<\/v>/, `<v>${serial}</v>`)}</c>`;
    }),
  );
  return { text: out, cells };
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;
const ISO_TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?$/;

/**
 * The wall-clock fields as written. A zone suffix is ignored on purpose: Excel shows the digits in
 * the file, and the snapshot keeps local date-times without a zone.
 */
export function parseIsoDate(iso: string, date1904 = false): Date | null {
  const d = ISO_DATE.exec(iso);
  if (d) {
    const [y, mo, day, h, mi, s, frac] = d.slice(1).map((x) => x ?? "");
    return utc(+y!, +mo! - 1, +day!, +h!, +mi!, +s!, frac!);
  }
  const t = ISO_TIME.exec(iso);
  if (t) {
    const [h, mi, s, frac] = t.slice(1).map((x) => x ?? "");
    // A bare time is a fraction of a day: day 0 of the workbook's date system.
    return date1904 ? utc(1904, 0, 1, +h!, +mi!, +s!, frac!) : utc(1899, 11, 30, +h!, +mi!, +s!, frac!);
  }
  return null;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string): Date | null {
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const date = new Date(Date.UTC(y, mo, d, h, mi, s, ms));
  // Reject 2021-02-30 and friends instead of letting Date roll them over.
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== d || date.getUTCMonth() !== mo) return null;
  return date;
}

/** Inverse of exceljs' excelToDate, so exceljs turns the serial back into exactly `date`. */
function toSerial(date: Date, date1904: boolean): number {
  return date.getTime() / 86_400_000 + (date1904 ? 24_107 : 25_569);
}

/**
 * The merged ranges of a worksheet, and its text without them. exceljs 4.4.0 checks each merge it
 * loads against every earlier one (50,000 merges: minutes), so it gets the sheet without them and
 * `applyMerges` adds them afterwards in one pass.
 */
export function takeMerges(text: string): { text: string; merges: string[] } {
  const block = /<mergeCells\b[^>]*?(?:\/>|>[\s\S]*?<\/mergeCells>)/.exec(text);
  if (!block) return { text, merges: [] };
  const merges = [...block[0].matchAll(/<mergeCell\b[^>]*\bref\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]!);
  return { text: text.slice(0, block.index) + text.slice(block.index + block[0].length), merges };
}

/**
 * Cells with content hidden under a merged range (not its top-left cell). exceljs empties them
 * when it applies the merge; LibreOffice keeps them. Reported so the loss is never silent.
 * Merges are indexed by row, so the cost grows with cells and merged rows, not their product.
 */
export function hiddenMergedCells(text: string, refs: readonly string[]): { range: string; cells: string[] }[] {
  const byRow = mergesByRow(refs);
  if (byRow.size === 0) return [];
  const hits = new Map<string, string[]>();
  for (const m of sheetDataOf(text).matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    if (!m[2] || !/<(?:v|f|is)\b/.test(m[2])) continue;
    const ref = attributes(m[1]!).get("r");
    const at = ref ? safeParseA1(ref) : null;
    const range = at && byRow.get(at.row)?.find((r) => rangeContains(r, at.row, at.col) && (r.top !== at.row || r.left !== at.col));
    if (range) hits.set(range.text, [...(hits.get(range.text) ?? []), ref!]);
  }
  return [...hits].map(([range, cells]) => ({ range, cells }));
}

interface Merge extends CellRange {
  readonly text: string;
}

/** Rows covered → the merges covering them; a merge taller than the sheet's cells can use is clipped. */
function mergesByRow(refs: readonly string[]): Map<number, Merge[]> {
  const out = new Map<number, Merge[]>();
  for (const ref of refs) {
    let range: CellRange;
    try {
      range = parseRange(ref);
    } catch {
      continue; // A malformed ref is ignored here; applyMerges skips it too.
    }
    const merge = { ...range, text: ref };
    for (let r = range.top; r <= Math.min(range.bottom, range.top + MAX_INDEXED_ROWS); r++) {
      const list = out.get(r);
      if (list) list.push(merge);
      else out.set(r, [merge]);
    }
  }
  return out;
}

/** Rows of one merge indexed; below that a merge is assumed to cover nothing with content. */
const MAX_INDEXED_ROWS = 100_000;

function safeParseA1(ref: string): { row: number; col: number } | null {
  try {
    return parseA1(ref);
  } catch {
    return null;
  }
}

/**
 * A formula cell whose cached result is an inline string (`t="inlineStr"` with `<f>` and `<is>`)
 * is read by exceljs as parseFloat(text) = NaN. Store the result as a formula string (t="str").
 */
export function inlineStrFormulas(text: string): string {
  if (!/\st\s*=\s*["']inlineStr["']/.test(text) || !/<f\b/.test(text)) return text;
  return withSheetData(text, (data) =>
    data.replace(/<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g, (whole, attrs: string, _end, inner?: string) => {
      if (inner === undefined || !/\st\s*=\s*["']inlineStr["']/.test(attrs) || !/<f\b/.test(inner)) return whole;
      const is = /<is>([\s\S]*?)<\/is>|<is\/>/.exec(inner);
      if (!is) return whole;
      // Runs are concatenated; phonetic guides (<rPh>) are not part of the value.
      const body = (is[1] ?? "").replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
      const value = [...body.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((m) => m[1]).join("");
      const newAttrs = attrs.replace(/\st\s*=\s*["']inlineStr["']/, ' t="str"');
      return `<c${newAttrs}>${inner.replace(is[0], () => `<v>${value}</v>`)}</c>`;
    }),
  );
}

/** Elements of a worksheet that point at other parts (drawings, comments' shapes, tables, links, controls). */
const OBJECT_ELEMENTS = ["hyperlinks", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "tableParts", "extLst"];

/**
 * The worksheet without its links to other parts, for reading its cells alone: exceljs looks each
 * one up among the relationships and throws when the part is not there.
 */
export function withoutObjects(text: string): string {
  let out = text;
  for (const name of OBJECT_ELEMENTS) {
    out = out.replace(new RegExp(`<${name}\\b[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`, "g"), "");
  }
  return out;
}

/**
 * A rich text may start with plain text before its runs (`<is><t>A</t><r><t>B</t></r></is>`, as
 * the schema allows); exceljs then throws "Cannot create property 'richText' on string". The
 * leading text becomes a run of its own, which reads the same.
 */
export function leadingTextAsRun(text: string): string {
  if (!/<\/t>\s*<r>/.test(text)) return text;
  return text.replace(/(<(?:is|si)\b[^>]*>)\s*(<t\b[^>]*>[\s\S]*?<\/t>)(?=\s*<r\b)/g, "$1<r>$2</r>");
}
