import { diagnostic, hasErrors, type Diagnostic } from "../src/diagnostics/diagnostic";
import type { Scheme } from "../src/scheme/schema";
import type { WorkbookPort } from "../src/workbook/port";
import type { WorkbookSnapshot } from "../src/workbook/snapshot";
import { readWorkbook, schemeOf, type Reading } from "../src/validate/validate";
import { aggregatePlan } from "../src/report/aggregate";
import { approvedPlan, newApproval, type Approval } from "../src/report/approval";
import { templatePlan } from "../src/layout/template";
import { dataSheet, embeddedSchemeJson } from "../src/layout/dataSheet";
import { schemeSheet } from "../src/layout/schemeSheet";
import { planCollect } from "../src/collect/collect";
import { ledgerEdits, planLedgerCollect } from "../src/collect/ledgerCollect";
import { OUTPUT_SHEETS, SHEETS } from "../src/layout/names";
import { withYear, yearProblem } from "../src/scheme/year";

/**
 * What the pane's buttons do, as plain async functions over the workbook port: the same code
 * drives Excel (Office adapter) and the standalone page (file adapter), and tests run it on either.
 * Read → compute → write; the abort signal is honoured between phases, never half-way through a write.
 */
export type Phase = "phaseRead" | "phaseValidate" | "phasePlan" | "phaseWrite";

export interface OpContext {
  readonly port: WorkbookPort;
  readonly signal?: AbortSignal;
  readonly progress?: (phase: Phase, step: number, steps: number) => void;
}

export type OpResult<T> = { ok: true; value: T; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[]; cancelled?: boolean };

class Cancelled extends Error {}

function checkpoint(ctx: OpContext, phase: Phase, step: number, steps: number): void {
  if (ctx.signal?.aborted) throw new Cancelled();
  ctx.progress?.(phase, step, steps);
}

async function guarded<T>(f: () => Promise<OpResult<T>>): Promise<OpResult<T>> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof Cancelled) return { ok: false, diagnostics: [], cancelled: true };
    throw e;
  }
}

/**
 * Read the workbook; what an aggregate writes is regenerated, so its content is never read back.
 * Merged cells matter only on the input sheets validation checks (Excel refuses to report more
 * than 512 merged areas, so the others are not asked).
 */
async function snapshot(ctx: OpContext): Promise<OpResult<WorkbookSnapshot>> {
  const r = await ctx.port.readSnapshot({ namesOnly: OUTPUT_SHEETS, skipMerges: [SHEETS.data, SHEETS.schemeView, SHEETS.approval] });
  return r.ok ? { ok: true, value: r.value, diagnostics: r.diagnostics } : { ok: false, diagnostics: r.diagnostics };
}

/** The first two phases of validate and aggregate: read everything once, then validate and evaluate. */
async function readAndValidate(ctx: OpContext, steps: number): Promise<OpResult<Reading>> {
  checkpoint(ctx, "phaseRead", 1, steps);
  const read = await snapshot(ctx);
  if (!read.ok) return read;
  checkpoint(ctx, "phaseValidate", 2, steps);
  const reading = readWorkbook(read.value);
  const diagnostics = [...read.diagnostics, ...reading.diagnostics];
  return reading.ok ? { ok: true, value: reading, diagnostics } : { ok: false, diagnostics };
}

export function validate(ctx: OpContext): Promise<OpResult<Reading>> {
  return guarded(() => readAndValidate(ctx, 2));
}

