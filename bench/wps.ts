import { wpsPort } from "../src/adapters/wps/wpsPort";
import { builtinScheme } from "../src/scheme/load";
import type { Scheme } from "../src/scheme/schema";
import { templatePlan } from "../src/layout/template";
import { sampleData } from "../src/layout/sample";
import { readWorkbook } from "../src/validate/validate";
import { aggregatePlan } from "../src/report/aggregate";
import { OUTPUT_SHEETS, SHEETS } from "../src/layout/names";
import { FakeEt } from "../test/support/fakeEt";
import { planSnapshot } from "../test/support/planSnapshot";

/**
 * Object-model calls of the WPS adapter on the fake ET object model (every property read or write
 * and every method call is one call into WPS), as in the pane: the read when it opens, then 汇总
 * (read, then build, copy onto the old sheets, look, check) and 汇总 again. Reads: a few calls a
 * sheet, plus its merged areas: searched for when the pane opens (about two calls per area per
 * halving of the rows, so growing with their logarithm), only confirmed afterwards (about three
 * calls per area). Writes: a few calls per block and per set of cells sharing a format or a row
 * height, plus, on 分类指导 (a printed page per district), a few per district: its runs of merged
 * lines and its page break.
 */
export async function wpsBenches(): Promise<[string, string][]> {
  const rows: [string, string][] = [];
  for (const n of [41, 3000]) {
    const base = builtinScheme();
    const scheme: Scheme = n === 41 ? base : { ...base, units: Array.from({ length: n }, (_, i) => ({ name: `单位${i + 1}`, group: base.groups[i % 4]!.id, aliases: [] })) };
    const fake = FakeEt.from(planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 5) })));
    const port = wpsPort({ app: () => fake.app });
    for (const phase of ["pane opens (read)", "汇总", "汇总 again"]) {
      // The merged areas' share of a read: the same read with merges skipped on every sheet (not counted).
      const plain = fake.calls;
      await port.readSnapshot({ namesOnly: OUTPUT_SHEETS, skipMerges: fake.sheets.map((s) => s.name) });
      const withoutMerges = fake.calls - plain;
      const from = fake.calls;
      const read = await port.readSnapshot({ namesOnly: OUTPUT_SHEETS, skipMerges: [SHEETS.data, SHEETS.schemeView, SHEETS.approval] });
      if (!read.ok) throw new Error("read failed");
      const readCalls = fake.calls - from;
      let write = "";
      if (phase.startsWith("汇总")) {
        const reading = readWorkbook(read.value);
        if (!reading.ok) throw new Error("invalid");
        const before = fake.calls;
        const written = await port.applyPlan(aggregatePlan(reading));
        if (!written.ok) throw new Error(written.diagnostics[0]?.message);
        write = `; write ${fake.calls - before}`;
      }
      rows.push([`WPS adapter, ${n} units, ${phase} (fake ET object model)`, `${fake.calls - from} calls: read ${readCalls} (merged areas ${readCalls - withoutMerges})${write}`]);
    }
  }
  return rows;
}
