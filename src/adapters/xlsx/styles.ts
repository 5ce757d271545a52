import type ExcelJS from "exceljs";
import type { StyleKey } from "../../workbook/plan";
import { STYLE_TEXT } from "../../layout/print";

/**
 * How each style key looks in a file. Plain fonts and fills that Excel, WPS and LibreOffice all
 * render the same; inputs are the only unlocked cells, so a protected sheet still takes input, and
 * the only shaded ones, so staff see where to type. Sizes and wrapping come from STYLE_TEXT, which
 * the layout also uses to give wrapped rows their height.
 */
const thin: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FFBFBFBF" } },
  left: { style: "thin", color: { argb: "FFBFBFBF" } },
  bottom: { style: "thin", color: { argb: "FFBFBFBF" } },
  right: { style: "thin", color: { argb: "FFBFBFBF" } },
};
const fill = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });
const font = (key: StyleKey, extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: "宋体", size: STYLE_TEXT[key].size, ...extra });
const INPUT_FILL = fill("FFFFF5D6");

export const STYLES: Record<StyleKey, Partial<ExcelJS.Style>> = {
  title: { font: font("title", { bold: true }), alignment: { vertical: "middle", horizontal: "left" } },
  note: { font: font("note", { color: { argb: "FF595959" } }), alignment: { wrapText: true, vertical: "top" } },
  header: { font: font("header", { bold: true }), fill: fill("FFDDEBF7"), border: thin, alignment: { wrapText: true, vertical: "middle", horizontal: "center" } },
  subheader: { font: font("subheader"), fill: fill("FFEEF5FB"), border: thin, alignment: { wrapText: true, vertical: "middle", horizontal: "center" } },
  groupRow: { font: font("groupRow", { bold: true, color: { argb: "FF1F3864" } }), fill: fill("FFF2F2F2"), border: thin, alignment: { horizontal: "center", vertical: "middle", wrapText: true } },
  label: { font: font("label"), border: thin, alignment: { vertical: "middle", wrapText: true } },
  input: { font: font("input"), fill: INPUT_FILL, border: thin, protection: { locked: false }, alignment: { horizontal: "center", vertical: "middle" } },
  inputText: { font: font("inputText"), fill: INPUT_FILL, border: thin, protection: { locked: false }, alignment: { wrapText: true, vertical: "top" } },
  computed: { font: font("computed"), fill: fill("FFF7F7F7"), border: thin, alignment: { horizontal: "center", vertical: "middle" } },
  total: { font: font("total", { bold: true }), fill: fill("FFFFF2CC"), border: thin, alignment: { horizontal: "center", vertical: "middle", wrapText: true } },
  badge: { font: font("badge", { bold: true, color: { argb: "FF833C0B" } }), border: thin, alignment: { horizontal: "center", vertical: "middle" } },
  plain: { font: font("plain"), alignment: { wrapText: true, vertical: "top" } },
};
