import type { Scheme } from "../scheme/schema";
import { NOT_APPLICABLE, ruleKind } from "../engine/rules";
import { ruleMaxima } from "../engine/basic";
import { bonusLabel, penaltyLabel, projectLabel } from "./lists";

/**
 * Seeded, plausible filled-in data for demos and tests: scores mostly near the maximum with
 * reasons for every deduction, targets around their thresholds, one failed gate, a few
 * per-occurrence deductions, 1–2 cases per unit, bonuses that hit their caps, penalties
 * (fixed and discretionary), one comprehensive-assessment deduction and a deliberate tie.
 */
export interface SampleData {
  readonly basic: Map<string, number | string>;
  readonly reasons: Map<string, string>;
  readonly cases: { unit: string; project: string; title: string; text: string; score: number; comment: string }[];
  readonly events: { unit: string; item: string; count?: number; points?: number; date: string; evidence: string; reason: string }[];
  readonly composite: Map<string, { deduction: number; incident: string; reason: string }>;
  /** Every department sheet's 部室审定. */
  readonly signOff?: { scorer: string; approver: string; date: string };
}

/** mulberry32: small, fast, good enough for sample data, identical on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REASONS = ["部分工作资料不完整", "活动覆盖面不足", "台账记录不规范", "工作进度滞后于年度计划", "宣传报道数量偏少", "未按时报送工作信息"];
const CASE_WORDS = ["聚焦妇女群众急难愁盼", "整合部门资源", "打造特色阵地", "建立长效机制", "服务群众超过千人次", "形成可复制经验", "获得市级以上肯定"];

/** Units whose inputs are generated from the same stream, so they tie (same group). */
const TWINS: Record<string, string> = { 北碚区: "南岸区", 巫山县: "奉节县" };

export function sampleData(scheme: Scheme, seed = 2024): SampleData {
  const data: SampleData = {
    basic: new Map(), reasons: new Map(), cases: [], events: [], composite: new Map(),
    signOff: { scorer: "张敏", approver: "李华", date: `${scheme.year + 1}-01-12` },
  };
  scheme.units.forEach((u, index) => {
    const twinIndex = TWINS[u.name] ? scheme.units.findIndex((x) => x.name === TWINS[u.name]) : -1;
    const rnd = prng(seed * 1000 + (twinIndex >= 0 ? twinIndex : index));
    const quality = 0.8 + rnd() * 0.2;
    for (const ind of scheme.indicators) {
      const maxima = ruleMaxima(ind, u.group);
      for (const [ruleIndex, rule] of ind.rules.entries()) {
        const max = maxima[ruleIndex]!;
        for (const col of ruleKind(rule).columns(rule as never)) {
          const key = `${u.name}|${ind.id}|${col.key}`;
          if (col.input === "score") {
            const s = Math.min(max, Math.round(max * (quality + rnd() * 0.12) * 2) / 2);
            data.basic.set(key, s);
            if (s < max) data.reasons.set(`${u.name}|${ind.id}`, REASONS[Math.floor(rnd() * REASONS.length)]!);
          } else if (col.input === "percent") {
            const target = col.target ?? 0.9;
            const v = Math.min(1, Math.round(target * (0.88 + rnd() * 0.2) * 100) / 100);
            data.basic.set(key, v);
          } else if (col.input === "count") {
            // A target count around its threshold; an occurrence count (倒扣) is none.
            const v = col.target !== undefined ? Math.max(0, Math.round(col.target * (0.8 + rnd() * 0.6))) : 0;
            data.basic.set(key, v);
          } else {
            data.basic.set(key, "是");
          }
        }
      }
    }
    const nCases = rnd() < 0.6 ? 2 : 1;
    for (let i = 0; i < nCases; i++) {
      const p = scheme.cases.projects[Math.floor(rnd() * scheme.cases.projects.length)]!;
      const words = Array.from({ length: 4 }, () => CASE_WORDS[Math.floor(rnd() * CASE_WORDS.length)]).join("，");
      data.cases.push({
        unit: u.name,
        project: projectLabel(p),
        title: `${u.name}${p.name.replace(/[“”"]/g, "")}实践`,
        text: `${u.name}妇联围绕${p.name}，${words}。`,
        score: Math.min(scheme.cases.perCaseMax, Math.round((25 * quality - 3 + rnd() * 5) * 2) / 2),
        comment: "亮点突出",
      });
    }
    if (rnd() < 0.5) {
      const item = scheme.bonus.items[Math.floor(rnd() * scheme.bonus.items.length)]!;
      data.events.push({ unit: u.name, item: bonusLabel(item), count: 1 + Math.floor(rnd() * 2), date: `${scheme.year}-0${1 + Math.floor(rnd() * 9)}-15`, evidence: "表彰文件扫描件.pdf", reason: item.name });
    }
  });
  scripted(scheme, data);
  return data;
}

