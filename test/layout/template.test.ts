import { describe, expect, it } from "vitest";
import { builtinScheme } from "../../src/scheme/load";
import { sampleData } from "../../src/layout/sample";
import { templatePlan } from "../../src/layout/template";
import { departmentLayouts } from "../../src/layout/department";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { readWorkbook } from "../../src/validate/validate";
import { SHEETS } from "../../src/layout/names";

const scheme = builtinScheme();

async function roundTrip(plan: ReturnType<typeof templatePlan>) {
  const bytes = await workbookBytes(await planToWorkbook(plan));
  const opened = await openXlsx(bytes, "template.xlsx");
  if (!opened.ok) throw new Error(opened.diagnostics[0]!.message);
  return { opened, reading: readWorkbook(opened.snapshot) };
}

describe("templates", () => {
  it("the blank template has every input sheet, the scheme sheets, and reads back with one 'not filled' error per department", async () => {
    const { opened, reading } = await roundTrip(templatePlan(scheme));
    const names = opened.snapshot.sheets.map((s) => s.name);
    expect(names).toEqual(["宣教部", "办公室", "发展部", "家儿部", "维权部", "妇儿工委办", "组联部", SHEETS.cases, SHEETS.events, SHEETS.composite, SHEETS.contacts, SHEETS.contactLog, SHEETS.researchLog, SHEETS.schemeView, SHEETS.data]);
    expect(opened.snapshot.sheets.find((s) => s.name === SHEETS.data)!.state).toBe("hidden");
    if (!reading.ok) throw new Error("unreadable");
    const errors = reading.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => `${d.code} ${d.sheet}`).sort()).toEqual(departmentLayouts(scheme).map((l) => `sheet.notFilled ${l.sheet}`).sort());
    // The workbook carries its scheme: no fallback to the built-in.
    expect(reading.diagnostics.some((d) => d.code === "scheme.builtin")).toBe(false);
  });

  it.each([1, 7, 2024, 31337])("sample data (seed %i) validates with no error and no warning", async (seed) => {
    const { reading } = await roundTrip(templatePlan(scheme, { sample: sampleData(scheme, seed) }));
    if (!reading.ok) throw new Error("unreadable");
    expect(reading.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("golden round trip: every sample value written is read back as the same input", async () => {
    const sample = sampleData(scheme, 2024);
    const { reading } = await roundTrip(templatePlan(scheme, { sample }));
    if (!reading.ok) throw new Error("unreadable");
    const read = new Map(reading.inputs.basic.map((b) => [`${b.unit}|${b.indicator}`, b]));
    let compared = 0;
    for (const [key, value] of sample.basic) {
      const [unit, indicator, col] = key.split("|") as [string, string, string];
      const got = read.get(`${unit}|${indicator}`)!.values[col];
      expect(got, key).toEqual(value === "是" ? true : value === "否" ? false : value === "不适用" ? "na" : value);
      compared++;
    }
    expect(compared).toBeGreaterThan(41 * 21);
    for (const [key, reason] of sample.reasons) expect(read.get(key)!.reason).toBe(reason);
    expect(reading.inputs.cases.map((c) => [c.unit, c.score])).toEqual(sample.cases.map((c) => [c.unit, c.score]));
    expect(reading.inputs.events).toHaveLength(sample.events.length);
    expect(reading.inputs.composite.filter((c) => c.deduction !== null).map((c) => [c.unit, c.deduction])).toEqual([...sample.composite].map(([u, c]) => [u, c.deduction]));
  });

  it("sample data exercises the rules: a tie, caps that bite, a failed gate, penalties", async () => {
    const { reading } = await roundTrip(templatePlan(scheme, { sample: sampleData(scheme, 2024) }));
    if (!reading.ok) throw new Error("unreadable");
    const u = (name: string) => reading.evaluation.units.find((x) => x.unit === name)!;
    expect(u("南岸区").total).toBe(u("北碚区").total);
    expect(u("南岸区").groupRank).toBe(u("北碚区").groupRank);
    expect(u("渝中区").capsHit).toContain("承接国家级活动、全市性重大节点类活动（工作）");
    expect(u("涪陵区").capsHit).toContain("加分总分");
    expect(u("彭水县").trail.some((t) => t.kind === "gate")).toBe(true);
    expect(u("潼南区").trail.some((t) => t.kind === "perOccurrence")).toBe(true);
    expect(u("黔江区").penalty).toBe(1.5);
    expect(u("丰都县").composite).toBe(8);
  });

  it("a department's own template holds its sheet, the ledgers it keeps too, and the scheme, nothing else", async () => {
    const { opened } = await roundTrip(templatePlan(scheme, { department: "宣教部" }));
    expect(opened.snapshot.sheets.map((s) => s.name)).toEqual(["宣教部", SHEETS.contacts, SHEETS.contactLog, SHEETS.researchLog, SHEETS.schemeView, SHEETS.data]);
  });
});