/** Validate, and with no errors (or `force`) write 汇总, 基础工作得分 and 扣分明细. */
export function aggregate(ctx: OpContext, options: { force?: boolean; approval?: Approval } = {}): Promise<OpResult<Reading>> {
  return guarded(async (): Promise<OpResult<Reading>> => {
    const checked = await readAndValidate(ctx, 4);
    if (!checked.ok || (hasErrors(checked.diagnostics) && !options.force)) return { ok: false, diagnostics: checked.diagnostics };
    const reading = checked.value;
    checkpoint(ctx, "phasePlan", 3, 4);
    const { approval } = options;
    const plan = approval ? approvedPlan(reading, approval) : aggregatePlan(reading);
    checkpoint(ctx, "phaseWrite", 4, 4);
    const written = await ctx.port.applyPlan(plan);
    if (!written.ok) return { ok: false, diagnostics: [...checked.diagnostics, ...written.diagnostics] };
    // The write's own findings (error cells after recalculation, columns rewritten) are shown too.
    if (!approval) return { ok: true, value: reading, diagnostics: [...checked.diagnostics, ...written.diagnostics] };
    // Just approved: nothing has changed since.
    return {
      ok: true,
      value: { ...reading, approval, changedSinceApproval: [] },
      diagnostics: [...checked.diagnostics.filter((d) => d.code !== "approval.changed"), ...written.diagnostics],
    };
  });
}

/** 审定: record who and when with a fingerprint of every input, and mark the summary approved. */
export async function approve(ctx: OpContext, approvedBy: string, approvedAt: string): Promise<OpResult<Reading>> {
  const read = await snapshot(ctx);
  if (!read.ok) return read;
  const scheme = schemeOf(read.value, []);
  if (!scheme) return validate(ctx);
  return aggregate(ctx, { approval: newApproval(read.value, scheme, approvedBy, approvedAt) });
}

/**
 * 生成模板: add the template's sheets that the workbook lacks; never overwrite an existing sheet.
 * `year` is the evaluation year of the sheets; a workbook that already carries a scheme keeps its
 * own year (a different one is refused: its sheets would disagree with each other).
 */
export function addTemplate(ctx: OpContext, given?: Scheme, year?: number): Promise<OpResult<string[]>> {
  return guarded(async () => {
    checkpoint(ctx, "phaseRead", 1, 2);
    const read = await snapshot(ctx);
    if (!read.ok) return read;
    const problems: Diagnostic[] = [];
    const base = given ?? schemeOf(read.value, problems);
    if (!base) return { ok: false, diagnostics: problems };
    const refused = year === undefined ? null : yearRefusal(base, year, carriesScheme(read.value));
    if (refused) return { ok: false, diagnostics: [refused] };
    const scheme = year === undefined ? base : withYear(base, year);
    const existing = new Set(read.value.sheets.map((s) => s.name));
    const sheets = templatePlan(scheme).sheets.filter((s) => !existing.has(s.name));
    if (sheets.length === 0) return { ok: true, value: [], diagnostics: [] };
    checkpoint(ctx, "phaseWrite", 2, 2);
    // Ledgers added to a workbook made before them: their dropdowns list from the hidden data sheet, which
    // then lacks those lists (only an aggregate rewrote it); rewrite it from the same scheme.
    const ledgers = [SHEETS.contacts, SHEETS.contactLog, SHEETS.researchLog] as string[];
    const refresh = existing.has(SHEETS.data) && sheets.some((s) => ledgers.includes(s.name)) ? [dataSheet(scheme)] : [];
    const written = await ctx.port.applyPlan({ sheets: [...sheets, ...refresh], placement: "last" });
    return written.ok ? { ok: true, value: sheets.map((s) => s.name), diagnostics: [] } : { ok: false, diagnostics: written.diagnostics };
  });
}

/** Does the workbook carry its own scheme (hidden data sheet), rather than falling back to the built-in? */
export function carriesScheme(wb: WorkbookSnapshot): boolean {
  return embeddedSchemeJson(wb.sheets.find((s) => s.name === SHEETS.data)) !== null;
}

function yearRefusal(scheme: Scheme, year: number, carried: boolean): Diagnostic | null {
  const problem = yearProblem(scheme, year);
  if (problem) return diagnostic("error", "template.year", problem);
  if (!carried || scheme.year === year) return null;
  return diagnostic("error", "template.otherYear", {
    zh: `此工作簿是 ${scheme.year} 年度的（评价方案保存在工作簿中），不能在其中生成 ${year} 年度的表。请把年度改回 ${scheme.year}，或新建一个空白工作簿再生成 ${year} 年度的模板。`,
    en: `This workbook is for ${scheme.year} (its scheme is stored in it); sheets for ${year} cannot be added to it. Set the year back to ${scheme.year}, or start a blank workbook for ${year}.`,
  });
}

