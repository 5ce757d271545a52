import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { cli, expectExit, load, scheme, scratchDir, sheet } from "./helpers";
import { sampleWorkbook, writeTemp } from "../support/workbooks";

/**
 * 分类指导 as `aggregate` writes it, checked against an independent calculation: the weakest
 * indicators of each district worked out here from result.json (`aggregate --json`: units and
 * their groups, totals, ranks, tiers) and the output's 基础工作得分 sheet (each district's score
 * per indicator, each group's 满分 row), by the definition in the README — share = score ÷ 满分;
 * gap = share − the group's mean share, to 4 decimals; below full only; gap, then share, then
 * indicator order; three. Nothing here calls the guidance module.
 */
interface UnitJson { unit: string; groupId: string; total: number; groupRank: number; tier: string }

const value = (c: ExcelJS.Cell): unknown => (c.formula ? (c.result ?? 0) : c.value);

/** Per district, indicator name → score, and per district the group's 满分 per indicator, from 基础工作得分's stacked tables. */
function basicScores(ws: ExcelJS.Worksheet): { scores: Map<string, Map<string, number>>; maxima: Map<string, Map<string, number>>; order: string[] } {
  const scores = new Map<string, Map<string, number>>();
  const maxima = new Map<string, Map<string, number>>();
  const order: string[] = [];
  let names: (string | null)[] = [];
  let full = new Map<string, Map<string, number>>();
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const c1 = value(row.getCell(1));
    const c3 = value(row.getCell(3));
    if (c1 === "序号" && value(ws.getRow(r + 1).getCell(1)) === "序号") {
      names = [];
      for (let c = 4; c <= ws.columnCount; c++) {
        const n = value(ws.getRow(r + 1).getCell(c));
        names[c] = typeof n === "string" && n !== "小计" && !n.startsWith("基础工作合计") ? n : null;
        if (names[c] && !order.includes(names[c]!)) order.push(names[c]!);
      }
      full = new Map();
      r++;
      continue;
    }
    const put = (target: Map<string, number>) => names.forEach((n, c) => n && target.set(n, Number(value(row.getCell(c)))));
    if (c3 === "满分") {
      const group = String(value(row.getCell(2)));
      if (!full.has(group)) full.set(group, new Map());
      put(full.get(group)!);
    } else if (typeof c3 === "string" && names.length) {
      const unit = c3;
      if (!scores.has(unit)) scores.set(unit, new Map());
      if (!maxima.has(unit)) maxima.set(unit, new Map());
      put(scores.get(unit)!);
      for (const [n, m] of full.get(String(value(row.getCell(2)))) ?? []) maxima.get(unit)!.set(n, m);
    }
  }
  return { scores, maxima, order };
}

/** The weakest indicators of `unit`, by the README's definition, from the independent data. */
function expectedWeakest(unit: string, units: UnitJson[], basic: ReturnType<typeof basicScores>): string[] {
  const me = units.find((u) => u.unit === unit)!;
  const peers = units.filter((u) => u.groupId === me.groupId).map((u) => u.unit);
  const rows = basic.order.flatMap((name, k) => {
    const max = basic.maxima.get(unit)!.get(name)!;
    if (!(max > 0)) return [];
    const shares = peers.map((p) => basic.scores.get(p)!.get(name)! / max);
    const share = basic.scores.get(unit)!.get(name)! / max;
    const gap = Math.round((share - shares.reduce((a, b) => a + b, 0) / shares.length) * 1e4) / 1e4;
    return share < 1 ? [{ name, k, share, gap }] : [];
  });
  return rows.sort((a, b) => a.gap - b.gap || a.share - b.share || a.k - b.k).slice(0, 3).map((r) => r.name);
}

