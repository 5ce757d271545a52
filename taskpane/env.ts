import type { WorkbookPort } from "../src/workbook/port";
import type { Scheme } from "../src/scheme/schema";
import type { Diagnostic } from "../src/diagnostics/diagnostic";

/**
 * Where the pane runs. In Excel the port is the Office.js adapter over the open workbook; in a
 * plain browser it is the file adapter over a workbook the user opened (or none yet).
 */
export interface PaneEnv {
  /** excel: envExcel.ts; wps: envWps.ts (WPS 表格, its own pane page wps/pane.tsx); standalone: envStandalone.ts. */
  readonly mode: "excel" | "wps" | "standalone";
  /** The workbook to work on, or null (standalone, nothing opened yet). */
  port(): WorkbookPort | null;
  /** Jump to a cell (Excel); standalone cannot and says so. */
  selectCell(sheet: string, cell: string): Promise<boolean>;
  /** Standalone: open a workbook from bytes (lazy-loads the file adapter). */
  openFile?(name: string, bytes: Uint8Array): Promise<{ ok: boolean; message?: string }>;
  /** Standalone: start with a generated workbook for the evaluation year. */
  openGenerated?(kind: "sample" | "blank", year: number): Promise<void>;
  /** Standalone: the current workbook as .xlsx bytes, for download. */
  workbookBytes?(): Promise<Uint8Array>;
  readonly fileName?: () => string | null;
  /**
   * Excel: tell the EVAL.* functions which scheme the workbook carries and recalculate them; a
   * warning when they could not be confirmed to have it (functions in a runtime of their own).
   */
  setFunctionsScheme?(scheme: Scheme): Promise<Diagnostic | null>;
}
