import type ExcelJS from "exceljs";
import { diagnostic } from "../../diagnostics/diagnostic";
import type { CellEdit, PortResult, WorkbookPort } from "../../workbook/port";
import type { WritePlan } from "../../workbook/plan";
import type { WorkbookSnapshot } from "../../workbook/snapshot";
import { applyPlan } from "./render";
import { snapshotOf } from "./snapshot";

/** The workbook port over an exceljs workbook held in memory (a file opened with openXlsx). */
export function xlsxPort(workbook: ExcelJS.Workbook, date1904 = false): WorkbookPort {
  return {
    async readSnapshot(): Promise<PortResult<WorkbookSnapshot>> {
      return { ok: true, value: snapshotOf(workbook, date1904), diagnostics: [] };
    },
    async applyPlan(plan: WritePlan): Promise<PortResult<void>> {
      try {
        await applyPlan(workbook, plan);
        return { ok: true, value: undefined, diagnostics: [] };
      } catch (e) {
        return failed(e);
      }
    },
    async writeCells(edits: readonly CellEdit[]): Promise<PortResult<void>> {
      const missing = edits.find((e) => !workbook.getWorksheet(e.sheet));
      if (missing) return failed(new Error(`no sheet ${missing.sheet}`));
      for (const e of edits) workbook.getWorksheet(e.sheet)!.getCell(e.row + 1, e.col + 1).value = e.value;
      return { ok: true, value: undefined, diagnostics: [] };
    },
  };
}

function failed(e: unknown): PortResult<void> {
  return {
    ok: false,
    diagnostics: [diagnostic("error", "write.failed", {
      zh: `写入工作簿失败：${(e as Error).message}。原有的表保持不变，请重试。`,
      en: `Writing the workbook failed: ${(e as Error).message}. The previous sheets are unchanged; try again.`,
    })],
  };
}
