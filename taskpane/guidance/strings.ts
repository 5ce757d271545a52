import type { Lang } from "../i18n";

/**
 * The 分类指导 tab's and the 晾晒 download's strings, kept beside their components (the pane's
 * i18n.tsx is shared by many; these are few and used only here).
 */
const zh = {
  explainTab: "得分说明",
  guidanceTab: "分类指导",
  standing: (group: string, size: number, rank: number, tier: string) => `${group}（${size} 个区县）：组内第 ${rank} 名，等次 ${tier}`,
  headers: ["指标", "牵头部室", "得分", "满分", "组内平均", "组内最高", "得分率差"],
  total: "总分",
  subtotal: "小计",
  weakest: "短板：得分率比组内平均低得最多的 3 项（未得满分者）",
  noWeak: "各项指标均为满分。",
  reason: "扣分理由",
  noReason: "部室未填写",
  strengths: "亮点：得分率高于组内平均最多的 3 项",
  noStrengths: "无得分率高于组内平均的指标",
  vsLastYear: "与上年比",
  vsLastPeriod: "与上期比",
  noPrevious: "无上年数据",
  noPeriod: "无上期数据",
  cases: "最佳实践案例",
  noCases: "未报送",
  gapNote: "得分率差 = 本区县得分率（得分 ÷ 满分）− 本组各区县平均得分率，单位为百分点。",
  publish: "下载晾晒页面 (HTML)",
  publishHint: "各区域组排名、等次与亮点的网页，可离线打开、打印（A4）；未审定的结果带“初步意见，未经党组会审定”水印。",
};

export type GuidanceStrings = typeof zh;

const en: GuidanceStrings = {
  explainTab: "Explanation",
  guidanceTab: "Guidance",
  standing: (group, size, rank, tier) => `${group} (${size} districts): rank ${rank} in the group, tier ${tier}`,
  headers: ["Indicator", "Department", "Score", "Max", "Group mean", "Group best", "Share gap"],
  total: "Total",
  subtotal: "Subtotal",
  weakest: "Weak spots: the 3 indicators furthest below the group's mean share (not at full marks)",
  noWeak: "Full marks on every indicator.",
  reason: "Reason",
  noReason: "none written",
  strengths: "Strengths: the 3 indicators furthest above the group's mean share",
  noStrengths: "No indicator above the group's mean share",
  vsLastYear: "Since last year",
  vsLastPeriod: "Since the last period",
  noPrevious: "无上年数据 (no data for last year)",
  noPeriod: "无上期数据 (no periodic data)",
  cases: "Best-practice cases",
  noCases: "none submitted",
  gapNote: "Share gap = the district's share of the points (score ÷ max) − the group's mean share, in percentage points.",
  publish: "Download results page (HTML)",
  publishHint: "Each region group's ranking, tiers and highlights as a web page that opens offline and prints on A4; results not yet approved carry the draft watermark.",
};

export const GUIDANCE_STRINGS: Record<Lang, GuidanceStrings> = { zh, en };
