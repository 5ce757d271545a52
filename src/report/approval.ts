import { z } from "zod";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic";
import { OUTPUT_SHEETS, SHEETS } from "../layout/names";
import { a1 } from "../workbook/address";
import type { CellSpec, SheetSpec, WritePlan } from "../workbook/plan";
import type { Scheme } from "../scheme/schema";
import type { Reading } from "../validate/validate";
// A cycle (aggregate.ts uses approvalStatus), harmless: neither module calls the other while loading.
import { aggregatePlan } from "./aggregate";
import type { CellValue, WorkbookSnapshot } from "../workbook/snapshot";

/**
 * 审定: once the Party group approves, the workbook keeps who approved, when, and a fingerprint of
 * every input cell, so that any later edit is reported by cell ("宣教部!D7 changed since approval").
 */
export const APPROVAL_MARKER = "evalsheet-approval-v1";

export const ApprovalSchema = z.object({
  approvedAt: z.string().min(1),
  approvedBy: z.string().min(1),
  schemeId: z.string(),
  /** The evaluation year approved (records written before the year was a parameter lack it). */
  year: z.number().int().optional(),
  /** "sheet!A1" → short hash of the cell's value. */
  inputs: z.record(z.string(), z.string()),
});
export type Approval = z.infer<typeof ApprovalSchema>;

/**
 * Sheets that are not input: outputs, the scheme's sheets, and this record. The contact-point
 * table and the ledgers of 附件1/附件2 change no score, so logging a visit after 审定 does not
 * unsettle the approved result; nor does adding a prior year's results (历年结果).
 */
const NOT_INPUT = new Set([...OUTPUT_SHEETS, SHEETS.schemeView, SHEETS.data, SHEETS.approval, SHEETS.contacts, SHEETS.contactLog, SHEETS.researchLog, SHEETS.history]);

export function inputFingerprint(wb: WorkbookSnapshot): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sheet of wb.sheets) {
    if (NOT_INPUT.has(sheet.name)) continue;
    sheet.rows.forEach((row, r) => row.forEach((v, c) => {
      if (v !== null && v !== "") out[`${sheet.name}!${a1(r, c)}`] = hash(v);
    }));
  }
  return out;
}

/** FNV-1a over the value's JSON: short, stable, enough to notice an edit (not a security seal). */
function hash(v: CellValue): string {
  const s = JSON.stringify(v);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** Cells whose value differs from the approved one (added, changed or cleared), in a stable order. */
export function changedSinceApproval(approval: Approval, wb: WorkbookSnapshot): string[] {
  const now = inputFingerprint(wb);
  const keys = new Set([...Object.keys(approval.inputs), ...Object.keys(now)]);
  return [...keys].filter((k) => approval.inputs[k] !== now[k]).sort();
}

export function approvalDiagnostics(approval: Approval, changed: readonly string[]): Diagnostic[] {
  return changed.map((ref) => {
    const [sheet, cell] = ref.split("!") as [string, string];
    return diagnostic("warning", "approval.changed", {
      zh: `此单元格在 ${approval.approvedAt.slice(0, 10)} 审定（${approval.approvedBy}）后被修改。审定结果基于修改前的数据；如需变更，请重新汇总并报党组会审定。`,
      en: `This cell changed after approval on ${approval.approvedAt.slice(0, 10)} by ${approval.approvedBy}. Re-aggregate and seek approval again.`,
    }, { sheet, cell });
  });
}

export function approvalStatus(approval: Approval | null): string {
  return approval ? `已审定（${approval.approvedAt.slice(0, 10)}，${approval.approvedBy}）` : "初步意见（待党组会审定）";
}

const CHUNK = 30000;

/** The hidden sheet that stores the approval record as JSON. */
export function approvalSheet(approval: Approval): SheetSpec {
  const json = JSON.stringify(approval);
  const rows: (CellSpec | null)[][] = [[{ value: APPROVAL_MARKER }]];
  for (let i = 0; i < json.length; i += CHUNK) rows.push([{ value: json.slice(i, i + CHUNK) }]);
  return { name: SHEETS.approval, rows, columnWidths: [20], merges: [], state: "hidden", protect: true };
}

/** The record of an approval given now: who, when, and the fingerprint of every input cell. */
export function newApproval(wb: WorkbookSnapshot, scheme: Scheme, approvedBy: string, approvedAt: string): Approval {
  return { approvedAt, approvedBy, schemeId: scheme.id, year: scheme.year, inputs: inputFingerprint(wb) };
}

/**
 * What 审定 writes, in the pane and the CLI alike: the aggregate's sheets with the summary marked
 * approved, and the record.
 */
export function approvedPlan(reading: Reading, approval: Approval): WritePlan {
  const base = aggregatePlan(reading, { status: approvalStatus(approval) });
  return { ...base, sheets: [...base.sheets, approvalSheet(approval)] };
}

export type Verification =
  | { readonly kind: "notApproved" }
  | { readonly kind: "unchanged"; readonly approval: Approval }
  | { readonly kind: "changed"; readonly approval: Approval; readonly cells: readonly string[] };

/** Has anything been edited since 审定? (`evalsheet verify`, and the pane's approval panel.) */
export function verifyApproval(wb: WorkbookSnapshot): Verification {
  const approval = readApproval(wb);
  if (!approval) return { kind: "notApproved" };
  const cells = changedSinceApproval(approval, wb);
  return cells.length ? { kind: "changed", approval, cells } : { kind: "unchanged", approval };
}

export function readApproval(wb: WorkbookSnapshot): Approval | null {
  const sheet = wb.sheets.find((s) => s.name === SHEETS.approval);
  if (!sheet || sheet.rows[0]?.[0] !== APPROVAL_MARKER) return null;
  let json = "";
  for (let r = 1; r < sheet.rows.length && typeof sheet.rows[r]?.[0] === "string"; r++) json += sheet.rows[r]![0] as string;
  try {
    const parsed = ApprovalSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
