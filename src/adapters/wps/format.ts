import type { StyleKey, ValidationSpec } from "../../workbook/plan";
import { XL, type EtRange } from "./et";

/*
 * Styles and data validation on an ET range. Colours are written as ET (like Excel's object model)
 * takes them: a number red + green·256 + blue·65536, not "#RRGGBB". Each assignment is a call, so
 * a style is applied once per rectangle of cells that share it, never per cell.
 */

/** "#RRGGBB" or "RRGGBB" (or ARGB) → ET's colour number. */
export function etColor(hex: string): number {
  const h = hex.replace(/^#/, "").slice(-6);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  return r + g * 256 + b * 65536;
}

interface EtStyle {
  fill?: string;
  bold?: boolean;
  color?: string;
  size?: number;
  wrap?: boolean;
  align?: "left" | "center";
  unlocked?: boolean;
  border?: boolean;
}

// The same looks as the Office adapter's and the file adapter's styles.
const STYLES: Record<StyleKey, EtStyle> = {
  title: { bold: true, size: 14, align: "left" },
  note: { color: "#595959", size: 10, wrap: true },
  header: { bold: true, fill: "#DDEBF7", wrap: true, align: "center", border: true },
  subheader: { size: 10, fill: "#EEF5FB", wrap: true, align: "center", border: true },
  groupRow: { bold: true, color: "#1F3864", fill: "#F2F2F2", align: "center", border: true },
  label: { border: true },
  input: { unlocked: true, align: "center", border: true },
  inputText: { unlocked: true, wrap: true, border: true },
  computed: { fill: "#F7F7F7", align: "center", border: true },
  total: { bold: true, fill: "#FFF2CC", align: "center", border: true },
  badge: { bold: true, color: "#833C0B", align: "center", border: true },
  plain: {},
};

export function applyStyle(range: EtRange, key: StyleKey): void {
  const s = STYLES[key];
  if (s.fill) range.Interior.Color = etColor(s.fill);
  if (s.bold || s.color || s.size) {
    const font = range.Font;
    if (s.bold) font.Bold = true;
    if (s.color) font.Color = etColor(s.color);
    if (s.size) font.Size = s.size;
  }
  if (s.wrap) range.WrapText = true;
  if (s.align) range.HorizontalAlignment = s.align === "left" ? XL.hAlignLeft : XL.hAlignCenter;
  if (s.unlocked) range.Locked = false;
  if (s.border) {
    // The Borders collection sets every edge and inside line of the range at once.
    const b = range.Borders;
    b.LineStyle = XL.continuous;
    b.Color = etColor("#BFBFBF");
  }
}

/** Excel refuses a prompt or error message over 255 characters; ET is assumed to do the same. */
const MESSAGE_MAX = 255;

export function applyValidation(range: EtRange, v: ValidationSpec): void {
  const dv = range.Validation;
  dv.Delete();
  switch (v.kind) {
    case "decimal":
    case "whole": {
      const type = v.kind === "decimal" ? XL.validateDecimal : XL.validateWholeNumber;
      if (v.max === undefined) dv.Add(type, XL.alertStop, XL.greaterEqual, String(v.min ?? 0));
      else dv.Add(type, XL.alertStop, XL.between, String(v.min ?? 0), String(v.max));
      break;
    }
    case "list":
      dv.Add(XL.validateList, XL.alertStop, XL.between, v.source ? `=${v.source}` : v.items.join(","));
      dv.InCellDropdown = true;
      break;
    case "textLength":
      dv.Add(XL.validateTextLength, XL.alertStop, XL.lessEqual, String(v.max));
      break;
    case "date":
      // DATE(): a date typed as text would be read in the user's locale.
      dv.Add(XL.validateDate, XL.alertStop, XL.between, dateFormula(v.min), dateFormula(v.max));
      break;
  }
  dv.IgnoreBlank = true;
  dv.InputTitle = "填写说明";
  dv.InputMessage = v.prompt.slice(0, MESSAGE_MAX);
  dv.ErrorTitle = "输入有误";
  dv.ErrorMessage = v.error.slice(0, MESSAGE_MAX);
  dv.ShowInput = true;
  dv.ShowError = !(v.kind === "list" && v.alert === false);
}

function dateFormula(iso: string): string {
  return `=DATE(${iso.slice(0, 4)},${+iso.slice(5, 7)},${+iso.slice(8, 10)})`;
}
