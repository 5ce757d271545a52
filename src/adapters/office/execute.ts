/// <reference types="office-js" />
import type { StyleKey, ValidationSpec } from "../../workbook/plan";
import type { Op } from "./ops";
import { PROTECTION } from "./print";

/*
 * Enum values are written as their strings ("Landscape", not Excel.PageOrientation.landscape):
 * Office.js accepts both, and the strings need no `Excel` global, so the recording fake in the
 * tests exercises exactly this code.
 */

/**
 * Queue ops on the request context. Nothing here syncs: the caller sends each chunk with one
 * context.sync(). Ops address sheets by name, so a chunk can continue a sheet an earlier one began.
 */
export function queueOps(ctx: Excel.RequestContext, ops: readonly Op[]): void {
  const sheets = ctx.workbook.worksheets;
  const sheet = (name: string) => sheets.getItem(name);
  for (const op of ops) {
    switch (op.kind) {
      case "deleteSheet":
        sheet(op.sheet).delete();
        break;
      case "addSheet":
        sheets.add(op.sheet);
        break;
      case "cells":
        sheet(op.sheet).getRangeByIndexes(op.row, op.col, op.formulas.length, op.formulas[0]!.length).formulas = op.formulas;
        break;
      case "numberFormat":
        sheet(op.sheet).getRangeByIndexes(op.row, op.col, op.formats.length, op.formats[0]!.length).numberFormat = op.formats;
        break;
      case "fill": {
        // A one-row source pasted onto a taller range repeats, and its relative references move
        // with each row: Excel's fill down, in one operation instead of one formula per cell.
        const ws = sheet(op.sheet);
        ws.getRangeByIndexes(op.row + 1, op.col, op.rows - 1, op.cols).copyFrom(ws.getRangeByIndexes(op.row, op.col, 1, op.cols), op.copy);
        break;
      }
      case "style":
        applyStyle(sheet(op.sheet).getRange(op.address), op.style);
        break;
      case "validation":
        applyValidation(sheet(op.sheet).getRange(op.address), op.rule);
        break;
      case "columnWidth":
        // Excel measures column width in points; a character of 11-pt 宋体 is about 6 points wide.
        sheet(op.sheet).getRangeByIndexes(0, op.col, 1, 1).format.columnWidth = op.width * 6;
        break;
      case "merge":
        sheet(op.sheet).getRange(op.address).merge(false);
        break;
      case "rowHeight":
        // Wrapped or merged text never grows its row by itself (Excel does not auto-fit merged cells).
        sheet(op.sheet).getRanges(op.areas).format.rowHeight = op.height;
        break;
      case "sheetSetup":
        setUp(sheet(op.sheet), op);
        break;
      case "unprotect":
        sheet(op.sheet).protection.unprotect();
        break;
      case "protect":
        protectSheet(sheet(op.sheet));
        break;
      case "unmerge":
        sheet(op.sheet).getRange(op.address).unmerge();
        break;
      case "paste": {
        // Everything of the built sheet onto the sheet it replaces, which keeps its identity.
        const size = (ws: Excel.Worksheet) => ws.getRangeByIndexes(0, 0, op.rows, op.cols);
        size(sheet(op.sheet)).copyFrom(size(sheet(op.from)), "All");
        break;
      }
      case "rename":
        sheet(op.sheet).name = op.name;
        break;
      case "position":
        sheet(op.sheet).position = op.position;
        break;
      case "calculate":
        // Manual calculation mode would leave the new formulas blank (the add-in writes no cached values).
        sheet(op.sheet).calculate(true);
        break;
    }
  }
}

function setUp(ws: Excel.Worksheet, op: Extract<Op, { kind: "sheetSetup" }>): void {
  const { freeze, state, protect, tabColor } = op.spec;
  if (freeze && (freeze.rows || freeze.cols)) {
    if (freeze.cols === 0) ws.freezePanes.freezeRows(freeze.rows);
    else if (freeze.rows === 0) ws.freezePanes.freezeColumns(freeze.cols);
    else ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, freeze.rows, freeze.cols));
  }
  if (tabColor) ws.tabColor = `#${tabColor.slice(-6)}`;
  // Explicit even when visible: a sheet pasted onto may have been hidden.
  ws.visibility = state === "hidden" ? "Hidden" : state === "veryHidden" ? "VeryHidden" : "Visible";
  if (protect) protectSheet(ws);
}

