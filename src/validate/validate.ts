import { diagnostic, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic";
import type { Scheme } from "../scheme/schema";
import { foldName } from "../scheme/names";
import { builtinScheme, parseScheme } from "../scheme/load";
import type { EvaluationInputs } from "../engine/inputs";
import { columnarInputs, combineColumns, sheetInputs, type SheetColumns } from "../engine/columns";
import { evaluate, type Evaluation } from "../engine/evaluate";
import { departmentLayouts } from "../layout/department";
import { embeddedSchemeJson } from "../layout/dataSheet";
import { SHEETS } from "../layout/names";
import type { SheetSnapshot, WorkbookSnapshot } from "../workbook/snapshot";
import { msg } from "./messages";
import { approvalDiagnostics, changedSinceApproval, readApproval, type Approval } from "../report/approval";
import { readDepartment } from "./readDepartment";
import { reasonChecks } from "./reasons";
import type { SignOff } from "./signOff";
import { readCases, readComposite, readEvents } from "./readOffice";
import { readLedgers, type Ledgers } from "./readLedgers";
import { blendInputs, blendedCells, emptyRecord, periodicDiagnostics, readPeriodicSheet, type PeriodicRecord } from "../report/periodic";
import { readHistory, type History } from "../history/history";

export interface Reading {
  readonly scheme: Scheme;
  readonly inputs: EvaluationInputs;
  readonly evaluation: Evaluation;
  /** The Party group's approval recorded in the workbook, and the input cells changed since. */
  readonly approval: Approval | null;
  readonly changedSinceApproval: readonly string[];
  /** The workbook as read: the aggregate's calculation sheet covers its input sheets' rows. */
  readonly workbook: WorkbookSnapshot;
  /** Each scored department sheet's 部室审定; `signed: false` ones are listed in 汇总's notes. */
  readonly signOffs: readonly SignOff[];
  /** 联系点台账 and 调研台账 (附件2, 附件1), read and checked; they change no score. */
  readonly ledgers: Ledgers;
  /** Prior years' results (`_历年结果`, issue 10 §2): 汇总's 上年 columns and 分类指导's change since last year. */
  readonly history: History;
  /** 平时评价 imported into this (annual) workbook, and the inputs before the periods counted in. */
  readonly periodic: PeriodicRecord;
  readonly annualInputs: EvaluationInputs;
  /** Sorted: errors first, then by sheet and cell. */
  readonly diagnostics: readonly Diagnostic[];
}

export type ReadingResult = ({ ok: true } & Reading) | { ok: false; diagnostics: Diagnostic[] };

/**
 * Validate a filled workbook and evaluate it, without changing anything. The scheme comes from
 * the caller, else from the workbook itself (hidden data sheet), else the built-in cq-2024.
 */
export function readWorkbook(wb: WorkbookSnapshot, options: { scheme?: Scheme } = {}): ReadingResult {
  const out: Diagnostic[] = [];
  const scheme = options.scheme ?? schemeOf(wb, out);
  if (!scheme) return { ok: false, diagnostics: out };

  const sheets: SheetColumns[] = [];
  const signOffs: SignOff[] = [];
  for (const layout of departmentLayouts(scheme)) {
    const aliases = scheme.departments.find((d) => d.name === layout.department)?.aliases ?? [];
    const sheet = findInputSheet(wb, layout.sheet, aliases, `${layout.department}基础工作评分表`, out);
    if (!sheet) continue;
    const dept = readDepartment(scheme, layout, sheet, out);
    if (dept.columns) sheets.push(dept.columns);
    if (dept.signOff) signOffs.push(dept.signOff);
  }
  const casesSheet = findInputSheet(wb, SHEETS.cases, [], "最佳实践案例评分表", out);
  const eventsSheet = findInputSheet(wb, SHEETS.events, [], "加分扣分登记表", out);
  const compositeSheet = findInputSheet(wb, SHEETS.composite, [], "综合评估表", out);
  const rest = {
    cases: casesSheet ? readCases(scheme, casesSheet, out) : [],
    events: eventsSheet ? readEvents(scheme, eventsSheet, out) : [],
    composite: compositeSheet ? readComposite(scheme, compositeSheet, out) : [],
  };
  // Basic work stays in columns for the engine; its objects are built when something reads them.
  const columns = combineColumns(scheme, sheets);
  const annualInputs: EvaluationInputs = columns ? columnarInputs(columns, rest) : { basic: sheets.flatMap((s) => sheetInputs(scheme, s)), ...rest };
  // 平时评价 counts in (src/report/periodic.ts): judged scores a period scored become their blend.
  const periodicSnap = wb.sheets.find((s) => s.name === SHEETS.periodic);
  const periodic = scheme.period ? emptyRecord : readPeriodicSheet(scheme, periodicSnap);
  const inputs = blendInputs(scheme, annualInputs, periodic, blendedCells(scheme, periodicSnap));
  out.push(...periodicDiagnostics(scheme, periodic));
  const evaluation = evaluate(scheme, inputs);
  const ledgers = readLedgers(scheme, wb, out);
  // A reason is owed for the department's own score below full, not for a blend a period lowered.
  out.push(...reasonChecks(scheme, annualInputs, inputs === annualInputs ? evaluation : evaluate(scheme, annualInputs)));
  out.push(...totalBoundsChecks(scheme, evaluation));
  const approval = readApproval(wb);
  const changed = approval ? changedSinceApproval(approval, wb) : [];
  if (approval) out.push(...approvalDiagnostics(approval, changed));
  const history = readHistory(wb);
  out.push(...history.diagnostics);
  return { ok: true, scheme, inputs, evaluation, approval, changedSinceApproval: changed, signOffs, ledgers, history: history.history, periodic, annualInputs, workbook: wb, diagnostics: sortDiagnostics(out) };
}

/** The scheme a workbook carries (hidden data sheet), else the built-in; null when it carries a broken one. */
export function schemeOf(wb: WorkbookSnapshot, out: Diagnostic[]): Scheme | null {
  const json = embeddedSchemeJson(wb.sheets.find((s) => s.name === SHEETS.data));
  if (json === null) {
    out.push(diagnostic("info", "scheme.builtin", { zh: "工作簿中没有保存评价方案，按内置方案 cq-2024 计算。", en: "The workbook carries no scheme; the built-in cq-2024 is used." }));
    return builtinScheme();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    out.push(msg.schemeEmbeddedInvalid(SHEETS.data));
    return null;
  }
  const r = parseScheme(parsed, `（工作表 ${SHEETS.data}）`);
  if (!r.ok) {
    out.push(msg.schemeEmbeddedInvalid(SHEETS.data), ...r.diagnostics);
    return null;
  }
  return r.scheme;
}

/** The sheet by its name, else by an alias or a spelling with spaces/full-width forms (warned). */
function findInputSheet(wb: WorkbookSnapshot, name: string, aliases: readonly string[], what: string, out: Diagnostic[]): SheetSnapshot | undefined {
  const exact = wb.sheets.find((s) => s.name === name);
  if (exact) return exact;
  const wanted = new Set([name, ...aliases].map(foldName));
  const near = wb.sheets.find((s) => wanted.has(foldName(s.name)));
  if (near) {
    out.push(msg.sheetRenamed(name, near.name));
    return near;
  }
  out.push(msg.sheetMissing(name, what));
  return undefined;
}

/** Cells named in a total-out-of-range warning; the rest are counted. */
const TOTAL_DRIVERS_SHOWN = 3;

/**
 * 总分 lies within 0 … basic + bestPractice + composite + bonusCap (100 in cq-2024) unless
 * per-occurrence deductions or penalties push it below zero, or a scheme's parts do not add up.
 * Either way a total like −45,261 must not reach 汇总 unremarked: warn, naming the unit and the
 * cells of its explanation trail that moved it most in that direction.
 */
export function totalBoundsChecks(scheme: Scheme, evaluation: Evaluation): Diagnostic[] {
  const c = scheme.components;
  const upper = c.basic + c.bestPractice + c.composite + c.bonusCap;
  const out: Diagnostic[] = [];
  for (const u of evaluation.units) {
    const below = u.total < 0;
    if (!below && u.total <= upper + 1e-9) continue; // upper is a float sum of the parts
    const drivers = u.trail
      .filter((e) => e.source !== null && (below ? e.delta < 0 : e.delta > 0))
      .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
      .map((e) => ({ sheet: e.source!.sheet, cell: e.source!.cell, item: e.item, delta: e.delta }));
    out.push(msg.totalOutOfRange(u.unit, u.total, upper, drivers.slice(0, TOTAL_DRIVERS_SHOWN), Math.max(0, drivers.length - TOTAL_DRIVERS_SHOWN)));
  }
  return out;
}
