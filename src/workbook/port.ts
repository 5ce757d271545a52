import type { Diagnostic } from "../diagnostics/diagnostic";
import type { WritePlan } from "./plan";
import type { WorkbookSnapshot } from "./snapshot";

/**
 * The narrow workbook port every front end goes through: read everything once, write a plan once.
 * Adapters: src/adapters/xlsx (a file, for the CLI, tests and the standalone pane) and
 * src/adapters/office (the workbook open in Excel). Failures come back as diagnostics, never throws.
 */
export type PortResult<T> = { ok: true; value: T; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** One input cell to set (importing a department's file): 0-based row and column. */
export interface CellEdit {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly value: string | number | boolean | null;
}

/** What a read may leave out. Adapters may still return more (a file is read whole anyway). */
export interface ReadOptions {
  /** Sheets the caller is about to regenerate: listed by name, content not needed. */
  readonly namesOnly?: readonly string[];
  /** Also report formula text; the Office adapter skips it by default (it doubles the response). */
  readonly formulas?: boolean;
  /**
   * Sheets whose merged cells the caller does not check: the Office adapter does not ask Excel for
   * them (Excel refuses a request when a sheet has more than 512 merged areas).
   */
  readonly skipMerges?: readonly string[];
}

export interface WorkbookPort {
  /** One batched read of every sheet's values (formula cells: their results) and merges. */
  readSnapshot(options?: ReadOptions): Promise<PortResult<WorkbookSnapshot>>;
  /**
   * Create or replace the plan's sheets. New sheets are built completely under temporary names
   * before they are put in place, so a failure while building leaves the previous sheets as they
   * were. A sheet that exists is replaced in place (it keeps its identity in Excel), so formulas
   * and validation lists elsewhere that refer to it still do afterwards.
   */
  applyPlan(plan: WritePlan): Promise<PortResult<void>>;
  /** Set individual cells of existing sheets, all in one batch (the import of department files). */
  writeCells(edits: readonly CellEdit[]): Promise<PortResult<void>>;
}

/** Temporary name of the i-th new sheet while a plan is applied (≤ 31 characters, no []:*?/\). */
export function temporarySheetName(i: number): string {
  return `~evalsheet-new-${i}`;
}
