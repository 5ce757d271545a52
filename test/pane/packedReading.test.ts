// A reading from the compute worker to the page (taskpane/worker/packedReading.ts): what arrives is the
// reading, whole — inputs, inputs before 平时评价, every unit's indicators and explanation — while what
// crosses the channel as objects is only what the first screens show; the rest is moved bytes.
import { afterEach, describe, expect, it } from "vitest";
import { connect, type Endpoint } from "../../taskpane/worker/rpc";
import { forThePage, fromTheWorker, packReading, unpackReading } from "../../taskpane/worker/packedReading";
import type { OpResult } from "../../taskpane/operations";
import { builtinScheme } from "../../src/scheme/load";
import type { Scheme } from "../../src/scheme/schema";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { planToWorkbook } from "../../src/adapters/xlsx/xlsxFile";
import { xlsxPort } from "../../src/adapters/xlsx/xlsxPort";
import { readWorkbook, type Reading } from "../../src/validate/validate";
import { publishPage } from "../../taskpane/guidance/PublishDownload";
import { summaryOrder } from "../../src/report/summary";

const open: MessagePort[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

function schemeWithUnits(units: number): Scheme {
  const base = builtinScheme();
  return { ...base, units: Array.from({ length: units }, (_, i) => ({ name: `单位${i + 1}`, group: base.groups[i % base.groups.length]!.id, aliases: [] })) };
}

async function readingOf(units: number): Promise<Reading> {
  const scheme = schemeWithUnits(units);
  const port = xlsxPort(await planToWorkbook(templatePlan(scheme, { sample: sampleData(scheme, 5) })));
  const read = await port.readSnapshot();
  if (!read.ok) throw new Error("unreadable");
  const reading = readWorkbook(read.value);
  if (!reading.ok) throw new Error("invalid");
  return reading;
}

/** The reading as the page may see it: without the workbook snapshot (never sent), every lazy part read. */
function plain(r: Reading): unknown {
  return JSON.parse(JSON.stringify({ ...r, workbook: { sheets: [], date1904: r.workbook.date1904 } }));
}

/** How many values (objects, arrays and leaves) a message holds: what the page's copy-in allocates. */
function values(v: unknown): number {
  if (v === null || typeof v !== "object" || ArrayBuffer.isView(v)) return 1;
  let n = 1;
  for (const k of Object.keys(v)) n += values((v as Record<string, unknown>)[k]);
  return n;
}

describe("a reading packed for the page", () => {
  it("unpacks to the same reading: inputs, each unit's indicators and explanation, and the rest", async () => {
    const reading = await readingOf(120);
    const page = unpackReading(packReading(reading).packed);
    expect(plain(page)).toEqual(plain(reading));
    // Unit 77's explanation is its own, not a neighbour's.
    expect(page.evaluation.units[77]!.trail).toEqual(JSON.parse(JSON.stringify(reading.evaluation.units[77]!.trail)));
    expect(page.evaluation.units[77]!.indicators.map((i) => i.score)).toEqual(reading.evaluation.units[77]!.indicators.map((i) => i.score));
  });

  it("keeps inputs before 平时评价 apart when they differ, and as the inputs themselves when not", async () => {
    const reading = await readingOf(8);
    const annualInputs = { ...reading.inputs, composite: reading.inputs.composite.map((c) => ({ ...c, deduction: 1.5 })) };
    const apart = unpackReading(packReading({ ...reading, annualInputs }).packed);
    expect(apart.annualInputs.composite.every((c) => c.deduction === 1.5)).toBe(true);
    expect(apart.inputs.composite.some((c) => c.deduction === 1.5)).toBe(false);
    const same = unpackReading(packReading(reading).packed);
    expect(same.annualInputs).toBe(same.inputs);
  });

  it("gives the same object on every read, so memoised views do not recompute", async () => {
    const page = unpackReading(packReading(await readingOf(8)).packed);
    const unit = page.evaluation.units[3]!;
    expect(unit.trail).toBe(unit.trail);
    expect(unit.indicators).toBe(unit.indicators);
    expect(page.inputs).toBe(page.inputs);
  });

  it("crosses the worker channel as a few thousand values and moved bytes, and arrives whole", async () => {
    const reading = await readingOf(400);
    const { port1, port2 } = new MessageChannel();
    open.push(port1, port2);
    const [a, b] = [port1 as unknown as Endpoint, port2 as unknown as Endpoint];
    const answer: OpResult<Reading> = { ok: true, value: reading, diagnostics: [] };
    connect(b, { run: () => forThePage(answer) });
    const caller = connect(a);
    let crossed = 0;
    let largest = 0;
    const onmessage = a.onmessage!;
    a.onmessage = (event) => {
      const n = values(event.data);
      crossed += n;
      largest = Math.max(largest, n);
      onmessage(event);
    };
    const got = fromTheWorker(await caller.call<OpResult<Reading>>("run"));
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect(plain(got.value)).toEqual(plain(reading));
    // 400 units' reading is ≈ 150,000 values (inputs twice, 100 scores a unit, the explanations):
    // as objects only the units' summaries, the scheme and the diagnostics cross — none in one big message.
    expect(values(plain(reading))).toBeGreaterThan(100_000);
    expect(crossed).toBeLessThan(30_000);
    expect(largest).toBeLessThan(10_000);
  });

  it("gives the page the same 晾晒 page and ranking as the reading itself (inputs parsed when 晾晒 needs them)", async () => {
    const reading = await readingOf(60);
    const page = unpackReading(packReading(reading).packed);
    const at = new Date("2025-01-20T09:00:00Z");
    expect(publishPage(page, at)).toEqual(publishPage(reading, at));
    expect(summaryOrder(page.scheme, page.evaluation).map((u) => [u.unit, u.total, u.tier])).toEqual(summaryOrder(reading.scheme, reading.evaluation).map((u) => [u.unit, u.total, u.tier]));
  });

  it("leaves other answers as they are", () => {
    const imported: OpResult<{ imported: string[] }> = { ok: true, value: { imported: ["宣教部"] }, diagnostics: [] };
    expect(forThePage(imported)).toBe(imported);
    expect(fromTheWorker(imported)).toBe(imported);
  });
});
