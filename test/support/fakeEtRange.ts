/**
 * Ranges of the fake ET object model (fakeEt.ts). A range is a rectangle of one sheet (or, as
 * SpecialCells returns, several). Reads and writes act on the sheet's model at once, each member
 * one call. Formats are kept as records on rectangles; Copy pastes everything of a rectangle
 * (cells, formats, validation, merges) onto the same-sized rectangle at the destination.
 */
import type { EtAreas, EtBorders, EtGrid, EtRange, EtScalar, EtValidation } from "../../src/adapters/wps/et";
import type { CellRange } from "../../src/workbook/address";
import type { FakeEt } from "./fakeEt";
import { addressOf, cellsOf, errorOf, formulaOf, intersects, key, parseAddress, typedCell, value2Of, within, type EtCell, type EtSheetModel, type FormatRecord } from "./fakeEtModel";

const WHOLE_ROWS = 1_048_575;

export class FakeEtRange implements EtRange {
  constructor(readonly et: FakeEt, readonly sheet: EtSheetModel, readonly bounds: CellRange, readonly kind: "cells" | "rows" | "columns" = "cells", readonly areas: CellRange[] = [bounds]) {}

  static at(et: FakeEt, sheet: EtSheetModel, address: string): FakeEtRange {
    if (et.addressLimit !== null && address.length > et.addressLimit) throw new Error(`range address of ${address.length} characters (limit ${et.addressLimit})`);
    const areas = address.split(",").map(parseAddress);
    const b = areas[0]!;
    return new FakeEtRange(et, sheet, areas.length === 1 ? b : hull(areas), "cells", areas);
  }

  /** The used range: every cell with content, format, validation or merge; A1 on an empty sheet. */
  static used(et: FakeEt, s: EtSheetModel): FakeEtRange {
    const rects: CellRange[] = [...s.merges, ...s.validations.map((v) => v.range), ...s.formats.map((f) => f.range).filter((r) => r.bottom < WHOLE_ROWS)];
    for (const k of s.cells.keys()) {
      const [row, col] = k.split(",").map(Number) as [number, number];
      rects.push({ top: row, bottom: row, left: col, right: col });
    }
    return new FakeEtRange(et, s, rects.length ? hull(rects) : { top: 0, left: 0, bottom: 0, right: 0 });
  }

  private c(member: string): void {
    this.et.call(`Range.${member}`);
    if (!this.et.sheets.includes(this.sheet)) throw new Error("the range's sheet was deleted");
  }
  private single(): boolean {
    return this.bounds.top === this.bounds.bottom && this.bounds.left === this.bounds.right;
  }

  Address(rowAbsolute = true, columnAbsolute = true): string {
    this.c("Address");
    return this.areas.map((a) => addressOf(a, rowAbsolute && columnAbsolute)).join(",");
  }
  get Row() { this.c("Row"); return this.bounds.top + 1; }
  get Column() { this.c("Column"); return this.bounds.left + 1; }
  get Count() { this.c("Count"); return this.areas.reduce((n, a) => n + (a.bottom - a.top + 1) * (a.right - a.left + 1), 0); }

  get Value2(): EtScalar | EtGrid { this.c("Value2"); return this.read(value2Of); }
  set Value2(v: EtScalar | EtGrid) { this.c("Value2="); this.write(v); }
  get Formula(): EtScalar | EtGrid { this.c("Formula"); return this.read(formulaOf); }
  set Formula(v: EtScalar | EtGrid) { this.c("Formula="); this.write(v); }

  private read(f: (cell: ReturnType<EtSheetModel["cells"]["get"]>) => EtScalar): EtScalar | EtGrid {
    const b = this.bounds;
    if (this.single()) return f(this.sheet.cells.get(key(b.top, b.left)));
    const out: EtGrid = [];
    for (let r = b.top; r <= b.bottom; r++) {
      const line: EtScalar[] = [];
      for (let col = b.left; col <= b.right; col++) line.push(f(this.sheet.cells.get(key(r, col))));
      out.push(line);
    }
    return out;
  }

