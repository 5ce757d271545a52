/**
 * Per Party group member: their districts' results, tiers and weakest indicators this year, their
 * ledger (contacts per point, districts not contacted) and their research; the aggregate writes it
 * as 联系点调研汇总, one printed page per member.
 */
import { describe, expect, it } from "vitest";
import { builtinScheme } from "../../src/scheme/load";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { OUTPUT_SHEETS, SHEETS } from "../../src/layout/names";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { ledgerSummary, weakestIndicators } from "../../src/report/memberSummary";
import { inputFingerprint } from "../../src/report/approval";
import { planSnapshot } from "../support/planSnapshot";

const scheme = builtinScheme();
const wb = planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 2024) }));
const reading = readWorkbook(wb);
if (!reading.ok) throw new Error("sample unreadable");

describe("ledgerSummary", () => {
  const s = ledgerSummary(scheme, reading.evaluation, reading.ledgers);

  it("each member's districts with this year's total, group rank and tier from the evaluation", () => {
    expect(s.members.map((m) => m.member)).toEqual(["彭焱", "张青莉", "臧秀梅", "李艺", "张莲", "文艳"]);
    const peng = s.members[0]!;
    expect(peng.departments).toEqual(["办公室", "发展部"]);
    expect(peng.units.map((u) => u.unit)).toEqual(["万州区", "江北区", "沙坪坝区", "永川区", "丰都县", "秀山县"]);
    for (const u of peng.units) {
      const e = reading.evaluation.units.find((x) => x.unit === u.unit)!;
      expect(u, u.unit).toMatchObject({ total: e.total, groupRank: e.groupRank, tier: e.tier });
    }
    expect(peng.units.find((u) => u.unit === "万州区")!.group).toBe("渝东北");
    expect(peng.organisations.map((o) => o.name)).toEqual(["重庆市女性人才研究会", "重庆市女检察官协会"]);
  });

  it("weakest indicators: lowest share of their maximum first, full marks left out", () => {
    const u = reading.evaluation.units.find((x) => x.unit === "江北区")!;
    const weak = weakestIndicators(u);
    expect(weak.length).toBeLessThanOrEqual(2);
    const ratio = (w: { score: number; max: number }) => w.score / w.max;
    for (const w of weak) expect(ratio(w)).toBeLessThan(1);
    const others = u.indicators.filter((i) => !weak.some((w) => w.name === i.name));
    for (const o of others) expect(o.score / o.max).toBeGreaterThanOrEqual(ratio(weak[weak.length - 1]!));
    expect(weakestIndicators({ ...u, indicators: u.indicators.map((i) => ({ ...i, score: i.max })) })).toEqual([]);
  });

  it("the ledger: contacts per district, the last date, and the districts not contacted this year", () => {
    const peng = s.members[0]!;
    // The sample leaves 彭焱's last district uncontacted.
    expect(peng.notContacted).toEqual(["秀山县"]);
    expect(peng.units.find((u) => u.unit === "万州区")).toMatchObject({ contacts: 1, lastContact: expect.stringMatching(/^2024-/) });
    expect(s.members[1]!.notContacted).toEqual([]);
    expect(s.contactLog).toBe(true);
  });

  it("research per member and per period, and the 党组's reports", () => {
    expect(s.members.map((m) => m.research.studies)).toEqual([2, 1, 1, 1, 1, 1]);
    expect(s.members.every((m) => m.research.results >= 1)).toBe(true);
    expect(s.reports).toBe(1);
    expect(s.periods.map((p) => [p.period, p.concentrated, p.trips])).toEqual([["3—4月", true, 3], ["9—10月", true, 3], ["日常调研", false, 1]]);
    expect(s.periods[0]!.leaders).toEqual(["彭焱", "臧秀梅", "张莲"]);
  });
});

describe("联系点调研汇总 (aggregate output)", () => {
  const plan = aggregatePlan(reading, { madeAt: "2025-01-20 10:00" });
  const sheet = plan.sheets.find((x) => x.name === SHEETS.memberSummary)!;
  const texts = sheet.rows.map((r) => r.map((c) => String(c?.value ?? "")));

  it("is one of the aggregate's output sheets, after 扣分明细", () => {
    expect(OUTPUT_SHEETS).toContain(SHEETS.memberSummary);
    expect(plan.sheets.map((x) => x.name).slice(0, 4)).toEqual([SHEETS.summary, SHEETS.basicScores, SHEETS.details, SHEETS.memberSummary]);
    expect(sheet.protect).toBe(true);
  });

  it("a block per member, each starting a printed page, with results, ledger and research; then the periods", () => {
    const starts = texts.map((r, i) => (r[0]!.startsWith("党组成员 ") ? i : -1)).filter((i) => i >= 0);
    expect(starts).toHaveLength(6);
    expect(sheet.print).toMatchObject({ landscape: true, fitToWidth: 1 });
    expect(sheet.print!.breaksBefore).toEqual([...starts.slice(1), texts.findIndex((r) => r[0]!.startsWith("下基层调研（"))]);
    expect(texts[starts[0]!]![0]).toBe("党组成员 彭焱｜对口部室：办公室、发展部｜联系区县 6 个、团体会员 2 个");
    const xiushan = texts.find((r) => r[0] === "秀山县")!;
    expect(xiushan[1]).toBe("渝东南");
    expect(xiushan[6]).toBe("0");
    expect(texts.some((r) => r[0] === "本年未联系的区县：秀山县。")).toBe(true);
    expect(texts.some((r) => r[0]!.startsWith("下基层调研：牵头 2 项"))).toBe(true);
    expect(texts.find((r) => r[0] === "9—10月")!.slice(0, 3)).toEqual(["9—10月", "集中调研", "3"]);
    expect(texts[1]![0]).toContain("2025-01-20 10:00");
  });

  it("logging a contact after 审定 does not unsettle the approval: the ledgers are not evaluation input", () => {
    const keys = Object.keys(inputFingerprint(wb));
    expect(keys.some((k) => k.startsWith(`${SHEETS.contactLog}!`) || k.startsWith(`${SHEETS.researchLog}!`) || k.startsWith(`${SHEETS.contacts}!`))).toBe(false);
    expect(keys.some((k) => k.startsWith("宣教部!"))).toBe(true);
  });
});