function protectSheet(ws: Excel.Worksheet): void {
  ws.protection.protect(PROTECTION);
}

interface OfficeStyle {
  fill?: string;
  bold?: boolean;
  color?: string;
  size?: number;
  wrap?: boolean;
  align?: "Left" | "Center";
  unlocked?: boolean;
  border?: boolean;
}

const OFFICE_STYLES: Record<StyleKey, OfficeStyle> = {
  title: { bold: true, size: 14, align: "Left" },
  note: { color: "#595959", size: 10, wrap: true },
  header: { bold: true, fill: "#DDEBF7", wrap: true, align: "Center", border: true },
  subheader: { size: 10, fill: "#EEF5FB", wrap: true, align: "Center", border: true },
  groupRow: { bold: true, color: "#1F3864", fill: "#F2F2F2", align: "Center", border: true },
  label: { border: true },
  input: { unlocked: true, align: "Center", border: true },
  inputText: { unlocked: true, wrap: true, border: true },
  computed: { fill: "#F7F7F7", align: "Center", border: true },
  total: { bold: true, fill: "#FFF2CC", align: "Center", border: true },
  badge: { bold: true, color: "#833C0B", align: "Center", border: true },
  plain: {},
};

/** Office actions one style op becomes: a property set on the range's format each, two per border edge (sizing, ops.ts). */
export function styleActions(key: StyleKey): { format: number; border: number } {
  const s = OFFICE_STYLES[key];
  return { format: [s.fill, s.bold, s.color, s.size, s.wrap, s.align, s.unlocked].filter((x) => x !== undefined).length, border: s.border ? 12 : 0 };
}

function applyStyle(range: Excel.Range, key: StyleKey): void {
  const s = OFFICE_STYLES[key];
  const f = range.format;
  if (s.fill) f.fill.color = s.fill;
  if (s.bold) f.font.bold = true;
  if (s.color) f.font.color = s.color;
  if (s.size) f.font.size = s.size;
  if (s.wrap) f.wrapText = true;
  if (s.align) f.horizontalAlignment = s.align === "Left" ? "Left" : "Center";
  if (s.unlocked) f.protection.locked = false;
  if (s.border) {
    for (const edge of <const>["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"]) {
      const b = f.borders.getItem(edge);
      b.style = "Continuous";
      b.color = "#BFBFBF";
    }
  }
}

function applyValidation(range: Excel.Range, v: ValidationSpec): void {
  const dv = range.dataValidation;
  dv.clear();
  switch (v.kind) {
    case "decimal":
    case "whole": {
      const basic: Excel.BasicDataValidation = v.max === undefined
        ? { formula1: v.min ?? 0, operator: "GreaterThanOrEqualTo" }
        : { formula1: v.min ?? 0, formula2: v.max, operator: "Between" };
      dv.rule = v.kind === "decimal" ? { decimal: basic } : { wholeNumber: basic };
      break;
    }
    case "list":
      dv.rule = { list: { inCellDropDown: true, source: v.source ? `=${v.source}` : v.items.join(",") } };
      break;
    case "textLength":
      dv.rule = { textLength: { formula1: v.max, operator: "LessThanOrEqualTo" } };
      break;
    case "date":
      // DATE(): a date typed as text would be read in the user's locale.
      dv.rule = { date: { formula1: `=DATE(${v.min.slice(0, 4)},${+v.min.slice(5, 7)},${+v.min.slice(8, 10)})`, formula2: `=DATE(${v.max.slice(0, 4)},${+v.max.slice(5, 7)},${+v.max.slice(8, 10)})`, operator: "Between" } };
      break;
  }
  dv.prompt = { showPrompt: true, title: "填写说明", message: v.prompt };
  dv.errorAlert = { showAlert: !(v.kind === "list" && v.alert === false), style: "Stop", title: "输入有误", message: v.error };
}