/** Named cases that exercise the rules: caps that bite, a failed gate, penalties, an incident. */
function scripted(scheme: Scheme, data: SampleData): void {
  const y = scheme.year;
  const bonus = (id: string) => bonusLabel(scheme.bonus.items.find((b) => b.id === id)!);
  const penalty = (id: string) => penaltyLabel(scheme.penalties.items.find((p) => p.id === id)!);
  const has = (unit: string) => scheme.units.some((u) => u.name === unit);
  if (has("渝中区")) data.events.push({ unit: "渝中区", item: bonus("A5"), count: 4, date: `${y}-05-20`, evidence: "活动通知.pdf", reason: "承接全国妇联家庭教育现场会等4项活动" });
  if (has("涪陵区")) {
    data.events.push({ unit: "涪陵区", item: bonus("A1"), count: 2, date: `${y}-03-08`, evidence: "市政府通报.pdf", reason: "市委市政府通报表彰2次" });
    data.events.push({ unit: "涪陵区", item: bonus("A6"), count: 3, date: `${y}-09-10`, evidence: "人民日报版面.pdf", reason: "人民日报、新华社专题报道3篇" });
  }
  if (has("万州区")) data.events.push({ unit: "万州区", item: penalty("D1"), count: 1, date: `${y}-06-01`, evidence: "通报.pdf", reason: "受到市政府通报批评" });
  if (has("黔江区")) data.events.push({ unit: "黔江区", item: penalty("D4"), points: 1.5, date: `${y}-11-12`, evidence: "核查报告.pdf", reason: "案例材料数据与实际不符，查实后酌情扣分" });
  if (has("城口县")) data.events.push({ unit: "城口县", item: penalty("D3"), count: 1, date: `${y}-04-18`, evidence: "市妇联通报.pdf", reason: "受到市妇联通报批评" });
  if (has("彭水县")) {
    data.basic.set("彭水县|B20|gate", "否");
    data.reasons.set("彭水县|B20", "本级财政未足额拨付市级转移支付妇女儿童发展专项资金");
  }
  if (has("潼南区")) {
    data.basic.set("潼南区|B20|count", 2);
    data.reasons.set("潼南区|B20", "发现2次未按市妇联下达的预算项目使用资金");
  }
  // 渝中区 is wholly urban: no rural communities, so no rural parent-school rate.
  if (has("渝中区") && scheme.indicators.some((i) => i.id === "B10")) {
    data.basic.set("渝中区|B10|m:ruralSchools", NOT_APPLICABLE);
    const other = data.reasons.get("渝中区|B10");
    data.reasons.set("渝中区|B10", `本区无农村社区，农村社区家长学校覆盖率不适用${other && !other.includes("农村") ? `；${other}` : ""}`);
  }
  // No marriage or family dispute was mediated there this year: the whole measured part does not apply.
  if (has("两江新区") && scheme.indicators.some((i) => i.id === "B13")) {
    data.basic.set("两江新区|B13|m:mediation", NOT_APPLICABLE);
    const other = data.reasons.get("两江新区|B13");
    data.reasons.set("两江新区|B13", `本年度未受理婚姻家庭纠纷调解，调解成功率不适用${other && !other.includes("调解") ? `；${other}` : ""}`);
  }
  if (has("丰都县")) data.composite.set("丰都县", { deduction: 2, incident: "意识形态重大负面舆论影响", reason: "网络负面舆情处置不力，造成较大影响" });
}
