import { describe, expect, it } from "vitest";
import { wpsPort } from "../../src/adapters/wps/wpsPort";
import type { EtApplication } from "../../src/adapters/wps/et";
import { builtinScheme } from "../../src/scheme/load";
import type { Scheme } from "../../src/scheme/schema";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { OUTPUT_SHEETS, SHEETS } from "../../src/layout/names";
import type { WorkbookSnapshot } from "../../src/workbook/snapshot";
import { planSnapshot } from "../support/planSnapshot";
import { FakeEt } from "../support/fakeEt";

/*
 * What the shared port contract (portContract.test.ts) cannot see of the WPS adapter: how it uses
 * the ET object model — blocks, not cells; SpecialCells that throws; the application's settings
 * around a write; what a failure leaves; and calls that follow the layout, not the units.
 */

function schemeOf(units: number): Scheme {
  const base = builtinScheme();
  return units === 41 ? base : { ...base, units: Array.from({ length: units }, (_, i) => ({ name: `单位${i + 1}`, group: base.groups[i % 4]!.id, aliases: [] })) };
}

function sampleFake(units = 41): FakeEt {
  const scheme = schemeOf(units);
  return FakeEt.from(planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 5) })));
}

async function read(port: ReturnType<typeof wpsPort>, options = {}): Promise<WorkbookSnapshot> {
  const r = await port.readSnapshot(options);
  if (!r.ok) throw new Error(r.diagnostics[0]!.message);
  return r.value;
}

/** As the pane does it: read (outputs listed, not read), validate, write the aggregate. */
async function aggregate(port: ReturnType<typeof wpsPort>) {
  const reading = readWorkbook(await read(port, { namesOnly: OUTPUT_SHEETS }));
  if (!reading.ok) throw new Error("sample invalid");
  return port.applyPlan(aggregatePlan(reading));
}

