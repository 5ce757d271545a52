/// <reference types="office-js" />
/**
 * A recording fake of the slice of the Excel JavaScript API that src/adapters/office uses.
 * It behaves like Office.js where it matters for correctness and cost:
 *  - nothing happens until context.sync(): property sets and method calls are queued;
 *  - at sync the queue is applied in order; the first failing operation throws an error with an
 *    Office-style `code`, and the operations after it are dropped (earlier ones stay applied);
 *  - loaded properties are readable only after the sync that loaded them;
 *  - every sync is counted, with the JSON size of the operations it carried (the request payload).
 * Formulas are stored, not calculated (Excel would calculate them).
 */
import { parseA1, parseRange, rangeA1, columnLetters } from "../../src/workbook/address";
import { shiftFormula } from "../../src/workbook/formulaRefs";
import type { CellValue, WorkbookSnapshot } from "../../src/workbook/snapshot";

interface Cell { value: string | number | boolean | null; formula?: string; error?: string; numberFormat?: string }
export interface FakeSheet {
  id: number;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<string, Cell>;
  /** Number formats of cells that have no content yet (a later write keeps them). */
  formats: Map<string, string>;
  merges: string[];
  props: Record<string, unknown>;
}

export class OfficeError extends Error {
  constructor(public code: string, message: string) {
    super(message);
  }
}

type Queued = { label: string; args: unknown; apply: () => void };

