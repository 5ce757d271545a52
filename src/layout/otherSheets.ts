/**
 * Column layouts of the three office sheets (cases, bonus/penalty events, comprehensive
 * assessment). Header texts are checked when reading, so they are defined once, here.
 */
export const CASES = {
  headerRow: 2,
  firstDataRow: 3,
  cols: { seq: 0, unit: 1, project: 2, title: 3, text: 4, score: 5, department: 6, comment: 7 },
  /** 评语 doubles as the reason for a score below full ("量化评分并细化扣分理由"); files headed just 评语 still read. */
  headers: ["序号", "区县", "项目（品牌）", "案例名称", "案例内容", "得分", "评分部室", "评语（扣分理由）"],
} as const;

export const EVENTS = {
  headerRow: 2,
  firstDataRow: 3,
  cols: { seq: 0, unit: 1, item: 2, count: 3, points: 4, date: 5, evidence: 6, reason: 7 },
  headers: ["序号", "区县", "加分/扣分事项", "次数", "酌情扣分分值", "日期", "证明材料", "理由/说明"],
  blankRows: 200,
} as const;

export const COMPOSITE = {
  headerRow: 2,
  firstDataRow: 3,
  cols: { seq: 0, group: 1, unit: 2, deduction: 3, incident: 4, reason: 5 },
  headers: ["序号", "区域分类", "区县", "扣分", "事由", "说明"],
} as const;
