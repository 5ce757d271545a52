import type ExcelJS from "exceljs";
import type { StyleKey } from "../../workbook/plan";

/**
 * How each style key looks in a file. Plain fonts and fills that Excel, WPS and LibreOffice all
 * render the same; inputs are the only unlocked cells, so a protected sheet still takes input.
 */
const thin: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FFBFBFBF" } },
  left: { style: "thin", color: { argb: "FFBFBFBF" } },
  bottom: { style: "thin", color: { argb: "FFBFBFBF" } },
  right: { style: "thin", color: { argb: "FFBFBFBF" } },
};
const fill = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });
const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: "宋体", size: 11, ...extra });

export const STYLES: Record<StyleKey, Partial<ExcelJS.Style>> = {
  title: { font: font({ size: 14, bold: true }), alignment: { vertical: "middle", horizontal: "left" } },
  note: { font: font({ size: 10, color: { argb: "FF595959" } }), alignment: { wrapText: true, vertical: "top" } },
  header: { font: font({ bold: true }), fill: fill("FFDDEBF7"), border: thin, alignment: { wrapText: true, vertical: "middle", horizontal: "center" } },
  subheader: { font: font({ size: 10 }), fill: fill("FFEEF5FB"), border: thin, alignment: { wrapText: true, vertical: "middle", horizontal: "center" } },
  groupRow: { font: font({ bold: true, color: { argb: "FF1F3864" } }), fill: fill("FFF2F2F2"), border: thin, alignment: { horizontal: "center", wrapText: true } },
  label: { font: font(), border: thin, alignment: { vertical: "middle" } },
  input: { font: font(), border: thin, protection: { locked: false }, alignment: { horizontal: "center" } },
  inputText: { font: font(), border: thin, protection: { locked: false }, alignment: { wrapText: true, vertical: "top" } },
  computed: { font: font(), fill: fill("FFF7F7F7"), border: thin, alignment: { horizontal: "center" } },
  total: { font: font({ bold: true }), fill: fill("FFFFF2CC"), border: thin, alignment: { horizontal: "center" } },
  badge: { font: font({ bold: true, color: { argb: "FF833C0B" } }), border: thin, alignment: { horizontal: "center" } },
  plain: { font: font() },
};
