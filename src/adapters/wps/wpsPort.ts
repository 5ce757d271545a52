import type { Diagnostic } from "../../diagnostics/diagnostic";
import type { CellEdit, PortResult, ReadOptions, WorkbookPort } from "../../workbook/port";
import type { WritePlan } from "../../workbook/plan";
import type { WorkbookSnapshot } from "../../workbook/snapshot";
import { rangeA1 } from "../../workbook/address";
import { XL, type EtApplication, type EtWorkbook, type EtWorksheet } from "./et";
import { listSheets, readSheet, type MergeMemory, type ReadFeatures } from "./read";
import { applyPlanTo } from "./apply";
import { literalForEt } from "./text";
import { noWorkbook, readFailed, settingsNotRestored, writeFailedUnchanged } from "./messages";

export interface WpsPortOptions {
  /** window.Application in WPS; the fake ET object model in tests. */
  readonly app: () => EtApplication;
  /** Called as sheets are built, for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The workbook port over the workbook open in WPS 表格 (the active workbook), through the ET object
 * model. ET's calls are synchronous and each is a call into WPS, so the adapter counts calls where
 * the Office adapter counts requests: a read is a few calls a sheet (used range values in one,
 * error cells, merges of the sheets validation checks); a write is a few calls per block and per
 * rectangle of shared formats (write.ts). Neither grows with the number of units.
 */
export function wpsPort(options: WpsPortOptions): WorkbookPort {
  // Merged areas of the sheets read before: confirmed, not searched for again (read.ts).
  const merges: MergeMemory = new Map();
  const workbook = (): { app: EtApplication; wb: EtWorkbook } | null => {
    const app = options.app();
    const wb = app.ActiveWorkbook;
    return wb ? { app, wb } : null;
  };

  return {
    async readSnapshot(read: ReadOptions = {}): Promise<PortResult<WorkbookSnapshot>> {
      await yieldToUi();
      const open = workbook();
      if (!open) return { ok: false, diagnostics: [noWorkbook()] };
      const skip = read.skipMerges ?? [];
      const namesOnly = read.namesOnly ?? [];
      const features: ReadFeatures = { formulas: read.formulas ?? false, merges: (name) => !skip.includes(name) };
      try {
        const book = open.wb.Name;
        const sheets = listSheets(open.wb).map((s) => (namesOnly.includes(s.name) ? { name: s.name, rows: [], formulas: {}, merges: [], state: s.state } : readSheet(s, features, { map: merges, key: `${book}\u0000${s.name}` })));
        return { ok: true, value: { sheets, date1904: false }, diagnostics: [] };
      } catch (e) {
        return { ok: false, diagnostics: [readFailed(e)] };
      }
    },

    async applyPlan(plan: WritePlan): Promise<PortResult<void>> {
      await yieldToUi();
      const open = workbook();
      if (!open) return { ok: false, diagnostics: [noWorkbook()] };
      return quietly(open.app, open.wb, (): PortResult<void> => {
        try {
          return applyPlanTo(open.app, open.wb, plan, options.onProgress);
        } catch (e) {
          return { ok: false, diagnostics: [writeFailedUnchanged(e, [])] };
        }
      });
    },

    async writeCells(edits: readonly CellEdit[]): Promise<PortResult<void>> {
      if (edits.length === 0) return { ok: true, value: undefined, diagnostics: [] };
      await yieldToUi();
      const open = workbook();
      if (!open) return { ok: false, diagnostics: [noWorkbook()] };
      return quietly(open.app, open.wb, (): PortResult<void> => {
        // Every target sheet is looked up (and must be writable) before any cell is written.
        const targets = new Map<string, EtWorksheet>();
        try {
          for (const name of new Set(edits.map((e) => e.sheet))) {
            const ws = open.wb.Worksheets.Item(name);
            if (ws.ProtectContents) throw new Error(`工作表 ${name} 受保护`);
            targets.set(name, ws);
          }
        } catch (e) {
          return { ok: false, diagnostics: [writeFailedUnchanged(e, [])] };
        }
        try {
          for (const run of cellRuns(edits)) {
            targets.get(run.sheet)!.Range(rangeA1({ top: run.row, left: run.col, bottom: run.row, right: run.col + run.values.length - 1 })).Value2 = [run.values.map(literalForEt)];
          }
          return { ok: true, value: undefined, diagnostics: [] };
        } catch (e) {
          return { ok: false, diagnostics: [writeFailedUnchanged(e, [])] };
        }
      });
    },
  };
}

/**
 * Run a write with screen updating, events and alerts (delete-sheet prompts) off and calculation
 * manual, and put every setting back afterwards — each on its own, so one that fails does not keep
 * the others — together with the sheet the user had active (adding a sheet activates it).
 */
export function quietly<T extends PortResult<void>>(app: EtApplication, wb: EtWorkbook, write: () => T): T {
  const saved = { screen: app.ScreenUpdating, events: app.EnableEvents, alerts: app.DisplayAlerts, calculation: app.Calculation };
  let active: string | null = null;
  try {
    active = wb.ActiveSheet.Name;
  } catch {
    // No active sheet to return to.
  }
  app.ScreenUpdating = false;
  app.EnableEvents = false;
  app.DisplayAlerts = false;
  app.Calculation = XL.calculationManual;
  let result: T | null = null;
  const problems: unknown[] = [];
  try {
    result = write();
    return result;
  } finally {
    const restore = (f: () => void) => {
      try {
        f();
      } catch (e) {
        problems.push(e);
      }
    };
    if (active !== null) restore(() => wb.Worksheets.Item(active!).Activate());
    restore(() => (app.Calculation = saved.calculation));
    restore(() => (app.EnableEvents = saved.events));
    restore(() => (app.DisplayAlerts = saved.alerts));
    restore(() => (app.ScreenUpdating = saved.screen));
    if (problems.length && result) (result.diagnostics as Diagnostic[]).push(settingsNotRestored(problems[0]));
  }
}

/** Adjacent cells on a row become one range write. */
function cellRuns(edits: readonly CellEdit[]): { sheet: string; row: number; col: number; values: CellEdit["value"][] }[] {
  const sorted = [...edits].sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.row - b.row || a.col - b.col));
  const runs: { sheet: string; row: number; col: number; values: CellEdit["value"][] }[] = [];
  for (const e of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.sheet === e.sheet && last.row === e.row && last.col + last.values.length === e.col) last.values.push(e.value);
    else runs.push({ sheet: e.sheet, row: e.row, col: e.col, values: [e.value] });
  }
  return runs;
}

/** Let the pane paint its busy state before a long synchronous stretch of calls. */
function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
