import type { Scheme } from "../scheme/schema";
import type { Evaluation } from "../engine/evaluate";
import type { EvaluationInputs } from "../engine/inputs";
import type { Approval } from "./approval";
import { summaryOrder } from "./summary";

/**
 * 晾晒: the year's results as one self-contained HTML page ("通过工作晾晒，激发区县妇联赛马比拼
 * 热情") — per region group the ranking with tiers, the year, the approval status and the
 * highlights (the case titles of each group's top districts). Pure: a model, then a string; no
 * scripts, fonts, images or links to fetch, so the page opens and prints anywhere offline.
 * Drafts carry the watermark "初步意见，未经党组会审定" on screen and on every printed page.
 */
export const DRAFT_WATERMARK = "初步意见，未经党组会审定";
/** Districts whose cases a group's highlights show: group rank 1 … this (ties included). */
export const HIGHLIGHT_RANKS = 3;
/** Marks a page as ours, so publishing again may replace it (and nothing else). */
export const PUBLISH_GENERATOR = "evalsheet publish";

/** The page's file name in --out DIR. */
export function publishFileName(year: number): string {
  return `${year}年度评价结果.html`;
}

export type PublishStatus =
  | { readonly kind: "approved"; readonly approvedBy: string; readonly approvedAt: string }
  | { readonly kind: "draft" }
  /** Approved, then input cells changed: the approval no longer covers these numbers. */
  | { readonly kind: "changed"; readonly approvedBy: string; readonly approvedAt: string; readonly cells: number };

export interface PublishRow {
  readonly unit: string;
  readonly groupRank: number;
  readonly overallRank: number;
  readonly total: number;
  readonly basic: number;
  readonly bestPractice: number;
  readonly composite: number;
  readonly bonus: number;
  readonly penalty: number;
  readonly tier: string;
}

export interface PublishGroup {
  readonly id: string;
  readonly name: string;
  readonly rows: readonly PublishRow[];
  readonly tiers: readonly { readonly tier: string; readonly count: number }[];
  readonly highlights: readonly { readonly unit: string; readonly groupRank: number; readonly titles: readonly string[] }[];
}

export interface PublishModel {
  readonly title: string;
  readonly year: number;
  readonly status: PublishStatus;
  readonly madeAt: string;
  readonly groups: readonly PublishGroup[];
}

export function publishStatus(approval: Approval | null, changedSinceApproval: readonly string[]): PublishStatus {
  if (!approval) return { kind: "draft" };
  const who = { approvedBy: approval.approvedBy, approvedAt: approval.approvedAt.slice(0, 10) };
  return changedSinceApproval.length === 0 ? { kind: "approved", ...who } : { kind: "changed", ...who, cells: changedSinceApproval.length };
}

