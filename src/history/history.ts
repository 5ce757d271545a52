import { z } from "zod";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic";
import { SHEETS } from "../layout/names";
import type { PriorResults } from "../report/guidance";
import { a1 } from "../workbook/address";
import type { CellSpec, SheetSpec } from "../workbook/plan";
import type { CellValue, WorkbookSnapshot } from "../workbook/snapshot";

/**
 * 历年结果: prior years' results carried in the workbook, in the hidden sheet `_历年结果`, so an
 * emailed workbook keeps its history. `evalsheet history add` (and the pane's 导入历年结果) write
 * it; it is an input — the aggregate reads it for 汇总's 上年 columns and 分类指导, and keeps it.
 * One row per district and year, readable if someone unhides the sheet; no formula refers to it.
 */
export const HISTORY_MARKER = "evalsheet-history-v1";

export const PriorUnitSchema = z.object({
  /** This workbook's canonical name, or null when the prior file's district is not in this scheme. */
  unit: z.string().min(1).nullable(),
  /** The name as the prior file wrote it. */
  sourceName: z.string().min(1),
  /** The district's region group that year (its name). */
  group: z.string(),
  total: z.number(),
  groupRank: z.number().int().positive().nullable(),
  overallRank: z.number().int().positive().nullable(),
  tier: z.string(),
});
export type PriorUnit = z.infer<typeof PriorUnitSchema>;

export const PriorYearSchema = z.object({
  year: z.number().int(),
  schemeId: z.string(),
  /** The file it came from (a name, to say where a conflicting year came from). */
  source: z.string(),
  units: z.array(PriorUnitSchema),
});
export type PriorYear = z.infer<typeof PriorYearSchema>;

/** Prior years, the earliest first. */
export interface History {
  readonly years: readonly PriorYear[];
}

export const EMPTY_HISTORY: History = { years: [] };

const HEADERS = ["年度", "区县（本方案）", "文件中的名称", "区域分类（当年）", "总分", "组内排名", "全市排名", "等次", "方案", "来源文件"] as const;
const FIRST_DATA_ROW = 2;

/** The hidden sheet holding `history`, rewritten whole by every `history add`. */
export function historySheet(history: History): SheetSpec {
  const rows: (CellSpec | null)[][] = [
    [{ value: HISTORY_MARKER }, { value: "历年结果：由 evalsheet history add 或评价面板的“导入历年结果”写入，请勿手工修改。" }],
    HEADERS.map((h) => ({ value: h, style: "header" as const })),
  ];
  for (const y of history.years) {
    for (const u of y.units) {
      rows.push([
        { value: y.year }, { value: u.unit ?? "" }, { value: u.sourceName }, { value: u.group },
        { value: u.total, numFmt: "0.00" }, { value: u.groupRank }, { value: u.overallRank }, { value: u.tier },
        { value: y.schemeId }, { value: y.source },
      ]);
    }
  }
  return { name: SHEETS.history, rows, columnWidths: [8, 16, 16, 20, 9, 9, 9, 8, 12, 24], merges: [], state: "hidden", protect: true };
}

const text = (v: CellValue): string => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");
const num = (v: CellValue): number | null => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);

/**
 * The history a workbook carries: none when it has no `_历年结果` (or one without the marker).
 * A row that does not read as a result is left out with a warning at its cell, so one damaged row
 * never hides the rest.
 */
export function readHistory(wb: WorkbookSnapshot): { history: History; diagnostics: Diagnostic[] } {
  const sheet = wb.sheets.find((s) => s.name === SHEETS.history);
  if (!sheet || sheet.rows[0]?.[0] !== HISTORY_MARKER) return { history: EMPTY_HISTORY, diagnostics: [] };
  const out: Diagnostic[] = [];
  const years = new Map<number, PriorYear & { units: PriorUnit[] }>();
  for (let r = FIRST_DATA_ROW; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    if (row.every((v) => v === null || v === "")) continue;
    const [year, unit, sourceName, group, total, groupRank, overallRank, tier, schemeId, source] = HEADERS.map((_, c) => row[c] ?? null);
    const parsed = PriorUnitSchema.safeParse({
      unit: text(unit ?? null) || null, sourceName: text(sourceName ?? null), group: text(group ?? null), total: num(total ?? null),
      groupRank: num(groupRank ?? null), overallRank: num(overallRank ?? null), tier: text(tier ?? null),
    });
    const y = num(year ?? null);
    if (!parsed.success || y === null || !Number.isInteger(y)) {
      out.push(diagnostic("warning", "history.badRow", {
        zh: `历年结果第 ${r + 1} 行无法读取（年度、名称或总分缺失或不是数值），已忽略。此表由 evalsheet history add 写入：请勿手工修改，重新导入往年文件即可恢复。`,
        en: `Row ${r + 1} of the prior years' results cannot be read (year, name or total missing or not a number) and is left out. The sheet is written by evalsheet history add: do not edit it; add the prior files again to restore it.`,
      }, { sheet: SHEETS.history, cell: a1(r, 0) }));
      continue;
    }
    const entry = years.get(y) ?? { year: y, schemeId: text(schemeId ?? null), source: text(source ?? null), units: [] };
    entry.units.push(parsed.data);
    years.set(y, entry);
  }
  return { history: { years: [...years.values()].sort((a, b) => a.year - b.year) }, diagnostics: out };
}

/** The latest prior year, the one 汇总's 上年 columns and 分类指导 compare with. */
export function latestPrior(history: History): PriorYear | null {
  return history.years.at(-1) ?? null;
}

/** A prior year's results by this workbook's unit names (districts not in this scheme left out). */
export function priorByUnit(prior: PriorYear): Map<string, PriorUnit> {
  return new Map(prior.units.filter((u) => u.unit !== null).map((u) => [u.unit!, u]));
}

/** The latest prior year as 分类指导 takes it ("2024 年度"); undefined without history. */
export function previousForGuidance(history: History): PriorResults | undefined {
  const prior = latestPrior(history);
  if (!prior) return undefined;
  const units: Record<string, { total: number; groupRank: number | null; tier: string | null }> = {};
  for (const [name, u] of priorByUnit(prior)) units[name] = { total: u.total, groupRank: u.groupRank, tier: u.tier || null };
  return { label: `${prior.year} 年度`, units };
}