export class FakeExcel {
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
    return fake;
  }

  /** Make the n-th operation applied from now on (1-based) fail with this Office error code. */
  failAt(n: number, code: string): void {
    this.failure = { op: this.applied + n, code };
  }

  addSheetModel(name: string): FakeSheet {
    const sheet: FakeSheet = { id: this.nextId++, name, visibility: "Visible", cells: new Map(), formats: new Map(), merges: [], props: {} };
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Excel.run for the adapter. */
  run = async <T,>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => batch(this.context() as unknown as Excel.RequestContext);

  enqueue(label: string, args: unknown, apply: () => void): void {
    this.queue.push({ label, args, apply });
  }

  onLoad(f: () => void): void {
    this.loads.push(f);
  }

  async sync(): Promise<void> {
    this.syncs++;
    const queue = this.queue;
    const loads = this.loads;
    this.queue = [];
    this.loads = [];
    this.requestBytes.push(new TextEncoder().encode(JSON.stringify(queue.map((q) => [q.label, q.args]))).length);
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

  private context() {
    return {
      workbook: { worksheets: new FakeWorksheets(this) },
      application: { suspendApiCalculationUntilNextSync: () => this.enqueue("suspendCalc", null, () => this.suspendedCalcSyncs++) },
      sync: () => this.sync(),
    };
  }

  snapshotValues(name: string): Map<string, Cell> {
    return this.sheet(name)!.cells;
  }
}

function toCell(v: CellValue): Cell {
  if (v !== null && typeof v === "object") return "error" in v ? { value: v.error, error: v.error } : { value: v.date };
  return { value: v };
}

class Loadable {
  private loaded = false;
  /** Objects that arrive inside a loaded collection are loaded with it. */
  markLoaded(): this {
    this.loaded = true;
    this.resolve();
    return this;
  }
  constructor(protected fake: FakeExcel) {}
  load(_props?: string): this {
    this.fake.onLoad(() => {
      this.loaded = true;
      this.resolve();
    });
    return this;
  }
  protected resolve(): void {}
  protected need(prop: string): void {
    if (!this.loaded) throw new OfficeError("PropertyNotLoaded", `${prop} read before load() and sync()`);
  }
}

class FakeWorksheets extends Loadable {
  private snapshot: FakeWorksheet[] = [];
  get items(): FakeWorksheet[] {
    this.need("items");
    return this.snapshot;
  }
  protected override resolve(): void {
    this.snapshot = [...this.fake.sheets].map((s) => new FakeWorksheet(this.fake, () => s).markLoaded());
  }
  add(name: string): FakeWorksheet {
    let created: FakeSheet | undefined;
    this.fake.enqueue("worksheets.add", { name }, () => {
      if (this.fake.sheet(name)) throw new OfficeError("ItemAlreadyExists", `sheet ${name} exists`);
      created = this.fake.addSheetModel(name);
    });
    return new FakeWorksheet(this.fake, () => created ?? fail("ItemNotFound", name));
  }
  getItem(name: string): FakeWorksheet {
    let bound: FakeSheet | undefined;
    return new FakeWorksheet(this.fake, () => (bound ??= this.fake.sheet(name) ?? fail("ItemNotFound", `no sheet ${name}`)));
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    let bound: FakeSheet | undefined;
    return new FakeWorksheet(this.fake, () => (bound ??= this.fake.sheet(name) ?? fail("ItemNotFound", `no sheet ${name}`)), () => !this.fake.sheet(name));
  }
}

function fail(code: string, message: string): never {
  throw new OfficeError(code, message);
}

class FakeWorksheet extends Loadable {
  private nameAtLoad = "";
  private visibilityAtLoad = "";
  private nullAtLoad = false;
  constructor(fake: FakeExcel, readonly target: () => FakeSheet, private readonly isNull: () => boolean = () => false) {
    super(fake);
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
    this.fake.enqueue("worksheet.name", { v }, () => {
      if (this.fake.sheet(v)) fail("ItemAlreadyExists", `sheet ${v} exists`);
      this.target().name = v;
    });
  }
  get visibility(): string {
    this.need("visibility");
    return this.visibilityAtLoad;
  }
  set visibility(v: string) {
    this.fake.enqueue("worksheet.visibility", { v }, () => (this.target().visibility = v as FakeSheet["visibility"]));
  }
  set position(p: number) {
    this.fake.enqueue("worksheet.position", { p }, () => {
      const s = this.target();
      const list = this.fake.sheets.filter((x) => x !== s);
      list.splice(p, 0, s);
      this.fake.sheets = list;
    });
  }
  set tabColor(c: string) {
    this.fake.enqueue("worksheet.tabColor", { c }, () => (this.target().props["tabColor"] = c));
  }
  delete(): void {
    this.fake.enqueue("worksheet.delete", null, () => {
      const s = this.target();
      this.fake.sheets = this.fake.sheets.filter((x) => x !== s);
    });
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.fake, this.target, address ?? null);
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.fake, this.target, rangeA1({ top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 }));
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.fake, this.target, "used");
  }
  readonly freezePanes = {
    freezeRows: (n: number) => this.record("freezeRows", n),
    freezeColumns: (n: number) => this.record("freezeColumns", n),
    freezeAt: (r: FakeRange) => this.record("freezeAt", r.addressSpec),
  };
  readonly pageLayout = recorder(this.fake, "pageLayout", (k, v) => (this.target().props[`pageLayout.${k}`] = v), {
    setPrintTitleRows: (rows: string) => this.record("printTitleRows", rows),
  });
  readonly protection = { protect: (options: unknown) => this.record("protect", options ?? true) };
  private record(key: string, value: unknown): void {
    this.fake.enqueue(`worksheet.${key}`, value, () => (this.target().props[key] = value));
  }
}

/** An object whose property sets (at any depth) are queued operations. */
function recorder(fake: FakeExcel, path: string, store: (key: string, value: unknown) => void, methods: Record<string, unknown> = {}): Record<string, unknown> {
  return new Proxy(methods, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      return recorder(fake, `${path}.${prop}`, (k, v) => store(`${prop}.${k}`, v));
    },
    set(_t, prop: string, value) {
      fake.enqueue(`${path}.${prop}`, value, () => store(prop, value));
      return true;
    },
  });
}

