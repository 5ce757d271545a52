// The channel between the pane and its workers (taskpane/worker/rpc.ts), over Node's MessageChannel:
// calls and answers arrive whole, long arrays travelling in slices; errors come back as rejections;
// a workbook port served on one end (servePort) works from the other as if it were local.
import { afterEach, describe, expect, it } from "vitest";
import { connect, transfer, type Endpoint } from "../../taskpane/worker/rpc";
import { servePort } from "../../taskpane/worker/servePort";
import { xlsxPort } from "../../src/adapters/xlsx/xlsxPort";
import { planToWorkbook } from "../../src/adapters/xlsx/xlsxFile";
import { builtinScheme } from "../../src/scheme/load";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import type { CellEdit, PortResult, WorkbookPort } from "../../src/workbook/port";
import type { WritePlan } from "../../src/workbook/plan";
import type { WorkbookSnapshot } from "../../src/workbook/snapshot";

const open: MessagePort[] = [];
function channel(): [Endpoint, Endpoint] {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  return [port1 as unknown as Endpoint, port2 as unknown as Endpoint];
}
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

describe("the pane's worker channel", () => {
  it("answers calls with long arrays intact, sending them in slices", async () => {
    const [a, b] = channel();
    const seen: string[] = [];
    const rows = Array.from({ length: 1234 }, (_, i) => ({ unit: `单位${i + 1}`, trail: [{ delta: i / 100 }] }));
    connect(b, { echo: (value: unknown) => ({ value, rows }) });
    // Watch what crosses from b to a: the answer itself carries no 1,234-item array.
    const caller = connect(a);
    const onmessage = a.onmessage!;
    a.onmessage = (event) => {
      seen.push((event.data as { rpc: string }).rpc);
      onmessage(event);
    };
    const answer = await caller.call<{ value: unknown; rows: unknown[] }>("echo", [{ nested: { list: rows } }]);
    expect(answer.rows).toEqual(rows);
    expect(answer.value).toEqual({ nested: { list: rows } });
    expect(seen.filter((k) => k === "slice").length).toBeGreaterThanOrEqual(Math.ceil(1234 / 100));
    expect(seen.at(-1)).toBe("reply");
  });

  it("keeps a long sparse array's holes as holes", async () => {
    const [a, b] = channel();
    const sparse: unknown[] = [];
    sparse[3] = "B4";
    sparse[180] = "B181";
    connect(b, { echo: (value: unknown) => value });
    const got = await connect(a).call<unknown[]>("echo", [sparse]);
    expect(got).toHaveLength(181);
    expect(Object.keys(got)).toEqual(["3", "180"]);
  });

  it("rejects with the handler's message, and for a method nobody answers", async () => {
    const [a, b] = channel();
    connect(b, { fail: () => { throw new Error("宣教部!C6 不是数字"); } });
    const caller = connect(a);
    await expect(caller.call("fail")).rejects.toThrow("宣教部!C6 不是数字");
    await expect(caller.call("missing")).rejects.toThrow("no handler for missing");
  });

  it("moves a transferred answer's buffer rather than copying it", async () => {
    const [a, b] = channel();
    const bytes = new Uint8Array([1, 2, 3]);
    connect(b, { bytes: () => transfer(bytes, [bytes.buffer]) });
    const got = await connect(a).call<Uint8Array>("bytes");
    expect(Array.from(got)).toEqual([1, 2, 3]);
    expect(bytes.byteLength).toBe(0);
  });

  it("a workbook port served over the channel reads, writes a plan and edits cells as the port itself", async () => {
    const scheme = builtinScheme();
    const plan = templatePlan(scheme, { sample: sampleData(scheme, 5) });
    const [local, remote] = [xlsxPort(await planToWorkbook(plan)), xlsxPort(await planToWorkbook(plan))];
    const [a, b] = channel();
    servePort(b, () => remote);
    const link = connect(a);
    const through: WorkbookPort = {
      readSnapshot: (options) => link.call<PortResult<WorkbookSnapshot>>("readSnapshot", [options]),
      applyPlan: (p: WritePlan) => link.call<PortResult<void>>("applyPlan", [p]),
      writeCells: (edits: readonly CellEdit[]) => link.call<PortResult<void>>("writeCells", [edits]),
    };
    for (const port of [local, through]) {
      const read = await port.readSnapshot();
      if (!read.ok) throw new Error("unreadable");
      const reading = readWorkbook(read.value);
      if (!reading.ok) throw new Error("invalid");
      expect((await port.applyPlan(aggregatePlan(reading))).ok).toBe(true);
      expect((await port.writeCells([{ sheet: "宣教部", row: 5, col: 2, value: 1.5 }])).ok).toBe(true);
    }
    const [mine, theirs] = [await local.readSnapshot(), await remote.readSnapshot()];
    expect(theirs).toEqual(mine);
    expect(JSON.stringify(theirs).length).toBeGreaterThan(100_000);
  });
});