export function publishModel(scheme: Scheme, evaluation: Evaluation, inputs: EvaluationInputs, status: PublishStatus, madeAt: string): PublishModel {
  const ordered = summaryOrder(scheme, evaluation);
  const tierNames = [...scheme.tiers.tiers.map((t) => t.name), scheme.tiers.otherwise];
  const groups = scheme.groups.map((g): PublishGroup => {
    const units = ordered.filter((u) => u.group === g.id);
    return {
      id: g.id,
      name: g.name,
      rows: units.map((u) => ({
        unit: u.unit, groupRank: u.groupRank, overallRank: u.overallRank, total: u.total, basic: u.basic,
        bestPractice: u.bestPractice, composite: u.composite, bonus: u.bonus, penalty: u.penalty, tier: u.tier,
      })),
      tiers: tierNames.map((tier) => ({ tier, count: units.filter((u) => u.tier === tier).length })),
      highlights: units.filter((u) => u.groupRank <= HIGHLIGHT_RANKS).map((u) => ({
        unit: u.unit,
        groupRank: u.groupRank,
        titles: inputs.cases.filter((c) => c.unit === u.unit).slice(0, scheme.cases.maxPerUnit).map((c) => c.title.trim()).filter(Boolean),
      })),
    };
  });
  return { title: scheme.title, year: scheme.year, status, madeAt, groups };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const n2 = (x: number) => x.toFixed(2);

export function statusText(s: PublishStatus): string {
  if (s.kind === "approved") return `已审定（${s.approvedAt}，${s.approvedBy}）`;
  if (s.kind === "changed") return `${DRAFT_WATERMARK}：${s.approvedAt} 经${s.approvedBy}审定后，有 ${s.cells} 个输入单元格被修改，须重新审定`;
  return DRAFT_WATERMARK;
}

const TIER_CLASS = ["t1", "t2", "t3", "t4", "t5"];

function groupSection(g: PublishGroup, tierNames: readonly string[]): string {
  const tierClass = (t: string) => TIER_CLASS[Math.min(tierNames.indexOf(t), TIER_CLASS.length - 1)] ?? "t5";
  const rows = g.rows.map((r) => `<tr data-unit="${esc(r.unit)}"><td class="num">${r.groupRank}</td><th scope="row">${esc(r.unit)}</th>`
    + `<td class="num total">${n2(r.total)}</td><td class="num">${n2(r.basic)}</td><td class="num">${n2(r.bestPractice)}</td><td class="num">${n2(r.composite)}</td>`
    + `<td class="num">${n2(r.bonus)}</td><td class="num">${r.penalty ? `−${n2(r.penalty)}` : n2(0)}</td>`
    + `<td><span class="tier ${tierClass(r.tier)}">${esc(r.tier)}</span></td></tr>`).join("\n");
  const highlights = g.highlights.map((h) => `<li><b>${esc(h.unit)}</b>（组内第 ${h.groupRank} 名）：${h.titles.length ? h.titles.map((t) => `《${esc(t)}》`).join("、") : "未报送最佳实践案例"}</li>`).join("\n");
  const counts = g.tiers.filter((t) => t.count > 0).map((t) => `${esc(t.tier)} ${t.count} 个`).join("，");
  return `<section class="group" data-group="${esc(g.id)}">
<h2>${esc(g.name)}<small>${g.rows.length} 个区县${counts ? `｜${counts}` : ""}</small></h2>
<table>
<thead><tr><th>组内排名</th><th>区县</th><th>总分</th><th>基础工作</th><th>最佳实践案例</th><th>综合评估</th><th>加分</th><th>扣分</th><th>等次</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h3>亮点：组内前 ${HIGHLIGHT_RANKS} 名的最佳实践案例</h3>
<ul class="highlights">
${highlights}
</ul>
</section>`;
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;padding:24px;font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",SimSun,sans-serif;color:#1b1b1b;background:#fff;line-height:1.5}
header{border-bottom:3px solid #c00000;margin-bottom:16px;padding-bottom:8px}
h1{font-size:24px;margin:0 0 4px}
.status{display:inline-block;padding:2px 10px;border-radius:4px;font-weight:bold}
.status.approved{background:#e2f0d9;color:#375623}
.status.draft,.status.changed{background:#fde9e7;color:#a00000}
.meta{color:#555;font-size:13px}
h2{font-size:18px;margin:20px 0 6px;color:#2f5597}
h2 small{font-size:13px;color:#555;font-weight:normal;margin-left:8px}
h3{font-size:14px;margin:10px 0 4px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid #bfbfbf;padding:3px 6px;text-align:left}
thead th{background:#dde6f3}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.total{font-weight:bold}
.tier{display:inline-block;min-width:3em;text-align:center;border-radius:3px;padding:0 4px}
.t1{background:#c00000;color:#fff}.t2{background:#f4b183}.t3{background:#e7e6e6}.t4,.t5{background:#fff}
.highlights{margin:0;padding-left:1.5em;font-size:13px}
.watermark{position:fixed;inset:0;display:flex;flex-direction:column;justify-content:space-around;align-items:center;pointer-events:none;z-index:10;overflow:hidden}
.watermark span{transform:rotate(-30deg);font-size:48px;font-weight:bold;color:rgba(192,0,0,.14);white-space:nowrap}
footer{margin-top:20px;font-size:12px;color:#555}
@page{size:A4;margin:12mm}
@media print{body{padding:0}.group{break-inside:avoid-page}thead{display:table-header-group}tr{break-inside:avoid}}
`;

/** The page, as a string: one HTML document with its style inline and nothing to fetch. */
export function renderPublish(m: PublishModel, tierNames: readonly string[]): string {
  const draft = m.status.kind !== "approved";
  const watermark = draft ? `<div class="watermark" aria-hidden="true">${`<span>${DRAFT_WATERMARK}</span>`.repeat(3)}</div>` : "";
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${PUBLISH_GENERATOR}">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>区县妇联工作分类评价结果（${m.year} 年度）</title>
<style>${CSS}</style>
</head>
<body>
${watermark}
<header>
<h1>区县妇联工作分类评价结果（${m.year} 年度）</h1>
<p><span class="status ${m.status.kind}" id="status">${esc(statusText(m.status))}</span></p>
<p class="meta">依据《${esc(m.title)}》，按区域分类评价：各区域组内排名与等次；总分 = 基础工作 + 最佳实践案例 + 综合评估 + 加分 − 扣分。</p>
</header>
<main>
${m.groups.map((g) => groupSection(g, tierNames)).join("\n")}
</main>
<footer>生成于 ${esc(m.madeAt)}（evalsheet publish）。${draft ? "本页为初步意见，未经党组会审定，不作为最终结果。" : ""}</footer>
</body>
</html>
`;
}

/** The whole page from a workbook's evaluation: what `evalsheet publish` writes and the pane downloads. */
export function publishHtml(scheme: Scheme, evaluation: Evaluation, inputs: EvaluationInputs, status: PublishStatus, madeAt: string): string {
  return renderPublish(publishModel(scheme, evaluation, inputs, status, madeAt), [...scheme.tiers.tiers.map((t) => t.name), scheme.tiers.otherwise]);
}
