import { describe, expect, it } from "vitest";
import { officePort } from "../../src/adapters/office/officePort";
import { builtinScheme } from "../../src/scheme/load";
import type { Scheme } from "../../src/scheme/schema";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { SHEETS } from "../../src/layout/names";
import { FakeExcel } from "../support/fakeExcel";
import { planSnapshot } from "../support/planSnapshot";

const LIMIT = 4_000_000;

function schemeWithUnits(n: number): Scheme {
  const base = builtinScheme();
  const units = Array.from({ length: n }, (_, i) => ({ name: `单位${String(i + 1).padStart(4, "0")}`, group: base.groups[i % 4]!.id, aliases: [] }));
  return { ...base, id: `cq-${n}`, units };
}

/** Aggregate in the fake Excel exactly as the pane will: read, validate and evaluate, write. */
async function aggregateInFake(scheme: Scheme, fake = FakeExcel.from(planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 5) })))) {
  const port = officePort({ run: fake.run, isSetSupported: () => true, maxRequestBytes: LIMIT });
  const read = await port.readSnapshot();
  if (!read.ok) throw new Error(read.diagnostics[0]!.message);
  const reading = readWorkbook(read.value);
  if (!reading.ok) throw new Error(reading.diagnostics[0]!.message);
  const written = await port.applyPlan(aggregatePlan(reading));
  return { fake, port, reading, written };
}

describe("Office.js adapter: requests per aggregate", () => {
  it("41 units: 3 round trips in all (2 reads, 1 write), each request far under 4 MB, calculation suspended for the write", async () => {
    const { fake, written } = await aggregateInFake(builtinScheme());
    expect(written.ok).toBe(true);
    expect(fake.syncs).toBe(3);
    expect(Math.max(...fake.requestBytes)).toBeLessThan(LIMIT);
    expect(fake.suspendedCalcSyncs).toBe(1);
    expect(fake.sheets.slice(0, 3).map((s) => s.name)).toEqual([SHEETS.summary, SHEETS.basicScores, SHEETS.details]);
    console.log(`41 units: ${fake.syncs} syncs, request bytes ${fake.requestBytes.join(" / ")}`);
  });

  // 3,000 units write ≈ 22 MB of formulas and explanations: more than one 4 MB request can carry,
  // so the write takes one request per 4 MB — never one per unit or per row.
  it("3,000 units: every request under 4 MB; writes take one request per 4 MB; the summary is complete", async () => {
    const { fake, written, reading } = await aggregateInFake(schemeWithUnits(3000));
    expect(written.ok).toBe(true);
    expect(Math.max(...fake.requestBytes)).toBeLessThan(LIMIT);
    const writeBytes = fake.requestBytes.slice(2).reduce((a, b) => a + b, 0);
    // Packing is greedy, so at most one request more than the bytes strictly need.
    expect(fake.syncs).toBeLessThanOrEqual(2 + Math.ceil(writeBytes / LIMIT) + 1);
    expect(fake.suspendedCalcSyncs).toBe(fake.syncs - 2);
    // Every unit has its summary row with formulas.
    const summary = fake.sheet(SHEETS.summary)!;
    const units = [...summary.cells.entries()].filter(([k]) => k.endsWith(",1")).map(([, c]) => c.value);
    expect(units.filter((u) => typeof u === "string" && u.startsWith("单位"))).toHaveLength(reading.evaluation.units.length);
    console.log(`3,000 units: ${fake.syncs} syncs, request bytes ${fake.requestBytes.join(" / ")}`);
  });
});

describe("Office.js adapter: failures", () => {
  it("a write that fails half-way keeps the previous summary, removes the temporary sheets and says so", async () => {
    const first = await aggregateInFake(builtinScheme());
    const before = [...first.fake.sheet(SHEETS.summary)!.cells.entries()];
    const fake = first.fake;
    const port = officePort({ run: fake.run, isSetSupported: () => true });
    const read = await port.readSnapshot();
    if (!read.ok) throw new Error("read failed");
    const reading = readWorkbook(read.value);
    if (!reading.ok) throw new Error("invalid");
    // The 60th operation of the write request fails: the new sheets are half built.
    fake.failAt(60, "GeneralException");
    const result = await port.applyPlan(aggregatePlan(reading));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.diagnostics[0]).toMatchObject({ severity: "error", code: "office.writeFailed" });
      expect(result.diagnostics[0]!.message).toContain("原有的汇总表保持不变");
    }
    expect([...fake.sheet(SHEETS.summary)!.cells.entries()]).toEqual(before);
    expect(fake.sheets.some((s) => s.name.startsWith("~evalsheet"))).toBe(false);
  });

  it("a read failure becomes a diagnostic, not an exception", async () => {
    const fake = new FakeExcel();
    fake.failAt(1, "AccessDenied");
    fake.enqueue("poison", null, () => undefined);
    const result = await officePort({ run: fake.run, isSetSupported: () => true }).readSnapshot();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics[0]!.code).toBe("office.readFailed");
  });

  it("without ExcelApi 1.13, merges are not read and an info diagnostic says they were not checked", async () => {
    const fake = FakeExcel.from(planSnapshot(templatePlan(builtinScheme())));
    const result = await officePort({ run: fake.run, isSetSupported: (_s, v) => v !== "1.13" }).readSnapshot();
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.diagnostics.map((d) => d.code)).toEqual(["office.mergesUnchecked"]);
      expect(result.value.sheets.every((s) => s.merges.length === 0)).toBe(true);
      expect(fake.syncs).toBe(2);
    }
  });

  it("leftover temporary sheets from an interrupted run are cleared before writing", async () => {
    const fake = FakeExcel.from(planSnapshot(templatePlan(builtinScheme(), { sample: sampleData(builtinScheme(), 5) })));
    fake.addSheetModel("~evalsheet-new-0");
    const { written } = await aggregateInFake(builtinScheme(), fake);
    expect(written.ok).toBe(true);
    expect(fake.sheets.some((s) => s.name.startsWith("~evalsheet"))).toBe(false);
  });
});
