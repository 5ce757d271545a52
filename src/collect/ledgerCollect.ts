import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic";
import type { Scheme } from "../scheme/schema";
import { foldName } from "../scheme/names";
import { CONTACT_LOG, RESEARCH_LOG } from "../layout/ledgerColumns";
import { SHEETS } from "../layout/names";
import { isoToSerial } from "../workbook/dates";
import { cellAt, isCellDate, isCellError, type SheetSnapshot, type WorkbookSnapshot } from "../workbook/snapshot";
import type { CellEdit } from "../workbook/port";
import { isBlank, parseDate } from "../validate/cellParse";
import type { DepartmentFile, SheetCopy } from "./collect";

/**
 * Bringing the ledgers of 附件1 and 附件2 back from the departments' files ("一次填报、多处使用").
 * Unlike a department sheet, whose cells have one owner, a ledger is a list anyone adds to: each
 * file's rows are appended below the master's last row; a row identical to one already there is
 * dropped; a row that is the same contact or trip (same identity) with other details is a
 * conflict, named with both places, and nothing is written until it is settled.
 */
interface LedgerSpec {
  readonly sheet: string;
  readonly firstDataRow: number;
  readonly inputs: readonly number[];
  /** What makes two rows the same event. */
  readonly identity: readonly number[];
  readonly dateCols: readonly number[];
  /** Identity in people's words, for the conflict message. */
  readonly describe: (values: readonly string[]) => string;
}

const LEDGERS: readonly LedgerSpec[] = [
  {
    sheet: SHEETS.contactLog,
    firstDataRow: CONTACT_LOG.firstDataRow,
    inputs: Object.values(CONTACT_LOG.cols).filter((c) => c !== CONTACT_LOG.cols.seq),
    identity: [CONTACT_LOG.cols.date, CONTACT_LOG.cols.member, CONTACT_LOG.cols.point],
    dateCols: [CONTACT_LOG.cols.date],
    describe: ([date, member, point]) => `${date}，${member} 联系 ${point}`,
  },
  {
    sheet: SHEETS.researchLog,
    firstDataRow: RESEARCH_LOG.firstDataRow,
    inputs: Object.values(RESEARCH_LOG.cols).filter((c) => c !== RESEARCH_LOG.cols.seq && c !== RESEARCH_LOG.cols.period),
    identity: [RESEARCH_LOG.cols.date, RESEARCH_LOG.cols.leader],
    dateCols: [RESEARCH_LOG.cols.date],
    describe: ([date, leader]) => `${date}，${leader} 带队的调研`,
  },
];

type Where = { readonly zh: string; readonly en: string };

export interface LedgerAppend {
  readonly sheet: string;
  readonly file: string;
  readonly rows: number;
}

