import { describe, expect, it } from "vitest";
import { renderPane } from "../support/renderPane";
import { UnitGuidancePanel, DetailTabs } from "../../taskpane/guidance/GuidanceTab";
import { publishPage } from "../../taskpane/guidance/PublishDownload";
import { readWorkbook } from "../../src/validate/validate";
import { templatePlan } from "../../src/layout/template";
import { sampleData } from "../../src/layout/sample";
import { builtinScheme } from "../../src/scheme/load";
import { planSnapshot } from "../support/planSnapshot";

const render = renderPane;

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/\s+/g, " ");
const scheme = builtinScheme();
const r = (() => {
  const x = readWorkbook(planSnapshot(templatePlan(scheme, { sample: sampleData(scheme, 2024) })));
  if (!x.ok) throw new Error("unreadable");
  return x;
})();

/** The weakest indicators worked out here from the evaluation (the README's definition), not by the module. */
function weakest(unit: string): string[] {
  const me = r.evaluation.units.find((u) => u.unit === unit)!;
  const peers = r.evaluation.units.filter((u) => u.group === me.group);
  return me.indicators
    .map((ind, k) => {
      const share = ind.score / ind.max;
      const mean = peers.reduce((s, p) => s + p.indicators[k]!.score / ind.max, 0) / peers.length;
      return { name: ind.name, k, share, gap: Math.round((share - mean) * 1e4) / 1e4 };
    })
    .filter((x) => x.share < 1)
    .sort((a, b) => a.gap - b.gap || a.share - b.share || a.k - b.k)
    .slice(0, 3)
    .map((x) => x.name);
}

describe("分类指导 tab", () => {
  it("shows the district's standing, its three weakest indicators in order with department and the department's reason, and the indicator table", () => {
    const html = render(<UnitGuidancePanel reading={r} unit="江北区" />);
    const t = text(html);
    const me = r.evaluation.units.find((u) => u.unit === "江北区")!;
    expect(html).toContain('aria-label="江北区 分类指导"');
    expect(t).toContain(`组内第 ${me.groupRank} 名，等次 ${me.tier}`);
    const names = weakest("江北区");
    expect(names).toHaveLength(3);
    const list = t.slice(t.indexOf("短板"), t.indexOf("亮点"));
    const positions = names.map((n) => list.indexOf(n));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const n of names) {
      const ind = scheme.indicators.find((i) => i.name === n)!;
      const reason = r.inputs.basic.find((b) => b.unit === "江北区" && b.indicator === ind.id)?.reason;
      expect(list).toContain(ind.department);
      if (reason) expect(list).toContain(reason);
    }
    for (const ind of scheme.indicators) expect(t).toContain(ind.name);
    expect(t).toContain("与上年比：无上年数据");
    expect(t).toContain("与上期比：无上期数据");
  });

  it("shows the change since last year and the last period when history and periods supply them", () => {
    const me = r.evaluation.units.find((u) => u.unit === "江北区")!;
    const priors = {
      previous: { label: "2023 年度", units: { 江北区: { total: 80, groupRank: 20, tier: "良" } } },
      lastPeriod: { label: "上半年", units: { 江北区: { total: me.total - 1.5, groupRank: me.groupRank, tier: null } } },
    };
    const t = text(render(<UnitGuidancePanel reading={r} unit="江北区" priors={priors} />));
    expect(t).toContain(`与上年比：2023 年度 80.00 分，本年 +${(me.total - 80).toFixed(2)} 分；组内第 20 → 第 ${me.groupRank}；等次 良 → ${me.tier}`);
    expect(t).toContain(`与上期比：上半年 ${(me.total - 1.5).toFixed(2)} 分，本年 +1.50 分；组内第 ${me.groupRank} → 第 ${me.groupRank}`);
  });

  it("the dialog's tabs: 得分说明 and 分类指导 (English too)", () => {
    expect(text(render(<DetailTabs tab="guidance" onTab={() => undefined} />))).toMatch(/得分说明.*分类指导/);
    expect(text(render(<DetailTabs tab="explain" onTab={() => undefined} />, "en"))).toMatch(/Explanation.*Guidance/);
  });
});

describe("晾晒 download", () => {
  it("the page of the pane's reading: a draft (not approved) with its watermark and every district's total", () => {
    const page = publishPage(r, new Date(2025, 0, 20, 15, 4));
    expect(page.name).toBe("2024年度评价结果.html");
    expect(page.html).toContain("初步意见，未经党组会审定");
    expect(page.html).toContain("生成于 2025-01-20 15:04");
    for (const u of r.evaluation.units) expect(page.html).toMatch(new RegExp(`<tr data-unit="${u.unit}">.*<td class="num total">${u.total.toFixed(2)}</td>`));
    expect(page.html).not.toMatch(/<(script|link|img)\b/);
  });
});