describe("WPS adapter on the fake ET object model", () => {
  it("reads each sheet's used range as one Value2 block, formulas only when asked, outputs listed but not read", async () => {
    const fake = sampleFake();
    const port = wpsPort({ app: () => fake.app });
    await read(port);
    const sheets = fake.sheets.length;
    expect(fake.callsOf("Range.Value2")).toBe(sheets);
    expect(fake.callsOf("Range.Formula")).toBe(0);
    await read(port, { formulas: true, namesOnly: [SHEETS.data] });
    expect(fake.callsOf("Range.Value2")).toBe(2 * sheets - 1);
    expect(fake.callsOf("Range.Formula")).toBe(sheets - 1);
  });

  it("reads a sheet of one cell (Value2 is a scalar there) and an empty sheet", async () => {
    const fake = new FakeEt();
    fake.active = fake.addSheetModel("一格");
    fake.sheet("一格")!.cells.set("2,3", { value: 42 });
    fake.addSheetModel("空表");
    const got = await read(wpsPort({ app: () => fake.app }));
    expect(got.sheets.map((s) => [s.name, s.rows])).toEqual([["一格", [[], [], [null, null, null, 42]]], ["空表", []]]);
  });

  it("knows error cells from SpecialCells (which throws on a sheet without any) and reads their error", async () => {
    const fake = sampleFake();
    fake.sheet("宣教部")!.cells.set("5,2", { value: null, error: "#N/A" });
    fake.typeFormula("宣教部", "E6", "'不存在的表'!A1");
    const got = await read(wpsPort({ app: () => fake.app }));
    const sheet = got.sheets.find((s) => s.name === "宣教部")!;
    expect([sheet.rows[5]![2], sheet.rows[5]![4]]).toEqual([{ error: "#N/A" }, { error: "#REF!" }]);
    // Every other sheet answered SpecialCells with "No cells were found" and read normally.
    expect(got.sheets.filter((s) => s.rows.flat().some((v) => v !== null && typeof v === "object" && "error" in v)).map((s) => s.name)).toEqual(["宣教部"]);
  });

  it("writes with screen updating, events and alerts off and calculation manual, and puts them back (after a failure too)", async () => {
    const fake = sampleFake();
    const seen = new Set<string>();
    const call = fake.call.bind(fake);
    fake.call = (member: string) => {
      if (/=$/.test(member) && member.startsWith("Range.")) seen.add(JSON.stringify([fake.screenUpdating, fake.enableEvents, fake.displayAlerts, fake.calculation]));
      call(member);
    };
    const port = wpsPort({ app: () => fake.app });
    expect((await aggregate(port)).ok).toBe(true);
    expect([...seen]).toEqual([JSON.stringify([false, false, false, -4135])]);
    expect([fake.screenUpdating, fake.enableEvents, fake.displayAlerts, fake.calculation]).toEqual([true, true, true, -4105]);
    fake.calculation = -4135; // a user who works in manual calculation keeps it
    fake.failOn("Range.Formula=", 3);
    expect((await aggregate(port)).ok).toBe(false);
    expect([fake.screenUpdating, fake.enableEvents, fake.displayAlerts, fake.calculation]).toEqual([true, true, true, -4135]);
    // The written sheets were calculated before the settings went back.
    expect(fake.calculated).toEqual(expect.arrayContaining([SHEETS.summary, SHEETS.basicScores, SHEETS.details]));
  });

  it("a copy that fails while swapping keeps the old 汇总 and removes the built sheets", async () => {
    const fake = sampleFake();
    const port = wpsPort({ app: () => fake.app });
    expect((await aggregate(port)).ok).toBe(true);
    fake.typeFormula("宣教部", "Z1", "'汇总'!H5");
    const before = fake.grid(SHEETS.summary);
    fake.failOn("Range.Copy");
    const r = await aggregate(port);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.message).toContain("原有的汇总表保持不变");
    expect(fake.grid(SHEETS.summary)).toEqual(before);
    expect(fake.sheets.map((s) => s.name).filter((n) => n.startsWith("~evalsheet"))).toEqual([]);
    expect(fake.sheet(SHEETS.summary)!.protected).toBe(true);
    expect(fake.grid("宣教部")[0]![25]).toBe("='汇总'!H5");
  });

  it("a swap that stops after 汇总 was copied says what was written and deletes nothing", async () => {
    const fake = sampleFake();
    const port = wpsPort({ app: () => fake.app });
    expect((await aggregate(port)).ok).toBe(true);
    fake.failOn("Range.Copy", 2);
    const r = await aggregate(port);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.message).toMatch(/已写入：汇总；.*未写入：基础工作得分/);
    expect(fake.sheets.some((s) => s.name.startsWith("~evalsheet-new-1"))).toBe(true);
    // The next run clears what this one left.
    expect((await aggregate(port)).ok).toBe(true);
    expect(fake.sheets.map((s) => s.name).filter((n) => n.startsWith("~evalsheet"))).toEqual([]);
    expect(fake.references().filter((x) => x.text.includes("#REF!"))).toEqual([]);
  });

  it("text stays text: a reason starting with = + − @, numbers, dates, booleans and error words, in imports and in plans", async () => {
    const texts = ["=见附件", "+1 分", "−0.5 材料缺失", "-0.5", "@张三", "00123", "2024-03-01", "2024年3月1日", "TRUE", "#N/A", "'引号开头", "12%"];
    const fake = sampleFake();
    const port = wpsPort({ app: () => fake.app });
    expect((await port.writeCells(texts.map((value, i) => ({ sheet: "宣教部", row: 5 + i, col: 3, value })))).ok).toBe(true);
    expect((await port.applyPlan({ placement: "last", sheets: [{ name: "文字", rows: texts.map((value) => [{ value }]), columnWidths: [20], merges: [] }] })).ok).toBe(true);
    const got = await read(port);
    expect(texts.map((_, i) => got.sheets.find((s) => s.name === "宣教部")!.rows[5 + i]![3])).toEqual(texts);
    expect(got.sheets.find((s) => s.name === "文字")!.rows.map((r) => r[0])).toEqual(texts);
    // Each text went in with the rest of its block: no call per cell, no format call.
    expect(fake.callsOf("Range.NumberFormat=")).toBe(0);
  });

  it("an import refuses a missing or protected sheet before writing anything", async () => {
    const fake = sampleFake();
    const port = wpsPort({ app: () => fake.app });
    const before = fake.grid("宣教部");
    expect((await port.writeCells([{ sheet: "宣教部", row: 5, col: 2, value: 1 }, { sheet: "不存在", row: 0, col: 0, value: 1 }])).ok).toBe(false);
    fake.sheet("办公室")!.protected = true;
    expect((await port.writeCells([{ sheet: "宣教部", row: 5, col: 2, value: 1 }, { sheet: "办公室", row: 5, col: 2, value: 1 }])).ok).toBe(false);
    expect(fake.grid("宣教部")).toEqual(before);
  });

  it("builds sheets as the plan says: order, names, hidden and protected sheets, formats, widths, heights, merges, validation, panes on the right sheet, print set-up", async () => {
    const fake = new FakeEt();
    fake.active = fake.addSheetModel("Sheet1");
    const scheme = builtinScheme();
    const plan = templatePlan(scheme, { sample: sampleData(scheme, 5) });
    expect((await wpsPort({ app: () => fake.app }).applyPlan(plan)).ok).toBe(true);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", ...plan.sheets.map((s) => s.name)]);
    expect(fake.active?.name).toBe("Sheet1");
    for (const spec of plan.sheets) {
      const s = fake.sheet(spec.name)!;
      expect(s.visible, spec.name).toBe(spec.state === "hidden" ? 0 : spec.state === "veryHidden" ? 2 : -1);
      expect(s.protected, spec.name).toBe(spec.protect === true);
      expect(s.merges.length, spec.name).toBe(spec.merges.length);
      if (spec.freeze && spec.state !== "hidden") expect(s.props["freeze"], spec.name).toEqual({ rows: spec.freeze.rows, cols: spec.freeze.cols });
      if (spec.print) expect([s.props["PageSetup.Orientation"], s.props["PageSetup.PaperSize"]], spec.name).toEqual([spec.print.landscape ? 2 : 1, 9]);
      spec.columnWidths.forEach((w, c) => expect(s.props[`columnWidth:${c}`], `${spec.name} column ${c}`).toBe(w));
      expect(s.props["autoFit"], spec.name).toBeDefined();
    }
    // A dropdown whose list is on the hidden _evalsheet, bound to it; input cells unlocked.
    expect(fake.sheet(SHEETS.events)!.validations.some((v) => v.type === 3 && v.formula1?.startsWith("='_evalsheet'!"))).toBe(true);
    expect(fake.sheet("宣教部")!.formats.some((f) => f.key === "Locked" && f.value === false)).toBe(true);
  });

  it("page set-up or panes that cannot be set (no printer, no window) are a warning: the sheets are still written", async () => {
    const fake = sampleFake();
    fake.failOn("PageSetup.PaperSize=");
    const r = await aggregate(wpsPort({ app: () => fake.app }));
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toContainEqual(["warning", "wps.lookIncomplete"]);
    expect(fake.sheets.slice(0, 3).map((s) => s.name)).toEqual([SHEETS.summary, SHEETS.basicScores, SHEETS.details]);
    expect(fake.sheets.some((s) => s.name.startsWith("~evalsheet"))).toBe(false);
  });

  it("when ET refuses long range addresses (Excel stops at 255 characters), formats go in pieces with the same result", async () => {
    const loose = sampleFake();
    const strict = sampleFake();
    strict.addressLimit = 255;
    expect((await aggregate(wpsPort({ app: () => loose.app }))).ok).toBe(true);
    expect((await aggregate(wpsPort({ app: () => strict.app }))).ok).toBe(true);
    const formats = (f: FakeEt) => JSON.stringify(f.sheet(SHEETS.details)!.formats.map((x) => [x.key, x.value, x.range]).sort());
    expect(formats(strict)).toBe(formats(loose));
    expect(strict.calls).toBeGreaterThan(loose.calls);
  });

  it("calls per aggregate follow the layout, not the units: 41 and 600 units (分类指导 apart: a page per district)", async () => {
    const counts: { read: number; write: number; guidance: number }[] = [];
    for (const units of [41, 600]) {
      const fake = sampleFake(units);
      const port = wpsPort({ app: () => fake.app });
      await read(port, { namesOnly: OUTPUT_SHEETS });
      const start = fake.calls;
      const reading = readWorkbook(await read(port, { namesOnly: OUTPUT_SHEETS }));
      const afterRead = fake.calls;
      if (!reading.ok) throw new Error("invalid");
      // 分类指导 is one printed page per district (its merges, row heights and page break each cost calls):
      // written on its own, so the rest can be held to the layout.
      const plan = aggregatePlan(reading);
      const rest = { ...plan, sheets: plan.sheets.filter((s) => s.name !== SHEETS.guidance) };
      expect((await port.applyPlan(rest)).ok).toBe(true);
      const afterRest = fake.calls;
      expect((await port.applyPlan({ sheets: plan.sheets.filter((s) => s.name === SHEETS.guidance), placement: "last" })).ok).toBe(true);
      counts.push({ read: afterRead - start, write: afterRest - afterRead, guidance: (fake.calls - afterRest) / units });
    }
    const [small, large] = counts as [{ read: number; write: number; guidance: number }, { read: number; write: number; guidance: number }];
    console.log(`[wpsPort] calls per aggregate: 41 units ${JSON.stringify(small)}, 600 units ${JSON.stringify(large)}`);
    // 15 times the units. The pane read the workbook when it opened, so this read only confirms the
    // merged areas: the same calls. The writes differ by the layout's few extra merges and page breaks.
    expect(large.read).toBe(small.read);
    expect(large.write).toBeLessThan(small.write * 1.15);
    // 分类指导: a bounded number of calls per district, whatever the number of districts.
    expect(large.guidance).toBeLessThan(small.guidance * 1.15);
  });

  it("merged areas are searched for once, then confirmed in a few calls; a merge added, removed or split since is still found", async () => {
    const fake = sampleFake();
    const port = wpsPort({ app: () => fake.app });
    const mergeCalls = async (): Promise<[number, WorkbookSnapshot]> => {
      const from = fake.callsOf("Range.MergeCells", "Range.MergeArea");
      const got = await read(port);
      return [fake.callsOf("Range.MergeCells", "Range.MergeArea") - from, got];
    };
    const [searched, first] = await mergeCalls();
    const [confirmed, second] = await mergeCalls();
    expect(second.sheets.map((s) => s.merges)).toEqual(first.sheets.map((s) => s.merges));
    expect(confirmed).toBeLessThan(searched / 2);
    const dept = fake.sheet("宣教部")!;
    const merges = (snapshot: WorkbookSnapshot) => [...snapshot.sheets.find((s) => s.name === "宣教部")!.merges].sort();
    // A user merges two input cells.
    dept.merges.push({ top: 6, bottom: 6, left: 2, right: 3 });
    expect(merges((await mergeCalls())[1])).toEqual([...merges(first), "C7:D7"].sort());
    // … unmerges them again, and splits the title in two.
    dept.merges.pop();
    const title = dept.merges.find((m) => m.top === 0)!;
    dept.merges = dept.merges.filter((m) => m !== title).concat([{ ...title, right: title.left + 1 }, { ...title, left: title.left + 2 }]);
    const split = merges((await mergeCalls())[1]);
    expect(split).toHaveLength(merges(first).length + 1);
    expect(split).toEqual(expect.arrayContaining(["A1:B1", "C1:H1"]));
  });

  it("says so when no workbook is open, without touching anything", async () => {
    const app = { ActiveWorkbook: null } as unknown as EtApplication;
    const port = wpsPort({ app: () => app });
    const r = await port.readSnapshot();
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.code).toBe("wps.noWorkbook");
    expect((await port.applyPlan({ sheets: [], placement: "last" })).ok).toBe(false);
  });
});