export interface LedgerCollectPlan {
  /** Cell copies from the files' rows into new rows of the master, for the same copy loop as departments. */
  readonly copies: readonly SheetCopy[];
  readonly appended: readonly LedgerAppend[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A cell's value as compared: date columns as days (typed as a date, a serial or clear text), text trimmed and folded ("彭 焱" = "彭焱"). */
function normAt(sheet: SheetSnapshot, r: number, c: number, dateCols: readonly number[]): string {
  const v = cellAt(sheet, r, c);
  if (dateCols.includes(c)) {
    const p = parseDate(v);
    if (p.kind === "date") return p.iso;
  }
  if (v === null) return "";
  if (isCellError(v)) return v.error;
  if (isCellDate(v)) return v.date.slice(0, 10);
  return typeof v === "string" ? foldName(v) : String(v);
}


function findLedger(wb: WorkbookSnapshot, name: string): SheetSnapshot | undefined {
  return wb.sheets.find((s) => s.name === name) ?? wb.sheets.find((s) => foldName(s.name) === foldName(name));
}

function filledRows(sheet: SheetSnapshot, spec: LedgerSpec): number[] {
  const rows: number[] = [];
  for (let r = spec.firstDataRow; r < sheet.rows.length; r++) if (spec.inputs.some((c) => !isBlank(cellAt(sheet, r, c)))) rows.push(r);
  return rows;
}

export function planLedgerCollect(_scheme: Scheme, master: WorkbookSnapshot, files: readonly DepartmentFile[]): LedgerCollectPlan {
  const out: Diagnostic[] = [];
  const copies: SheetCopy[] = [];
  const appended: LedgerAppend[] = [];
  for (const spec of LEDGERS) {
    const { dateCols } = spec;
    const target = findLedger(master, spec.sheet);
    const full = new Set<string>();
    const identities = new Map<string, { full: string; where: Where }>();
    const key = (sheet: SheetSnapshot, r: number) => JSON.stringify(spec.inputs.map((c) => normAt(sheet, r, c, dateCols)));
    const identity = (sheet: SheetSnapshot, r: number) => spec.identity.map((c) => normAt(sheet, r, c, dateCols));
    const remember = (sheet: SheetSnapshot, r: number, where: Where) => {
      full.add(key(sheet, r));
      const id = JSON.stringify(identity(sheet, r));
      if (!identities.has(id)) identities.set(id, { full: key(sheet, r), where });
    };
    const masterRows = target ? filledRows(target, spec) : [];
    if (target) for (const r of masterRows) remember(target, r, { zh: `主表第 ${r + 1} 行`, en: `the master's row ${r + 1}` });
    let next = Math.max(spec.firstDataRow, (masterRows[masterRows.length - 1] ?? spec.firstDataRow - 1) + 1);
    files.forEach((f, fileIndex) => {
      const sheet = findLedger(f.snapshot, spec.sheet);
      if (!sheet) return;
      const rows = filledRows(sheet, spec);
      if (rows.length === 0) return;
      if (!target) {
        out.push(diagnostic("error", "sheet.missing", {
          zh: `主表中没有“${spec.sheet}”工作表，无法导入「${f.name}」的 ${rows.length} 行。请先在主表中用“生成模板”补上该表。`,
          en: `The master has no "${spec.sheet}" sheet to receive ${rows.length} rows of "${f.name}". Add it with 生成模板 (Add template) first.`,
        }, { sheet: spec.sheet }));
        return;
      }
      const cells: SheetCopy["cells"][number][] = [];
      let added = 0;
      let dropped = 0;
      for (const r of rows) {
        const k = key(sheet, r);
        if (full.has(k)) {
          dropped++;
          continue;
        }
        const id = identity(sheet, r);
        const earlier = identities.get(JSON.stringify(id));
        // A row missing part of its identity (no date yet) is nobody's duplicate: it is appended, and validation asks for the date.
        if (earlier && earlier.full !== k && id.every((v) => v !== "")) {
          out.push(diagnostic("error", "collect.ledgerConflict", {
            zh: `「${f.name}」“${sheet.name}”第 ${r + 1} 行与${earlier.where.zh}是同一条记录（${spec.describe(id)}），但其他内容不同。请核对后只保留一份（改正或删去其中一行），再重新导入。`,
            en: `Row ${r + 1} of "${sheet.name}" in "${f.name}" is the same entry as ${earlier.where.en} (${spec.describe(id)}) with other details. Keep one of them, then import again.`,
          }, { sheet: spec.sheet }));
          continue;
        }
        remember(sheet, r, { zh: `「${f.name}」第 ${r + 1} 行`, en: `row ${r + 1} of "${f.name}"` });
        for (const c of spec.inputs) cells.push({ from: { row: r, col: c }, to: { row: next, col: c } });
        next++;
        added++;
      }
      if (dropped > 0) {
        out.push(diagnostic("info", "collect.ledgerDuplicate", {
          zh: `「${f.name}」“${spec.sheet}”中有 ${dropped} 行与已有记录完全相同，未重复导入。`,
          en: `${dropped} row(s) of "${spec.sheet}" in "${f.name}" match existing entries exactly and were not imported again.`,
        }, { sheet: spec.sheet }));
      }
      if (added > 0) {
        copies.push({ department: spec.sheet, fileIndex, fromSheet: sheet.name, toSheet: target.name, cells });
        appended.push({ sheet: spec.sheet, file: f.name, rows: added });
      }
    });
  }
  return { copies, appended, diagnostics: out };
}

/**
 * The plan as cell edits for a workbook port (the pane's 导入部室表): values from the files'
 * snapshots, dates as serials so the date cells of the master show dates, not text.
 */
export function ledgerEdits(plan: LedgerCollectPlan, files: readonly DepartmentFile[]): CellEdit[] {
  return plan.copies.flatMap((copy) => {
    const from = files[copy.fileIndex]!.snapshot.sheets.find((s) => s.name === copy.fromSheet)!;
    return copy.cells.map((c) => {
      const v = cellAt(from, c.from.row, c.from.col);
      const value = isCellDate(v) ? isoToSerial(v.date) : isCellError(v) ? v.error : v;
      return { sheet: copy.toSheet, row: c.to.row, col: c.to.col, value };
    });
  });
}
