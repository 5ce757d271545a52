import type { Lang } from "../i18n";

/** The 历年 tab's and 导入历年结果's strings, beside their components (i18n.tsx is shared by many). */
const zh = {
  tab: "历年",
  title: (unit: string) => `${unit}历年总分与组内排名`,
  total: "总分",
  groupRank: "组内排名",
  point: (year: number, what: string, value: string) => `${year} 年度 ${what} ${value}`,
  rankOf: (rank: number, size: number | null) => `第 ${rank} 名${size ? `（共 ${size} 个）` : ""}`,
  thisYear: "本年",
  none: "没有历年结果：用“导入历年结果”导入往年的汇总结果（.xlsx）或 result.json 后重新汇总。",
  onlyThisYear: "历年结果中没有本区县，只有本年数据。",
  importButton: "导入历年结果",
  notImported: "未导入历年结果，工作簿未修改：原因见校验结果。",
  imported: (added: readonly number[], years: readonly number[]) => `已导入 ${added.length ? added.join("、") : "0 个"}年度的结果（现有历年结果：${years.join("、")}）。请重新汇总，汇总表和分类指导即显示上年结果。`,
};

const en: typeof zh = {
  tab: "Years",
  title: (unit) => `${unit}: total and group rank over the years`,
  total: "Total",
  groupRank: "Group rank",
  point: (year, what, value) => `${year} ${what} ${value}`,
  rankOf: (rank, size) => `#${rank}${size ? ` of ${size}` : ""}`,
  thisYear: "this year",
  none: "No prior years: add earlier outputs (.xlsx) or result.json files with 导入历年结果, then aggregate again.",
  onlyThisYear: "The prior years hold no result for this district; this year only.",
  importButton: "Add prior years",
  notImported: "Prior years not added; the workbook is unchanged: see the diagnostics for why.",
  imported: (added, years) => `Added ${added.length ? added.join(", ") : "no"} year(s) (prior years now held: ${years.join(", ")}). Aggregate again to show last year's results in 汇总 and 分类指导.`,
};

export const HISTORY_STRINGS: Record<Lang, typeof zh> = { zh, en };
