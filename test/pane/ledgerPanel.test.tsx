import { describe, expect, it } from "vitest";
import { renderPane as render } from "../support/renderPane";
import LedgerPanel from "../../taskpane/components/LedgerPanel";
import { readWorkbook } from "../../src/validate/validate";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { SHEETS } from "../../src/layout/names";
import { builtinScheme } from "../../src/scheme/load";
import { planSnapshot } from "../support/planSnapshot";


const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const scheme = builtinScheme();
const wb = planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 2024) }));

function reading(w = wb) {
  const r = readWorkbook(w);
  if (!r.ok) throw new Error("unreadable");
  return r;
}

describe("LedgerPanel", () => {
  it("the first member's districts with totals, tiers, weakest indicators and contacts; the districts not contacted; research by period", () => {
    const r = reading();
    const html = render(<LedgerPanel reading={r} />);
    const t = text(html);
    expect(html).toContain('aria-label="联系点 / 调研"');
    expect(html).toContain('aria-label="彭焱 联系点"');
    for (const m of ["彭焱", "张青莉", "臧秀梅", "李艺", "张莲", "文艳"]) expect(html).toContain(`<option value="${m}"`);
    const wanzhou = r.evaluation.units.find((u) => u.unit === "万州区")!;
    expect(t).toContain(`万州区（渝东北） ${wanzhou.total.toFixed(2)} ${wanzhou.tier}`);
    expect(t).toContain("本年未联系的区县：秀山县");
    expect(t).toContain("重庆市女性人才研究会（团体会员）");
    expect(t).toContain("牵头调研 2，调研成果 1，党组调研报告 1");
    expect(t).toContain("3—4月（集中调研） 3");
    expect(t).toContain("下基层调研：党组调研报告 1（至少 1）");
  });

  it("in English, and a workbook without the ledgers says how to add them", () => {
    const old = reading({ ...wb, sheets: wb.sheets.filter((s) => s.name !== SHEETS.contactLog && s.name !== SHEETS.researchLog) });
    const t = text(render(<LedgerPanel reading={old} />, "en"));
    expect(t).toContain("Weakest indicators");
    expect(t).toContain("The workbook has no 联系点台账 sheet; add it with Add template.");
    expect(t).toContain("The workbook has no 调研台账 sheet; add it with Add template.");
  });

  it("a scheme without a contact-point table shows the research alone", () => {
    const r = reading();
    const own = { ...r, scheme: { ...r.scheme, id: "own", contacts: undefined } } as unknown as typeof r;
    const t = text(render(<LedgerPanel reading={own} />));
    expect(t).toContain("本方案没有党组成员联系点表。");
    expect(t).toContain("9—10月（集中调研）");
  });
});
