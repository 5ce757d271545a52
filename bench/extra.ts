import { officePort } from "../src/adapters/office/officePort";
import { builtinScheme } from "../src/scheme/load";
import type { Scheme } from "../src/scheme/schema";
import { templatePlan } from "../src/layout/template";
import { sampleData } from "../src/layout/sample";
import { readWorkbook } from "../src/validate/validate";
import { aggregatePlan } from "../src/report/aggregate";
import { OUTPUT_SHEETS } from "../src/layout/names";
import { FakeExcel } from "../test/support/fakeExcel";
import { planSnapshot } from "../test/support/planSnapshot";
import { paneWeight } from "./paneWeight";
import { paneResponsiveness } from "./paneResponsiveness";
import { buildOnce } from "../test/addin/dist";

/** Office adapter cost on the recording fake, and bundle sizes. */
export async function extraBenches(_dir: string): Promise<[string, string][]> {
  const rows = await officeBenches();
  // Builds the add-in afresh, once for both: the longest task on the pane's page while 3,000 units are
  // opened, validated and aggregated standalone; then the pane's first screen beside a bare React +
  // Fluent pane, and the functions bundle (functions.js, "also on first load").
  rows.push(...(await paneResponsiveness(3000, (await buildOnce()).dir)));
  rows.push(...(await paneWeight()));
  return rows;
}

/**
 * Requests of the Office adapter on the recording fake, as in the pane: one read when it opens,
 * then 汇总 (read; build; swap; check) and 汇总 again (the outputs are pasted onto the old ones).
 * The check (calculate the new sheets, read back error cells and filled columns) is a request.
 */
export async function officeBenches(): Promise<[string, string][]> {
  const rows: [string, string][] = [];
  const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
  for (const n of [41, 3000]) {
    const base = builtinScheme();
    const scheme: Scheme = n === 41 ? base : { ...base, units: Array.from({ length: n }, (_, i) => ({ name: `单位${i + 1}`, group: base.groups[i % 4]!.id, aliases: [] })) };
    const fake = FakeExcel.from(planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 5) })));
    const port = officePort({ run: fake.run, isSetSupported: () => true });
    for (const phase of ["pane opens (read)", "汇总", "汇总 again"]) {
      const from = fake.syncs;
      const read = await port.readSnapshot({ namesOnly: OUTPUT_SHEETS });
      if (!read.ok) throw new Error("read failed");
      if (phase.startsWith("汇总")) {
        const reading = readWorkbook(read.value);
        if (!reading.ok) throw new Error("invalid");
        await port.applyPlan(aggregatePlan(reading));
      }
      const requests = fake.requestBytes.slice(from).map(mb).join(" / ");
      const responses = fake.responseBytes.slice(from).map(mb).join(" / ");
      const syncs = fake.syncs - from;
      const parts = phase.startsWith("汇总") ? ` (read 1, build ${syncs - 3}, swap 1, check 1)` : "";
      rows.push([`Office adapter, ${n} units, ${phase} (recording fake)`, `${syncs} requests${parts}; requests ${requests}; responses ${responses}`]);
    }
  }
  return rows;
}
