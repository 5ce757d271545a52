import { createContext, useContext } from "react";

/**
 * Every string the pane shows, Chinese first. English, for colleagues who prefer it, is in strings.en.ts
 * and loads only when someone switches to it (loadStrings): most never do, so it stays off the first screen.
 */
const zh = {
  lang: "zh" as Lang,
  appTitle: "区县妇联工作评价",
  scheme: "方案",
  year: "年度",
  draft: "初步意见",
  approved: "已审定",
  noWorkbook: "尚未打开工作簿",
  standaloneHint: "未在 Excel 中运行：请打开一个 .xlsx 工作簿，在浏览器中校验和汇总，结果可下载。文件不会上传到任何地方。",
  openWorkbook: "打开工作簿 (.xlsx)",
  useSample: "使用示例工作簿",
  newTemplate: "新建空白模板",
  download: "下载汇总工作簿",
  downloadWorkbook: "下载工作簿",
  template: "生成模板",
  importDepartments: "导入部室表",
  validate: "校验",
  aggregate: "汇总",
  approve: "审定",
  cancel: "取消",
  working: "正在处理",
  phaseRead: "读取工作簿",
  phaseValidate: "校验数据",
  phasePlan: "计算与生成汇总",
  phaseWrite: "写入汇总",
  diagnostics: "校验结果",
  errors: "个错误",
  warnings: "个警告",
  infos: "条提示",
  show: "显示",
  all: "全部",
  error: "错误",
  warning: "警告",
  info: "提示",
  noProblems: "没有发现问题，可以汇总。",
  results: "评价结果",
  unit: "区县",
  total: "总分",
  groupRank: "组内排名",
  overallRank: "全市排名",
  tier: "等次",
  basic: "基础工作",
  bestPractice: "案例",
  composite: "综合评估",
  bonus: "加分",
  penalty: "扣分",
  explain: "得分说明",
  close: "关闭",
  capsHit: "封顶",
  noTrail: "各项均为满分，没有扣分或加分。",
  chart: "各区域总分",
  showMore: "显示更多",
  schemeView: "评价方案设置",
  save: "保存到工作簿",
  schemeValid: "方案有效：每个区域分类合计 60 分。",
  groupSum: "合计",
  measuredParts: "量化部分分值（其余为定性评分）",
  measuredPoints: "量化部分",
  notApplicableRule: "量化部分全部“不适用”时",
  naRescale: "按定性部分折算到该项满分",
  naFull: "视为达标",
  tierRule: "等次规则",
  thresholds: "按分数线",
  quota: "按组内比例",
  approvedBy: "审定人",
  approvedAt: "审定日期",
  markApproved: "标记为已审定",
  approvalHint: "党组会审定后标记。之后如有输入被修改，将逐格提示。",
  changedAfterApproval: "审定后有单元格被修改",
  done: "完成",
  templateAdded: "已添加的工作表",
  templateNothing: "所有模板工作表都已存在，未做改动。",
  evaluationYear: "评价年度",
  yearDefaultRule: "生成模板和新建工作簿用此年度。默认：1—6 月为上一年（次年 1 月评价上一年的工作），7—12 月为当年。",
  yearFromWorkbook: "当前工作簿的年度（评价方案保存在工作簿中）。其他年度请新建工作簿。",
  imported: "已导入",
  stillMissing: "尚未提交的部室",
  language: "English",
  languageFailed: "未能加载英文界面（网络或文件问题），界面仍为中文。请稍后再试。",
  selectCellStandalone: "在 Excel 中打开时可直接定位到该单元格。",
  selectRange: "点击定位到其中第一个单元格",
  cancelled: "已取消，工作簿未改动。",
  aggregated: "汇总完成：已写入“汇总”“基础工作得分”“扣分明细”。",
  validated: "校验完成",
  severity: { error: "错误", warning: "警告", info: "提示" },
  pointsEach: "每次分值",
  itemCap: "本项封顶（空白为不封顶）",
  bonusCap: "累计加分封顶",
  notAggregated: "未汇总：工作簿有错误，请按“校验结果”逐项修改后再汇总。",
  reason: "理由",
  colon: "：",
  sep: "，",
  parts: { basic: "基础工作", bestPractice: "最佳实践案例", composite: "综合评估", bonus: "加分", penalty: "扣分" },
  // 联系点 / 调研 tab (附件2, 附件1).
  ledger: {
    tab: "联系点 / 调研",
    member: "党组成员",
    departments: "对口部室",
    point: "联系点",
    group: "区域分类",
    weakest: "得分率最低的指标",
    allFull: "各项均为满分",
    contacts: "本年联系次数",
    lastContact: "最近联系",
    organisation: "团体会员",
    notContacted: "本年未联系的区县",
    allContacted: "已联系全部联系区县",
    research: "下基层调研",
    studies: "牵头调研",
    results: "调研成果",
    reports: "党组调研报告",
    days: "调研天数",
    visits: "下访接访群众",
    period: "期间",
    trips: "调研次数",
    leaders: "带队党组成员",
    concentrated: "集中调研",
    routine: "日常调研",
    noneLogged: "未登记调研",
    noTable: "本方案没有党组成员联系点表。",
    noContactLog: "工作簿中没有“联系点台账”，请用“生成模板”补上。",
    noResearchLog: "工作簿中没有“调研台账”，请用“生成模板”补上。",
    printHint: "打印：汇总后，“联系点调研汇总”表每位党组成员一页。",
    atLeast: "至少",
  },
};

export type Strings = typeof zh;

export type Lang = "zh" | "en";
/** The Chinese strings: bundled with the first screen, and what the pane falls back to. */
export const ZH: Strings = zh;

/**
 * The strings of `lang`: Chinese at once, English from its own chunk (fetched once, then cached by the
 * module system). Rejects when the chunk cannot be loaded; the caller keeps Chinese and says so.
 */
export async function loadStrings(lang: Lang, loadEnglish: () => Promise<{ EN: Strings }> = () => import(/* webpackChunkName: "strings-en" */ "./strings.en")): Promise<Strings> {
  if (lang === "zh") return zh;
  return (await loadEnglish()).EN;
}

export const LangContext = createContext<{ lang: Lang; t: Strings; setLang: (l: Lang) => void }>({ lang: "zh", t: zh, setLang: () => undefined });

export function useT(): Strings {
  return useContext(LangContext).t;
}
