import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic";
import type { Scheme } from "../scheme/schema";
import { unitIndex } from "../scheme/names";
import type { Evaluation } from "../engine/evaluate";
import type { ResultJson } from "../report/resultJson";
import type { History, PriorUnit, PriorYear } from "./history";

/**
 * A prior year's result as a file gives it, before it is matched to this workbook's scheme: an
 * earlier aggregate's output (re-evaluated from the inputs and the scheme it carries, so the
 * indicators are known) or a result.json (`aggregate --json`: totals, ranks and tiers only).
 */
export interface PriorFile {
  readonly source: string;
  readonly year: number;
  readonly schemeId: string;
  readonly units: readonly { readonly name: string; readonly group: string; readonly total: number; readonly groupRank: number | null; readonly overallRank: number | null; readonly tier: string }[];
  /** Indicator ids and names of the prior scheme; null for a result.json, which does not carry them. */
  readonly indicators: readonly { readonly id: string; readonly name: string }[] | null;
}

export function priorFromEvaluation(source: string, scheme: Scheme, evaluation: Evaluation): PriorFile {
  const groupName = new Map(scheme.groups.map((g) => [g.id, g.name]));
  return {
    source, year: scheme.year, schemeId: scheme.id,
    units: evaluation.units.map((u) => ({ name: u.unit, group: groupName.get(u.group) ?? u.group, total: u.total, groupRank: u.groupRank, overallRank: u.overallRank, tier: u.tier })),
    indicators: scheme.indicators.map((i) => ({ id: i.id, name: i.name })),
  };
}

export function priorFromResultJson(source: string, json: ResultJson): PriorFile {
  return {
    source, year: json.scheme.year, schemeId: json.scheme.id,
    units: json.units.map((u) => ({ name: u.unit, group: u.group, total: u.total, groupRank: u.groupRank, overallRank: u.overallRank, tier: u.tier })),
    indicators: null,
  };
}

const list = (xs: readonly string[], sep: string) => (xs.length > 8 ? `${xs.slice(0, 8).join(sep)}${sep === "、" ? "等" : ", …"} ${xs.length}` : xs.join(sep));
const warn = (code: string, zh: string, en: string) => diagnostic("warning", code, { zh, en });

/**
 * The prior file's districts under this workbook's names (its aliases and spellings folded), and
 * what differs from this scheme: another scheme, districts missing or extra, indicators added or
 * dropped (matched by id), districts in another region group. Differences are warnings: the prior
 * year is still taken, each district compared where it can be.
 */
export function matchPrior(scheme: Scheme, file: PriorFile): { year: PriorYear; diagnostics: Diagnostic[] } {
  const index = unitIndex(scheme);
  const out: Diagnostic[] = [];
  const f = `「${file.source}」`;
  const seen = new Map<string, string>();
  const duplicates = new Set<string>();
  const units: PriorUnit[] = file.units.map((u) => {
    const m = index.resolve(u.name);
    let unit = m.kind === "unknown" ? null : m.unit.name;
    if (unit !== null && seen.has(unit)) {
      out.push(warn("history.duplicateUnit", `${f}中“${seen.get(unit)}”和“${u.name}”都对应本方案的“${unit}”，只取前者。请检查该文件的区县名称。`,
        `${f}: "${seen.get(unit)}" and "${u.name}" both stand for "${unit}" here; the first is taken. Check the district names in that file.`));
      duplicates.add(u.name);
      unit = null;
    } else if (unit !== null) seen.set(unit, u.name);
    return { unit, sourceName: u.name, group: u.group, total: u.total, groupRank: u.groupRank, overallRank: u.overallRank, tier: u.tier };
  });
  if (file.schemeId !== scheme.id) {
    out.push(warn("history.otherScheme", `${f}（${file.year} 年度）按方案 ${file.schemeId} 评价，本工作簿为 ${scheme.id}：总分按各自的方案计算，比较变化时请注意。`,
      `${f} (${file.year}) was evaluated under scheme ${file.schemeId}, this workbook under ${scheme.id}: each total follows its own scheme; keep that in mind when reading the change.`));
  }
  const extra = units.filter((u) => u.unit === null && !duplicates.has(u.sourceName)).map((u) => u.sourceName);
  if (extra.length) {
    out.push(warn("history.extraUnits", `${f}中的区县 ${list(extra, "、")} 不在本方案的区县中（按名称和别名匹配），已保存但不在汇总中显示。如是改名，请在方案中为其加别名后重新导入。`,
      `${f} has districts not in this scheme (matched by name and alias): ${list(extra, ", ")}. They are stored but not shown in 汇总. If one was renamed, add the old name as an alias in the scheme and add the file again.`));
  }
  const missing = scheme.units.map((u) => u.name).filter((n) => !seen.has(n));
  if (missing.length) {
    out.push(warn("history.missingUnits", `${f}没有本方案区县 ${list(missing, "、")} 的结果：汇总中这些区县的上年总分、上年等次和变化为空。`,
      `${f} has no result for ${list(missing, ", ")}: their 上年总分, 上年等次 and change stay empty in 汇总.`));
  }
  const moved = units.flatMap((u) => {
    const now = u.unit === null ? undefined : scheme.units.find((x) => x.name === u.unit);
    const nowGroup = now ? scheme.groups.find((g) => g.id === now.group)?.name : undefined;
    return nowGroup && u.group && u.group !== nowGroup ? [`${u.unit}（${u.group} → ${nowGroup}）`] : [];
  });
  if (moved.length) {
    out.push(diagnostic("info", "history.otherGroup", {
      zh: `${f}中以下区县当年属于另一区域分类，其组内排名与今年不可直接比较：${list(moved, "、")}。`,
      en: `${f}: these districts were in another region group that year, so their group ranks do not compare directly: ${list(moved, ", ")}.`,
    }));
  }
  if (file.indicators) {
    const before = new Map(file.indicators.map((i) => [i.id, i.name]));
    const now = new Map(scheme.indicators.map((i) => [i.id, i.name]));
    const dropped = [...before].filter(([id]) => !now.has(id)).map(([id, name]) => `${id} ${name}`);
    const added = [...now].filter(([id]) => !before.has(id)).map(([id, name]) => `${id} ${name}`);
    if (dropped.length || added.length) {
      out.push(warn("history.indicators", `${f}的指标与本方案不同（按指标编号比较）：${dropped.length ? `本方案没有 ${list(dropped, "、")}` : ""}${dropped.length && added.length ? "；" : ""}${added.length ? `当年没有 ${list(added, "、")}` : ""}。总分仍可比较，分项请分别看待。`,
        `${f}'s indicators differ from this scheme (by id): ${dropped.length ? `not in this scheme: ${list(dropped, ", ")}` : ""}${dropped.length && added.length ? "; " : ""}${added.length ? `not in that year: ${list(added, ", ")}` : ""}. Totals still compare; read the parts separately.`));
    }
  } else if (file.schemeId !== scheme.id) {
    out.push(diagnostic("info", "history.indicatorsUnknown", {
      zh: `${f}是 result.json，不含指标明细，未比较指标。`,
      en: `${f} is a result.json without indicators; indicators were not compared.`,
    }));
  }
  return { year: { year: file.year, schemeId: file.schemeId, source: file.source, units }, diagnostics: out };
}

