import { z } from "zod";
import { SchemeBaseSchema, type Scheme } from "./schema";

/**
 * Rules that span fields. Each failure is one zod issue with a path, so a scheme editor (or the
 * CLI) can list them all at once rather than stopping at the first.
 */
export function checkConsistency(s: Scheme, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });

  unique(s.groups.map((g) => g.id), (i, v) => issue(["groups", i, "id"], `区域分类 id 重复：${v}`));
  // 汇总 tells groups apart by their short name (ranks within a group compare it), so both names are unique.
  unique(s.groups.map((g) => g.name), (i, v) => issue(["groups", i, "name"], `区域分类名称重复：${v}`));
  unique(s.groups.map((g) => g.shortName), (i, v) => issue(["groups", i, "shortName"], `区域分类简称重复：${v}`));
  unique(s.indicators.map((x) => x.id), (i, v) => issue(["indicators", i, "id"], `指标 id 重复：${v}`));
  unique(s.departments.map((d) => d.name), (i, v) => issue(["departments", i, "name"], `部室重复：${v}`));
  unique(s.bonus.items.map((b) => b.id), (i, v) => issue(["bonus", "items", i, "id"], `加分项 id 重复：${v}`));
  unique(s.penalties.items.map((p) => p.id), (i, v) => issue(["penalties", "items", i, "id"], `扣分项 id 重复：${v}`));
  unique(s.cases.projects.map((p) => p.id), (i, v) => issue(["cases", "projects", i, "id"], `案例项目 id 重复：${v}`));
  unique(s.periodic.periods, (i, v) => issue(["periodic", "periods", i], `平时评价周期重复：${v}`));
  if (s.period !== undefined && !s.periodic.periods.includes(s.period)) {
    issue(["period"], `周期“${s.period}”不在平时评价周期（${s.periodic.periods.join("、")}）之中`);
  }

  // Every spelling must name exactly one unit, or alias resolution would guess.
  const spellings = new Map<string, string>();
  s.units.forEach((u, i) => {
    for (const name of [u.name, ...u.aliases]) {
      const owner = spellings.get(name);
      if (owner && owner !== u.name) issue(["units", i], `名称“${name}”同时属于 ${owner} 和 ${u.name}`);
      spellings.set(name, u.name);
    }
  });

  const groupIds = new Set(s.groups.map((g) => g.id));
  s.units.forEach((u, i) => {
    if (!groupIds.has(u.group)) issue(["units", i, "group"], `${u.name} 的区域分类“${u.group}”不存在`);
  });
  s.groups.forEach((g, i) => {
    if (!s.units.some((u) => u.group === g.id)) issue(["groups", i], `区域分类“${g.name}”没有任何区县`);
  });

  const depts = new Set(s.departments.map((d) => d.name));
  s.indicators.forEach((x, i) => {
    if (!depts.has(x.department)) issue(["indicators", i, "department"], `指标“${x.name}”的评分部室“${x.department}”不在部室列表中`);
    x.coLeads.forEach((c, j) => {
      if (!depts.has(c)) issue(["indicators", i, "coLeads", j], `指标“${x.name}”的共同牵头部室“${c}”不在部室列表中`);
    });
    for (const g of s.groups) {
      if (x.points[g.id] === undefined) issue(["indicators", i, "points", g.id], `指标“${x.name}”缺少“${g.name}”的分值`);
    }
    for (const key of Object.keys(x.points)) {
      if (!groupIds.has(key)) issue(["indicators", i, "points", key], `指标“${x.name}”的分值写给了不存在的区域分类“${key}”`);
    }
    checkRules(s, x, (j, m) => issue(["indicators", i, "rules", j], `指标“${x.name}”：${m}`));
  });

  // The product's core promise: per-group weights, each group's basic work summing to its maximum.
  for (const g of s.groups) {
    const cents = s.indicators.reduce((sum, x) => sum + Math.round((x.points[g.id] ?? 0) * 100), 0);
    if (cents !== Math.round(s.components.basic * 100)) {
      issue(["indicators"], `“${g.name}”的基础工作指标分值合计 ${cents / 100}，应为 ${s.components.basic}`);
    }
  }

  s.cases.projects.forEach((p, i) => {
    if (!depts.has(p.department)) issue(["cases", "projects", i, "department"], `案例项目“${p.name}”的评分部室“${p.department}”不在部室列表中`);
  });
  if (s.cases.minPerUnit > s.cases.maxPerUnit) issue(["cases", "minPerUnit"], "每个区县最少案例数大于最多案例数");
  if (s.cases.perCaseMax > s.components.bestPractice) {
    issue(["cases", "perCaseMax"], `单个案例满分 ${s.cases.perCaseMax} 超过最佳实践案例总分 ${s.components.bestPractice}`);
  }
  if (s.cases.combine.kind === "cappedSum" && s.cases.combine.cap > s.components.bestPractice) {
    issue(["cases", "combine", "cap"], `案例合计封顶 ${s.cases.combine.cap} 超过最佳实践案例总分 ${s.components.bestPractice}`);
  }

  s.bonus.items.forEach((b, i) => {
    if (b.cap !== null && b.cap > s.components.bonusCap) issue(["bonus", "items", i, "cap"], `加分项“${b.name}”的封顶 ${b.cap} 超过加分总封顶 ${s.components.bonusCap}`);
  });

  checkTiers(s, issue);
}

