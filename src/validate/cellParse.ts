import { isCellDate, isCellError, type CellValue } from "../workbook/snapshot";
import { foldName } from "../scheme/names";
import { isoDate, serialToIso } from "../workbook/dates";

/**
 * Reading what people type into score cells. A number is a number; text that is clearly a
 * number ("5", " 5 ", "72%", full-width "５") is taken with a note so the user can fix the cell;
 * anything else ("abc", "5分") is refused, never guessed.
 */
export type ParsedNumber =
  | { kind: "empty" }
  | { kind: "number"; value: number; note: null | "text" | "fullwidth" }
  | { kind: "invalid"; raw: string }
  | { kind: "errorValue"; error: string };

export function parseNumber(v: CellValue): ParsedNumber {
  if (v === null) return { kind: "empty" };
  if (typeof v === "number") return Number.isFinite(v) ? { kind: "number", value: v, note: null } : { kind: "invalid", raw: String(v) };
  if (typeof v === "boolean") return { kind: "invalid", raw: v ? "TRUE" : "FALSE" };
  if (isCellError(v)) return { kind: "errorValue", error: v.error };
  if (isCellDate(v)) return { kind: "invalid", raw: v.date.slice(0, 10) };
  const trimmed = v.trim();
  if (trimmed === "") return { kind: "empty" };
  const folded = foldName(trimmed);
  const fullwidth = folded !== trimmed.replace(/\s+/g, "");
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(%?)$/.exec(folded);
  if (!m) return { kind: "invalid", raw: trimmed };
  const n = Number(m[1]);
  const value = m[2] ? Number((n / 100).toPrecision(15)) : n;
  return { kind: "number", value, note: fullwidth ? "fullwidth" : "text" };
}

export type ParsedYesNo = { kind: "empty" } | { kind: "yesno"; value: boolean } | { kind: "invalid"; raw: string } | { kind: "errorValue"; error: string };

export function parseYesNo(v: CellValue): ParsedYesNo {
  if (v === null) return { kind: "empty" };
  if (typeof v === "object" && isCellError(v)) return { kind: "errorValue", error: v.error };
  const s = foldName(String(typeof v === "object" ? v.date : v));
  if (s === "") return { kind: "empty" };
  if (s === "是") return { kind: "yesno", value: true };
  if (s === "否") return { kind: "yesno", value: false };
  return { kind: "invalid", raw: s };
}

/** Text of a cell for names, reasons and labels; null when blank. */
export function cellText(v: CellValue): string | null {
  if (v === null) return null;
  if (typeof v === "object") return isCellError(v) ? v.error : v.date.slice(0, 10);
  const s = String(v).trim();
  return s === "" ? null : s;
}

export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

export type ParsedDate =
  | { kind: "empty" }
  /** `iso` is "yyyy-mm-dd"; note "text" when it was typed as text ("2024-03-01", "2024年3月1日"). */
  | { kind: "date"; iso: string; note: null | "text" }
  | { kind: "invalid"; raw: string }
  | { kind: "errorValue"; error: string };

/**
 * Reading a date cell. A date cell is a date (the file adapter gives CellDate; Office.js gives
 * the serial number, so a number is a serial too). Text that is clearly a date — 2024-03-01,
 * 2024/3/1, 2024.3.1, 2024年3月1日, full-width digits — is taken with a note; anything else
 * ("三月", "2024-02-30") is refused, never guessed.
 */
export function parseDate(v: CellValue, date1904 = false): ParsedDate {
  if (v === null) return { kind: "empty" };
  if (isCellError(v)) return { kind: "errorValue", error: v.error };
  if (isCellDate(v)) return { kind: "date", iso: v.date.slice(0, 10), note: null };
  if (typeof v === "number") return Number.isFinite(v) && v >= 1 && v < 2_958_466 ? { kind: "date", iso: serialToIso(v, date1904), note: null } : { kind: "invalid", raw: String(v) };
  if (typeof v === "boolean") return { kind: "invalid", raw: v ? "TRUE" : "FALSE" };
  const trimmed = v.trim();
  if (trimmed === "") return { kind: "empty" };
  const iso = dateText(trimmed);
  return iso ? { kind: "date", iso, note: "text" } : { kind: "invalid", raw: trimmed };
}

/** "2024-03-01" / "2024/3/1" / "2024.3.1" / "2024年3月1日" → "2024-03-01"; null otherwise. */
export function dateText(s: string): string | null {
  const m = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?)$/.exec(foldName(s));
  if (!m) return null;
  return isoDate(Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5]));
}
