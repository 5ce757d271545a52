import type { z } from "zod";
import { CONTACT_WAYS, type ContactsSchema, type ResearchSchema } from "./ledgerSchema";

/**
 * 渝妇发〔2023〕43号 附件2 "重庆市妇联党组成员基层联系点工作表", as printed: six Party group
 * members, each with 6–7 districts and 2 member organisations, and their 对口部室. The document
 * pads two-character names ("彭 焱") and writes "忠 县": the canonical forms have no spaces
 * (names are folded when read, so either spelling resolves). "宣传部" is the document's word
 * for 宣教部 (an alias of it in the scheme).
 */
export const cq2024Contacts: z.input<typeof ContactsSchema> = {
  // Issued 2023-12-11 and in force "自印发之日起": the first full year of the assignment is 2024.
  termStart: 2024,
  termYears: 2,
  ways: [...CONTACT_WAYS],
  members: [
    { name: "彭焱", units: ["万州区", "江北区", "沙坪坝区", "永川区", "丰都县", "秀山县"],
      organisations: ["重庆市女性人才研究会", "重庆市女检察官协会"], departments: ["办公室", "发展部"] },
    { name: "张青莉", units: ["黔江区", "渝中区", "南岸区", "綦江区", "忠县", "奉节县", "石柱县"],
      organisations: ["重庆市女科技工作者协会", "重庆市总工会女职工委员会"], departments: ["办公室", "妇儿工委办"] },
    { name: "臧秀梅", units: ["巴南区", "长寿区", "铜梁区", "武隆区", "城口县", "两江新区", "万盛经开区"],
      organisations: ["重庆女性文化促进会", "重庆市妇女联谊会"], departments: ["组联部", "机关党委"] },
    { name: "李艺", units: ["九龙坡区", "江津区", "璧山区", "荣昌区", "巫溪县", "垫江县", "云阳县"],
      organisations: ["重庆市家庭教育研究会", "重庆市女摄影家协会"], departments: ["宣传部", "家儿部"] },
    { name: "张莲", units: ["涪陵区", "渝北区", "南川区", "合川区", "梁平区", "巫山县", "西部科学城重庆高新区"],
      organisations: ["重庆市女专家联谊会", "重庆市女企业家协会"], departments: ["发展部"] },
    { name: "文艳", units: ["大渡口区", "北碚区", "大足区", "潼南区", "开州区", "酉阳县", "彭水县"],
      organisations: ["重庆市女法官协会", "重庆市律师协会女律师工作委员会"], departments: ["维权部"] },
  ],
};

/** 附件1 第三条、第四条, as the document says them. */
export const cq2024Research: z.input<typeof ResearchSchema> = {
  periods: [
    { name: "3—4月", fromMonth: 3, toMonth: 4 },
    { name: "9—10月", fromMonth: 9, toMonth: 10 },
  ],
  studiesPerMember: 1,
  resultsPerMember: 1,
  reportsPerYear: 1,
};

/** What 附件1 and 附件2 leave open, and how the ledgers choose it (shown on 评价方案). */
export const ledgerOpenChoices = [
  { key: "contactTerm", topic: "联系点调整周期的起算年份",
    choice: "现行联系点自 2024 年起算，满两年后（2026 年度起）校验时提示调整",
    why: "附件2 规定“联系点原则上每两年调整一次”，文件于 2023 年 12 月 11 日印发，未写明起算年份" },
  { key: "contactLedger", topic: "联系情况台账的格式",
    choice: "“联系点台账”每次联系一行：日期、党组成员、联系点（区县或团体会员）、工作方式、联系内容、解决的问题、后续跟进；联系他人的联系点时提示",
    why: "附件2 第四条要求建立联系情况台账，未附样表" },
  { key: "researchLedger", topic: "调研台账在样表之外增加的列",
    choice: "样表各列之后增加“集中调研”（按调研时间自动判断）、“调研成果”（党组调研报告或调研成果）和“成果名称”；调研时长以天计（半天填 0.5）；带队领导从党组成员中选择，其他领导带队的调研照常登记，但不计入党组成员牵头调研",
    why: "样表没有这些列，而第三条、第四条的要求（两次集中调研、党组成员牵头调研并推出成果、党组形成调研报告）须据此核对；样表未写明调研时长的单位" },
];
