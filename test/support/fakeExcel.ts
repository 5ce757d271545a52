/// <reference types="office-js" />
/**
 * A recording fake of the slice of the Excel JavaScript API that src/adapters/office uses.
 * It behaves like Office.js where it matters for correctness and cost:
 *  - nothing happens until context.sync(): property sets and method calls are queued;
 *  - at sync the queue is applied in order; the first failing operation throws an error with an
 *    Office-style `code`, and the operations after it are dropped (earlier ones stay applied);
 *  - loaded properties are readable only after the sync that loaded them;
 *  - every sync is counted, with the JSON size of the operations it carried (the request payload);
 *  - references bind to sheets, not names: renaming a sheet rewrites the formulas and validation
 *    lists that point at it, deleting it turns them into #REF!, and a reference to a sheet that
 *    does not exist when it is written stays broken (fakeSheetRefs.ts);
 *  - a batch fails while the user is editing a cell, unless the run asked to wait (delayForCellEdit).
 * Formulas are stored, not calculated (Excel would calculate them); a formula with a broken
 * reference counts as an error cell. Ranges: fakeExcelRange.ts.
 */
import { parseA1, rangeA1 } from "../../src/workbook/address";
import type { CellValue, WorkbookSnapshot } from "../../src/workbook/snapshot";
import { Loadable, OfficeError, fail, recorder, type Cell, type FakeHost, type FakeSheet } from "./fakeExcelBase";
import { FakeRange } from "./fakeExcelRange";
import { mapSheetRefs } from "./fakeSheetRefs";

export { OfficeError, type FakeSheet } from "./fakeExcelBase";

type Queued = { label: string; args: unknown; apply: () => void };

export class FakeExcel implements FakeHost {
  sheets: FakeSheet[] = [];
  syncs = 0;
  requestBytes: number[] = [];
  /** JSON size of what each sync loaded (the response payload). */
  responseBytes: number[] = [];
  /** Excel on the web refuses responses over 5 MB; set to model it (null: no limit, as desktop). */
  responseLimit: number | null = 5_000_000;
  /** Bytes loaded by the sync in progress. */
  loading = 0;
  log: string[] = [];
  suspendedCalcSyncs = 0;
  /** Worksheet.calculate calls applied, by sheet name. */
  calculated: string[] = [];
  /** The options of each Excel.run. */
  runOptions: (Excel.RunOptions | undefined)[] = [];
  /**
   * The user is typing in a cell: "editing" fails every batch of a run that did not ask to wait
   * (a run with delayForCellEdit waits until the edit ends, then proceeds); "stuck" fails them all.
   */
  cellEdit: "off" | "editing" | "stuck" = "off";
  /** Make copyFrom paste formulas without moving their references: a fill that went wrong. */
  brokenFill = false;
  /** No printer installed: page set-up fails (see FakeWorksheet.pageLayout). */
  noPrinter = false;
  private failure: { op: number; code: string } | null = null;
  private queue: Queued[] = [];
  private loads: (() => void)[] = [];
  private nextId = 1;
  private applied = 0;

  static from(snapshot: WorkbookSnapshot): FakeExcel {
    const fake = new FakeExcel();
    for (const s of snapshot.sheets) {
      const sheet = fake.addSheetModel(s.name);
      sheet.visibility = s.state === "hidden" ? "Hidden" : s.state === "veryHidden" ? "VeryHidden" : "Visible";
      s.rows.forEach((row, r) => row.forEach((v, c) => v !== null && sheet.cells.set(`${r},${c}`, toCell(v))));
      for (const [a, f] of Object.entries(s.formulas)) {
        const { row, col } = parseA1(a);
        sheet.cells.set(`${row},${col}`, { ...(sheet.cells.get(`${row},${col}`) ?? { value: null }), formula: `=${f}` });
      }
      sheet.merges = [...s.merges];
    }
    // Bound once every sheet exists: a reference to a sheet the snapshot lacks is broken.
    fake.rebind((name) => (fake.sheet(name) ? name : null));
    return fake;
  }

