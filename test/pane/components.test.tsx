import { describe, expect, it } from "vitest";
import { renderPane as render } from "../support/renderPane";
import { DiagnosticsPanel } from "../../taskpane/components/DiagnosticsPanel";
import { Header } from "../../taskpane/components/Header";
import { YearField } from "../../taskpane/components/YearField";
import { yearFieldProblem } from "../../taskpane/hooks/usePane";
import { diagnostic } from "../../src/diagnostics/diagnostic";
import { readWorkbook } from "../../src/validate/validate";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { builtinScheme } from "../../src/scheme/load";
import { planSnapshot } from "../support/planSnapshot";


const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("DiagnosticsPanel", () => {
  const ds = [
    diagnostic("error", "value.notNumber", { zh: "得分“abc”不是数字。", en: "not a number" }, { sheet: "宣教部", cell: "C6" }),
    diagnostic("warning", "reason.missing", { zh: "没有写扣分理由。", en: "no reason" }, { sheet: "办公室", cell: "D9" }),
    diagnostic("error", "unit.unknown", { zh: "未知区县“火星区”。", en: "unknown unit" }, { sheet: "宣教部", cell: "B7" }),
  ];
  it("counts by severity and groups by sheet, errors first, each naming its cell", () => {
    const html = render(<DiagnosticsPanel diagnostics={ds} onSelect={() => undefined} />);
    const t = text(html);
    expect(t).toContain("2 个错误，1 个警告，0 条提示");
    expect(t.indexOf("宣教部（2）")).toBeGreaterThan(-1);
    expect(t.indexOf("宣教部!C6")).toBeLessThan(t.indexOf("宣教部!B7")); // sorted by row within the sheet
    expect(html).toContain('aria-label="校验结果"');
  });
  it("says there is nothing to fix when there is nothing to fix, in English too", () => {
    expect(text(render(<DiagnosticsPanel diagnostics={[]} onSelect={() => undefined} />, "en"))).toContain("No problems found");
  });
});

describe("Header", () => {
  const scheme = builtinScheme();
  const r = readWorkbook(planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 1) })));
  if (!r.ok) throw new Error("sample invalid");
  it("shows the scheme and year the workbook carries, and draft status", () => {
    const t = text(render(<Header reading={r} fileName="评价.xlsx" workbookOpen />));
    expect(t).toContain("方案：cq-2024");
    expect(t).toContain("年度：2024");
    expect(t).toContain("初步意见");
  });
  it("says no workbook is open only when none is (standalone before opening)", () => {
    expect(text(render(<Header reading={null} fileName={null} workbookOpen={false} />))).toContain("尚未打开工作簿");
    expect(text(render(<Header reading={null} fileName={null} workbookOpen />))).not.toContain("尚未打开工作簿");
  });
  it("shows an approval that still holds", () => {
    const approved = { ...r, approval: { approvedAt: "2027-01-20", approvedBy: "党组会", schemeId: "cq-2024", inputs: {} }, changedSinceApproval: [] };
    expect(text(render(<Header reading={approved} fileName={null} workbookOpen />))).toContain("已审定 2027-01-20，党组会");
  });
});

describe("YearField", () => {
  it("shows the year, the default rule, or what is wrong with the year (in the pane's language)", () => {
    const ok = text(render(<YearField year={2025} fromWorkbook={false} problem={null} disabled={false} onChange={() => undefined} />));
    expect(ok).toContain("评价年度");
    expect(ok).toContain("1—6 月为上一年");
    const carried = text(render(<YearField year={2024} fromWorkbook problem={null} disabled={false} onChange={() => undefined} />));
    expect(carried).toContain("当前工作簿的年度");
    const problem = { zh: "不能用于 2023 年度", en: "cannot be used for 2023" };
    expect(text(render(<YearField year={2023} fromWorkbook={false} problem={problem} disabled={false} onChange={() => undefined} />, "en"))).toContain("cannot be used for 2023");
  });

  it("the pane's check of the year field: before the scheme's first year, or not a year", () => {
    const base = { busy: null, reading: null, diagnostics: null, aggregated: false, notice: null, workbookOpen: false, yearFromWorkbook: false };
    expect(yearFieldProblem({ ...base, year: 2025 })).toBeNull();
    expect(yearFieldProblem({ ...base, year: 2023 })?.zh).toContain("适用于 2024 年及以后");
    expect(yearFieldProblem({ ...base, year: 20 })?.zh).toContain("无效");
  });
});
