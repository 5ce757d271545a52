/// <reference types="et-jsapi-declare" />
/*
 * The slice of the WPS 表格 (ET) object model the adapter uses, typed from Kingsoft's own typings
 * (npm et-jsapi-declare, namespace Et) with local overrides where those generated typings are wrong
 * or too loose for the adapter, and numeric constants where they use enums.
 *
 * Overrides, and why:
 *  - Value2 / Formula: typed `string | any[]`; ET gives a scalar for one cell and rows of columns
 *    (a 2-D array) for more, and takes either.
 *  - MergeCells: typed boolean; like Excel it is null when a range is partly merged.
 *  - Workbook.Worksheets is typed as Sheets and Item() as `Worksheet | Sheets`: here a worksheet.
 *  - HPageBreaks has no Add() in the typings; ET, like Excel, has HPageBreaks.Add(Before).
 *  - Enum-typed members (Visible, Calculation, Orientation, PaperSize, Validation.Add's type…) take
 *    plain numbers: the typings' Et.* enums are ambient (`declare namespace`) and do not exist at run
 *    time, so `Et.XlCalculation.xlCalculationManual` would throw. The values are the XL constants
 *    below, copied from the same typings.
 * Every member is an object-model call: a property read or write, or a method call.
 */

/** What a cell holds as ET hands it over: number, text, boolean, empty, or an error code. */
export type EtScalar = string | number | boolean | null | undefined;
/** Rows of columns, as Value2 and Formula of a range of more than one cell. */
export type EtGrid = EtScalar[][];

type Members<T, K extends keyof T> = Pick<T, K>;

export interface EtAreas extends Members<Et.Areas, "Count"> {
  Item(index: number): EtRange;
}

export interface EtBorders {
  LineStyle: number;
  Color: number;
}

export interface EtValidation extends Members<Et.Validation, "Delete" | "IgnoreBlank" | "InCellDropdown" | "InputTitle" | "InputMessage" | "ErrorTitle" | "ErrorMessage" | "ShowInput" | "ShowError"> {
  Add(type: number, alertStyle?: number, operator?: number, formula1?: string, formula2?: string): void;
}

export interface EtRange extends Members<Et.Range, "Row" | "Column" | "Count" | "Merge" | "UnMerge" | "Select" | "Activate" | "Clear" | "Calculate"> {
  Address(rowAbsolute?: boolean, columnAbsolute?: boolean): string;
  Value2: EtScalar | EtGrid;
  Formula: EtScalar | EtGrid;
  NumberFormat: string;
  readonly MergeCells: boolean | null;
  readonly MergeArea: EtRange;
  readonly Cells: EtRange;
  readonly Rows: EtRange;
  readonly Columns: EtRange;
  Item(row: number, column?: number): EtRange;
  SpecialCells(type: number, value?: number): EtRange;
  readonly Areas: EtAreas;
  readonly Font: Members<Et.Font, "Bold" | "Color" | "Size">;
  readonly Interior: { Color: number };
  readonly Borders: EtBorders;
  WrapText: boolean;
  HorizontalAlignment: number;
  Locked: boolean;
  ColumnWidth: number;
  RowHeight: number;
  AutoFit(): unknown;
  readonly Validation: EtValidation;
  Copy(destination?: EtRange): unknown;
}

export interface EtPageSetup extends Members<Et.PageSetup, "PrintTitleRows" | "PrintTitleColumns" | "PrintArea" | "CenterFooter"> {
  Orientation: number;
  PaperSize: number;
  Zoom: number | boolean;
  FitToPagesWide: number | boolean;
  FitToPagesTall: number | boolean;
}

export interface EtWorksheet extends Members<Et.Worksheet, "Name" | "Index" | "Delete" | "Activate" | "Calculate" | "Unprotect" | "ProtectContents" | "ResetAllPageBreaks"> {
  Visible: number;
  readonly UsedRange: EtRange;
  readonly Cells: EtRange;
  readonly Columns: EtRange;
  readonly Rows: EtRange;
  Range(address: string): EtRange;
  readonly PageSetup: EtPageSetup;
  readonly Tab: { Color: number };
  readonly HPageBreaks: { Add(before: EtRange): unknown };
  Move(before?: EtWorksheet, after?: EtWorksheet): void;
  Protect(password?: string, drawingObjects?: boolean, contents?: boolean, scenarios?: boolean, userInterfaceOnly?: boolean, allowFormattingCells?: boolean, allowFormattingColumns?: boolean, allowFormattingRows?: boolean): void;
}

