import type { Scheme } from "../scheme/schema";
import { contactIndex, contactsOf } from "../scheme/contacts";
import type { Evaluation } from "../engine/evaluate";
import type { Ledgers } from "../validate/readLedgers";
import { reportsOf, researchByMember, researchByPeriod, type MemberResearch, type PeriodResearch } from "../validate/researchChecks";

/**
 * Per Party group member, what 附件2 asks them to follow: their districts' results this year
 * (total, tier, weakest indicators — where to help "补齐短板"), their ledger (contacts per point,
 * districts not yet contacted) and their research (附件1). One pure function, shown by the
 * aggregate's 联系点调研汇总 sheet and the pane's 联系点 / 调研 tab alike.
 */
export const WEAKEST = 2;

export interface WeakIndicator {
  readonly name: string;
  readonly score: number;
  readonly max: number;
}

export interface UnitLine {
  readonly unit: string;
  readonly group: string;
  readonly total: number | null;
  readonly groupRank: number | null;
  readonly tier: string | null;
  readonly weakest: readonly WeakIndicator[];
  readonly contacts: number;
  readonly lastContact: string | null;
}

export interface OrganisationLine {
  readonly name: string;
  readonly contacts: number;
  readonly lastContact: string | null;
}

export interface MemberView {
  readonly member: string;
  readonly departments: readonly string[];
  readonly units: readonly UnitLine[];
  readonly organisations: readonly OrganisationLine[];
  /** Districts of the member with no contact logged by them this year. */
  readonly notContacted: readonly string[];
  readonly research: MemberResearch;
}

export interface LedgerSummary {
  readonly year: number;
  readonly members: readonly MemberView[];
  readonly periods: readonly PeriodResearch[];
  /** The 党组's research reports this year. */
  readonly reports: number;
  /** False when the workbook has no such ledger (made before them): the counts mean nothing then. */
  readonly contactLog: boolean;
  readonly researchLog: boolean;
}

/** The lowest-scoring indicators relative to their maximum, those below full only, in the scheme's order on ties. */
export function weakestIndicators(unit: Evaluation["units"][number] | undefined, n = WEAKEST): WeakIndicator[] {
  if (!unit) return [];
  return unit.indicators
    .map((i, k) => ({ i, k, ratio: i.max > 0 ? i.score / i.max : 1 }))
    .filter((x) => x.ratio < 1)
    .sort((a, b) => a.ratio - b.ratio || a.k - b.k)
    .slice(0, n)
    .map(({ i }) => ({ name: i.name, score: i.score, max: i.max }));
}

export function ledgerSummary(scheme: Scheme, evaluation: Evaluation | null, ledgers: Ledgers): LedgerSummary {
  const contacts = contactsOf(scheme);
  const research = ledgers.research ?? [];
  const base = { year: scheme.year, reports: reportsOf(research), contactLog: ledgers.contacts !== null, researchLog: ledgers.research !== null };
  if (!contacts) return { ...base, members: [], periods: researchByPeriod(scheme, [], research) };
  const index = contactIndex(scheme, contacts);
  const names = contacts.members.map((m) => m.name);
  const byMember = new Map(researchByMember(names, research).map((r) => [r.member, r]));
  const log = ledgers.contacts ?? [];
  const tally = (member: string, kind: "unit" | "organisation", name: string) => {
    const rows = log.filter((e) => e.member === member && e.point?.kind === kind && e.point.name === name);
    const dates = rows.map((e) => e.date).filter((d): d is string => d !== null).sort();
    return { contacts: rows.length, lastContact: dates[dates.length - 1] ?? null };
  };
  const members = contacts.members.map((m): MemberView => {
    const points = index.pointsOf(m);
    const units = points.units.map((name): UnitLine => {
      const u = evaluation?.units.find((x) => x.unit === name);
      const group = scheme.units.find((x) => x.name === name)?.group;
      return {
        unit: name,
        group: scheme.groups.find((g) => g.id === group)?.shortName ?? "",
        total: u?.total ?? null,
        groupRank: u?.groupRank ?? null,
        tier: u?.tier ?? null,
        weakest: weakestIndicators(u),
        ...tally(m.name, "unit", name),
      };
    });
    return {
      member: m.name,
      departments: m.departments,
      units,
      organisations: points.organisations.map((name) => ({ name, ...tally(m.name, "organisation", name) })),
      notContacted: units.filter((u) => u.contacts === 0).map((u) => u.unit),
      research: byMember.get(m.name)!,
    };
  });
  return { ...base, members, periods: researchByPeriod(scheme, names, research) };
}

/** "系统深入理论武装 2/3": a weak indicator as people read it. */
export function weakText(w: WeakIndicator): string {
  return `${w.name} ${w.score}/${w.max}`;
}
