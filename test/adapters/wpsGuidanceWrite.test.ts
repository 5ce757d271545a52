import { describe, expect, it } from "vitest";
import { wpsPort } from "../../src/adapters/wps/wpsPort";
import { builtinScheme } from "../../src/scheme/load";
import type { Scheme } from "../../src/scheme/schema";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { OUTPUT_SHEETS, SHEETS } from "../../src/layout/names";
import { parseRange, rangeA1 } from "../../src/workbook/address";
import type { SheetSpec } from "../../src/workbook/plan";
import { planSnapshot } from "../support/planSnapshot";
import { FakeEt } from "../support/fakeEt";

/*
 * 分类指导 (a printed page per district: full-width merged lines, each row its own height, a page
 * break a district) is the sheet whose calls grow with the units. Its merges go as runs merged with
 * Across, its row heights once per height over many rows, its page breaks through one collection —
 * and the sheet ET ends with is the plan's: the same merged areas and row heights as one call per
 * merge and per run of rows gave.
 */

function fakeOf(units: number): FakeEt {
  const base = builtinScheme();
  const scheme: Scheme = { ...base, units: Array.from({ length: units }, (_, i) => ({ name: `单位${i + 1}`, group: base.groups[i % 4]!.id, aliases: [] })) };
  return FakeEt.from(planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 5) })));
}

async function guidanceSpec(fake: FakeEt): Promise<SheetSpec> {
  const read = await wpsPort({ app: () => fake.app }).readSnapshot({ namesOnly: OUTPUT_SHEETS });
  if (!read.ok) throw new Error(read.diagnostics[0]!.message);
  const reading = readWorkbook(read.value);
  if (!reading.ok) throw new Error("sample invalid");
  return aggregatePlan(reading).sheets.find((s) => s.name === SHEETS.guidance)!;
}

/** Write 分类指导 alone; the calls it took, by member. */
async function writeGuidance(fake: FakeEt, spec: SheetSpec): Promise<Map<string, number>> {
  const before = new Map(fake.byMember);
  const r = await wpsPort({ app: () => fake.app }).applyPlan({ sheets: [spec], placement: "last" });
  if (!r.ok) throw new Error(r.diagnostics[0]!.message);
  return new Map([...fake.byMember].map(([m, n]) => [m, n - (before.get(m) ?? 0)]));
}

/** The merged areas and row heights of a sheet of the fake. */
function looks(fake: FakeEt, name: string) {
  const s = fake.sheet(name)!;
  return {
    merges: s.merges.map((m) => rangeA1(m)).sort(),
    heights: Object.entries(s.props).filter(([k]) => k.startsWith("rowHeight:")).map(([k, h]) => [Number(k.slice(10)), h]).sort((a, b) => Number(a[0]) - Number(b[0])),
  };
}

/** What the plan asks for: its merged areas, and its heights on the rows they span (the others are auto-fitted). */
function planned(spec: SheetSpec) {
  const rows = new Set(spec.merges.flatMap((m) => {
    const r = parseRange(m);
    return Array.from({ length: r.bottom - r.top + 1 }, (_, i) => r.top + i);
  }));
  return {
    merges: [...spec.merges].sort(),
    heights: [...rows].sort((a, b) => a - b).map((r) => [r, spec.rowHeights![r]]),
  };
}

describe("分类指导 through the WPS adapter", () => {
  it("ends with the plan's merged areas and row heights, whether ET takes long addresses or only 255 characters", async () => {
    const loose = fakeOf(60);
    const spec = await guidanceSpec(loose);
    const strict = fakeOf(60);
    strict.addressLimit = 255;
    await writeGuidance(loose, spec);
    await writeGuidance(strict, spec);
    const want = planned(spec);
    expect(want.merges.length).toBeGreaterThan(600);
    expect(looks(loose, SHEETS.guidance)).toEqual(want);
    expect(looks(strict, SHEETS.guidance)).toEqual(want);
    expect(strict.sheet(SHEETS.guidance)!.props["breaks"]).toEqual(spec.print!.breaksBefore);
  });

  it("written again over itself (汇总 again: copied onto the old sheet), the same merged areas and heights", async () => {
    const fake = fakeOf(60);
    const spec = await guidanceSpec(fake);
    await writeGuidance(fake, spec);
    await writeGuidance(fake, spec);
    expect(looks(fake, SHEETS.guidance)).toEqual(planned(spec));
  });

  it("merges by runs of lines, row heights once per height, page breaks through one collection: not a call per merge, row run or district", async () => {
    const counts = [];
    for (const units of [40, 400]) {
      const fake = fakeOf(units);
      const spec = await guidanceSpec(fake);
      const calls = await writeGuidance(fake, spec);
      const heightsUsed = new Set(planned(spec).heights.map(([, h]) => h)).size;
      counts.push({ units, merges: spec.merges.length, mergeCalls: calls.get("Range.Merge") ?? 0, heightsUsed, heightCalls: calls.get("Range.RowHeight=") ?? 0, collections: calls.get("Worksheet.HPageBreaks") ?? 0 });
    }
    console.log(`[wpsGuidanceWrite] ${JSON.stringify(counts)}`);
    for (const c of counts) {
      // A district's page has about 11 merged lines in at most 5 runs (its heading, the weaknesses'
      // heading, each reason, the closing lines): at most half the merges, whatever the units.
      expect(c.mergeCalls, `${c.units} units`).toBeLessThanOrEqual(c.merges / 2);
      // One assignment per height: a handful, not one per run of rows (thousands at 400 units).
      expect(c.heightCalls, `${c.units} units`).toBe(c.heightsUsed);
      expect(c.collections, `${c.units} units`).toBe(1);
    }
    const [small, large] = counts as [(typeof counts)[0], (typeof counts)[0]];
    expect(large.heightCalls).toBeLessThanOrEqual(small.heightCalls + 5);
    expect(large.heightCalls).toBeLessThan(20);
  });
});
