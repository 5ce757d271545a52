import type { Scheme } from "./schema";
import { ContactsSchema, ResearchSchema, type ContactMember, type Contacts, type Research, type ResearchPeriod } from "./ledgerSchema";
import { cq2024 } from "./cq2024";
import { cq2024Contacts } from "./cq2024Contacts";
import { foldName, unitIndex } from "./names";

/**
 * The contact-point table and the research rules a scheme uses, and lookups over them. Pure: the
 * layout, the readers, the summary and the pane all ask here, so they cannot disagree.
 */

let documentTable: Contacts | undefined;

/**
 * The scheme's contact-point table. A cq-2024 scheme embedded before the table existed gets the
 * document's (附件2 is part of the same document); a scheme of the office's own without one has none.
 */
export function contactsOf(scheme: Scheme): Contacts | null {
  if (scheme.contacts) return scheme.contacts;
  if (scheme.id !== cq2024.id) return null;
  documentTable ??= ContactsSchema.parse(cq2024Contacts);
  return documentTable;
}

/** The research rules: the scheme's, else the document's (附件1). */
export function researchOf(scheme: Scheme): Research {
  return scheme.research ?? ResearchSchema.parse({});
}

/** What a trip outside the concentrated periods is called. */
export const ROUTINE = "日常调研";

/** The concentrated period a date ("yyyy-mm-dd") falls in, by name, else 日常调研; 调研台账's formula agrees. */
export function periodOf(periods: readonly ResearchPeriod[], iso: string): string {
  const m = Number(iso.slice(5, 7));
  return periods.find((p) => m >= p.fromMonth && m <= p.toMonth)?.name ?? ROUTINE;
}

/** A contact point as a ledger names it: a district (canonical unit name) or a member organisation. */
export type ContactPoint = { readonly kind: "unit"; readonly name: string } | { readonly kind: "organisation"; readonly name: string };

export interface ContactIndex {
  readonly members: readonly ContactMember[];
  /** The member a typed name means ("彭 焱" → 彭焱), or undefined. */
  member(raw: string): ContactMember | undefined;
  /** The point a typed name means (a unit by any of its spellings, or an organisation), or undefined. */
  point(raw: string): ContactPoint | undefined;
  /** Who holds a point (the first member listing it; the table check reports a second). */
  holder(point: ContactPoint): ContactMember | undefined;
  /** A member's districts (canonical names, those the scheme knows) and organisations. */
  pointsOf(member: ContactMember): { readonly units: readonly string[]; readonly organisations: readonly string[] };
}

export function contactIndex(scheme: Scheme, contacts: Contacts): ContactIndex {
  const units = unitIndex(scheme);
  const canonical = (raw: string) => {
    const m = units.resolve(raw);
    return m.kind === "unknown" ? null : m.unit.name;
  };
  const byMember = new Map(contacts.members.map((m) => [foldName(m.name), m]));
  const organisations = new Map<string, string>();
  const holders = new Map<string, ContactMember>();
  for (const m of contacts.members) {
    for (const u of m.units) {
      const name = canonical(u);
      if (name && !holders.has(`unit:${name}`)) holders.set(`unit:${name}`, m);
    }
    for (const o of m.organisations) {
      if (!organisations.has(foldName(o))) organisations.set(foldName(o), o);
      if (!holders.has(`organisation:${o}`)) holders.set(`organisation:${o}`, m);
    }
  }
  return {
    members: contacts.members,
    member: (raw) => byMember.get(foldName(raw)),
    point: (raw) => {
      const unit = canonical(raw);
      if (unit) return { kind: "unit", name: unit };
      const org = organisations.get(foldName(raw));
      return org ? { kind: "organisation", name: org } : undefined;
    },
    holder: (p) => holders.get(`${p.kind}:${p.name}`),
    pointsOf: (m) => ({
      units: m.units.map(canonical).filter((u): u is string => u !== null),
      organisations: m.organisations,
    }),
  };
}

/**
 * 汇总's 联系党组成员 column: the Party group member whose contact points include `unit` (any
 * spelling of it), or null when the scheme has no table or nobody holds the district.
 */
export function contactMemberOf(scheme: Scheme, unit: string): string | null {
  const index = cachedIndex(scheme);
  if (!index) return null;
  const point = index.point(unit);
  return point?.kind === "unit" ? (index.holder(point)?.name ?? null) : null;
}

// 汇总 asks once per unit: build the index once per scheme object.
const indexes = new WeakMap<Scheme, ContactIndex | null>();

function cachedIndex(scheme: Scheme): ContactIndex | null {
  if (!indexes.has(scheme)) {
    const contacts = contactsOf(scheme);
    indexes.set(scheme, contacts ? contactIndex(scheme, contacts) : null);
  }
  return indexes.get(scheme)!;
}

/** "2024—2025": the years the current assignment covers. */
export function termText(contacts: Contacts): string {
  return `${contacts.termStart}—${contacts.termStart + contacts.termYears - 1}`;
}

/** True when the evaluation year lies past the assignment's term ("原则上每两年调整一次"). */
export function termDue(contacts: Contacts, year: number): boolean {
  return year >= contacts.termStart + contacts.termYears;
}
