import type ExcelJS from "exceljs";
import type { CellSpec, PrintSpec, SheetSpec, ValidationSpec, WritePlan } from "../../workbook/plan";
import { STYLES } from "./styles";
import { parseRange, rangeA1 } from "../../workbook/address";
import { temporarySheetName } from "../../workbook/port";
import { linkFormula } from "../../workbook/links";
import { mergePlanned } from "./merges";

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
  keepPrintAreasAbsolute(wb);
}

/**
 * exceljs reads a print area "$A$1:$H$29" as "A1:H29" and writes it back as "$A1:$H29", whose
 * rows LibreOffice takes as relative (it then prints the whole sheet). Every sheet's print area,
 * including the input sheets a plan leaves alone, is written absolute, as it was read.
 */
function keepPrintAreasAbsolute(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    const area = ws.pageSetup?.printArea;
    // Only plain cell ranges: anything else (whole columns, a foreign file's oddity) is left as read.
    if (area && area.split("&&").every((a) => /^\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?$/.test(a))) {
      ws.pageSetup.printArea = area.split("&&").map(printArea).join("&&");
    }
  }
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
  mergePlanned(ws, spec.merges);
  if (spec.freeze && (spec.freeze.rows || spec.freeze.cols)) {
    ws.views = [{ state: "frozen", xSplit: spec.freeze.cols, ySplit: spec.freeze.rows }];
  }
  for (const [r, h] of Object.entries(spec.rowHeights ?? {})) ws.getRow(Number(r) + 1).height = h;
  if (spec.print) applyPrint(ws, spec.print);
  if (spec.tabColor) ws.properties.tabColor = { argb: spec.tabColor };
  ws.state = spec.state ?? "visible";
  // No password: staff can unprotect if they must. Rows and columns stay resizable, so a long
  // reason can be given room without unprotecting.
  if (spec.protect) await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true });
}

export const DEFAULT_FOOTER = "第 &P 页 共 &N 页";

/**
 * A4 always (the federation prints on A4), margins in inches. Fitted sheets are scaled to their
 * width only (fitToHeight 0: as many pages down as the rows need); unfitted ones print at 100 %,
 * which keeps an 11 pt font at 11 pt. Pages are numbered from 1 on every sheet (LibreOffice would
 * otherwise go on counting from the sheet before). A manual break is a break above the row that
 * starts a page.
 */
function applyPrint(ws: ExcelJS.Worksheet, print: PrintSpec): void {
  const fitted = print.fitToWidth !== undefined;
  Object.assign(ws.pageSetup, {
    paperSize: 9,
    orientation: print.landscape ? "landscape" : "portrait",
    fitToPage: fitted,
    firstPageNumber: 1,
    ...(fitted ? { fitToWidth: print.fitToWidth, fitToHeight: 0 } : { scale: 100 }),
    margins: { left: 0.4, right: 0.4, top: 0.45, bottom: 0.5, header: 0.2, footer: 0.2 },
    horizontalCentered: true,
    ...(print.titleRows ? { printTitlesRow: print.titleRows } : {}),
    ...(print.titleColumns ? { printTitlesColumn: print.titleColumns } : {}),
    ...(print.area ? { printArea: printArea(print.area) } : {}),
  } satisfies Partial<ExcelJS.PageSetup>);
  ws.headerFooter = { oddFooter: `&C${print.footer ?? DEFAULT_FOOTER}` };
  // exceljs writes a break after the row it is called on: the row above the page's first row.
  // Its default right end, column 16839, is past the last column; Excel writes 16383.
  for (const r of print.breaksBefore ?? []) if (r > 0) ws.getRow(r).addPageBreak(undefined, 16384);
}

/** exceljs prefixes each corner with "$": "A$1:C$25" becomes the absolute "$A$1:$C$25" Excel writes. */
function printArea(area: string): string {
  return rangeA1(parseRange(area.replace(/\$/g, ""))).replace(/([A-Z]+)(\d+)/g, "$1$$$2");
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
  if (spec.link) renderLink(cell, spec);
}

/** An in-workbook link (src/workbook/links.ts), shown as links are. */
function renderLink(cell: ExcelJS.Cell, spec: CellSpec): void {
  cell.value = { formula: linkFormula(spec)!, result: String(spec.value ?? spec.link) } as ExcelJS.CellFormulaValue;
  cell.font = { ...cell.font, color: { argb: "FF0563C1" }, underline: true };
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
      return { ...common, type: "list", showErrorMessage: v.alert !== false, formulae: [v.source ?? `"${v.items.join(",")}"`] };
    case "textLength":
      return { ...common, type: "textLength", operator: "lessThanOrEqual", formulae: [v.max] };
    case "date":
      // exceljs writes a date rule's formulae as serials from Dates; "yyyy-mm-dd" parses as UTC midnight.
      return { ...common, type: "date", operator: "between", formulae: [new Date(v.min), new Date(v.max)] };
  }
}