export interface DepartmentFileSnapshot {
  readonly name: string;
  readonly snapshot: WorkbookSnapshot;
}

/** 导入部室表: copy the departments' separately filled sheets into this workbook's input cells. */
export function importDepartments(ctx: OpContext, files: readonly DepartmentFileSnapshot[]): Promise<OpResult<{ imported: string[]; missing: string[] }>> {
  return guarded(async () => {
    checkpoint(ctx, "phaseRead", 1, 2);
    const read = await snapshot(ctx);
    if (!read.ok) return read;
    const problems: Diagnostic[] = [];
    const scheme = schemeOf(read.value, problems);
    if (!scheme) return { ok: false, diagnostics: problems };
    const departments = planCollect(scheme, read.value, files);
    // The ledgers are appended row by row, as the CLI's collect does.
    const ledgers = planLedgerCollect(scheme, read.value, files);
    const plan = { ...departments, diagnostics: [...departments.diagnostics, ...ledgers.diagnostics] };
    if (hasErrors(plan.diagnostics)) return { ok: false, diagnostics: [...plan.diagnostics] };
    const departmentEdits = plan.copies.flatMap((copy) => {
      const from = files[copy.fileIndex]!.snapshot.sheets.find((s) => s.name === copy.fromSheet)!;
      return copy.cells.map((c) => {
        const v = from.rows[c.from.row]?.[c.from.col] ?? null;
        const value = v !== null && typeof v === "object" ? ("error" in v ? v.error : v.date) : v;
        return { sheet: copy.toSheet, row: c.to.row, col: c.to.col, value };
      });
    });
    const edits = [...departmentEdits, ...ledgerEdits(ledgers, files)];
    checkpoint(ctx, "phaseWrite", 2, 2);
    if (edits.length) {
      const written = await ctx.port.writeCells(edits);
      if (!written.ok) return { ok: false, diagnostics: written.diagnostics };
    }
    const appended = ledgers.appended.map((a) => `${a.sheet}（${a.file}，${a.rows} 行）`);
    return { ok: true, value: { imported: [...plan.copies.map((c) => c.department), ...appended], missing: [...plan.missing] }, diagnostics: [...plan.diagnostics] };
  });
}

/**
 * 导入部室表 from the files' bytes: each is opened by the file adapter (exceljs, imported on first use,
 * so that in the compute worker the page never loads it), then imported as above.
 */
export async function importFiles(ctx: OpContext, files: readonly { name: string; bytes: Uint8Array }[]): Promise<OpResult<{ imported: string[]; missing: string[] }>> {
  const { openXlsx } = await import("../src/adapters/xlsx/openXlsx");
  const snapshots: DepartmentFileSnapshot[] = [];
  for (const f of files) {
    const opened = await openXlsx(f.bytes, f.name);
    if (!opened.ok) return { ok: false, diagnostics: opened.diagnostics };
    snapshots.push({ name: f.name, snapshot: opened.snapshot });
  }
  return importDepartments(ctx, snapshots);
}

/** Save an edited scheme into the workbook (its readable sheet and its hidden data sheet). */
export async function saveScheme(ctx: OpContext, scheme: Scheme): Promise<OpResult<void>> {
  const written = await ctx.port.applyPlan({ sheets: [schemeSheet(scheme), dataSheet(scheme)], placement: "last" });
  return written.ok ? { ok: true, value: undefined, diagnostics: [] } : { ok: false, diagnostics: written.diagnostics };
}

/**
 * 导入历年结果 (issue 10 §2): earlier outputs (.xlsx) or result.json files into the workbook's hidden
 * 历年结果, as `evalsheet history add` does (src/history/priorFile.ts); nothing is written on a refusal.
 * The next 汇总 shows 上年总分, 上年等次 and 变化, and 分类指导 compares with last year.
 */
