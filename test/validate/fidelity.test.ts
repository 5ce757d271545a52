import { beforeAll, describe, expect, it } from "vitest";
import { builtinScheme, parseScheme, schemeProblems } from "../../src/scheme/load";
import type { Scheme } from "../../src/scheme/schema";
import { sampleData } from "../../src/layout/sample";
import { templatePlan } from "../../src/layout/template";
import { departmentLayout, SIGN_OFF } from "../../src/layout/department";
import { schemeSheet } from "../../src/layout/schemeSheet";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { openXlsx } from "../../src/adapters/xlsx/openXlsx";
import { readWorkbook } from "../../src/validate/validate";
import { aggregatePlan } from "../../src/report/aggregate";
import { a1 } from "../../src/workbook/address";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/workbook/snapshot";

/** Issue "Score exactly what the document says": 不适用, the part split on the sheet, 部室审定, 评价方案's words. */
const scheme = builtinScheme();
let sample: WorkbookSnapshot;

beforeAll(async () => {
  const bytes = await workbookBytes(await planToWorkbook(templatePlan(scheme, { sample: sampleData(scheme, 2024) })));
  const opened = await openXlsx(bytes, "sample.xlsx");
  if (!opened.ok) throw new Error("unreadable");
  sample = opened.snapshot;
});

/** A copy of the sample with cells changed: [sheet, A1, value]. */
function edited(edits: [string, string, CellValue][]): WorkbookSnapshot {
  const sheets = sample.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => [...r]) }));
  for (const [name, cell, value] of edits) {
    const s = sheets.find((x) => x.name === name)!;
    const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
    const col = [...m[1]!].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const row = Number(m[2]) - 1;
    while (s.rows.length <= row) s.rows.push([]);
    s.rows[row]![col] = value;
  }
  return { ...sample, sheets };
}

function cellOf(department: string, unit: string, indicatorId: string, key: string): string {
  const layout = departmentLayout(scheme, department);
  const sheet = sample.sheets.find((s) => s.name === department)!;
  const r = sheet.rows.findIndex((row) => row[layout.unitCol] === unit);
  const col = layout.blocks.find((b) => b.indicator.id === indicatorId)!.columns.find((c) => c.key === key)!.col;
  return a1(r, col);
}

function read(wb: WorkbookSnapshot) {
  const r = readWorkbook(wb);
  if (!r.ok) throw new Error("unreadable");
  return r;
}

const sheetText = (s: SheetSnapshot) => s.rows.flat().filter((v): v is string => typeof v === "string");

describe("不适用 on department sheets", () => {
  it("the sample's 渝中区 has no rural communities: 不适用 is read, costs nothing, and is explained", () => {
    const r = read(sample);
    const u = r.evaluation.units.find((x) => x.unit === "渝中区")!;
    const na = u.trail.find((t) => t.kind === "notApplicable")!;
    expect(na.text.zh).toContain("农村社区家长学校覆盖率 不适用");
    expect(na.source?.cell).toBe(cellOf("家儿部", "渝中区", "B10", "m:ruralSchools"));
    expect(r.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });
  it("不适用 where the scheme requires a figure is an error naming the cell", () => {
    const cell = cellOf("家儿部", "江北区", "B09", "m:greenFamilies");
    const r = read(edited([["家儿部", cell, "不适用"]]));
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: "error", code: "value.notApplicableRefused", sheet: "家儿部", cell }));
  });
  it("a blank measured cell is still an error, and says 不适用 can be chosen where it applies", () => {
    const cell = cellOf("家儿部", "江北区", "B10", "m:ruralSchools");
    const r = read(edited([["家儿部", cell, null]]));
    const d = r.diagnostics.find((x) => x.cell === cell)!;
    expect(d).toMatchObject({ severity: "error", code: "value.empty", sheet: "家儿部" });
    expect(d.message).toContain("不适用");
  });
  it("full-width spaces around 不适用 are folded", () => {
    const cell = cellOf("维权部", "江北区", "B13", "m:mediation");
    const r = read(edited([["维权部", cell, " 不适用　"]]));
    expect(r.inputs.basic.find((b) => b.unit === "江北区" && b.indicator === "B13")!.values["m:mediation"]).toBe("na");
  });
});

