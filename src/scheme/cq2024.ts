import type { z } from "zod";
import type { SchemeBaseSchema } from "./schema";
import { cq2024Contacts, cq2024Research, ledgerOpenChoices } from "./cq2024Contacts";

/**
 * The built-in scheme "cq-2024": 渝妇发〔2023〕43号 附件3, applicable to 2024 and later.
 * Everything the document fixes is here as it says; everything it leaves open is listed in
 * `openChoices` and flagged in the README. Validated by loadScheme() like any user file.
 */

const G = { metro: "metro", northeast: "northeast", southeast: "southeast", platform: "platform" } as const;

/** Default points of one indicator per group: metro, northeast, southeast, platform. */
function pts(metro: number, northeast = metro, southeast = metro, platform = metro) {
  return { [G.metro]: metro, [G.northeast]: northeast, [G.southeast]: southeast, [G.platform]: platform };
}

const manual = [{ kind: "manual" as const }];

/**
 * Points of the measured item in the five indicators that have one (of their 3 or 4): the rest
 * is the department's judgement of the other requirements. The document fixes no split.
 */
const MEASURED = 1;

const P1 = "巾帼联心向党";
const P2 = "巾帼联建功";
const P3 = "巾帼联家聚和";
const P4 = "巾帼联治维权";
const P5 = "巾帼联动强基";

function units(group: string, names: string[], aliases: Record<string, string[]> = {}) {
  return names.map((name) => ({ name, group, aliases: aliases[name] ?? [] }));
}