  private write(v: EtScalar | EtGrid): void {
    const b = this.bounds;
    this.et.writable(this.sheet);
    if (!this.single() && this.sheet.merges.some((m) => intersects(m, b) && !within(m, b))) throw new Error("cannot change part of a merged cell");
    const rows = b.bottom - b.top + 1;
    const cols = b.right - b.left + 1;
    if (Array.isArray(v) && (v.length !== rows || v.some((line) => !Array.isArray(line) || line.length !== cols))) throw new Error(`array of ${v.length} rows for a range of ${rows}×${cols}`);
    const bind = (f: string) => this.et.bind(f);
    for (let row = b.top; row <= b.bottom; row++) {
      const line = Array.isArray(v) ? v[row - b.top]! : null;
      for (let col = b.left; col <= b.right; col++) {
        const cell = typedCell(line ? line[col - b.left] : v, bind);
        if (cell) this.sheet.cells.set(key(row, col), cell);
        else this.sheet.cells.delete(key(row, col));
      }
    }
  }

  get NumberFormat(): string { this.c("NumberFormat"); return String(this.formatAt("NumberFormat") ?? "General"); }
  set NumberFormat(v: string) { this.c("NumberFormat="); this.format("NumberFormat", v); }
  get WrapText(): boolean { this.c("WrapText"); return this.formatAt("WrapText") === true; }
  set WrapText(v: boolean) { this.c("WrapText="); this.format("WrapText", v); }
  get HorizontalAlignment(): number { this.c("HorizontalAlignment"); return Number(this.formatAt("HorizontalAlignment") ?? 1); }
  set HorizontalAlignment(v: number) { this.c("HorizontalAlignment="); this.format("HorizontalAlignment", v); }
  get Locked(): boolean { this.c("Locked"); return this.formatAt("Locked") !== false; }
  set Locked(v: boolean) { this.c("Locked="); this.format("Locked", v); }
  get Font() { this.c("Font"); return this.formatter("Font") as unknown as EtRange["Font"]; }
  get Interior() { this.c("Interior"); return this.formatter("Interior") as unknown as EtRange["Interior"]; }
  get Borders() { this.c("Borders"); return this.formatter("Borders") as unknown as EtBorders; }

  private format(k: string, value: unknown): void {
    this.et.writable(this.sheet);
    for (const area of this.areas) this.sheet.formats.push({ range: area, key: k, value });
  }
  /** The last format of this key set over the range's top-left cell. */
  formatAt(k: string): unknown {
    const at = { ...this.bounds, bottom: this.bounds.top, right: this.bounds.left };
    return [...this.sheet.formats].reverse().find((f) => f.key === k && within(at, f.range))?.value;
  }
  private formatter(path: string): Record<string, unknown> {
    return new Proxy({}, {
      get: (_t, p: string) => { this.et.call(`${path}.${p}`); return this.formatAt(`${path}.${p}`); },
      set: (_t, p: string, v) => { this.et.call(`${path}.${p}=`); this.format(`${path}.${p}`, v); return true; },
    });
  }

  set ColumnWidth(w: number) {
    this.c("ColumnWidth=");
    for (let col = this.bounds.left; col <= Math.min(this.bounds.right, this.bounds.left + 999); col++) this.sheet.props[`columnWidth:${col}`] = w;
  }
  get ColumnWidth(): number { this.c("ColumnWidth"); return Number(this.sheet.props[`columnWidth:${this.bounds.left}`] ?? 8.38); }
  /**
   * Every row of every area (not the rows between areas: "5:5,9:9" is two rows). Documented: Range.RowHeight
   * is "the height of all the rows in the range" (learn.microsoft.com/office/vba/api/excel.range.rowheight;
   * WPS's ET reference says the same of its RowHeight). Neither page speaks of a range of several areas:
   * that each area's rows, and only those, are set is Excel's observed behaviour, listed in README "WPS 表格"
   * as one of the things to confirm in WPS.
   */
  set RowHeight(h: number) {
    this.c("RowHeight=");
    for (const a of this.areas) for (let row = a.top; row <= Math.min(a.bottom, a.top + 99_999); row++) this.sheet.props[`rowHeight:${row}`] = h;
  }
  get RowHeight(): number { this.c("RowHeight"); return Number(this.sheet.props[`rowHeight:${this.bounds.top}`] ?? 13.5); }
  AutoFit(): boolean { this.c("AutoFit"); this.sheet.props["autoFit"] = addressOf(this.bounds, false); return true; }

