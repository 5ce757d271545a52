import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Scheme } from "../scheme/schema";
import { contactsOf, termDue, termText } from "../scheme/contacts";
import { foldName, unitIndex } from "../scheme/names";
import { CONTACT_TABLE } from "../layout/ledgerColumns";
import { SHEETS } from "../layout/names";
import { a1 } from "../workbook/address";
import { msg } from "./messages";

/**
 * The contact-point table of the scheme, checked: every district exactly once, names that are
 * districts, each member once, and a term not past its two years. Reported at the cell of the
 * 联系点 sheet that shows the entry. Warnings, never errors: the table changes no score, so it
 * never stops an aggregate.
 */
export function contactTableProblems(scheme: Scheme): Diagnostic[] {
  const contacts = contactsOf(scheme);
  if (!contacts) return [];
  const out: Diagnostic[] = [];
  const sheet = SHEETS.contacts;
  const units = unitIndex(scheme);
  const holder = new Map<string, string>();
  const members = new Set<string>();
  contacts.members.forEach((m, i) => {
    const r = CONTACT_TABLE.firstDataRow + i;
    if (members.has(foldName(m.name))) out.push(msg.contactMemberTwice(sheet, a1(r, CONTACT_TABLE.cols.member), m.name));
    members.add(foldName(m.name));
    const cell = a1(r, CONTACT_TABLE.cols.units);
    for (const raw of m.units) {
      const found = units.resolve(raw);
      if (found.kind === "unknown") {
        out.push(msg.contactUnitUnknown(sheet, cell, raw, m.name));
        continue;
      }
      const first = holder.get(found.unit.name);
      if (first !== undefined) out.push(msg.contactUnitTwice(sheet, cell, found.unit.name, first, m.name));
      else holder.set(found.unit.name, m.name);
    }
  });
  const missing = scheme.units.filter((u) => !holder.has(u.name)).map((u) => u.name);
  if (missing.length) out.push(msg.contactUnitsMissing(sheet, missing));
  if (termDue(contacts, scheme.year)) out.push(msg.contactTermDue(sheet, "A2", termText(contacts), contacts.termStart, scheme.year));
  return out;
}