function checkTiers(s: Scheme, issue: (path: (string | number)[], message: string) => void): void {
  const t = s.tiers;
  const names = [...t.tiers.map((x) => x.name), t.otherwise];
  unique(names, (i, v) => issue(["tiers", "tiers", i, "name"], `等次名称重复：${v}`));
  if (t.kind === "thresholds") {
    t.tiers.forEach((x, i) => {
      const prev = t.tiers[i - 1];
      if (prev && x.min >= prev.min) issue(["tiers", "tiers", i, "min"], `等次“${x.name}”的分数线应低于“${prev.name}”`);
    });
  } else {
    const total = t.tiers.reduce((a, x) => a + x.share, 0);
    if (total > 1 + 1e-9) issue(["tiers", "tiers"], `各等次比例合计 ${total} 超过 100%`);
  }
}

/**
 * An indicator is parts, then modifiers. The first part takes what the others leave (manual, or
 * a target that is the whole indicator); every further part is a target with points of its own,
 * and those points must leave the first part something in every group: meeting a measured
 * target alone is never full marks ("定量与定性相结合").
 */
function checkRules(s: Scheme, x: Scheme["indicators"][number], issue: (index: number, message: string) => void): void {
  const isPart = (k: string) => k === "manual" || k === "target";
  const kinds = x.rules.map((r) => r.kind);
  if (!isPart(kinds[0]!)) issue(0, "第一条规则必须是 manual（人工评分）或 target（目标值）");
  const firstModifier = kinds.findIndex((k) => !isPart(k));
  x.rules.forEach((r, j) => {
    if (j === 0) {
      if (r.kind === "target" && r.points !== undefined) issue(0, "第一部分取该项余下的分值，不能另设 points");
      return;
    }
    if (r.kind === "manual") issue(j, "manual（人工评分）只能作为第一条规则");
    if (r.kind === "target") {
      if (r.points === undefined) issue(j, "量化部分（target）须写明本部分分值 points");
      if (firstModifier >= 0 && j > firstModifier) issue(j, "量化部分应写在门槛、倒扣等规则之前");
    }
  });
  unique(kinds.filter((k) => k !== "target"), (i, v) => issue(i, `规则“${v}”重复`));
  const measures = x.rules.flatMap((r) => (r.kind === "target" ? r.measures.map((m) => m.id) : []));
  unique(measures, (_i, v) => issue(0, `量化指标 id 重复：${v}`));
  const fixedCents = x.rules.slice(1).reduce((a, r) => a + (r.kind === "target" ? Math.round((r.points ?? 0) * 100) : 0), 0);
  if (fixedCents === 0) return;
  for (const g of s.groups) {
    const whole = Math.round((x.points[g.id] ?? 0) * 100);
    if (fixedCents >= whole) issue(1, `量化部分合计 ${fixedCents / 100} 分，应小于该项在“${g.name}”的分值 ${whole / 100} 分（定性部分须保留分值）`);
  }
}

function unique(values: string[], onDuplicate: (index: number, value: string) => void): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) onDuplicate(i, v);
    seen.add(v);
  });
}

export const SchemeSchema = SchemeBaseSchema.superRefine(checkConsistency);
