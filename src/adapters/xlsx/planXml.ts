/**
 * A plan's sheets written straight to SpreadsheetML, for the splice (splice.ts takes only the plan's
 * sheets, their styles and print names from the package it is given). exceljs builds a whole object
 * model and writes it through a generic serialiser, which was the largest part of an aggregate's
 * time; the sheets a plan describes need a few dozen lines of XML each. A plan using something
 * this writer does not produce (cell comments, data validations) gets null, and the caller lets
 * exceljs write it as before. What each sheet looks like — fonts, fills, alignment, print set-up,
 * protection — is the same as render.ts and styles.ts give through exceljs; a test compares the two
 * writers' sheets cell by cell (test/adapters/xlsxPlanXml.test.ts).
 */
import type ExcelJS from "exceljs";
import type { CellSpec, PrintSpec, SheetSpec, WritePlan } from "../../workbook/plan";
import { a1, parseRange, rangeA1 } from "../../workbook/address";
import { linkFormula } from "../../workbook/links";
import { escapeAttr } from "./opc";
import { writeRawZip, type Codec } from "./rawZip";
import { DEFAULT_FOOTER } from "./render";
import { STYLES } from "./styles";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const WORKSHEET_TYPE = `${REL}/worksheet`;
const LINK_COLOR = "FF0563C1";

/** True when every sheet of the plan is one this writer produces exactly. */
export function planWritable(plan: WritePlan): boolean {
  return plan.sheets.every((s) => s.rows.every((r) => r.every((c) => !c || (!c.comment && !c.validation))));
}

/**
 * The plan's sheets as the parts of an .xlsx package (workbook, relationships, content types,
 * styles, sheets) by part name, or null when the plan needs exceljs. splice.ts takes them as text:
 * no zip is built only to be read back.
 */
