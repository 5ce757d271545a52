/// <reference types="office-js" />
/**
 * Excel.Range of the recording fake (see fakeExcel.ts): queued writes, loads resolved at sync, and
 * the behaviours of Excel the adapter depends on —
 *  - values/formulas setters parse text like typed input ("00123" → 123, "TRUE" → true, "#N/A" → an
 *    error, "2024-03-01" → a date serial) unless the cell's number format is "@" or the text starts
 *    with an apostrophe; text starting with = + - is a formula;
 *  - copyFrom pastes as Excel does: a source that fits a whole number of times is repeated, relative
 *    references move; "All" also brings number formats, formats, validation and merges, and replaces
 *    those of the destination; a merged area cut by the destination fails;
 *  - getMergedAreasOrNullObject fails for more than 512 merged areas (documented limit);
 *  - changing cells of a protected sheet fails with AccessDenied.
 */
import { parseRange, rangeA1, type CellRange } from "../../src/workbook/address";
import { shiftFormula } from "../../src/workbook/formulaRefs";
import { Loadable, fail, recorder, type Cell, type FakeHost, type FakeSheet, type FakeValidation } from "./fakeExcelBase";

const ERROR_LITERALS = new Set(["#N/A", "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#SPILL!", "#CALC!"]);
const MAX_MERGED_AREAS = 512;

function intersects(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

function inside(a: CellRange, b: CellRange): boolean {
  return a.top >= b.top && a.bottom <= b.bottom && a.left >= b.left && a.right <= b.right;
}

function moved(address: string, rows: number, cols: number): string {
  const r = parseRange(address);
  return rangeA1({ top: r.top + rows, left: r.left + cols, bottom: r.bottom + rows, right: r.right + cols });
}

/** Days since 1899-12-30: Excel's serial number of a date (1900 date system). */
function serial(y: number, m: number, d: number): number {
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** A string as Excel stores it when it arrives through Range.values/formulas (typed-input parsing). */
function typed(v: string, format: string | undefined): Cell {
  if (v.startsWith("'")) return { value: v.slice(1) };
  if (format === "@") return { value: v };
  const t = v.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/.test(t)) return { value: t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t) };
  if (/^[=+-]/.test(v)) return { value: null, formula: v.startsWith("=") ? v : `=${v}` };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === "true" };
  if (ERROR_LITERALS.has(t.toUpperCase())) return { value: t.toUpperCase(), error: t.toUpperCase() };
  const date = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (date) return { value: serial(Number(date[1]), Number(date[2]), Number(date[3])), numberFormat: "yyyy/m/d" };
  return { value: v };
}