describe("the part split on department sheets", () => {
  it("each part's column names its part; each group row shows the part's points and target (shared points say 共)", () => {
    const sheet = sample.sheets.find((s) => s.name === "家儿部")!;
    const labels = sheet.rows[3]!.filter((v): v is string => typeof v === "string");
    expect(labels).toContain("得分（定性部分）");
    expect(labels).toContain("绿色家庭达标率（量化部分）");
    expect(labels).toContain("城市社区家长学校覆盖率（量化部分）");
    const layout = departmentLayout(scheme, "家儿部");
    const b09 = layout.blocks.find((b) => b.indicator.id === "B09")!;
    expect(sheet.rows[layout.firstDataRow]![b09.columns[0]!.col]).toBe(3);
    expect(sheet.rows[layout.firstDataRow]![b09.columns[1]!.col]).toBe("目标≥70%（1分）");
    const b10 = layout.blocks.find((b) => b.indicator.id === "B10")!;
    expect(b10.columns.slice(1).map((c) => sheet.rows[layout.firstDataRow]![c.col])).toEqual(["目标≥90%（共1分）", "目标≥85%（共1分）"]);
  });
  it("a judged score over the judged part's points is an error (3 of 4 is the judged maximum)", () => {
    const cell = cellOf("家儿部", "江北区", "B09", "score");
    const r = read(edited([["家儿部", cell, 4]]));
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: "value.overMax", cell }));
  });
});

describe("部室审定 (经分管领导审定后，交办公室汇总)", () => {
  const fieldCell = (department: string, key: string) => {
    const sheet = sample.sheets.find((s) => s.name === department)!;
    const label = SIGN_OFF.fields.find((f) => f.key === key)!.label;
    const r = sheet.rows.findIndex((row) => row[0] === label);
    return a1(r, 2);
  };
  it("the sample is signed and reads back signed", () => {
    const r = read(sample);
    expect(r.signOffs).toHaveLength(7);
    expect(r.signOffs.every((s) => s.signed && s.approver === "李华" && s.date === "2025-01-12")).toBe(true);
  });
  it("a scored sheet without its approving leader is a warning naming the cell", () => {
    const cell = fieldCell("宣教部", "approver");
    const r = read(edited([["宣教部", cell, null]]));
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: "warning", code: "dept.unsigned", sheet: "宣教部", cell }));
    expect(r.signOffs.find((s) => s.department === "宣教部")!.signed).toBe(false);
  });
  it("汇总 lists the departments not yet signed off in its notes", () => {
    const r = read(edited([["宣教部", fieldCell("宣教部", "approver"), null]]));
    const summary = aggregatePlan(r).sheets[0]!;
    const notes = summary.rows.flat().map((c) => c?.value).filter((v): v is string => typeof v === "string" && v.includes("尚未经分管领导审定"));
    expect(notes).toEqual([expect.stringContaining("宣教部（分管领导审定未填）")]);
    expect(aggregatePlan(read(sample)).sheets[0]!.rows.flat().some((c) => typeof c?.value === "string" && c.value.includes("尚未经分管领导审定"))).toBe(false);
  });
  it("the scheme can make it an error", () => {
    const strict = { ...scheme, signOff: "error" as const };
    const cell = fieldCell("组联部", "scorer");
    const r = readWorkbook(edited([["组联部", cell, ""]]), { scheme: strict });
    if (!r.ok) throw new Error("unreadable");
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: "error", code: "dept.unsigned", sheet: "组联部", cell }));
  });
  it("a sheet made before the block existed is read to its last row, with a warning that it has no sign-off", () => {
    const layout = departmentLayout(scheme, "宣教部");
    const sheets = sample.sheets.map((s) => {
      if (s.name !== "宣教部") return s;
      const at = s.rows.findIndex((row) => typeof row[0] === "string" && row[0].startsWith(SIGN_OFF.heading));
      return { ...s, rows: s.rows.slice(0, at), merges: s.merges.filter((m) => Number(/\d+/.exec(m)![0]) <= at) };
    });
    const r = read({ ...sample, sheets });
    expect(r.diagnostics.filter((d) => d.sheet === "宣教部" && d.severity === "error")).toEqual([]);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: "warning", code: "dept.unsigned", sheet: "宣教部", cell: null }));
    expect(r.inputs.basic.filter((b) => layout.blocks.some((x) => x.indicator.id === b.indicator))).toHaveLength(41 * layout.blocks.length);
  });
});