/** What the 分类指导 sheet says of `unit`: its page's weakest indicators (with department and reason) and its 总分 row. */
function page(ws: ExcelJS.Worksheet, unit: string) {
  let r = 1;
  while (r <= ws.rowCount && value(ws.getCell(r, 1)) !== `${unit} 分类指导（${scheme.year} 年度）`) r++;
  if (r > ws.rowCount) throw new Error(`no page for ${unit}`);
  const total = (() => { let k = r; while (value(ws.getCell(k, 1)) !== "总分") k++; return { total: value(ws.getCell(k, 3)), tier: value(ws.getCell(k, 2)) }; })();
  while (!String(value(ws.getCell(r, 1))).startsWith("短板")) r++;
  const weakest: { name: string; department: string; reason: string }[] = [];
  for (r++; !String(value(ws.getCell(r, 1))).startsWith("亮点"); r++) {
    const dept = value(ws.getCell(r, 2));
    // A reason row is merged across the page (exceljs gives every merged cell the text).
    if (!ws.getCell(r, 2).isMerged && typeof dept === "string" && dept) weakest.push({ name: String(value(ws.getCell(r, 1))), department: dept, reason: String(value(ws.getCell(r + 1, 1))) });
  }
  return { weakest, ...total };
}

describe("aggregate writes 分类指导: the weakest indicators agree with an independent calculation", () => {
  let out: ExcelJS.Workbook;
  let units: UnitJson[];
  let outFile = "";

  beforeAll(async () => {
    const dir = scratchDir();
    const input = await writeTemp(await sampleWorkbook(), "评价.xlsx", dir);
    const r = await cli(["aggregate", input, "--out", join(dir, "汇总.xlsx"), "--json", join(dir, "result.json")]);
    expectExit(r, 0);
    outFile = join(dir, "汇总.xlsx");
    out = await load(outFile);
    units = (JSON.parse(readFileSync(join(dir, "result.json"), "utf8")) as { units: UnitJson[] }).units;
  }, 120_000);

  it("a sample district (江北区) and every other: the same weakest indicators, in the same order; total and tier as result.json", () => {
    const basic = basicScores(sheet(out, "基础工作得分"));
    const guidance = sheet(out, "分类指导");
    const sample = page(guidance, "江北区");
    expect(sample.weakest.length).toBe(3);
    expect(sample.weakest.map((w) => w.name)).toEqual(expectedWeakest("江北区", units, basic));
    let withWeak = 0;
    for (const u of units) {
      const p = page(guidance, u.unit);
      expect({ unit: u.unit, weakest: p.weakest.map((w) => w.name) }).toEqual({ unit: u.unit, weakest: expectedWeakest(u.unit, units, basic) });
      expect({ unit: u.unit, total: p.total, tier: p.tier }).toEqual({ unit: u.unit, total: u.total, tier: `等次 ${u.tier}` });
      if (p.weakest.length) withWeak++;
    }
    expect(withWeak).toBeGreaterThan(30);
  });

  it("each weak indicator names its lead department and quotes the reason from the department sheet's cell", () => {
    const guidance = sheet(out, "分类指导");
    let quoted = 0;
    for (const u of units) {
      for (const w of page(guidance, u.unit).weakest) {
        expect(w.department).toBe(scheme.indicators.find((i) => i.name === w.name)!.department);
        const m = w.reason.match(/^扣分理由（(.+)!([A-Z]+\d+)）：(.*)$/);
        if (!m) continue;
        const written = String(value(sheet(out, m[1]!).getCell(m[2]!))).trim();
        expect(m[3]!.replace(/…（全文见扣分明细）$/, "")).toBe(written.slice(0, m[3]!.replace(/…（全文见扣分明细）$/, "").length));
        quoted++;
      }
    }
    expect(quoted).toBeGreaterThan(20);
  });

  it("the sheet is printable: A4 portrait, a page break before every district but the first, the page footer", async () => {
    const ws = sheet(out, "分类指导");
    expect(ws.pageSetup.orientation).toBe("portrait");
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.headerFooter.oddFooter).toContain("第 &P 页 共 &N 页");
    // exceljs does not read page breaks back: count them in the sheet's XML.
    const zip = await JSZip.loadAsync(readFileSync(outFile));
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    const book = await zip.file("xl/workbook.xml")!.async("string");
    const rid = book.match(/<sheet [^>]*name="分类指导"[^>]*r:id="(rId\d+)"/)![1]!;
    const target = rels.match(new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`))!;
    const xml = await zip.file(`xl/${(target[1] ?? target[2])!.replace(/^\/?xl\//, "")}`)!.async("string");
    expect(xml.match(/<brk /g)?.length).toBe(units.length - 1);
  });
});