export const cq2024: z.input<typeof SchemeBaseSchema> = {
  id: "cq-2024",
  title: "重庆市妇联关于对区县（自治县）妇联工作评价的工作方案",
  year: 2024,
  source: "渝妇发〔2023〕43号 附件3（本方案适用于2024年及以后工作）",
  groups: [
    { id: G.metro, name: "重庆主城区都市圈", shortName: "主城都市圈" },
    { id: G.northeast, name: "渝东北三峡库区城镇群", shortName: "渝东北" },
    { id: G.southeast, name: "渝东南武陵山区城镇群", shortName: "渝东南" },
    { id: G.platform, name: "开发开放平台", shortName: "开发开放平台" },
  ],
  units: [
    ...units(
      G.metro,
      ["渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区", "南岸区", "北碚区", "渝北区", "巴南区", "涪陵区", "长寿区",
        "江津区", "合川区", "永川区", "南川区", "綦江区", "大足区", "璧山区", "铜梁区", "潼南区", "荣昌区", "万盛经开区"],
      {
        万盛经开区: ["万盛", "万盛经济技术开发区", "万盛区"],
        綦江区: ["綦江县"],
        大足区: ["大足县"],
        璧山区: ["璧山县"],
        铜梁区: ["铜梁县"],
        潼南区: ["潼南县"],
        荣昌区: ["荣昌县"],
      },
    ),
    ...units(
      G.northeast,
      ["万州区", "开州区", "梁平区", "城口县", "丰都县", "垫江县", "忠县", "云阳县", "奉节县", "巫山县", "巫溪县"],
      { 开州区: ["开县"], 梁平区: ["梁平县"] },
    ),
    ...units(G.southeast, ["黔江区", "武隆区", "石柱县", "秀山县", "酉阳县", "彭水县"], {
      武隆区: ["武隆县"],
      石柱县: ["石柱土家族自治县"],
      秀山县: ["秀山土家族苗族自治县"],
      酉阳县: ["酉阳土家族苗族自治县"],
      彭水县: ["彭水苗族土家族自治县"],
    }),
    ...units(G.platform, ["两江新区", "西部科学城重庆高新区"], {
      两江新区: ["重庆两江新区"],
      西部科学城重庆高新区: ["高新区", "重庆高新区", "重庆高新技术产业开发区", "西部（重庆）科学城"],
    }),
  ],
  departments: [
    { name: "宣教部", aliases: ["宣传部"] },
    { name: "办公室", aliases: [] },
    { name: "发展部", aliases: [] },
    { name: "家儿部", aliases: [] },
    { name: "维权部", aliases: [] },
    { name: "妇儿工委办", aliases: [] },
    { name: "组联部", aliases: [] },
    { name: "机关党委", aliases: [] },
    { name: "基金会", aliases: [] },
  ],
  components: { basic: 60, bestPractice: 25, composite: 10, bonusCap: 5 },
  indicators: [
    // 一、巾帼联心向党 (11)
    { id: "B01", name: "系统深入理论武装", programme: P1, department: "宣教部", points: pts(3), rules: manual,
      requirement: "“第一议题”学习；妇联干部上讲坛“我来读、我来学、我来讲”" },
    { id: "B02", name: "生动有效宣传引领", programme: P1, department: "宣教部", points: pts(3), rules: manual,
      requirement: "巾帼大宣讲；融入“妇”字号全媒体传播矩阵；防范网络舆情风险；先进典型培树" },
    { id: "B03", name: "推动巾帼志愿服务", programme: P1, department: "宣教部", points: pts(2), rules: manual,
      requirement: "巾帼志愿服务；文明实践阳光行动；关爱“一老一小”" },
    { id: "B04", name: "普惠有感联系服务", programme: P1, department: "办公室", points: pts(3), rules: manual,
      requirement: "大下访、大走访、大询访；新需新盼问题库与满意度测评" },
    // 二、巾帼联建功 (11, weights differ per group)
    { id: "B05", name: "服务国家重大战略实施", programme: P2, department: "发展部", points: pts(3, 3, 2, 3), rules: manual,
      requirement: "川渝巾帼创新创业行动；巾帼（重庆）优品出海" },
    { id: "B06", name: "服务妇女创业就业成长发展", programme: P2, department: "发展部", points: pts(3), rules: manual,
      requirement: "数字经济巾帼赋能；技能培训；巾帼家政进社区" },
    { id: "B07", name: "服务乡村振兴战略", programme: P2, department: "发展部", points: pts(2, 3, 4, 1), rules: manual,
      requirement: "美丽庭院提质升级；数字乡村巾帼产业" },
    { id: "B08", name: "服务科技创新发展", programme: P2, department: "发展部", points: pts(3, 2, 2, 4), rules: manual,
      requirement: "巾帼科创培树计划；巾帼科创工作室" },
    // 三、巾帼联家聚和 (11)
    { id: "B09", name: "服务家庭建设新需求", programme: P3, department: "家儿部", coLeads: ["维权部", "妇儿工委办"], points: pts(4),
      rules: [{ kind: "manual" }, { kind: "target", below: "proportional", points: MEASURED,
        measures: [{ id: "greenFamilies", label: "绿色家庭达标率", unit: "percent", target: 0.7 }] }],
      requirement: "70%以上家庭达到绿色家庭标准（婚恋、一老一小与家儿部、维权部共同牵头；儿童权益与妇儿工委办共同牵头）" },
    { id: "B10", name: "提升家庭教育新水平", programme: P3, department: "家儿部", points: pts(4),
      rules: [{ kind: "manual" }, { kind: "target", below: "proportional", points: MEASURED, measures: [
        { id: "urbanSchools", label: "城市社区家长学校覆盖率", unit: "percent", target: 0.9, notApplicable: true },
        { id: "ruralSchools", label: "农村社区家长学校覆盖率", unit: "percent", target: 0.85, notApplicable: true },
      ] }],
      requirement: "90%以上城市社区、85%以上农村社区建强家长学校" },
    { id: "B11", name: "营造家庭文明新风尚", programme: P3, department: "家儿部", points: pts(3), rules: manual,
      requirement: "婚恋观、生育观、家庭观引导；家风家教创新实践基地" },
    // 四、巾帼联治维权 (11)
    { id: "B12", name: "全过程完善法治保障", programme: P4, department: "妇儿工委办", coLeads: ["家儿部", "维权部"], points: pts(3), rules: manual,
      requirement: "男女平等基本国策宣传“五进”；“两条例一办法”有效实施" },
    { id: "B13", name: "全链条强化维权服务", programme: P4, department: "维权部", points: pts(4),
      rules: [{ kind: "manual" }, { kind: "target", below: "proportional", points: MEASURED,
        measures: [{ id: "mediation", label: "婚姻家庭纠纷调解成功率", unit: "percent", target: 0.9, notApplicable: true }] }],
      requirement: "12338热线；“四个一”网络；婚姻家庭纠纷调解成功率不低于90%" },
    { id: "B14", name: "全方位关爱重点群体", programme: P4, department: "家儿部", coLeads: ["发展部"], points: pts(4), rules: manual,
      requirement: "困难妇女儿童关爱；“母亲邮包”“两癌”救助；留守、流动、困境儿童关爱" },
    // 五、巾帼联动强基 (16)
    { id: "B15", name: "强化党建统领", programme: P5, department: "办公室", coLeads: ["组联部", "妇儿工委办"], points: pts(2), rules: manual,
      requirement: "党对妇女工作的全面领导；争取党委政府支持；妇儿工委职能作用" },
    { id: "B16", name: "拓展组织覆盖", programme: P5, department: "组联部", points: pts(3),
      rules: [{ kind: "manual" }, { kind: "target", below: "proportional", points: MEASURED,
        measures: [{ id: "newOrgs", label: "新建三新领域基层妇联组织（个）", unit: "count", target: 10 }] }],
      requirement: "每年新建三新领域基层妇联组织不少于10个" },
    { id: "B17", name: "集成服务阵地", programme: P5, department: "妇儿工委办", points: pts(2), rules: manual,
      requirement: "争创和建好本地“渝好空间”社区妇女儿童综合服务体" },
    { id: "B18", name: "激发工作活力", programme: P5, department: "组联部", points: pts(3),
      rules: [{ kind: "manual" }, { kind: "target", below: "proportional", points: MEASURED, measures: [
        { id: "leaderTraining", label: "领头雁培训（期）", unit: "count", target: 1 },
        { id: "chairsInCommittees", label: "村（社区）妇联主席进“两委”比例", unit: "percent", target: 1 },
        { id: "gridWorkers", label: "专职女网格员吸纳为执委或小组长比例", unit: "percent", target: 1, notApplicable: true },
      ] }],
      requirement: "每年至少1期领头雁培训；100%村（社区）妇联主席进“两委”；专职女网格员100%吸纳" },
    { id: "B19", name: "创新方式方法", programme: P5, department: "办公室", points: pts(2), rules: manual,
      requirement: "“党建·巾帼重庆”应用；积分制、点评制、榜单制；信息报送" },
    { id: "B20", name: "市级转移支付区县妇女儿童发展资金使用情况", programme: P5, department: "办公室", points: pts(2),
      rules: [
        { kind: "manual" },
        { kind: "gate", question: "本级财政是否足额拨付" },
        { kind: "perOccurrence", label: "未按预算项目使用次数", pointsEach: 1 },
      ],
      requirement: "未足额拨付不得分；未按预算项目使用资金，每发现1次扣减1分（倒扣）" },
    { id: "B21", name: "争取本级财政落实妇女儿童事业发展资金情况", programme: P5, department: "办公室", points: pts(2), rules: manual,
      requirement: "按渝财行〔2016〕10号设立专项资金、制定管理办法、纳入财政预算" },
  ],
  cases: {
    minPerUnit: 1,
    maxPerUnit: 2,
    textLimit: 500,
    perCaseMax: 25,
    combine: { kind: "max" },
    projects: [
      { id: "C01", brand: "渝好同心", name: "新型“妇”字号全媒体传播矩阵项目", department: "宣教部" },
      { id: "C02", brand: "渝好建功", name: "川渝巾帼创新创业行动", department: "发展部" },
      { id: "C03", brand: "渝好建功", name: "巾帼（重庆）优品出海计划", department: "发展部" },
      { id: "C04", brand: "渝好建功", name: "数字经济巾帼赋能计划", department: "发展部" },
      { id: "C05", brand: "渝好建功", name: "巾帼科创培树计划", department: "发展部" },
      { id: "C06", brand: "渝好家庭", name: "好家庭“培育”计划", department: "家儿部" },
      { id: "C07", brand: "渝好家庭", name: "好家教“渝苗”计划", department: "家儿部" },
      { id: "C08", brand: "渝好家庭", name: "好家风“涵育”计划", department: "家儿部" },
      { id: "C09", brand: "渝好维权", name: "“一站式”全链条维权服务计划", department: "维权部" },
      { id: "C10", brand: "渝好关爱", name: "困难妇女儿童关爱服务项目", department: "家儿部", coLeads: ["发展部"] },
      { id: "C11", brand: "渝好组织", name: "“三新”领域妇联组织拓展计划", department: "组联部" },
      { id: "C12", brand: "渝好空间", name: "“渝好空间”社区妇女儿童服务综合体项目", department: "妇儿工委办" },
      { id: "C13", brand: "渝好数创", name: "“党建·巾帼重庆”五项应用开发计划", department: "办公室" },
      { id: "C14", brand: "基金会", name: "基金会办事处建设", department: "基金会" },
    ],
  },
  bonus: {
    items: [
      { id: "A1", name: "区县妇联工作获得市委、市政府通报表彰", pointsEach: 2, cap: null },
      { id: "A2", name: "区县妇联工作获得区县党委政府通报表彰", pointsEach: 1, cap: null },
      { id: "A3", name: "区县妇联报送市妇联的简报信息获得全国妇联、市委、市政府等领导同志肯定性批示", pointsEach: 1, cap: null },
      { id: "A4", name: "在国务院妇儿工委及办公室、全国妇联工作大会交流发言（限全国妇联领导参加的大会，且不含书面交流）", pointsEach: 1, cap: null },
      { id: "A5", name: "承接国家级活动、全市性重大节点类活动（工作）", pointsEach: 1, cap: 3 },
      { id: "A6", name: "在《人民日报》、中央电视台、新华社、光明日报、经济日报等中央主流媒体刊发专题正面宣传报道（网络渠道宣传报道不纳入）", pointsEach: 1, cap: 2 },
    ],
  },
  penalties: {
    items: [
      { kind: "fixed", id: "D1", name: "受到全国妇联以及市委、市政府通报批评", pointsEach: 2 },
      { kind: "fixed", id: "D2", name: "受到区县党委政府通报批评", pointsEach: 1 },
      { kind: "fixed", id: "D3", name: "受到市妇联通报批评", pointsEach: 1 },
      { kind: "discretionary", id: "D4", name: "弄虚作假、谎报成绩（查实后酌情扣分）", maxPoints: null },
      { kind: "discretionary", id: "D5", name: "不按规定或不按时报送目标考核相关材料（酌情扣分）", maxPoints: null },
    ],
  },
  composite: {
    incidents: [
      { id: "safety", name: "重大安全责任事故" },
      { id: "ideology", name: "意识形态重大负面舆论影响" },
      { id: "discipline", name: "违法违纪案件" },
      { id: "other", name: "其他特殊原因" },
    ],
  },
  tiers: {
    kind: "thresholds",
    tiers: [
      { name: "特优", min: 95 },
      { name: "优", min: 85 },
    ],
    otherwise: "良",
  },
  rounding: { decimals: 2, mode: "halfUp" },
  reasonBelowMax: "warning",
  notApplicable: "rescale",
  // 附件2 and 附件1, kept in their own file.
  contacts: cq2024Contacts,
  research: cq2024Research,
  openChoices: [
    { key: "indicatorPoints", topic: "基础工作各项指标的分值",
      choice: "21 项指标的默认分值：每个区域分类合计 60 分；“巾帼联建功”4 项按区域分类调整权重",
      why: "文件规定基础工作 60 分，具体指标和分值“由各部室负责提出”" },
    { key: "measuredParts", topic: "有量化目标的 5 项指标如何计分",
      choice: `量化目标只是该项具体要求之一：量化部分 ${MEASURED} 分，其余为定性评分；量化部分达标得满分，未达标按最弱一项的完成比例计分`,
      why: "文件要求“定量与定性相结合”，给出目标值（70%、90%/85%、90%、10个、1期/100%），未说明分值和未达标如何计分" },
    { key: "notApplicable", topic: "量化指标“不适用”时如何计分",
      choice: "部室填写“不适用”的量化指标不计入；量化部分全部不适用时，该项按定性部分得分折算到该项满分，不因不适用而失分",
      why: "文件未规定；如没有农村社区的区县无法计算农村社区家长学校覆盖率" },
    { key: "fundsRule", topic: "妇女儿童发展资金使用情况的计分先后",
      choice: "未足额拨付该项得 0 分，再按每次 1 分倒扣（可为负）",
      why: "文件写“未足额拨付不得分”和“每发现1次扣减1分”，未说明两者先后" },
    { key: "casesCombine", topic: "报送 2 个案例时如何计分",
      choice: "取较高分；单个案例满分 25 分",
      why: "文件只规定每个区县报送 1—2 项、合计 25 分" },
    { key: "tiers", topic: "特优、优、良的划分",
      choice: "按分数线：总分 95 分及以上为特优，85 分及以上为优，其余为良",
      why: "文件只规定特优、优、良三类，未给分数线或比例" },
    { key: "rounding", topic: "小数位数",
      choice: "每项指标、各部分及总分四舍五入到 2 位小数",
      why: "文件未规定" },
    { key: "discretionary", topic: "酌情扣分的上限",
      choice: "酌情扣分不设上限，但必须填写分值和理由",
      why: "文件写“酌情扣分”" },
    { key: "composite", topic: "综合评估如何扣分",
      choice: "综合评估默认满分 10 分，发生重大事项时由办公室填写扣分和事由",
      why: "文件写“原则上不扣分”，未规定扣分标准" },
    { key: "periodic", topic: "平时评价的周期及如何计入年度评价",
      choice: "每年两次平时评价（上半年、下半年）；每项指标的定性评分按“年度评分 × 70% + 平时评分平均 × 30%”计入年度评价，量化部分以年度数据为准；没有平时评价结果的指标按年度评分",
      why: "文件要求“日常评价与年度评价相结合……平时评价注重过程管理，重点评价工作开展情况，结果在年度评价中运用”，未规定周期和计入方法" },
    ...ledgerOpenChoices,
  ],
};
