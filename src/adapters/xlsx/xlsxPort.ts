import type ExcelJS from "exceljs";
import { diagnostic } from "../../diagnostics/diagnostic";
import type { PortResult, WorkbookPort } from "../../workbook/port";
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
        return {
          ok: false,
          diagnostics: [diagnostic("error", "write.failed", {
            zh: `写入工作簿失败：${(e as Error).message}。原有的表保持不变，请重试。`,
            en: `Writing the workbook failed: ${(e as Error).message}. The previous sheets are unchanged; try again.`,
          })],
        };
      }
    },
  };
}
