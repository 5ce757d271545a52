import { describe, expect, it } from "vitest";
import * as ops from "../../taskpane/operations";
import { xlsxPort } from "../../src/adapters/xlsx/xlsxPort";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { builtinScheme } from "../../src/scheme/load";
import { SHEETS } from "../../src/layout/names";

/**
 * The pane's 导入平时评价 (issue 10 §1): the same core as `evalsheet periodic add`, through the
 * workbook port; the next 汇总 counts the periods in, and a refusal writes nothing.
 */
const base = builtinScheme();
const periodBytes = async (period: string, seed: number) => {
  const s = { ...base, period };
  return workbookBytes(await planToWorkbook(templatePlan(s, { sample: sampleData(s, seed) })));
};

describe("导入平时评价 in the pane", () => {
  it("adds two periods through the port, the next aggregate blends them, and another 上半年 with other scores is refused", async () => {
    const port = xlsxPort(await planToWorkbook(templatePlan(base, { sample: sampleData(base, 7) })));
    const before = await ops.aggregate({ port });
    if (!before.ok) throw new Error("sample invalid");
    const phases: string[] = [];
    const added = await ops.importPeriodic({ port, progress: (p) => phases.push(p) }, [
      { name: "上半年.xlsx", bytes: await periodBytes("上半年", 11) },
      { name: "下半年.xlsx", bytes: await periodBytes("下半年", 12) },
    ]);
    expect(added.ok, JSON.stringify(added.diagnostics)).toBe(true);
    if (added.ok) expect(added.value).toEqual({ added: ["上半年", "下半年"], missing: [] });
    expect(phases).toEqual(["phaseRead", "phaseValidate", "phaseWrite"]);
    const read = await port.readSnapshot();
    if (!read.ok) throw new Error("unreadable");
    expect(read.value.sheets.some((s) => s.name === SHEETS.periodic)).toBe(true);

    const after = await ops.aggregate({ port });
    if (!after.ok) throw new Error("aggregate failed");
    expect(after.value.periodic.periods.size).toBe(2);
    const moved = after.value.evaluation.units.filter((u, i) => u.basic !== before.value.evaluation.units[i]!.basic);
    expect(moved.length).toBeGreaterThan(10);

    const refused = await ops.importPeriodic({ port }, [{ name: "另一份上半年.xlsx", bytes: await periodBytes("上半年", 13) }]);
    expect(refused.ok).toBe(false);
    const conflict = refused.diagnostics.find((d) => d.code === "periodic.conflict");
    expect(conflict?.message).toContain("上半年.xlsx");
    expect(conflict?.message).toContain("另一份上半年.xlsx");
  }, 240_000);
});