export function importHistory(ctx: OpContext, files: readonly { name: string; bytes: Uint8Array }[]): Promise<OpResult<{ added: number[]; years: number[] }>> {
  return guarded(async () => {
    checkpoint(ctx, "phaseRead", 1, 3);
    const read = await snapshot(ctx);
    if (!read.ok) return read;
    checkpoint(ctx, "phaseValidate", 2, 3);
    const { planHistory, priorFromJsonText, priorFromWorkbook } = await import("../src/history/priorFile");
    const priors = [];
    const carried = [];
    const notes: Diagnostic[] = [];
    for (const f of files) {
      let prior;
      if (/\.json$/i.test(f.name)) prior = priorFromJsonText(f.name, new TextDecoder().decode(f.bytes));
      else {
        // The file adapter (exceljs) loads only when a prior workbook is given.
        const { openXlsx } = await import("../src/adapters/xlsx/openXlsx");
        const opened = await openXlsx(f.bytes, f.name);
        if (!opened.ok) return { ok: false, diagnostics: opened.diagnostics };
        prior = priorFromWorkbook(f.name, opened.snapshot);
      }
      if (!prior.ok) return { ok: false, diagnostics: [...notes, ...prior.diagnostics] };
      notes.push(...prior.diagnostics);
      priors.push(prior.file);
      carried.push(...prior.carried);
    }
    // The years an output carries in its own 历年结果 come along, after the files given.
    const planned = planHistory("本工作簿", read.value, [...priors, ...carried]);
    if (!planned.ok) return { ok: false, diagnostics: [...notes, ...planned.diagnostics] };
    checkpoint(ctx, "phaseWrite", 3, 3);
    const written = await ctx.port.applyPlan(planned.plan);
    if (!written.ok) return { ok: false, diagnostics: written.diagnostics };
    return { ok: true, value: { added: [...planned.added], years: planned.history.years.map((y) => y.year) }, diagnostics: [...notes, ...planned.diagnostics, ...written.diagnostics] };
  });
}

/**
 * 导入平时评价 (issue 10 §1): periodic workbooks' judged scores into this (annual) workbook's 平时评价
 * sheet, as `evalsheet periodic add` does (src/report/periodicAdd.ts); nothing is written on a refusal.
 * The next 汇总 counts them in (年度 × 70 % + 平时平均 × 30 % by default).
 */
export function importPeriodic(ctx: OpContext, files: readonly { name: string; bytes: Uint8Array }[]): Promise<OpResult<{ added: string[]; missing: string[] }>> {
  return guarded(async () => {
    const annual = await readAndValidate(ctx, 3);
    if (!annual.ok) return annual;
    const { addPeriods, annualScoreCells } = await import("../src/report/periodicAdd");
    const { missingPeriods, periodicSheet } = await import("../src/report/periodic");
    const { openXlsx } = await import("../src/adapters/xlsx/openXlsx");
    const periods = [];
    for (const f of files) {
      const opened = await openXlsx(f.bytes, f.name);
      if (!opened.ok) return { ok: false, diagnostics: opened.diagnostics };
      periods.push({ name: f.name, reading: readWorkbook(opened.snapshot) });
    }
    const result = addPeriods(annual.value, periods);
    if (hasErrors(result.diagnostics)) return { ok: false, diagnostics: [...result.diagnostics] };
    checkpoint(ctx, "phaseWrite", 3, 3);
    const sheet = periodicSheet(annual.value.scheme, result.record, annualScoreCells(annual.value));
    // _evalsheet too: 平时评价's formulas read the scheme's numbers there (as the CLI's periodic add).
    const { dataSheet } = await import("../src/layout/dataSheet");
    const written = await ctx.port.applyPlan({ sheets: [dataSheet(annual.value.scheme), sheet], placement: "last" });
    if (!written.ok) return { ok: false, diagnostics: written.diagnostics };
    return { ok: true, value: { added: [...result.added], missing: missingPeriods(annual.value.scheme, result.record) }, diagnostics: [...result.diagnostics, ...written.diagnostics] };
  });
}
