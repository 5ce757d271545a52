/**
 * A fake of the WPS 表格 (ET) object model — the slice src/adapters/wps uses, typed from Kingsoft's
 * et-jsapi-declare through src/adapters/wps/et.ts. It behaves like ET (and Excel's object model,
 * which ET follows) where it matters for correctness and cost:
 *  - synchronous: every property read or write and every method call is one call, counted (by
 *    member in `byMember`), and takes effect at once; a call can be made to fail (failOn);
 *  - Value2 and Formula give a scalar for one cell and rows of columns for more, and take either;
 *    text written is taken as typing ("00123" → 123, "=…" a formula, "'…" text);
 *  - SpecialCells throws when no cell matches, as ET and Excel do;
 *  - references bind to sheets: renaming a sheet rewrites the formulas and validation lists that
 *    point at it, deleting it turns them into #REF!, a reference to a missing sheet stays broken;
 *  - deleting a sheet while DisplayAlerts is on fails (WPS would stop on its confirmation prompt);
 *    activating a hidden sheet fails; adding a sheet activates it; freezing panes acts on the
 *    active sheet's window; a protected sheet refuses changes to its cells.
 * Formulas are stored, not calculated: a formula cell's Value2 is empty, or #REF! when broken.
 * Ranges: fakeEtRange.ts; cells and typing: fakeEtModel.ts.
 */
import type { EtApplication, EtWindow, EtWorkbook, EtWorksheet, EtWorksheets } from "../../src/adapters/wps/et";
import type { CellValue, WorkbookSnapshot } from "../../src/workbook/snapshot";
import { parseA1 } from "../../src/workbook/address";
import { key, type EtCell, type EtSheetModel } from "./fakeEtModel";
import { rewriteSheetRefs } from "./fakeEtRefs";
import { FakeEtRange } from "./fakeEtRange";

export class FakeEt {
  sheets: EtSheetModel[] = [];
  calls = 0;
  readonly byMember = new Map<string, number>();
  active: EtSheetModel | null = null;
  screenUpdating = true;
  enableEvents = true;
  displayAlerts = true;
  /** xlCalculationAutomatic. */
  calculation = -4105;
  /** Worksheet.Calculate and Application.Calculate/CalculateFull calls, by sheet name or "(application)". */
  calculated: string[] = [];
  /** Longest address Range() takes (Excel: 255 characters); null: no limit. */
  addressLimit: number | null = null;
  /** The last Range.Select: sheet and address. */
  sheetSelection: { sheet: string; address: string } | null = null;
  private nextId = 1;
  private failure: { member: string; left: number; message: string } | null = null;
  readonly app: EtApplication;

  constructor() {
    this.app = new FakeEtApplication(this);
  }

  static from(snapshot: WorkbookSnapshot): FakeEt {
    const fake = new FakeEt();
    for (const s of snapshot.sheets) {
      const sheet = fake.addSheetModel(s.name);
      sheet.visible = s.state === "hidden" ? 0 : s.state === "veryHidden" ? 2 : -1;
      s.rows.forEach((row, r) => row.forEach((v, c) => v !== null && sheet.cells.set(key(r, c), fromSnapshot(v))));
      for (const [at, f] of Object.entries(s.formulas)) {
        const { row, col } = parseA1(at);
        sheet.cells.set(key(row, col), { ...(sheet.cells.get(key(row, col)) ?? { value: null }), value: null, formula: `=${f}` });
      }
      sheet.merges = s.merges.map((m) => ({ ...parseMerge(m) }));
    }
    fake.rebind((name) => (fake.sheet(name) ? name : null));
    fake.active = fake.sheets.find((s) => s.visible === -1) ?? null;
    return fake;
  }

  /** Make the n-th call of `member` ("Range.Copy", "Worksheet.Delete", …) from now on throw. */
  failOn(member: string, nth = 1, message = `injected failure at ${member}`): void {
    this.failure = { member, left: nth, message };
  }

  /** One call into ET. */
  call(member: string): void {
    this.calls++;
    this.byMember.set(member, (this.byMember.get(member) ?? 0) + 1);
    if (this.failure?.member === member && --this.failure.left === 0) {
      const message = this.failure.message;
      this.failure = null;
      throw new Error(message);
    }
  }

  /** Calls so far whose member starts with one of these prefixes. */
  callsOf(...prefixes: string[]): number {
    let n = 0;
    for (const [m, c] of this.byMember) if (prefixes.some((p) => m.startsWith(p))) n += c;
    return n;
  }

