import type { Lang } from "../i18n";

/**
 * 导入历年结果's strings and the 历年 tab's label: on the first screen, so kept to these few (the
 * chart's own strings live in HistoryChart.tsx, loaded with it). i18n.tsx is shared by many.
 */
const zh = {
  tab: "历年",
  importButton: "导入历年结果",
  notImported: "未导入历年结果，工作簿未修改：原因见校验结果。",
  imported: (added: readonly number[], years: readonly number[]) => `已导入 ${added.length ? added.join("、") : "0 个"}年度的结果（现有历年结果：${years.join("、")}）。请重新汇总，汇总表和分类指导即显示上年结果。`,
};

const en: typeof zh = {
  tab: "Years",
  importButton: "Add prior years",
  notImported: "Prior years not added; the workbook is unchanged: see the diagnostics for why.",
  imported: (added, years) => `Added ${added.length ? added.join(", ") : "no"} year(s) (prior years now held: ${years.join(", ")}). Aggregate again to show last year's results in 汇总 and 分类指导.`,
};

export const HISTORY_STRINGS: Record<Lang, typeof zh> = { zh, en };