class FakeRange extends Loadable {
  private view: { address: string; values: unknown[][]; types: string[][]; formulas: unknown[][] } | null = null;
  private nullAtLoad = false;
  private props: string[] = [];
  override load(props?: string): this {
    this.props.push(...(props ?? "").split(",").map((p) => p.trim()));
    return super.load(props);
  }
  constructor(fake: FakeExcel, private readonly sheet: () => FakeSheet, readonly addressSpec: string | null) {
    super(fake);
  }
  private bounds(): { top: number; left: number; bottom: number; right: number } {
    if (this.addressSpec === null) return { top: 0, left: 0, bottom: 1048575, right: 16383 };
    if (this.addressSpec === "used") {
      const keys = [...this.sheet().cells.keys()].map((k) => k.split(",").map(Number) as [number, number]);
      return { top: Math.min(...keys.map((k) => k[0])), left: Math.min(...keys.map((k) => k[1])), bottom: Math.max(...keys.map((k) => k[0])), right: Math.max(...keys.map((k) => k[1])) };
    }
    if (!/^\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/.test(this.addressSpec)) fail("InvalidArgument", `bad address ${this.addressSpec}`);
    return parseRange(this.addressSpec);
  }
  protected override resolve(): void {
    const s = this.sheet();
    if (this.addressSpec === "used" && s.cells.size === 0) {
      this.nullAtLoad = true;
      return;
    }
    const b = this.bounds();
    const values: unknown[][] = [];
    const types: string[][] = [];
    const formulas: unknown[][] = [];
    for (let r = b.top; r <= b.bottom; r++) {
      const vr: unknown[] = [], tr: string[] = [], fr: unknown[] = [];
      for (let c = b.left; c <= b.right; c++) {
        const cell = s.cells.get(`${r},${c}`);
        const v = cell?.value ?? "";
        vr.push(v);
        tr.push(cell?.error ? "Error" : v === "" ? "Empty" : typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String");
        fr.push(cell?.formula ?? v);
      }
      values.push(vr);
      types.push(tr);
      formulas.push(fr);
    }
    this.view = { address: `${s.name}!${rangeA1(b)}`, values, types, formulas };
    const sent: Record<string, unknown> = { values, valueTypes: types, formulas, address: this.view.address };
    for (const p of new Set(this.props)) this.fake.loading += new TextEncoder().encode(JSON.stringify(sent[p] ?? null)).length;
  }
  get isNullObject(): boolean {
    this.need("isNullObject");
    return this.nullAtLoad;
  }
  get address(): string {
    this.need("address");
    return this.view!.address;
  }
  get values(): unknown[][] {
    this.need("values");
    return this.view!.values;
  }
  set values(data: unknown[][]) {
    this.put("range.values", data);
  }
  get valueTypes(): string[][] {
    this.need("valueTypes");
    return this.view!.types;
  }
  get formulas(): unknown[][] {
    this.need("formulas");
    return this.view!.formulas;
  }
  set formulas(data: unknown[][]) {
    this.put("range.formulas", data);
  }
  /**
   * Both setters as Office.js applies them: null leaves a cell as it is, "" clears it, text
   * starting with =, + or - is taken as a formula, and a leading apostrophe keeps text as text.
   */
  private put(label: string, data: unknown[][]): void {
    this.fake.enqueue(label, { a: this.addressSpec, data }, () => {
      const b = this.bounds();
      checkShape(data, b);
      data.forEach((row, r) => row.forEach((v, c) => {
        const key = `${b.top + r},${b.left + c}`;
        if (v === null) return;
        if (v === "") this.sheet().cells.delete(key);
        else if (typeof v === "string" && /^[=+-]/.test(v)) this.sheet().cells.set(key, { value: null, formula: v.startsWith("=") ? v : `=${v}` });
        else this.sheet().cells.set(key, { value: typeof v === "string" && v.startsWith("'") ? v.slice(1) : (v as Cell["value"]) });
      }));
    });
  }
  set numberFormat(data: string[][]) {
    this.fake.enqueue("range.numberFormat", { a: this.addressSpec, data }, () => {
      const b = this.bounds();
      checkShape(data, b);
      data.forEach((row, r) => row.forEach((f, c) => {
        const key = `${b.top + r},${b.left + c}`;
        const cell = this.sheet().cells.get(key);
        if (cell) cell.numberFormat = f;
        else this.sheet().formats.set(key, f);
      }));
    });
  }
  /**
   * Range.copyFrom as Excel pastes: a source that fits a whole number of times into the
   * destination is repeated, and copied formulas have their relative references moved.
   */
  copyFrom(source: FakeRange, copyType: "Formulas" | "Formats" = "Formulas"): void {
    this.fake.enqueue("range.copyFrom", { a: this.addressSpec, from: source.addressSpec, copyType }, () => {
      const d = this.bounds();
      const src = source.bounds();
      const h = src.bottom - src.top + 1;
      const w = src.right - src.left + 1;
      if ((d.bottom - d.top + 1) % h !== 0 || (d.right - d.left + 1) % w !== 0) fail("InvalidArgument", "destination is not a multiple of the source");
      const from = source.sheet();
      const to = this.sheet();
      for (let r = d.top; r <= d.bottom; r++) {
        for (let c = d.left; c <= d.right; c++) {
          const sr = src.top + ((r - d.top) % h);
          const sc = src.left + ((c - d.left) % w);
          const cell = from.cells.get(`${sr},${sc}`);
          const key = `${r},${c}`;
          if (copyType === "Formats") {
            const fmt = cell?.numberFormat ?? from.formats.get(`${sr},${sc}`);
            if (fmt === undefined) continue;
            const target = to.cells.get(key);
            if (target) target.numberFormat = fmt;
            else to.formats.set(key, fmt);
            continue;
          }
          if (!cell) {
            to.cells.delete(key);
            continue;
          }
          const formula = cell.formula ? shiftFormula(cell.formula.slice(1), r - sr, c - sc) : null;
          if (cell.formula && formula === null) fail("InvalidReference", `cannot move ${cell.formula} to ${key}`);
          const fmt = to.cells.get(key)?.numberFormat ?? to.formats.get(key);
          to.cells.set(key, formula !== null ? { value: null, formula: `=${formula}`, numberFormat: fmt } : { value: cell.value, numberFormat: fmt });
        }
      }
    });
  }
  get format(): Record<string, unknown> {
    return recorder(this.fake, `range(${this.addressSpec}).format`, (k, v) => {
      this.bounds();
      this.sheet().props[`format:${this.addressSpec}:${k}`] = v;
    }, {
      borders: { getItem: (edge: string) => recorder(this.fake, `border.${edge}`, (k, v) => (this.sheet().props[`border:${this.addressSpec}:${edge}.${k}`] = v)) },
    });
  }
  get dataValidation(): Record<string, unknown> {
    return recorder(this.fake, `range(${this.addressSpec}).dataValidation`, (k, v) => (this.sheet().props[`validation:${this.addressSpec}:${k}`] = v), {
      clear: () => this.fake.enqueue("dataValidation.clear", this.addressSpec, () => this.bounds()),
    });
  }
  merge(_across?: boolean): void {
    this.fake.enqueue("range.merge", this.addressSpec, () => {
      this.bounds();
      this.sheet().merges.push(this.addressSpec!);
    });
  }
  /** Error cells (the only special cells the adapter asks for): constants or formula results. */
  getSpecialCellsOrNullObject(cellType: "Constants" | "Formulas", valueType: "Errors"): FakeAreas {
    if (valueType !== "Errors") fail("NotImplemented", "only error cells are modelled");
    return fakeAreas(this.fake, () => {
      const s = this.sheet();
      return [...s.cells.entries()]
        .filter(([, c]) => c.error !== undefined && (cellType === "Formulas") === (c.formula !== undefined))
        .map(([k]) => { const [r, c] = k.split(",").map(Number) as [number, number]; return `${s.name}!${rangeA1({ top: r, left: c, bottom: r, right: c })}`; });
    });
  }
  getMergedAreasOrNullObject(): FakeAreas {
    return fakeAreas(this.fake, () => this.sheet().merges.map((m) => `${this.sheet().name}!${m}`));
  }
}

type FakeAreas = { load: (p?: string) => unknown; readonly isNullObject: boolean; readonly address: string };

/** A RangeAreas "OrNullObject": its addresses are computed at the sync that loads them, and counted in the response. */
function fakeAreas(fake: FakeExcel, addresses: () => string[]): FakeAreas {
  let loaded: string[] | null = null;
  return {
    load() {
      fake.onLoad(() => {
        loaded = addresses();
        fake.loading += loaded.join(",").length;
      });
      return this;
    },
    get isNullObject() {
      if (!loaded) throw new OfficeError("PropertyNotLoaded", "isNullObject");
      return loaded.length === 0;
    },
    get address() {
      if (!loaded) throw new OfficeError("PropertyNotLoaded", "address");
      return loaded.join(",");
    },
  };
}

function checkShape(data: unknown[][], b: { top: number; left: number; bottom: number; right: number }): void {
  if (data.length !== b.bottom - b.top + 1 || data.some((row) => row.length !== b.right - b.left + 1)) {
    fail("InvalidArgument", "the array does not match the size of the range");
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

export { columnLetters };