/** Where two results of one year differ, for the message: the first district that does. */
function firstDifference(a: PriorYear, b: PriorYear): string | null {
  const key = (u: PriorUnit) => u.unit ?? `?${u.sourceName}`;
  const bs = new Map(b.units.map((u) => [key(u), u]));
  for (const u of a.units) {
    const v = bs.get(key(u));
    if (!v) return `${key(u)} 只在其一中`;
    if (u.total !== v.total) return `${key(u)} 总分 ${u.total.toFixed(2)} / ${v.total.toFixed(2)}`;
    if (u.tier !== v.tier) return `${key(u)} 等次 ${u.tier} / ${v.tier}`;
    if (u.groupRank !== v.groupRank || u.overallRank !== v.overallRank || u.group !== v.group) return `${key(u)} 排名或区域分类不同`;
  }
  return a.units.length === b.units.length ? null : "区县数不同";
}

export interface HistoryAdded {
  readonly history: History;
  readonly diagnostics: Diagnostic[];
  /** Years taken in, and years given again with the same values (left as they were). */
  readonly added: readonly number[];
  readonly same: readonly number[];
}

/**
 * Add prior files to the workbook's history. Refused (errors) when a file's year is not before the
 * workbook's, or when one year comes twice with other values (in the history already, or in two
 * of the files), naming both files; a year given again with the same values is accepted once.
 */
export function addToHistory(scheme: Scheme, history: History, files: readonly PriorFile[]): HistoryAdded {
  const out: Diagnostic[] = [];
  const years = new Map(history.years.map((y) => [y.year, y]));
  const added: number[] = [];
  const same: number[] = [];
  for (const file of files) {
    if (file.year >= scheme.year) {
      out.push(diagnostic("error", "history.notEarlier", {
        zh: `「${file.source}」是 ${file.year} 年度的结果，不早于本工作簿的 ${scheme.year} 年度，不能作为历年结果导入。请选择往年的汇总结果或 result.json。`,
        en: `"${file.source}" holds ${file.year} results, not earlier than this workbook's ${scheme.year}; it cannot be added as a prior year. Pick an earlier year's output or result.json.`,
      }));
      continue;
    }
    const matched = matchPrior(scheme, file);
    out.push(...matched.diagnostics);
    const had = years.get(file.year);
    if (!had) {
      years.set(file.year, matched.year);
      added.push(file.year);
      continue;
    }
    const diff = firstDifference(had, matched.year);
    if (diff === null) {
      same.push(file.year);
      out.push(diagnostic("info", "history.sameYear", {
        zh: `「${file.source}」的 ${file.year} 年度结果与「${had.source}」相同，保留一份。`,
        en: `"${file.source}" holds the same ${file.year} results as "${had.source}"; one copy is kept.`,
      }));
    } else {
      out.push(diagnostic("error", "history.conflict", {
        zh: `「${had.source}」和「${file.source}」都是 ${file.year} 年度的结果，但数值不同（${diff}），未写出任何文件。请确认哪一份是审定后的结果，只导入那一份。`,
        en: `"${had.source}" and "${file.source}" both hold ${file.year} results, with different values (${diff}); nothing was written. Check which one is the approved result and add only that one.`,
      }));
    }
  }
  return { history: { years: [...years.values()].sort((a, b) => a.year - b.year) }, diagnostics: out, added, same };
}
