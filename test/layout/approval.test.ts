import { describe, expect, it } from "vitest";
import { approvalDiagnostics, approvalSheet, approvedPlan, changedSinceApproval, inputFingerprint, newApproval, readApproval, verifyApproval, type Approval } from "../../src/report/approval";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { SHEETS } from "../../src/layout/names";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { builtinScheme } from "../../src/scheme/load";
import { planSnapshot } from "../support/planSnapshot";
import type { WorkbookSnapshot } from "../../src/workbook/snapshot";

const scheme = builtinScheme();
const base = planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 3) }));

function edit(wb: WorkbookSnapshot, sheet: string, row: number, col: number, value: number | string | null): WorkbookSnapshot {
  return {
    ...wb,
    sheets: wb.sheets.map((s) => (s.name !== sheet ? s : { ...s, rows: s.rows.map((r, i) => (i !== row ? r : r.map((v, j) => (j === col ? value : v)))) })),
  };
}

describe("approval (审定)", () => {
  const approval: Approval = { approvedAt: "2027-01-20T10:00:00", approvedBy: "党组会", schemeId: scheme.id, inputs: inputFingerprint(base) };

  it("nothing changed: no cell reported", () => {
    expect(changedSinceApproval(approval, base)).toEqual([]);
  });

  it("an edited, a cleared and an added input cell are each named", () => {
    let wb = edit(base, "宣教部", 5, 2, 0.5);
    wb = edit(wb, "综合评估", 4, 5, null);
    wb = edit(wb, "加分扣分", 60, 7, "新登记");
    const changed = changedSinceApproval(approval, wb);
    expect(changed).toEqual(expect.arrayContaining(["宣教部!C6", "加分扣分!H61"]));
    expect(changed.length).toBeGreaterThanOrEqual(2);
    const ds = approvalDiagnostics(approval, changed);
    expect(ds[0]).toMatchObject({ severity: "warning", code: "approval.changed" });
    expect(ds.find((d) => d.cell === "C6")!.message).toContain("2027-01-20");
  });

  it("outputs and the scheme sheets are not inputs", () => {
    const keys = Object.keys(inputFingerprint(base));
    expect(keys.some((k) => k.startsWith("评价方案!") || k.startsWith("_evalsheet!"))).toBe(false);
    expect(keys.some((k) => k.startsWith("宣教部!"))).toBe(true);
  });

  it("round-trips through its hidden sheet", () => {
    const wb = planSnapshot({ sheets: [approvalSheet(approval)], placement: "last" });
    expect(readApproval(wb)).toEqual(approval);
    expect(readApproval(base)).toBeNull();
  });

  it("one core for the pane and the CLI: the record carries the year, the plan marks the summary approved, verify says what changed", () => {
    const reading = readWorkbook(base);
    if (!reading.ok) throw new Error("sample invalid");
    const record = newApproval(base, scheme, "党组会", "2025-01-20");
    expect(record).toMatchObject({ approvedBy: "党组会", approvedAt: "2025-01-20", schemeId: "cq-2024", year: 2024 });
    const plan = approvedPlan(reading, record);
    // The aggregate's own sheets (whatever they are), then the record.
    expect(plan.sheets.map((s) => s.name)).toEqual([...aggregatePlan(reading, { status: "x" }).sheets.map((s) => s.name), SHEETS.approval]);
    expect(plan.sheets[0]!.name).toBe(SHEETS.summary);
    expect(String(plan.sheets[0]!.rows[1]![0]!.value)).toContain("已审定（2025-01-20，党组会）");
    const written: WorkbookSnapshot = { ...base, sheets: [...base.sheets, ...planSnapshot(plan).sheets] };
    expect(verifyApproval(base)).toEqual({ kind: "notApproved" });
    expect(verifyApproval(written)).toEqual({ kind: "unchanged", approval: record });
    expect(verifyApproval(edit(written, "宣教部", 5, 2, 0.5))).toMatchObject({ kind: "changed", cells: ["宣教部!C6"] });
  });
});