export class FakeRange extends Loadable {
  private view: { address: string; values: unknown[][]; formulas: unknown[][]; numberFormat: unknown[][] } | null = null;
  private nullAtLoad = false;
  private props: string[] = [];
  constructor(fake: FakeHost, readonly sheet: () => FakeSheet, readonly addressSpec: string | null, private readonly valuesOnly = true) {
    super(fake);
  }
  override load(props?: string): this {
    this.props.push(...(props ?? "").split(",").map((p) => p.trim()));
    return super.load(props);
  }
  bounds(): CellRange {
    if (this.addressSpec === null) return { top: 0, left: 0, bottom: 1048575, right: 16383 };
    if (this.addressSpec === "used") {
      const s = this.sheet();
      // Loops, not Math.min(...): a 3,000-unit sheet has more cells than a call has arguments.
      const b = { top: Infinity, left: Infinity, bottom: -Infinity, right: -Infinity };
      const add = (r: CellRange) => {
        b.top = Math.min(b.top, r.top);
        b.left = Math.min(b.left, r.left);
        b.bottom = Math.max(b.bottom, r.bottom);
        b.right = Math.max(b.right, r.right);
      };
      for (const k of this.valuesOnly ? s.cells.keys() : [...s.cells.keys(), ...s.formats.keys()]) {
        const [r, c] = k.split(",").map(Number) as [number, number];
        add({ top: r, left: c, bottom: r, right: c });
      }
      if (!this.valuesOnly) [...s.merges, ...s.validations.map((v) => v.address)].forEach((a) => add(parseRange(a)));
      return b;
    }
    if (!/^\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/.test(this.addressSpec)) fail("InvalidArgument", `bad address ${this.addressSpec}`);
    return parseRange(this.addressSpec);
  }
  private isEmptyUsed(): boolean {
    const s = this.sheet();
    return s.cells.size === 0 && (this.valuesOnly || (s.formats.size === 0 && s.merges.length === 0 && s.validations.length === 0));
  }
  protected override resolve(): void {
    const s = this.sheet();
    if (this.addressSpec === "used" && this.isEmptyUsed()) {
      this.nullAtLoad = true;
      return;
    }
    const b = this.bounds();
    const values: unknown[][] = [];
    const formulas: unknown[][] = [];
    const numberFormat: unknown[][] = [];
    for (let r = b.top; r <= b.bottom; r++) {
      const vr: unknown[] = [], fr: unknown[] = [], nr: unknown[] = [];
      for (let c = b.left; c <= b.right; c++) {
        const cell = s.cells.get(`${r},${c}`);
        const v = cell && this.fake.isError(cell) ? (cell.error ?? "#REF!") : (cell?.value ?? "");
        vr.push(v);
        fr.push(cell?.formula ?? v);
        nr.push(cell?.numberFormat ?? s.formats.get(`${r},${c}`) ?? "General");
      }
      values.push(vr);
      formulas.push(fr);
      numberFormat.push(nr);
    }
    this.view = { address: `${s.name}!${rangeA1(b)}`, values, formulas, numberFormat };
    const sent: Record<string, unknown> = { ...this.view };
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
  get formulas(): unknown[][] {
    this.need("formulas");
    return this.view!.formulas;
  }
  set formulas(data: unknown[][]) {
    this.put("range.formulas", data);
  }
  get numberFormat(): unknown[][] {
    this.need("numberFormat");
    return this.view!.numberFormat;
  }
  /** Both setters as Office.js applies them: null leaves a cell as it is, "" clears it, text is parsed as typed. */
  private put(label: string, data: unknown[][]): void {
    this.fake.enqueue(label, { a: this.addressSpec, data }, () => {
      const b = this.bounds();
      const s = this.sheet();
      this.fake.writable(s);
      checkShape(data, b);
      data.forEach((row, r) => row.forEach((v, c) => {
        const key = `${b.top + r},${b.left + c}`;
        if (v === null) return;
        if (v === "") return void s.cells.delete(key);
        const format = s.cells.get(key)?.numberFormat ?? s.formats.get(key);
        const cell: Cell = typeof v === "string" ? typed(v, format) : { value: v as Cell["value"] };
        if (cell.formula) cell.formula = `=${this.fake.bind(cell.formula.slice(1))}`;
        cell.numberFormat ??= format;
        s.cells.set(key, cell);
      }));
    });
  }
  set numberFormat(data: string[][]) {
    this.fake.enqueue("range.numberFormat", { a: this.addressSpec, data }, () => {
      const b = this.bounds();
      this.fake.writable(this.sheet());
      checkShape(data, b);
      data.forEach((row, r) => row.forEach((f, c) => setFormat(this.sheet(), `${b.top + r},${b.left + c}`, f)));
    });
  }
  /**
   * Range.copyFrom as Excel pastes: a source that fits a whole number of times into the
   * destination is repeated, and copied formulas have their relative references moved.
   */
  copyFrom(source: FakeRange, copyType: "Formulas" | "Formats" | "All" = "All"): void {
    this.fake.enqueue("range.copyFrom", { a: this.addressSpec, from: source.addressSpec, copyType }, () => {
      const d = this.bounds();
      const src = source.bounds();
      const h = src.bottom - src.top + 1;
      const w = src.right - src.left + 1;
      if ((d.bottom - d.top + 1) % h !== 0 || (d.right - d.left + 1) % w !== 0) fail("InvalidArgument", "destination is not a multiple of the source");
      const from = source.sheet();
      const to = this.sheet();
      this.fake.writable(to);
      if (copyType === "All") {
        if (to.merges.some((m) => intersects(parseRange(m), d) && !inside(parseRange(m), d))) fail("InvalidOperation", "cannot change part of a merged cell");
        pasteDecorations(from, src, to, d);
      }
      for (let r = d.top; r <= d.bottom; r++) {
        for (let c = d.left; c <= d.right; c++) {
          const sr = src.top + ((r - d.top) % h);
          const sc = src.left + ((c - d.left) % w);
          const cell = from.cells.get(`${sr},${sc}`);
          const key = `${r},${c}`;
          const fmt = cell?.numberFormat ?? from.formats.get(`${sr},${sc}`);
          if (copyType === "All") to.formats.delete(key);
          if (copyType !== "Formulas" && fmt !== undefined) setFormat(to, key, fmt);
          if (copyType === "Formats") continue;
          if (!cell) {
            to.cells.delete(key);
            continue;
          }
          const still = this.fake.brokenFill || (r === sr && c === sc);
          const formula = cell.formula ? (still ? cell.formula.slice(1) : shiftFormula(cell.formula.slice(1), r - sr, c - sc)) : null;
          if (cell.formula && formula === null) fail("InvalidReference", `cannot move ${cell.formula} to ${key}`);
          const keep = copyType === "All" ? fmt : (to.cells.get(key)?.numberFormat ?? to.formats.get(key));
          to.cells.set(key, { ...(formula !== null ? { value: null, formula: `=${formula}` } : { value: cell.value }), ...(cell.error && !cell.formula ? { error: cell.error } : {}), numberFormat: keep });
        }
      }
    });
  }
  get format(): Record<string, unknown> {
    return recorder(this.fake, `range(${this.addressSpec}).format`, (k, v) => {
      this.bounds();
      this.fake.writable(this.sheet());
      this.sheet().props[`format|${rangeA1(this.bounds())}|${k}`] = v;
    }, {
      borders: { getItem: (edge: string) => recorder(this.fake, `border.${edge}`, (k, v) => (this.sheet().props[`format|${rangeA1(this.bounds())}|border.${edge}.${k}`] = v)) },
    });
  }
  get dataValidation(): Record<string, unknown> {
    const upsert = (label: string, key: "rule" | "prompt" | "errorAlert", value: unknown) => this.fake.enqueue(label, { a: this.addressSpec, value }, () => {
      const b = this.bounds();
      const s = this.sheet();
      this.fake.writable(s);
      const address = rangeA1(b);
      let v = s.validations.find((x) => x.address === address);
      if (!v) s.validations.push((v = { address, rule: {} }));
      if (key !== "rule") return void (v[key] = value);
      const list = (value as { list?: { source?: string } }).list;
      // A list source "=…" is a formula: it binds to the sheet it names, as the cells' formulas do.
      v.rule = list?.source?.startsWith("=") ? { ...value as object, list: { ...list, source: `=${this.fake.bind(list.source.slice(1))}` } } : value as Record<string, unknown>;
    });
    return {
      clear: () => this.fake.enqueue("dataValidation.clear", this.addressSpec, () => {
        const b = this.bounds();
        this.fake.writable(this.sheet());
        const s = this.sheet();
        s.validations = s.validations.filter((v) => !intersects(parseRange(v.address), b));
      }),
      set rule(r: unknown) { upsert("range.dataValidation.rule", "rule", r); },
      set prompt(p: unknown) { upsert("range.dataValidation.prompt", "prompt", p); },
      set errorAlert(e: unknown) { upsert("range.dataValidation.errorAlert", "errorAlert", e); },
    };
  }
  /** Merging an area that is already merged changes nothing, as in Excel. */
  merge(_across?: boolean): void {
    this.fake.enqueue("range.merge", this.addressSpec, () => {
      const b = this.bounds();
      this.fake.writable(this.sheet());
      const address = rangeA1(b);
      if (!this.sheet().merges.includes(address)) this.sheet().merges.push(address);
    });
  }
  unmerge(): void {
    this.fake.enqueue("range.unmerge", this.addressSpec, () => {
      const b = this.bounds();
      this.fake.writable(this.sheet());
      this.sheet().merges = this.sheet().merges.filter((m) => !intersects(parseRange(m), b));
    });
  }
  /** Error cells (the only special cells the adapter asks for): constants or formula results. */
  getSpecialCellsOrNullObject(cellType: "Constants" | "Formulas", valueType: "Errors"): FakeAreas {
    if (valueType !== "Errors") fail("NotImplemented", "only error cells are modelled");
    return fakeAreas(this.fake, () => {
      const s = this.sheet();
      const b = this.bounds();
      return [...s.cells.entries()]
        .filter(([, c]) => this.fake.isError(c) && (cellType === "Formulas") === (c.formula !== undefined))
        .map(([k]) => k.split(",").map(Number) as [number, number])
        .filter(([r, c]) => r >= b.top && r <= b.bottom && c >= b.left && c <= b.right)
        .map(([r, c]) => `${s.name}!${rangeA1({ top: r, left: c, bottom: r, right: c })}`);
    });
  }
  /** The merged areas whose top-left cell is in the range (as Excel reports them); fails above 512. */
  getMergedAreasOrNullObject(): FakeAreas {
    return fakeAreas(this.fake, () => {
      const b = this.bounds();
      const areas = this.sheet().merges.filter((m) => {
        const r = parseRange(m);
        return r.top >= b.top && r.top <= b.bottom && r.left >= b.left && r.left <= b.right;
      });
      if (areas.length > MAX_MERGED_AREAS) fail("GeneralException", `${areas.length} merged areas: more than ${MAX_MERGED_AREAS}`);
      return areas.map((m) => `${this.sheet().name}!${m}`);
    });
  }
}

function setFormat(s: FakeSheet, key: string, fmt: string): void {
  const cell = s.cells.get(key);
  if (cell) cell.numberFormat = fmt;
  else s.formats.set(key, fmt);
}

function formatAddress(key: string): string | null {
  return key.startsWith("format|") ? key.split("|")[1]! : null;
}

/** Remove the formats, validations and merges that touch a rectangle (a simplification: whole entries). */
function dropDecorations(s: FakeSheet, b: CellRange): void {
  for (const key of Object.keys(s.props)) {
    const a = formatAddress(key);
    if (a && intersects(parseRange(a), b)) delete s.props[key];
  }
  s.validations = s.validations.filter((v) => !intersects(parseRange(v.address), b));
  s.merges = s.merges.filter((m) => !intersects(parseRange(m), b));
}

/** Paste "All": the destination's formats, validation and merges give way to the source's, moved. */
function pasteDecorations(from: FakeSheet, src: CellRange, to: FakeSheet, d: CellRange): void {
  const rows = d.top - src.top;
  const cols = d.left - src.left;
  const props = Object.entries(from.props).filter(([k]) => formatAddress(k) && inside(parseRange(formatAddress(k)!), src));
  const validations: FakeValidation[] = from.validations.filter((v) => inside(parseRange(v.address), src)).map((v) => {
    const source = (v.rule as { list?: { source?: string } }).list?.source;
    const movedSource = source?.startsWith("=") ? shiftFormula(source.slice(1), rows, cols) : null;
    const rule = movedSource !== null && source ? { ...v.rule, list: { ...(v.rule["list"] as object), source: `=${movedSource}` } } : v.rule;
    return { ...v, address: moved(v.address, rows, cols), rule };
  });
  const merges = from.merges.filter((m) => inside(parseRange(m), src)).map((m) => moved(m, rows, cols));
  dropDecorations(to, d);
  for (const [k, v] of props) {
    const a = formatAddress(k)!;
    to.props[k.replace(`format|${a}|`, `format|${moved(a, rows, cols)}|`)] = v;
  }
  // Not push(...): a 3,000-unit sheet copies more than the call stack takes arguments.
  for (const v of validations) to.validations.push(v);
  for (const m of merges) to.merges.push(m);
}

export type FakeAreas = { load: (p?: string) => unknown; readonly isNullObject: boolean; readonly address: string };

/** A RangeAreas "OrNullObject": its addresses are computed at the sync that loads them, and counted in the response. */
function fakeAreas(fake: FakeHost, addresses: () => string[]): FakeAreas {
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
      if (!loaded) fail("PropertyNotLoaded", "isNullObject");
      return loaded.length === 0;
    },
    get address() {
      if (!loaded) fail("PropertyNotLoaded", "address");
      return loaded.join(",");
    },
  };
}

function checkShape(data: unknown[][], b: CellRange): void {
  if (data.length !== b.bottom - b.top + 1 || data.some((row) => row.length !== b.right - b.left + 1)) {
    fail("InvalidArgument", "the array does not match the size of the range");
  }
}