export interface EtWorksheets extends Members<Et.Worksheets, "Count"> {
  Item(index: number | string): EtWorksheet;
  Add(before?: EtWorksheet, after?: EtWorksheet): EtWorksheet;
}

export type EtWindow = Members<Et.Window, "FreezePanes" | "SplitRow" | "SplitColumn" | "ScrollRow" | "ScrollColumn" | "Hwnd">;

export interface EtWorkbook extends Members<Et.Workbook, "Name"> {
  readonly Worksheets: EtWorksheets;
  readonly ActiveSheet: EtWorksheet;
}

export interface EtApplication extends Members<Et.Application, "ScreenUpdating" | "EnableEvents" | "DisplayAlerts" | "Calculate" | "CalculateFull"> {
  Calculation: number;
  readonly ActiveWorkbook: EtWorkbook | null;
  readonly ActiveWindow: EtWindow;
}

/** The XL constants the adapter uses (values from et-jsapi-declare's enums of the same names). */
export const XL = {
  calculationManual: -4135,
  sheetVisible: -1,
  sheetHidden: 0,
  sheetVeryHidden: 2,
  cellTypeConstants: 2,
  cellTypeFormulas: -4123,
  errors: 16,
  landscape: 2,
  portrait: 1,
  paperA4: 9,
  continuous: 1,
  hAlignCenter: -4108,
  hAlignLeft: -4131,
  validateWholeNumber: 1,
  validateDecimal: 2,
  validateList: 3,
  validateDate: 4,
  validateTextLength: 6,
  alertStop: 1,
  between: 1,
  greaterEqual: 7,
  lessEqual: 8,
} as const;

/**
 * Error values as ET hands them over in Value2 when it follows COM (CVErr codes), mapped to their
 * text. Which cells hold errors is asked of ET (SpecialCells), never guessed from a number.
 */
export const ERROR_CODES: Readonly<Record<number, string>> = {
  [-2146826288]: "#NULL!",
  [-2146826281]: "#DIV/0!",
  [-2146826273]: "#VALUE!",
  [-2146826265]: "#REF!",
  [-2146826259]: "#NAME?",
  [-2146826252]: "#NUM!",
  [-2146826246]: "#N/A",
};

/** A task pane WPS made for the add-in (CreateTaskPane). */
export type WpsTaskPane = Members<WPS.CustomTaskpane, "ID" | "Visible" | "Delete">;

/** The add-in's storage shared by its pages (the pane, the functions page): synchronous, per add-in. */
export type WpsPluginStorage = Members<WPS.PluginStorage, "setItem" | "removeItem"> & {
  // Typed `string`; a missing key gives null or "".
  getItem(key: string): string | null | undefined;
};

/** Metadata WPS shows for a custom function ("插入函数" → 用户定义), as wps.AddCustomFunction takes it. */
export type WpsFunctionMetadata = NonNullable<Parameters<WPS.EtAddonRoot["AddCustomFunction"]>[3]>;

/**
 * window.Application / window.wps in a WPS 表格 add-in page: the ET application plus the add-in's
 * host functions. ApiEvent callbacks are typed per event in et-jsapi-declare; here one signature.
 */
export interface WpsHost extends EtApplication {
  readonly PluginStorage: WpsPluginStorage;
  CreateTaskPane(url: string, title?: string): WpsTaskPane;
  GetTaskPane(id: number): WpsTaskPane;
  readonly ApiEvent: { AddApiEventListener(event: string, callback: (...args: never[]) => void): void };
  AddCustomFunction(namespace: string, name: string, callback: (...args: never[]) => unknown, metadata?: WpsFunctionMetadata): void;
}