describe("region groups: one full name and one short name, used the same way on every sheet", () => {
  it("per-unit 区域分类 columns show the short name on 基础工作得分, 扣分明细 and 综合评估; headings (汇总's sections, group rows) the full name", () => {
    const r = read(sample);
    const shortNames = new Set(scheme.groups.map((g) => g.shortName));
    const plan = aggregatePlan(r);
    const columnValues = (rows: readonly (readonly ({ value?: unknown } | null)[])[], col: number, from: number) =>
      rows.slice(from).map((row) => row[col]?.value).filter((v): v is string => typeof v === "string" && v !== "");
    // 汇总 is in sections headed by each group's full name (its ranks work within a section).
    const sections = columnValues(plan.sheets[0]!.rows, 0, 3).filter((v) => /^[一二三四]、/.test(v));
    expect(sections.map((v) => v.slice(2).split("（")[0])).toEqual(scheme.groups.map((g) => g.name));
    // 基础工作得分 repeats its header on every page: its unit and 满分 rows are those below a header.
    expect(new Set(columnValues(plan.sheets[1]!.rows.filter((row) => row[1]?.style !== "header"), 1, 2))).toEqual(shortNames);
    expect(new Set(columnValues(plan.sheets[2]!.rows, 0, 3))).toEqual(shortNames);
    const composite = sample.sheets.find((x) => x.name === "综合评估")!;
    expect(new Set(composite.rows.slice(3).map((row) => row[1]).filter((v) => typeof v === "string"))).toEqual(shortNames);
    const dept = sample.sheets.find((x) => x.name === "宣教部")!;
    expect(dept.rows.map((row) => row[0]).filter((v): v is string => typeof v === "string" && v.endsWith("各项满分")).map((v) => v.slice(0, -"各项满分".length)))
      .toEqual(scheme.groups.map((g) => g.name));
  });
  it("two groups with one short name are refused (汇总 ranks within a group by it)", () => {
    const twin = { ...scheme, groups: scheme.groups.map((g, i) => (i === 1 ? { ...g, shortName: scheme.groups[0]!.shortName } : g)) };
    expect(schemeProblems(twin).join()).toContain("区域分类简称重复");
  });
});

describe("scheme model: parts", () => {
  const withB09 = (rules: unknown[]) => ({ ...scheme, indicators: scheme.indicators.map((i) => (i.id === "B09" ? { ...i, rules } : i)) });
  const target = (points?: number) => ({ kind: "target", below: "proportional", ...(points === undefined ? {} : { points }), measures: [{ id: "g", label: "g", unit: "percent", target: 0.7 }] });
  it("a measured part needs its points, and must leave the judged part something in every group", () => {
    expect(schemeProblems(withB09([{ kind: "manual" }, target()]))).toEqual([expect.stringContaining("须写明本部分分值")]);
    const over = schemeProblems(withB09([{ kind: "manual" }, target(4)]));
    expect(over).toHaveLength(scheme.groups.length);
    expect(over.every((m) => m.includes("量化部分合计 4 分，应小于"))).toBe(true);
    expect(schemeProblems(withB09([{ kind: "manual" }, target(1.5)]))).toEqual([]);
  });
  it("parts come before modifiers; the first part takes the rest and has no points of its own", () => {
    expect(schemeProblems(withB09([{ kind: "manual" }, { kind: "gate", question: "q" }, target(1)])).join()).toContain("之前");
    expect(schemeProblems(withB09([target(1)])).join()).toContain("不能另设 points");
  });
  it("workbooks written before open choices had topics still load (path is taken as the topic)", () => {
    const old = { ...scheme, openChoices: [{ path: "indicators[*].points", choice: "c", why: "w" }] };
    const r = parseScheme(old, "old");
    expect(r.ok && r.scheme.openChoices[0]!.topic).toBe("indicators[*].points");
  });
});

describe("评价方案 in the document's words", () => {
  const texts = (s: Scheme) => sheetText({ ...schemeSheet(s), rows: schemeSheet(s).rows.map((r) => r.map((c) => (c?.value ?? null) as CellValue)), formulas: {}, state: "visible" });
  it("says 总分 100 分 with the bonus inside, never 95", () => {
    const all = texts(scheme).join("\n");
    expect(all).toContain("总分 100 分（基础工作 60、最佳实践案例 25、综合评估 10、加分项不超过 5）");
    expect(all).not.toMatch(/总分 95 分[：:]/);
  });
  it("marks 默认 only while a value equals the built-in default", () => {
    expect(texts(scheme)).toContain("主城都市圈（默认）");
    const edited = { ...scheme, indicators: scheme.indicators.map((i) => (i.id === "B01" ? { ...i, points: { ...i.points, metro: 4 } } : i.id === "B02" ? { ...i, points: { ...i.points, metro: 2 } } : i)) };
    const t = texts(edited);
    expect(t).toContain("主城都市圈（已调整）");
    expect(t).toContain("渝东北（默认）");
    const tiers = { ...scheme, tiers: { kind: "thresholds" as const, tiers: [{ name: "特优", min: 96 }, { name: "优", min: 85 }], otherwise: "良" } };
    expect(texts(tiers)).toContain("评价等次（已调整）");
    expect(texts(tiers)).toContain("已调整，以上表为准");
  });
  it("describes the open choices in words, never JSON paths", () => {
    const t = texts(scheme);
    expect(t.some((x) => x.includes("indicators["))).toBe(false);
    expect(t).toContain("有量化目标的 5 项指标如何计分");
  });
});
