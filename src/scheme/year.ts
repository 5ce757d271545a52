import type { Scheme } from "./schema";

/**
 * The evaluation year is a parameter ("本方案适用于2024年及以后工作"): a workbook is made for one
 * year, stored as its embedded scheme's `year`, and every title shows it.
 */

/** The first year the scheme may be used for: its `applicableFrom`, else its own year. */
export function firstYear(scheme: Scheme): number {
  return scheme.applicableFrom ?? scheme.year;
}

/**
 * The year a new workbook is for when nobody says: districts report in early January and the
 * office evaluates in mid/late January of the following year (次年1月), so in January–June the
 * work being evaluated is last year's; from July on, people prepare this year's workbook.
 * Never before the scheme's first year.
 */
export function defaultEvaluationYear(now: Date, scheme?: Scheme): number {
  const y = now.getMonth() < 6 ? now.getFullYear() - 1 : now.getFullYear();
  return scheme ? Math.max(y, firstYear(scheme)) : y;
}

/** Why `year` cannot be used with this scheme, in both languages; null when it can. */
export function yearProblem(scheme: Scheme, year: number): { zh: string; en: string } | null {
  return yearProblemFor({ id: scheme.id, first: firstYear(scheme) }, year);
}

/** The same check knowing only the scheme's id and first year (the pane's year field, before the core loads). */
export function yearProblemFor(scheme: { id: string; first: number }, year: number): { zh: string; en: string } | null {
  const { id, first } = scheme;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    return { zh: `年度“${year}”无效。请填写四位数的年份，如 ${first}。`, en: `"${year}" is not a valid year. Enter a four-digit year such as ${first}.` };
  }
  if (year < first) {
    return {
      zh: `评价方案 ${id} 适用于 ${first} 年及以后的工作，不能用于 ${year} 年度。请填写 ${first} 或以后的年份。`,
      en: `Scheme ${id} applies to ${first} and later; it cannot be used for ${year}. Enter ${first} or later.`,
    };
  }
  return null;
}

/** The scheme for another evaluation year; it remembers the first year it applies to. */
export function withYear(scheme: Scheme, year: number): Scheme {
  if (year === scheme.year) return scheme;
  return { ...scheme, year, applicableFrom: firstYear(scheme) };
}

/**
 * What titles call the workbook's time: "2024 年度" for the annual evaluation, "2024 年上半年" for
 * a periodic one (`template --period`). `compact` drops the space, for 汇总's title.
 */
export function periodTitle(scheme: Pick<Scheme, "year" | "period">, compact = false): string {
  const sp = compact ? "" : " ";
  return scheme.period ? `${scheme.year}${sp}年${scheme.period}` : `${scheme.year}${sp}年度`;
}