export function planParts(plan: WritePlan): Map<string, string> | null {
  if (!planWritable(plan)) return null;
  const styles = new StyleTable();
  let sheets: string[];
  try {
    sheets = plan.sheets.map((s) => sheetXml(s, styles));
  } catch (e) {
    if (e instanceof Unwritable) return null;
    throw e;
  }
  return new Map([
    ["[Content_Types].xml", contentTypes(plan.sheets.length)],
    ["_rels/.rels", `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ["xl/workbook.xml", workbookXml(plan.sheets)],
    ["xl/_rels/workbook.xml.rels", workbookRels(plan.sheets.length)],
    ["xl/styles.xml", styles.xml()],
    ...sheets.map((data, i) => [`xl/worksheets/sheet${i + 1}.xml`, data] as [string, string]),
  ]);
}

/** The same parts as an uncompressed .xlsx file. */
export function planPackage(plan: WritePlan, codec: Codec): Uint8Array | null {
  const parts = planParts(plan);
  return parts && writeRawZip([...parts].map(([name, data]) => ({ name, data })), codec, true);
}

function contentTypes(count: number): string {
  const sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
  const overrides = Array.from({ length: count }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${sheet}"/>`).join("");
  return `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${overrides}</Types>`;
}

function workbookRels(count: number): string {
  const sheets = Array.from({ length: count }, (_, i) => `<Relationship Id="rId${i + 2}" Type="${WORKSHEET_TYPE}" Target="worksheets/sheet${i + 1}.xml"/>`).join("");
  return `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>${sheets}</Relationships>`;
}

const quotedSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;
const absolute = (range: string) => rangeA1(parseRange(range.replace(/\$/g, ""))).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
/** "3:4" → "$3:$4", "A:C" → "$A:$C". */
const titles = (span: string) => span.split(":").map((x) => `$${x}`).join(":");

function workbookXml(sheets: readonly SheetSpec[]): string {
  const tags = sheets.map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}"${s.state && s.state !== "visible" ? ` state="${s.state}"` : ""} r:id="rId${i + 2}"/>`);
  const names: string[] = [];
  sheets.forEach((s, i) => {
    const p = s.print;
    if (!p) return;
    const q = quotedSheet(s.name);
    if (p.area) names.push(`<definedName name="_xlnm.Print_Area" localSheetId="${i}">${text(`${q}!${absolute(p.area)}`)}</definedName>`);
    const t = [...(p.titleColumns ? [`${q}!${titles(p.titleColumns)}`] : []), ...(p.titleRows ? [`${q}!${titles(p.titleRows)}`] : [])];
    if (t.length) names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${text(t.join(","))}</definedName>`);
  });
  return `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${tags.join("")}</sheets>${names.length ? `<definedNames>${names.join("")}</definedNames>` : ""}</workbook>`;
}

/** Element text: markup escaped, and characters XML 1.0 cannot hold dropped. */
function text(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Thrown for a plan exceljs would refuse (overlapping merges): the caller then lets exceljs say so. */
class Unwritable extends Error {}

/**
 * The cells a merge covers besides its first, each with that first cell: exceljs gives them its
 * format (their own values and formats are dropped), so Excel draws borders and fills across.
 */
function mergedCells(spec: SheetSpec): Map<number, Map<number, CellSpec | null>> {
  const covered = new Map<number, Map<number, CellSpec | null>>();
  const taken = new Set<string>();
  for (const m of spec.merges) {
    const { top, left, bottom, right } = parseRange(m);
    const master = spec.rows[top]?.[left] ?? null;
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        const key = `${r},${c}`;
        if (taken.has(key)) throw new Unwritable(`merges overlap at ${a1(r, c)}`);
        taken.add(key);
        if (r === top && c === left) continue;
        let row = covered.get(r);
        if (!row) covered.set(r, (row = new Map()));
        row.set(c, master);
      }
    }
  }
  return covered;
}

function sheetXml(spec: SheetSpec, styles: StyleTable): string {
  const covered = mergedCells(spec);
  const out: string[] = [`${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`];
  const fitted = spec.print?.fitToWidth !== undefined;
  const pr = `${spec.tabColor ? `<tabColor rgb="${escapeAttr(spec.tabColor)}"/>` : ""}${fitted ? '<pageSetUpPr fitToPage="1"/>' : ""}`;
  if (pr) out.push(`<sheetPr>${pr}</sheetPr>`);
  let width = 0;
  for (const r of spec.rows) if (r.length > width) width = r.length;
  out.push(`<dimension ref="A1${spec.rows.length > 0 && width > 0 ? `:${a1(spec.rows.length - 1, width - 1)}` : ""}"/>`);
  out.push(`<sheetViews><sheetView workbookViewId="0">${pane(spec.freeze)}</sheetView></sheetViews>`);
  out.push('<sheetFormatPr defaultRowHeight="15"/>');
  const cols: string[] = [];
  for (let c = 0; c < spec.columnWidths.length; ) {
    const w = spec.columnWidths[c];
    let end = c + 1;
    while (end < spec.columnWidths.length && spec.columnWidths[end] === w) end++;
    // Width 9 is exceljs' default column, which it leaves unwritten: the same here.
    if (w !== undefined && w !== null && w !== 9) cols.push(`<col min="${c + 1}" max="${end}" width="${w}" customWidth="1"/>`);
    c = end;
  }
  if (cols.length) out.push(`<cols>${cols.join("")}</cols>`);
  out.push("<sheetData>");
  const heights = spec.rowHeights ?? {};
  // A loop, not Math.max(...): 分类指导 at 3,000 units has 125,000 rows.
  let rowCount = spec.rows.length;
  for (const r of Object.keys(heights)) if (Number(r) + 1 > rowCount) rowCount = Number(r) + 1;
  for (const r of covered.keys()) if (r + 1 > rowCount) rowCount = r + 1;
  for (let r = 0; r < rowCount; r++) {
    const cells = spec.rows[r] ?? [];
    const merged = covered.get(r);
    const body: string[] = [];
    const last = Math.max(cells.length, merged ? Math.max(...merged.keys()) + 1 : 0);
    for (let c = 0; c < last; c++) {
      if (merged?.has(c)) {
        const master = merged.get(c);
        const s = master && styled(master) ? styles.index(master, Boolean(master.link)) : 0;
        if (s) body.push(`<c r="${a1(r, c)}" s="${s}"/>`);
        continue;
      }
      const cell = cells[c];
      if (cell) body.push(cellXml(a1(r, c), cell, styles));
    }
    const h = heights[r];
    if (body.length === 0 && h === undefined) continue;
    out.push(`<row r="${r + 1}"${h === undefined ? "" : ` ht="${h}" customHeight="1"`}>${body.join("")}</row>`);
  }
  out.push("</sheetData>");
  // As render.ts asks exceljs: no password, locked cells selectable, rows and columns resizable.
  if (spec.protect) out.push('<sheetProtection sheet="1" formatColumns="0" formatRows="0" autoFilter="0"/>');
  if (spec.merges.length) out.push(`<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${rangeA1(parseRange(m))}"/>`).join("")}</mergeCells>`);
  // Without print settings, exceljs' defaults (Excel's own margins), written the same.
  out.push(spec.print ? printXml(spec.print) : '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup orientation="portrait" scale="100" fitToWidth="1" fitToHeight="1"/>');
  out.push("</worksheet>");
  return out.join("");
}

function pane(freeze: SheetSpec["freeze"]): string {
  if (!freeze || (!freeze.rows && !freeze.cols)) return "";
  const { rows, cols } = freeze;
  const active = rows && cols ? "bottomRight" : rows ? "bottomLeft" : "topRight";
  return `<pane${cols ? ` xSplit="${cols}"` : ""}${rows ? ` ySplit="${rows}"` : ""} topLeftCell="${a1(rows, cols)}" activePane="${active}" state="frozen"/><selection pane="${active}"/>`;
}

/** render.ts's applyPrint: A4, fitted to width or at 100 %, margins in inches, pages numbered from 1. */
function printXml(print: PrintSpec): string {
  const fitted = print.fitToWidth !== undefined;
  const setup = `paperSize="9" orientation="${print.landscape ? "landscape" : "portrait"}"${fitted ? ` fitToWidth="${print.fitToWidth}" fitToHeight="0"` : ' scale="100"'} firstPageNumber="1" useFirstPageNumber="1"`;
  const breaks = (print.breaksBefore ?? []).filter((r) => r > 0);
  return '<printOptions horizontalCentered="1"/><pageMargins left="0.4" right="0.4" top="0.45" bottom="0.5" header="0.2" footer="0.2"/>' +
    `<pageSetup ${setup}/><headerFooter><oddFooter>${text(`&C${print.footer ?? DEFAULT_FOOTER}`)}</oddFooter></headerFooter>` +
    // A break above 0-based row r is a break after 1-based row r; 16383 is the last column.
    (breaks.length ? `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join("")}</rowBreaks>` : "");
}

const styled = (cell: CellSpec) => Boolean(cell.style || cell.numFmt || cell.link);

function cellXml(ref: string, cell: CellSpec, styles: StyleTable): string {
  const link = linkFormula(cell);
  const s = styled(cell) ? ` s="${styles.index(cell, Boolean(link))}"` : "";
  const formula = link ?? cell.formula;
  if (formula !== undefined) {
    const result = link ? String(cell.value ?? cell.link) : cell.value;
    const f = `<f>${text(formula)}</f>`;
    if (result === undefined || result === null) return `<c r="${ref}"${s}>${f}</c>`;
    if (typeof result === "number") return `<c r="${ref}"${s}>${f}<v>${result}</v></c>`;
    if (typeof result === "boolean") return `<c r="${ref}"${s} t="b">${f}<v>${result ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${s} t="str">${f}<v>${text(result)}</v></c>`;
  }
  const v = cell.value;
  if (v === undefined || v === null) return s ? `<c r="${ref}"${s}/>` : "";
  if (typeof v === "number") return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : `<c r="${ref}"${s}/>`;
  if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${text(v)}</t></is></c>`;
}

/** Built-in number formats (ECMA-376 §18.8.30) a plan may name; any other code gets an id from 164. */
const BUILTIN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "0.00E+00": 11, "@": 49 };

/** The cell formats the sheets use, each (style, number format, link) once; xf 0 is the default. */
class StyleTable {
  private readonly fonts = ['<font><sz val="11"/><name val="Calibri"/></font>'];
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly borders = ["<border><left/><right/><top/><bottom/><diagonal/></border>"];
  private readonly formats = new Map<string, number>();
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly byKey = new Map<string, number>();

  index(cell: CellSpec, link: boolean): number {
    const key = `${cell.style ?? ""}\u0000${cell.numFmt ?? ""}\u0000${link}`;
    let at = this.byKey.get(key);
    if (at === undefined) {
      at = this.xfs.length;
      this.xfs.push(this.xf(cell, link));
      this.byKey.set(key, at);
    }
    return at;
  }

  private xf(cell: CellSpec, link: boolean): string {
    const style: Partial<ExcelJS.Style> = cell.style ? STYLES[cell.style] : {};
    const font = link ? { ...style.font, color: { argb: LINK_COLOR }, underline: true } : style.font;
    const numFmt = cell.numFmt ? this.numFmt(cell.numFmt) : 0;
    const fontId = font ? put(this.fonts, fontXml(font)) : 0;
    const fillId = style.fill ? put(this.fills, fillXml(style.fill)) : 0;
    const borderId = style.border ? put(this.borders, borderXml(style.border)) : 0;
    const a = style.alignment;
    const align = a ? `<alignment${a.horizontal ? ` horizontal="${a.horizontal}"` : ""}${a.vertical ? ` vertical="${a.vertical === "middle" ? "center" : a.vertical}"` : ""}${a.wrapText ? ' wrapText="1"' : ""}/>` : "";
    const protect = style.protection?.locked === false ? '<protection locked="0"/>' : "";
    const applied = `${numFmt ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}${fillId ? ' applyFill="1"' : ""}${borderId ? ' applyBorder="1"' : ""}${align ? ' applyAlignment="1"' : ""}${protect ? ' applyProtection="1"' : ""}`;
    const children = align + protect;
    return `<xf numFmtId="${numFmt}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}${children ? `>${children}</xf>` : "/>"}`;
  }

  private numFmt(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.formats.get(code);
    if (id === undefined) this.formats.set(code, (id = 164 + this.formats.size));
    return id;
  }

  xml(): string {
    const list = (name: string, items: readonly string[]) => `<${name} count="${items.length}">${items.join("")}</${name}>`;
    const fmts = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return `${DECL}<styleSheet xmlns="${MAIN}">${fmts.length ? list("numFmts", fmts) : ""}${list("fonts", this.fonts)}${list("fills", this.fills)}${list("borders", this.borders)}` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>${list("cellXfs", this.xfs)}` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
  }
}

function put(items: string[], item: string): number {
  const at = items.indexOf(item);
  if (at >= 0) return at;
  items.push(item);
  return items.length - 1;
}

const color = (c: Partial<ExcelJS.Color> | undefined) => (c?.argb ? `<color rgb="${c.argb}"/>` : "");

function fontXml(f: Partial<ExcelJS.Font>): string {
  return `<font>${f.bold ? "<b/>" : ""}${f.italic ? "<i/>" : ""}${f.underline ? "<u/>" : ""}${color(f.color)}${f.size ? `<sz val="${f.size}"/>` : ""}${f.name ? `<name val="${escapeAttr(f.name)}"/>` : ""}</font>`;
}

function fillXml(f: ExcelJS.Fill): string {
  if (f.type !== "pattern") throw new Error("only pattern fills are written");
  return `<fill><patternFill patternType="${f.pattern}">${f.fgColor?.argb ? `<fgColor rgb="${f.fgColor.argb}"/>` : ""}</patternFill></fill>`;
}

function borderXml(b: Partial<ExcelJS.Borders>): string {
  const side = (name: "left" | "right" | "top" | "bottom") => {
    const s = b[name];
    return s?.style ? `<${name} style="${s.style}">${color(s.color)}</${name}>` : `<${name}/>`;
  };
  return `<border>${side("left")}${side("right")}${side("top")}${side("bottom")}<diagonal/></border>`;
}