  get MergeCells(): boolean | null {
    this.c("MergeCells");
    // Merged areas never overlap: the merged cells are the sum of their overlaps with the range.
    const area = (r: CellRange) => Math.max(0, r.bottom - r.top + 1) * Math.max(0, r.right - r.left + 1);
    // Over each area of the range (a range of many areas is not its bounding box).
    let merged = 0;
    let cells = 0;
    for (const b of this.areas) {
      cells += area(b);
      merged += this.sheet.merges.reduce((n, m) => n + area({ top: Math.max(m.top, b.top), bottom: Math.min(m.bottom, b.bottom), left: Math.max(m.left, b.left), right: Math.min(m.right, b.right) }), 0);
    }
    return merged === 0 ? false : merged === cells ? true : null;
  }
  get MergeArea(): EtRange {
    this.c("MergeArea");
    const at = { top: this.bounds.top, bottom: this.bounds.top, left: this.bounds.left, right: this.bounds.left };
    return new FakeEtRange(this.et, this.sheet, this.sheet.merges.find((m) => within(at, m)) ?? at);
  }
  /**
   * Range.Merge(Across): "True to merge cells in each row of the specified range as separate merged cells"
   * (learn.microsoft.com/office/vba/api/excel.range.merge); WPS's ET reference for Range.Merge shows
   * Range("A1:B3").Merge(true) merging 逐行 (row by row) (airsheet.wps.cn/docs/apiV2/excel/workbook/Range/方法/Merge 方法.html).
   * Not documented, Excel's observed behaviour: a range of several areas merges each area on its own (not
   * the box around them), merged areas the new ones touch are replaced, and a single cell is not a merged
   * area. The WPS adapter never merges a range of several areas (write.ts), so it rests on none of these.
   */
  Merge(across?: boolean): void {
    this.c("Merge");
    this.et.writable(this.sheet);
    const merged = across ? this.areas.flatMap((a) => Array.from({ length: a.bottom - a.top + 1 }, (_, i) => ({ ...a, top: a.top + i, bottom: a.top + i }))) : this.areas;
    const added = merged.filter((m) => m.bottom > m.top || m.right > m.left);
    if (added.length === 0) return;
    this.sheet.merges = this.sheet.merges.filter((m) => !added.some((a) => intersects(m, a)));
    for (const m of added) this.sheet.merges.push(m);
  }
  UnMerge(): void { this.c("UnMerge"); this.sheet.merges = this.sheet.merges.filter((m) => !intersects(m, this.bounds)); }

  get Cells(): EtRange { this.c("Cells"); return new FakeEtRange(this.et, this.sheet, this.bounds); }
  get Rows(): EtRange { this.c("Rows"); return new FakeEtRange(this.et, this.sheet, this.bounds, "rows"); }
  get Columns(): EtRange { this.c("Columns"); return new FakeEtRange(this.et, this.sheet, this.bounds, "columns"); }
  Item(row: number, column = 1): EtRange {
    this.c("Item");
    if (this.kind === "columns") return new FakeEtRange(this.et, this.sheet, { ...this.bounds, left: this.bounds.left + row - 1, right: this.bounds.left + row - 1 });
    const at = { top: this.bounds.top + row - 1, left: this.bounds.left + column - 1 };
    return new FakeEtRange(this.et, this.sheet, { ...at, bottom: at.top, right: at.left });
  }

