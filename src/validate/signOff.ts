import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Scheme } from "../scheme/schema";
import { foldName } from "../scheme/names";
import { SIGN_OFF, type DepartmentLayout, type SignOffKey } from "../layout/department";
import { a1 } from "../workbook/address";
import { cellAt, type SheetSnapshot } from "../workbook/snapshot";
import { cellText, parseDate } from "./cellParse";
import { msg } from "./messages";

/** A department sheet's 部室审定 ("经分管领导审定后，交办公室汇总"): who scored, who approved, when. */
export interface SignOff {
  readonly department: string;
  readonly sheet: string;
  readonly scorer: string | null;
  readonly approver: string | null;
  /** "yyyy-mm-dd". */
  readonly date: string | null;
  /** Scored, and all three fields filled. */
  readonly signed: boolean;
}

/** 0-based row of the 部室审定 heading, found by its text below the header; null on sheets made before it existed. */
export function findSignOff(layout: DepartmentLayout, sheet: SheetSnapshot): number | null {
  const heading = foldName(SIGN_OFF.heading);
  for (let r = layout.firstDataRow; r < sheet.rows.length; r++) {
    const t = cellText(cellAt(sheet, r, layout.seqCol));
    if (t !== null && foldName(t).startsWith(heading)) return r;
  }
  return null;
}

/** The row of each field: the first row after the heading whose 序号 cell carries its label. */
function fieldRows(layout: DepartmentLayout, sheet: SheetSnapshot, at: number): Map<SignOffKey, number> {
  const rows = new Map<SignOffKey, number>();
  for (let r = at + 1; r < Math.min(sheet.rows.length, at + 1 + SIGN_OFF.fields.length + 3); r++) {
    const t = cellText(cellAt(sheet, r, layout.seqCol));
    const f = t === null ? undefined : SIGN_OFF.fields.find((x) => foldName(x.label) === foldName(t));
    if (f && !rows.has(f.key)) rows.set(f.key, r);
  }
  return rows;
}

/**
 * Read the sign-off of a scored department sheet, reporting what is missing with the scheme's
 * severity (`signOff`; warning by default, so the office can still aggregate a draft).
 */
export function readSignOff(scheme: Scheme, layout: DepartmentLayout, sheet: SheetSnapshot, at: number | null, out: Diagnostic[]): SignOff {
  const severity = scheme.signOff;
  const none: SignOff = { department: layout.department, sheet: sheet.name, scorer: null, approver: null, date: null, signed: false };
  if (at === null) {
    if (severity !== "off") out.push(msg.signOffBlockMissing(severity, sheet.name));
    return none;
  }
  const rows = fieldRows(layout, sheet, at);
  const valueCol = layout.unitCol + 1;
  const got: Partial<Record<SignOffKey, string | null>> = {};
  for (const f of SIGN_OFF.fields) {
    const r = rows.get(f.key);
    const cell = a1(r ?? at + 1 + SIGN_OFF.fields.indexOf(f), valueCol);
    const v = r === undefined ? null : cellAt(sheet, r, valueCol);
    if (f.key === "date") {
      const p = parseDate(v);
      if (p.kind === "date") {
        got.date = p.iso;
        if (p.note) out.push(msg.dateAsText(sheet.name, cell, p.iso));
      } else {
        got.date = null;
        if (p.kind === "invalid") out.push(msg.notDate(sheet.name, cell, p.raw, scheme.year + 1));
        else if (severity !== "off") out.push(msg.signOffMissing(severity, sheet.name, cell, f.label));
      }
      continue;
    }
    got[f.key] = cellText(v);
    if (got[f.key] === null && severity !== "off") out.push(msg.signOffMissing(severity, sheet.name, cell, f.label));
  }
  const signOff = { ...none, scorer: got.scorer ?? null, approver: got.approver ?? null, date: got.date ?? null };
  return { ...signOff, signed: signOff.scorer !== null && signOff.approver !== null && signOff.date !== null };
}