  /** An independent copy of the workbook (sheets, cells, settings), with fresh counters: one setup, many scenarios. */
  clone(): FakeExcel {
    const copy = new FakeExcel();
    copy.sheets = this.sheets.map((s) => ({
      ...s,
      cells: new Map([...s.cells].map(([k, c]) => [k, { ...c }])),
      formats: new Map(s.formats),
      merges: [...s.merges],
      validations: s.validations.map((v) => ({ ...v })),
      props: { ...s.props },
    }));
    copy.nextId = this.nextId;
    return copy;
  }

  /** Make the n-th operation applied from now on (1-based) fail with this Office error code. */
  failAt(n: number, code: string): void {
    this.failure = { op: this.applied + n, code };
  }

  addSheetModel(name: string): FakeSheet {
    const sheet: FakeSheet = { id: this.nextId++, name, visibility: "Visible", cells: new Map(), formats: new Map(), merges: [], validations: [], props: {} };
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Excel.run for the adapter: Excel.run(options, batch) with the batch first, options optional. */
  run = async <T,>(batch: (ctx: Excel.RequestContext) => Promise<T>, options?: Excel.RunOptions): Promise<T> => {
    this.runOptions.push(options);
    return batch(this.context(options?.delayForCellEdit === true) as unknown as Excel.RequestContext);
  };

  enqueue(label: string, args: unknown, apply: () => void): void {
    this.queue.push({ label, args, apply });
  }

  onLoad(f: () => void): void {
    this.loads.push(f);
  }

  async sync(waitsForCellEdit = false): Promise<void> {
    this.syncs++;
    const queue = this.queue;
    const loads = this.loads;
    this.queue = [];
    this.loads = [];
    this.requestBytes.push(new TextEncoder().encode(JSON.stringify(queue.map((q) => [q.label, q.args]))).length);
    if (this.cellEdit === "stuck" || (this.cellEdit === "editing" && !waitsForCellEdit)) {
      throw new OfficeError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode");
    }
    // The delayed batch runs once the user leaves the cell.
    if (this.cellEdit === "editing") this.cellEdit = "off";
    for (const q of queue) {
      this.applied++;
      if (this.failure && this.applied === this.failure.op) {
        const code = this.failure.code;
        this.failure = null;
        throw new OfficeError(code, `injected failure at ${q.label}`);
      }
      q.apply();
      this.log.push(q.label);
    }
    this.loading = 0;
    for (const l of loads) l();
    this.responseBytes.push(this.loading);
    if (this.responseLimit !== null && this.loading > this.responseLimit) {
      throw new OfficeError("ResponsePayloadSizeLimitExceeded", `response of ${this.loading} bytes`);
    }
  }

  private context(waitsForCellEdit: boolean) {
    return {
      workbook: { worksheets: new FakeWorksheets(this) },
      application: { suspendApiCalculationUntilNextSync: () => this.enqueue("suspendCalc", null, () => this.suspendedCalcSyncs++) },
      sync: () => this.sync(waitsForCellEdit),
    };
  }

  bind(formula: string): string {
    return mapSheetRefs(formula, (name) => (this.sheet(name) ? name : null));
  }

  /**
   * Rewrite every formula and validation list source: `map` gives a referenced sheet's name now, or
   * null (#REF!). With `only`, formulas whose text does not contain that name are skipped (speed).
   */
  rebind(map: (name: string) => string | null, only?: string): void {
    const rewrite = (f: string) => (!f.includes("!") || (only !== undefined && !f.includes(only)) ? f : `=${mapSheetRefs(f.slice(1), map)}`);
    for (const s of this.sheets) {
      for (const cell of s.cells.values()) if (cell.formula) cell.formula = rewrite(cell.formula);
      for (const v of s.validations) {
        const list = v.rule["list"] as { source?: string } | undefined;
        if (list?.source?.startsWith("=")) v.rule = { ...v.rule, list: { ...list, source: rewrite(list.source) } };
      }
    }
  }

  deleteSheet(sheet: FakeSheet): void {
    this.sheets = this.sheets.filter((x) => x !== sheet);
    this.rebind((name) => (name === sheet.name ? null : name), sheet.name);
  }

  renameSheet(sheet: FakeSheet, name: string): void {
    if (this.sheets.some((s) => s !== sheet && s.name === name)) fail("ItemAlreadyExists", `sheet ${name} exists`);
    const old = sheet.name;
    sheet.name = name;
    this.rebind((n) => (n === old ? name : n), old);
  }

  writable(sheet: FakeSheet): void {
    if (sheet.props["protect"]) fail("AccessDenied", `sheet ${sheet.name} is protected`);
  }

  isError(cell: Cell): boolean {
    return cell.error !== undefined || (cell.formula?.includes("#REF!") ?? false);
  }

  /** Write a formula as a user would type it (outside any request), bound to the sheets that exist now. */
  typeFormula(sheet: string, address: string, formula: string): void {
    const { row, col } = parseA1(address);
    this.sheet(sheet)!.cells.set(`${row},${col}`, { value: null, formula: `=${this.bind(formula)}` });
  }

  /** Every formula and validation list source in the workbook, as Excel would show it now. */
  references(): { sheet: string; at: string; text: string }[] {
    const out: { sheet: string; at: string; text: string }[] = [];
    for (const s of this.sheets) {
      for (const [key, cell] of s.cells) if (cell.formula) out.push({ sheet: s.name, at: key, text: cell.formula });
      for (const v of s.validations) {
        const source = (v.rule["list"] as { source?: string } | undefined)?.source;
        if (source?.startsWith("=")) out.push({ sheet: s.name, at: `validation ${v.address}`, text: source });
      }
    }
    return out;
  }

  snapshotValues(name: string): Map<string, Cell> {
    return this.sheet(name)!.cells;
  }
}

/** A snapshot value as Excel holds it: a date is a serial number shown through a date format. */
function toCell(v: CellValue): Cell {
  if (v !== null && typeof v === "object") return "error" in v ? { value: v.error, error: v.error } : { value: dateSerial(v.date), numberFormat: "yyyy/m/d" };
  return { value: v };
}

/** "2024-03-01…" → 45352: days since 1899-12-30 (Excel's 1900 date system, from March 1900 on). */
export function dateSerial(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

class FakeWorksheets extends Loadable {
  private snapshot: FakeWorksheet[] = [];
  constructor(private readonly book: FakeExcel) {
    super(book);
  }
  get items(): FakeWorksheet[] {
    this.need("items");
    return this.snapshot;
  }
  protected override resolve(): void {
    this.snapshot = [...this.book.sheets].map((s) => new FakeWorksheet(this.book, () => s).markLoaded());
  }
  add(name: string): FakeWorksheet {
    let created: FakeSheet | undefined;
    this.book.enqueue("worksheets.add", { name }, () => {
      if (this.book.sheet(name)) throw new OfficeError("ItemAlreadyExists", `sheet ${name} exists`);
      created = this.book.addSheetModel(name);
    });
    return new FakeWorksheet(this.book, () => created ?? fail("ItemNotFound", name));
  }
  getItem(name: string): FakeWorksheet {
    let bound: FakeSheet | undefined;
    return new FakeWorksheet(this.book, () => (bound ??= this.book.sheet(name) ?? fail("ItemNotFound", `no sheet ${name}`)));
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    let bound: FakeSheet | undefined;
    return new FakeWorksheet(this.book, () => (bound ??= this.book.sheet(name) ?? fail("ItemNotFound", `no sheet ${name}`)), () => !this.book.sheet(name));
  }
}

class FakeWorksheet extends Loadable {
  private nameAtLoad = "";
  private visibilityAtLoad = "";
  private nullAtLoad = false;
  constructor(private readonly book: FakeExcel, readonly target: () => FakeSheet, private readonly isNull: () => boolean = () => false) {
    super(book);
  }
  protected override resolve(): void {
    this.nullAtLoad = this.isNull();
    if (this.nullAtLoad) return;
    this.nameAtLoad = this.target().name;
    this.visibilityAtLoad = this.target().visibility;
  }
  get isNullObject(): boolean {
    this.need("isNullObject");
    return this.nullAtLoad;
  }
  get name(): string {
    this.need("name");
    return this.nameAtLoad;
  }
  set name(v: string) {
    this.book.enqueue("worksheet.name", { v }, () => this.book.renameSheet(this.target(), v));
  }
  get visibility(): string {
    this.need("visibility");
    return this.visibilityAtLoad;
  }
  set visibility(v: string) {
    this.book.enqueue("worksheet.visibility", { v }, () => (this.target().visibility = v as FakeSheet["visibility"]));
  }
  set position(p: number) {
    this.book.enqueue("worksheet.position", { p }, () => {
      const s = this.target();
      const list = this.book.sheets.filter((x) => x !== s);
      list.splice(p, 0, s);
      this.book.sheets = list;
    });
  }
  set tabColor(c: string) {
    this.book.enqueue("worksheet.tabColor", { c }, () => (this.target().props["tabColor"] = c));
  }
  delete(): void {
    this.book.enqueue("worksheet.delete", null, () => this.book.deleteSheet(this.target()));
  }
  calculate(_markAllDirty: boolean): void {
    this.book.enqueue("worksheet.calculate", null, () => this.book.calculated.push(this.target().name));
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.book, this.target, address ?? null);
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.book, this.target, rangeA1({ top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 }));
  }
  /**
   * A RangeAreas (ExcelApi 1.9), as far as the adapter uses one: a format set on it is set on each
   * area. https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getranges-member(1)
   */
  getRanges(address: string): { format: Record<string, unknown> } {
    const areas = address.split(",").map((a) => new FakeRange(this.book, this.target, a.trim()));
    return {
      format: recorder(this.fake, `ranges(${address}).format`, (k, v) => {
        for (const area of areas) {
          this.book.writable(this.target());
          this.target().props[`format|${rangeA1(area.bounds())}|${k}`] = v;
        }
      }),
    };
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.book, this.target, "used", valuesOnly);
  }
  readonly freezePanes = {
    freezeRows: (n: number) => this.record("freezeRows", n),
    freezeColumns: (n: number) => this.record("freezeColumns", n),
    freezeAt: (r: FakeRange) => this.record("freezeAt", r.addressSpec),
  };
  /**
   * PageLayout (ExcelApi 1.9) as the adapter uses it: properties (orientation, margins, zoom, the
   * footer through headersFooters.defaultForAllPages) and the set… methods. Excel's page set-up
   * goes through the printer driver: with `noPrinter` every page-layout action fails, as it can on
   * a PC without a printer. https://learn.microsoft.com/javascript/api/excel/excel.pagelayout
   */
  readonly pageLayout = recorder(this.fake, "pageLayout", (k, v) => {
    this.printer();
    this.target().props[`pageLayout.${k}`] = v;
  }, {
    setPrintTitleRows: (rows: string) => this.record("printTitleRows", rows, true),
    setPrintTitleColumns: (cols: string) => this.record("printTitleColumns", cols, true),
    setPrintArea: (area: string) => this.record("printArea", area, true),
  });
  /** Manual page breaks before the given cells' rows. https://learn.microsoft.com/javascript/api/excel/excel.pagebreakcollection */
  readonly horizontalPageBreaks = {
    add: (at: string) => this.book.enqueue("worksheet.horizontalPageBreaks.add", at, () => {
      this.printer();
      this.target().props["pageBreaks"] = [...((this.target().props["pageBreaks"] as string[] | undefined) ?? []), at];
    }),
    removePageBreaks: () => this.book.enqueue("worksheet.horizontalPageBreaks.removePageBreaks", null, () => (this.target().props["pageBreaks"] = [])),
  };
  private printer(): void {
    if (this.book.noPrinter) fail("GeneralException", "page set-up needs a printer");
  }
  readonly protection = {
    protect: (options: unknown) => this.record("protect", options ?? true),
    /** Unprotecting a sheet that is not protected changes nothing. */
    unprotect: () => this.book.enqueue("worksheet.unprotect", null, () => delete this.target().props["protect"]),
  };
  private record(key: string, value: unknown, printing = false): void {
    this.book.enqueue(`worksheet.${key}`, value, () => {
      if (printing) this.printer();
      this.target().props[key] = value;
    });
  }
}

/** The cells of a fake sheet as a dense grid of literal values or "=formula" text. */
export function fakeGrid(sheet: FakeSheet): (string | number | boolean | null)[][] {
  const grid: (string | number | boolean | null)[][] = [];
  for (const [key, cell] of sheet.cells) {
    const [r, c] = key.split(",").map(Number) as [number, number];
    (grid[r] ??= [])[c] = cell.formula ?? cell.value;
  }
  return Array.from(grid, (row) => Array.from(row ?? [], (v) => v ?? null));
}