  /** Error cells (value 16) among constants (2) or formulas (-4123); throws when none, as ET does. */
  SpecialCells(type: number, value?: number): EtRange {
    this.c("SpecialCells");
    if (value !== 16 || (type !== 2 && type !== -4123)) throw new Error(`fake ET: SpecialCells(${type}, ${value}) not modelled`);
    const found: CellRange[] = [];
    for (const [k, cell] of this.sheet.cells) {
      const [row, col] = k.split(",").map(Number) as [number, number];
      if (!errorOf(cell) || (type === -4123) !== (cell.formula !== undefined)) continue;
      if (row < this.bounds.top || row > this.bounds.bottom || col < this.bounds.left || col > this.bounds.right) continue;
      found.push({ top: row, bottom: row, left: col, right: col });
    }
    if (found.length === 0) throw new Error("No cells were found.");
    found.sort((a, b) => a.top - b.top || a.left - b.left);
    return new FakeEtRange(this.et, this.sheet, hull(found), "cells", found);
  }
  get Areas(): EtAreas {
    this.c("Areas");
    const areas = this.areas;
    return {
      get Count() { return areas.length; },
      Item: (i: number) => { this.et.call("Areas.Item"); return new FakeEtRange(this.et, this.sheet, areas[i - 1]!); },
    } as EtAreas;
  }

  get Validation(): EtValidation { this.c("Validation"); return new FakeEtValidation(this.et, this.sheet, this.areas); }

  /** Paste everything of this rectangle onto the same-sized rectangle at `destination`'s top-left cell. */
  Copy(destination?: EtRange): boolean {
    this.c("Copy");
    if (!(destination instanceof FakeEtRange)) throw new Error("fake ET: Copy without a destination (the clipboard) is not modelled");
    const to = destination.sheet;
    this.et.writable(to);
    const dr = destination.bounds.top - this.bounds.top;
    const dc = destination.bounds.left - this.bounds.left;
    const move = (r: CellRange): CellRange => ({ top: r.top + dr, bottom: r.bottom + dr, left: r.left + dc, right: r.right + dc });
    const target = move(this.bounds);
    if (to.merges.some((m) => intersects(m, target) && !within(m, target))) throw new Error("cannot change part of a merged cell");
    const from = this.sheet;
    const cells: [number, number, EtCell][] = [];
    for (const [k, cell] of from.cells) {
      const comma = k.indexOf(",");
      const row = Number(k.slice(0, comma));
      const col = Number(k.slice(comma + 1));
      if (row >= this.bounds.top && row <= this.bounds.bottom && col >= this.bounds.left && col <= this.bounds.right) cells.push([row, col, cell]);
    }
    if ((dr || dc) && cells.some(([, , c]) => c.formula)) throw new Error("fake ET: copying formulas to another position is not modelled");
    const formats: FormatRecord[] = from.formats.filter((f) => within(f.range, this.bounds)).map((f) => ({ ...f, range: move(f.range) }));
    const validations = from.validations.filter((v) => within(v.range, this.bounds)).map((v) => ({ ...v, range: move(v.range), props: { ...v.props } }));
    const merges = from.merges.filter((m) => within(m, this.bounds)).map(move);
    for (let row = target.top; row <= target.bottom; row++) for (let col = target.left; col <= target.right; col++) to.cells.delete(key(row, col));
    to.formats = to.formats.filter((f) => !within(f.range, target));
    to.validations = to.validations.filter((v) => !intersects(v.range, target));
    to.merges = to.merges.filter((m) => !within(m, target));
    for (const [row, col, c] of cells) to.cells.set(key(row + dr, col + dc), { ...c });
    // Not push(...): a 3,000-unit 分类指导 copies more formats than the call stack takes arguments.
    for (const f of formats) to.formats.push(f);
    for (const v of validations) to.validations.push(v);
    for (const m of merges) to.merges.push(m);
    return true;
  }

