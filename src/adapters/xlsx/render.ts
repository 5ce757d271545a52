import type ExcelJS from "exceljs";
import type { CellSpec, SheetSpec, ValidationSpec, WritePlan } from "../../workbook/plan";
import { STYLES } from "./styles";
import { parseRange, rangeA1 } from "../../workbook/address";
import { temporarySheetName } from "../../workbook/port";

/**
 * Apply a plan to an exceljs workbook. New sheets are built in full under temporary names, and
 * only then do they replace the old sheets of the same names: if building fails, the workbook
 * still holds the previous ones. Sheets the plan does not name are left exactly as they were.
 */
export async function applyPlan(wb: ExcelJS.Workbook, plan: WritePlan): Promise<void> {
  const built: { spec: SheetSpec; ws: ExcelJS.Worksheet }[] = [];
  try {
    for (const [i, spec] of plan.sheets.entries()) {
      const ws = wb.addWorksheet(temporarySheetName(i));
      built.push({ spec, ws });
      await renderSheet(ws, spec);
    }
  } catch (e) {
    // Including the sheet that was half built when the error came.
    for (const { ws } of built) wb.removeWorksheet(ws.id);
    throw e;
  }
  for (const { spec, ws } of built) {
    const old = wb.worksheets.find((w) => w.name === spec.name);
    if (old) wb.removeWorksheet(old.id);
    ws.name = spec.name;
  }
  reorder(wb, built.map((b) => b.ws), plan.placement);
}

function reorder(wb: ExcelJS.Workbook, fresh: ExcelJS.Worksheet[], placement: WritePlan["placement"]): void {
  const others = wb.worksheets.filter((w) => !fresh.includes(w));
  const order = placement === "first" ? [...fresh, ...others] : [...others, ...fresh];
  // exceljs sorts sheets by this undeclared field when it writes the workbook.
  order.forEach((ws, i) => {
    (ws as ExcelJS.Worksheet & { orderNo: number }).orderNo = i + 1;
  });
  // A hidden sheet must not be the active tab, or Excel opens the file on an invisible sheet.
  const firstVisible = order.findIndex((ws) => ws.state === "visible");
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: Math.max(firstVisible, 0), visibility: "visible" }];
}

async function renderSheet(ws: ExcelJS.Worksheet, spec: SheetSpec): Promise<void> {
  spec.columnWidths.forEach((w, c) => {
    ws.getColumn(c + 1).width = w;
  });
  spec.rows.forEach((cells, r) => {
    cells.forEach((cell, c) => {
      if (cell) renderCell(ws.getCell(r + 1, c + 1), cell);
    });
  });
  // Parsed first: exceljs accepts some malformed addresses silently, Excel would not.
  for (const m of spec.merges) ws.mergeCells(rangeA1(parseRange(m)));
  if (spec.freeze && (spec.freeze.rows || spec.freeze.cols)) {
    ws.views = [{ state: "frozen", xSplit: spec.freeze.cols, ySplit: spec.freeze.rows }];
  }
  if (spec.print) {
    ws.pageSetup = {
      paperSize: 9, // A4
      orientation: spec.print.landscape ? "landscape" : "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      ...(spec.print.titleRows ? { printTitlesRow: spec.print.titleRows } : {}),
    } as Partial<ExcelJS.PageSetup>;
  }
  if (spec.tabColor) ws.properties.tabColor = { argb: spec.tabColor };
  ws.state = spec.state ?? "visible";
  if (spec.protect) await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, autoFilter: true });
}

function renderCell(cell: ExcelJS.Cell, spec: CellSpec): void {
  if (spec.formula !== undefined) {
    cell.value = { formula: spec.formula, result: spec.value ?? undefined } as ExcelJS.CellFormulaValue;
  } else if (spec.value !== undefined && spec.value !== null) {
    cell.value = spec.value;
  }
  if (spec.style) cell.style = { ...STYLES[spec.style], ...(spec.numFmt ? { numFmt: spec.numFmt } : {}) };
  else if (spec.numFmt) cell.numFmt = spec.numFmt;
  if (spec.validation) cell.dataValidation = validation(spec.validation);
  if (spec.comment) cell.note = spec.comment;
}

function validation(v: ValidationSpec): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showInputMessage: true,
    prompt: v.prompt,
    showErrorMessage: true,
    errorStyle: "stop" as const,
    errorTitle: "输入有误",
    error: v.error,
  };
  switch (v.kind) {
    case "decimal":
    case "whole":
      if (v.max === undefined) return { ...common, type: v.kind, operator: "greaterThanOrEqual", formulae: [v.min ?? 0] };
      return { ...common, type: v.kind, operator: "between", formulae: [v.min ?? 0, v.max] };
    case "list":
      return { ...common, type: "list", formulae: [v.source ?? `"${v.items.join(",")}"`] };
    case "textLength":
      return { ...common, type: "textLength", operator: "lessThanOrEqual", formulae: [v.max] };
    case "date":
      // exceljs writes a date rule's formulae as serials from Dates; "yyyy-mm-dd" parses as UTC midnight.
      return { ...common, type: "date", operator: "between", formulae: [new Date(v.min), new Date(v.max)] };
  }
}
