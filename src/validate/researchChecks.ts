import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Scheme } from "../scheme/schema";
import { researchOf, ROUTINE, type ContactIndex } from "../scheme/contacts";
import type { ResearchEntry } from "./readLedgers";
import { msg } from "./messages";

/**
 * 附件1 over the year: each concentrated period has research logged, each Party group member led
 * at least one study and produced one result, the 党组 wrote its report. The same tallies feed
 * the per-member and per-period summaries (联系点调研汇总, the pane's tab).
 */
export interface MemberResearch {
  readonly member: string;
  /** Trips led (带队领导 = the member). */
  readonly studies: number;
  /** Of those, trips with a result (a 党组调研报告 counts as its leader's result). */
  readonly results: number;
  readonly reports: number;
  readonly days: number;
  /** Trips on which people were visited or received (下访接访群众 = 是). */
  readonly visits: number;
}

export interface PeriodResearch {
  /** A concentrated period's name ("3—4月"), or 日常调研. */
  readonly period: string;
  readonly concentrated: boolean;
  readonly trips: number;
  readonly days: number;
  /** Members who led a trip in the period, in the table's order. */
  readonly leaders: readonly string[];
  readonly visits: number;
}

export function researchByMember(members: readonly string[], entries: readonly ResearchEntry[]): MemberResearch[] {
  return members.map((member) => {
    const led = entries.filter((e) => e.byMember && e.leader === member);
    return {
      member,
      studies: led.length,
      results: led.filter((e) => e.result !== null).length,
      reports: led.filter((e) => e.result === "report").length,
      days: round(led.reduce((a, e) => a + (e.days ?? 0), 0)),
      visits: led.filter((e) => e.visited === true).length,
    };
  });
}

export function researchByPeriod(scheme: Scheme, members: readonly string[], entries: readonly ResearchEntry[]): PeriodResearch[] {
  const periods = [...researchOf(scheme).periods.map((p) => ({ name: p.name, concentrated: true })), { name: ROUTINE, concentrated: false }];
  return periods.map(({ name, concentrated }) => {
    const trips = entries.filter((e) => e.period === name);
    return {
      period: name,
      concentrated,
      trips: trips.length,
      days: round(trips.reduce((a, e) => a + (e.days ?? 0), 0)),
      leaders: members.filter((m) => trips.some((e) => e.byMember && e.leader === m)),
      visits: trips.filter((e) => e.visited === true).length,
    };
  });
}

/** The 党组's reports: every trip recorded with 党组调研报告, whoever led it. */
export function reportsOf(entries: readonly ResearchEntry[]): number {
  return entries.filter((e) => e.result === "report").length;
}

export function researchChecks(scheme: Scheme, index: ContactIndex | null, entries: readonly ResearchEntry[], sheet: string): Diagnostic[] {
  const rules = researchOf(scheme);
  const out: Diagnostic[] = [];
  for (const p of researchByPeriod(scheme, [], entries)) {
    if (p.concentrated && p.trips === 0) out.push(msg.periodMissing(sheet, p.period, scheme.year));
  }
  // Without a table nobody is known to be a member: the per-member rules cannot be checked.
  const members = index ? index.members.map((m) => m.name) : [];
  for (const m of researchByMember(members, entries)) {
    if (m.studies < rules.studiesPerMember) out.push(msg.memberStudies(sheet, m.member, m.studies, rules.studiesPerMember));
    if (m.results < rules.resultsPerMember) out.push(msg.memberResults(sheet, m.member, m.results, rules.resultsPerMember));
  }
  const reports = reportsOf(entries);
  if (reports < rules.reportsPerYear) out.push(msg.reportsMissing(sheet, reports, rules.reportsPerYear));
  return out;
}

/** Days summed from halves and tenths print as 1.5, not 1.4999999999999998. */
function round(n: number): number {
  return Math.round(n * 100) / 100;
}