  Select(): boolean {
    this.c("Select");
    if (this.et.active !== this.sheet) throw new Error("Select needs the range's sheet to be active");
    this.et.sheetSelection = { sheet: this.sheet.name, address: addressOf(this.bounds, false) };
    return true;
  }
  Activate(): boolean { return this.Select(); }
  Clear(): boolean {
    this.c("Clear");
    this.et.writable(this.sheet);
    for (const { row, col } of cellsOf(this.bounds)) this.sheet.cells.delete(key(row, col));
    this.sheet.formats = this.sheet.formats.filter((f) => !within(f.range, this.bounds));
    this.sheet.validations = this.sheet.validations.filter((v) => !intersects(v.range, this.bounds));
    this.sheet.merges = this.sheet.merges.filter((m) => !intersects(m, this.bounds));
    return true;
  }
  Calculate(): null { this.c("Calculate"); return null; }
}

class FakeEtValidation implements EtValidation {
  constructor(private readonly et: FakeEt, private readonly sheet: EtSheetModel, private readonly areas: readonly CellRange[]) {}
  private hits(r: CellRange): boolean {
    return this.areas.some((a) => intersects(a, r));
  }
  private mine() {
    return this.sheet.validations.filter((v) => this.areas.some((a) => within(v.range, a) || within(a, v.range)));
  }
  Delete(): void {
    this.et.call("Validation.Delete");
    this.et.writable(this.sheet);
    this.sheet.validations = this.sheet.validations.filter((v) => !this.hits(v.range));
  }
  Add(type: number, alertStyle?: number, operator?: number, formula1?: string, formula2?: string): void {
    this.et.call("Validation.Add");
    this.et.writable(this.sheet);
    if (this.sheet.validations.some((v) => this.hits(v.range))) throw new Error("the range already has validation: Delete it first");
    const bind = (f?: string) => (f?.startsWith("=") ? this.et.bind(f) : f);
    for (const range of this.areas) this.sheet.validations.push({ range, type, operator: operator ?? 1, formula1: bind(formula1), formula2: bind(formula2), props: { alertStyle } });
  }
  private set(name: string, v: unknown): void {
    this.et.call(`Validation.${name}=`);
    const mine = this.mine();
    if (mine.length === 0) throw new Error(`Validation.${name}: the range has no validation`);
    for (const x of mine) x.props[name] = v;
  }
  private get(name: string): never {
    this.et.call(`Validation.${name}`);
    return this.mine()[0]?.props[name] as never;
  }
  get IgnoreBlank() { return this.get("IgnoreBlank"); }
  set IgnoreBlank(v: boolean) { this.set("IgnoreBlank", v); }
  get InCellDropdown() { return this.get("InCellDropdown"); }
  set InCellDropdown(v: boolean) { this.set("InCellDropdown", v); }
  get InputTitle() { return this.get("InputTitle"); }
  set InputTitle(v: string) { this.set("InputTitle", v); }
  get InputMessage() { return this.get("InputMessage"); }
  set InputMessage(v: string) { this.set("InputMessage", v); }
  get ErrorTitle() { return this.get("ErrorTitle"); }
  set ErrorTitle(v: string) { this.set("ErrorTitle", v); }
  get ErrorMessage() { return this.get("ErrorMessage"); }
  set ErrorMessage(v: string) { this.set("ErrorMessage", v); }
  get ShowInput() { return this.get("ShowInput"); }
  set ShowInput(v: boolean) { this.set("ShowInput", v); }
  get ShowError() { return this.get("ShowError"); }
  set ShowError(v: boolean) { this.set("ShowError", v); }
}

function hull(rects: readonly CellRange[]): CellRange {
  const out = { ...rects[0]! };
  for (const r of rects) {
    out.top = Math.min(out.top, r.top);
    out.left = Math.min(out.left, r.left);
    out.bottom = Math.max(out.bottom, r.bottom);
    out.right = Math.max(out.right, r.right);
  }
  return out;
}