  addSheetModel(name: string): EtSheetModel {
    const sheet: EtSheetModel = { id: this.nextId++, name, visible: -1, cells: new Map(), merges: [], validations: [], formats: [], props: {}, protected: false };
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): EtSheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** A formula as ET keeps it once written: references to sheets that do not exist are broken. */
  bind(formula: string): string {
    return rewriteSheetRefs(formula, (name) => this.sheet(name)?.name ?? null);
  }

  /** Rewrite every formula and validation formula (`map`: a referenced sheet's name now, or null). */
  rebind(map: (name: string) => string | null, only?: string): void {
    // Only formulas that can name the sheet in question are parsed (speed: a 3,000-unit workbook has 300,000).
    const rewrite = (f: string | undefined) => (f && f.includes("!") && (only === undefined || f.includes(only)) ? rewriteSheetRefs(f, map) : f);
    for (const s of this.sheets) {
      for (const cell of s.cells.values()) if (cell.formula) cell.formula = rewrite(cell.formula)!;
      for (const v of s.validations) {
        if (v.formula1?.startsWith("=")) v.formula1 = rewrite(v.formula1);
        if (v.formula2?.startsWith("=")) v.formula2 = rewrite(v.formula2);
      }
    }
  }

  deleteSheet(sheet: EtSheetModel): void {
    if (this.displayAlerts) throw new Error("WPS asks to confirm deleting a sheet: the call waits on a prompt (DisplayAlerts is on)");
    if (this.sheets.filter((s) => s.visible === -1 && s !== sheet).length === 0) throw new Error("a workbook must keep one visible sheet");
    this.sheets = this.sheets.filter((s) => s !== sheet);
    this.rebind((name) => (name.toLowerCase() === sheet.name.toLowerCase() ? null : name), sheet.name);
    if (this.active === sheet) this.active = this.sheets.find((s) => s.visible === -1) ?? null;
  }

  renameSheet(sheet: EtSheetModel, name: string): void {
    if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name)) throw new Error(`not a sheet name: ${name}`);
    if (this.sheets.some((s) => s !== sheet && s.name.toLowerCase() === name.toLowerCase())) throw new Error(`a sheet named ${name} exists`);
    const old = sheet.name;
    sheet.name = name;
    this.rebind((n) => (n.toLowerCase() === old.toLowerCase() ? name : n), old);
  }

  writable(sheet: EtSheetModel): void {
    if (sheet.protected) throw new Error(`sheet ${sheet.name} is protected`);
  }

  /** Type a formula into a cell as a user would (no call counted). */
  typeFormula(sheet: string, address: string, formula: string): void {
    const { row, col } = parseA1(address);
    this.sheet(sheet)!.cells.set(key(row, col), { value: null, formula: this.bind(`=${formula}`) });
  }

  /** Every formula and validation formula in the workbook, as ET would show it now. */
  references(): { sheet: string; at: string; text: string }[] {
    const out: { sheet: string; at: string; text: string }[] = [];
    for (const s of this.sheets) {
      for (const [at, cell] of s.cells) if (cell.formula) out.push({ sheet: s.name, at, text: cell.formula });
      for (const v of s.validations) if (v.formula1?.startsWith("=")) out.push({ sheet: s.name, at: "validation", text: v.formula1 });
    }
    return out;
  }

  /** A sheet's cells as a dense grid: literal values, "=formula", or the error text. */
  grid(name: string): (string | number | boolean | null)[][] {
    const grid: (string | number | boolean | null)[][] = [];
    for (const [at, cell] of this.sheet(name)?.cells ?? []) {
      const [r, c] = at.split(",").map(Number) as [number, number];
      (grid[r] ??= [])[c] = cell.formula ?? cell.error ?? cell.value;
    }
    return Array.from(grid, (row) => Array.from(row ?? [], (v) => v ?? null));
  }
}

