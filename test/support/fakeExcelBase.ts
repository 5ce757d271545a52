/// <reference types="office-js" />
/** The pieces of the recording Excel fake (fakeExcel.ts) that its worksheet and range classes share. */

export interface Cell {
  value: string | number | boolean | null;
  /** "=…" as Excel reports it; sheet names inside always name the sheets they are bound to. */
  formula?: string;
  error?: string;
  numberFormat?: string;
}

/** A data validation rule on a rectangle; a list source "=…" is a formula like any other. */
export interface FakeValidation {
  address: string;
  rule: Record<string, unknown>;
  prompt?: unknown;
  errorAlert?: unknown;
}

export interface FakeSheet {
  id: number;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<string, Cell>;
  /** Number formats of cells that have no content yet (a later write keeps them). */
  formats: Map<string, string>;
  merges: string[];
  validations: FakeValidation[];
  /** Sheet settings and range formats by "format:<address>:<key>" (tab colour, freeze, print, protect, …). */
  props: Record<string, unknown>;
}

export class OfficeError extends Error {
  constructor(public code: string, message: string) {
    super(message);
  }
}

export function fail(code: string, message: string): never {
  throw new OfficeError(code, message);
}

/** What the worksheet and range classes need of the workbook fake. */
export interface FakeHost {
  loading: number;
  enqueue(label: string, args: unknown, apply: () => void): void;
  onLoad(f: () => void): void;
  sheet(name: string): FakeSheet | undefined;
  /** Bind a formula written now: references to sheets that do not exist become #REF!. */
  bind(formula: string): string;
  /** Throws AccessDenied when the sheet is protected (Excel refuses to change locked cells). */
  writable(sheet: FakeSheet): void;
  /** Whether a cell shows an error: a stored error, or a formula with a broken reference. */
  isError(cell: Cell): boolean;
  /** Paste formulas without moving their relative references (see FakeExcel.brokenFill). */
  readonly brokenFill: boolean;
}

export class Loadable {
  private loaded = false;
  /** Objects that arrive inside a loaded collection are loaded with it. */
  markLoaded(): this {
    this.loaded = true;
    this.resolve();
    return this;
  }
  constructor(protected fake: FakeHost) {}
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

/** An object whose property sets (at any depth) are queued operations. */
export function recorder(fake: FakeHost, path: string, store: (key: string, value: unknown) => void, methods: Record<string, unknown> = {}): Record<string, unknown> {
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
