import type { WritePlan } from "../../src/workbook/plan";
import type { CellValue, WorkbookSnapshot } from "../../src/workbook/snapshot";
import { a1 } from "../../src/workbook/address";

/** What a workbook made from this plan reads as, without going through a file (fast, for big fixtures). */
export function planSnapshot(plan: WritePlan): WorkbookSnapshot {
  return {
    date1904: false,
    sheets: plan.sheets.map((spec) => {
      const formulas: Record<string, string> = {};
      const rows: CellValue[][] = spec.rows.map((row, r) =>
        row.map((cell, c) => {
          if (cell?.formula !== undefined) formulas[a1(r, c)] = cell.formula;
          const v = cell?.value;
          return v === undefined || v === "" ? null : v;
        }),
      );
      return { name: spec.name, rows, formulas, merges: [...spec.merges], state: spec.state ?? "visible" };
    }),
  };
}