function fromSnapshot(v: Exclude<CellValue, null>): EtCell {
  if (typeof v === "object") return "error" in v ? { value: null, error: v.error } : { value: (Date.parse(`${v.date.slice(0, 10)}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000 };
  return { value: v };
}

function parseMerge(m: string) {
  const [a, b] = m.split(":");
  const p = parseA1(a!);
  const q = parseA1(b ?? a!);
  return { top: p.row, left: p.col, bottom: q.row, right: q.col };
}

class FakeEtApplication implements EtApplication {
  constructor(private readonly et: FakeEt) {}
  get ScreenUpdating() { this.et.call("Application.ScreenUpdating"); return this.et.screenUpdating; }
  set ScreenUpdating(v: boolean) { this.et.call("Application.ScreenUpdating="); this.et.screenUpdating = v; }
  get EnableEvents() { this.et.call("Application.EnableEvents"); return this.et.enableEvents; }
  set EnableEvents(v: boolean) { this.et.call("Application.EnableEvents="); this.et.enableEvents = v; }
  get DisplayAlerts() { this.et.call("Application.DisplayAlerts"); return this.et.displayAlerts; }
  set DisplayAlerts(v: boolean) { this.et.call("Application.DisplayAlerts="); this.et.displayAlerts = v; }
  get Calculation() { this.et.call("Application.Calculation"); return this.et.calculation; }
  set Calculation(v: number) { this.et.call("Application.Calculation="); this.et.calculation = v; }
  Calculate(): void { this.et.call("Application.Calculate"); this.et.calculated.push("(application)"); }
  CalculateFull(): void { this.et.call("Application.CalculateFull"); this.et.calculated.push("(application)"); }
  get ActiveWorkbook(): EtWorkbook { this.et.call("Application.ActiveWorkbook"); return new FakeEtWorkbook(this.et); }
  get ActiveWindow(): EtWindow { this.et.call("Application.ActiveWindow"); return new FakeEtWindow(this.et); }
}

class FakeEtWorkbook implements EtWorkbook {
  constructor(private readonly et: FakeEt) {}
  get Name() { this.et.call("Workbook.Name"); return "评价.xlsx"; }
  get Worksheets(): EtWorksheets { this.et.call("Workbook.Worksheets"); return new FakeEtWorksheets(this.et); }
  get ActiveSheet(): EtWorksheet {
    this.et.call("Workbook.ActiveSheet");
    if (!this.et.active) throw new Error("no active sheet");
    return new FakeEtWorksheet(this.et, this.et.active);
  }
}

class FakeEtWorksheets implements EtWorksheets {
  constructor(private readonly et: FakeEt) {}
  get Count() { this.et.call("Worksheets.Count"); return this.et.sheets.length; }
  Item(index: number | string): EtWorksheet {
    this.et.call("Worksheets.Item");
    const s = typeof index === "number" ? this.et.sheets[index - 1] : this.et.sheet(index);
    if (!s) throw new Error(`no sheet ${index}`);
    return new FakeEtWorksheet(this.et, s);
  }
  Add(before?: EtWorksheet, after?: EtWorksheet): EtWorksheet {
    this.et.call("Worksheets.Add");
    let n = this.et.sheets.length + 1;
    while (this.et.sheet(`Sheet${n}`)) n++;
    const s = this.et.addSheetModel(`Sheet${n}`);
    this.et.sheets.pop();
    const anchor = (before ?? after) as FakeEtWorksheet | undefined;
    const at = anchor ? this.et.sheets.indexOf(anchor.model) + (after ? 1 : 0) : 0;
    this.et.sheets.splice(at, 0, s);
    this.et.active = s;
    return new FakeEtWorksheet(this.et, s);
  }
}

export class FakeEtWorksheet implements EtWorksheet {
  constructor(readonly et: FakeEt, readonly model: EtSheetModel) {}
  private live(member: string): EtSheetModel {
    this.et.call(`Worksheet.${member}`);
    if (!this.et.sheets.includes(this.model)) throw new Error("the sheet was deleted");
    return this.model;
  }
  get Name() { return this.live("Name").name; }
  set Name(v: string) { this.et.renameSheet(this.live("Name="), v); }
  get Index() { return this.et.sheets.indexOf(this.live("Index")) + 1; }
  get Visible() { return this.live("Visible").visible; }
  set Visible(v: number) {
    const s = this.live("Visible=");
    if (v !== -1 && this.et.sheets.filter((x) => x.visible === -1 && x !== s).length === 0) throw new Error("cannot hide the last visible sheet");
    s.visible = v;
    if (v !== -1 && this.et.active === s) this.et.active = this.et.sheets.find((x) => x.visible === -1) ?? null;
  }
  get ProtectContents() { return this.live("ProtectContents").protected; }
  Delete(): void { this.et.deleteSheet(this.live("Delete")); }
  Activate(): void {
    const s = this.live("Activate");
    if (s.visible !== -1) throw new Error(`cannot activate the hidden sheet ${s.name}`);
    this.et.active = s;
  }
  Calculate(): void { this.et.calculated.push(this.live("Calculate").name); }
  Unprotect(): void { this.live("Unprotect").protected = false; }
  Protect(...options: unknown[]): void { const s = this.live("Protect"); s.protected = true; s.props["protect"] = options; }
  ResetAllPageBreaks(): void { delete this.live("ResetAllPageBreaks").props["breaks"]; }
  Move(before?: EtWorksheet, after?: EtWorksheet): void {
    const s = this.live("Move");
    const anchor = ((before ?? after) as FakeEtWorksheet).model;
    if (anchor === s) return;
    const rest = this.et.sheets.filter((x) => x !== s);
    rest.splice(rest.indexOf(anchor) + (after ? 1 : 0), 0, s);
    this.et.sheets = rest;
  }
  get UsedRange() { this.live("UsedRange"); return FakeEtRange.used(this.et, this.model); }
  get Cells() { this.live("Cells"); return new FakeEtRange(this.et, this.model, { top: 0, left: 0, bottom: 1_048_575, right: 16_383 }); }
  get Columns() { this.live("Columns"); return new FakeEtRange(this.et, this.model, { top: 0, left: 0, bottom: 1_048_575, right: 16_383 }, "columns"); }
  get Rows() { this.live("Rows"); return new FakeEtRange(this.et, this.model, { top: 0, left: 0, bottom: 1_048_575, right: 16_383 }, "rows"); }
  Range(address: string) { this.live("Range"); return FakeEtRange.at(this.et, this.model, address); }
  get PageSetup() {
    const s = this.live("PageSetup");
    return recorder(this.et, "PageSetup", s.props) as unknown as EtWorksheet["PageSetup"];
  }
  get Tab() { return recorder(this.et, "Tab", this.live("Tab").props) as unknown as EtWorksheet["Tab"]; }
  get HPageBreaks() {
    const s = this.live("HPageBreaks");
    return { Add: (before: FakeEtRange) => { this.et.call("HPageBreaks.Add"); ((s.props["breaks"] ??= []) as number[]).push(before.bounds.top); } } as unknown as EtWorksheet["HPageBreaks"];
  }
}

class FakeEtWindow implements EtWindow {
  constructor(private readonly et: FakeEt) {}
  private pane(member: string): Record<string, unknown> {
    this.et.call(`Window.${member}`);
    if (!this.et.active) throw new Error("no active sheet");
    return ((this.et.active.props["window"] ??= { SplitRow: 0, SplitColumn: 0, FreezePanes: false, ScrollRow: 1, ScrollColumn: 1 }) as Record<string, unknown>);
  }
  get FreezePanes() { return this.pane("FreezePanes").FreezePanes as boolean; }
  set FreezePanes(v: boolean) {
    const p = this.pane("FreezePanes=");
    p.FreezePanes = v;
    this.et.active!.props["freeze"] = v ? { rows: p.SplitRow, cols: p.SplitColumn } : undefined;
  }
  get SplitRow() { return this.pane("SplitRow").SplitRow as number; }
  set SplitRow(v: number) { this.pane("SplitRow=").SplitRow = v; }
  get SplitColumn() { return this.pane("SplitColumn").SplitColumn as number; }
  set SplitColumn(v: number) { this.pane("SplitColumn=").SplitColumn = v; }
  get ScrollRow() { return this.pane("ScrollRow").ScrollRow as number; }
  set ScrollRow(v: number) { this.pane("ScrollRow=").ScrollRow = v; }
  get Hwnd() { this.et.call("Window.Hwnd"); return 4242; }
  get ScrollColumn() { return this.pane("ScrollColumn").ScrollColumn as number; }
  set ScrollColumn(v: number) { this.pane("ScrollColumn=").ScrollColumn = v; }
}

/** An object whose property writes are calls recorded in `props` under "<path>.<name>". */
function recorder(et: FakeEt, path: string, props: Record<string, unknown>): Record<string, unknown> {
  return new Proxy({}, {
    get: (_t, p: string) => { et.call(`${path}.${p}`); return props[`${path}.${p}`]; },
    set: (_t, p: string, v) => { et.call(`${path}.${p}=`); props[`${path}.${p}`] = v; return true; },
  });
}
