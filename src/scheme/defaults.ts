import type { Scheme } from "./schema";
import { builtinScheme } from "./load";
import { contactsOf, researchOf } from "./contacts";

/**
 * What each open choice (`openChoices[].key`) governs in a scheme, so 评价方案 can say "默认"
 * only while the value in force equals the built-in scheme's — never after the office edited it.
 */
const governs: Record<string, (s: Scheme) => unknown> = {
  indicatorPoints: (s) => s.indicators.map((i) => [i.id, i.points]),
  measuredParts: (s) => s.indicators.map((i) => i.rules.filter((r) => r.kind === "target")),
  notApplicable: (s) => s.notApplicable,
  fundsRule: (s) => s.indicators.filter((i) => i.rules.some((r) => r.kind === "gate" || r.kind === "perOccurrence")).map((i) => [i.id, i.rules]),
  casesCombine: (s) => [s.cases.combine, s.cases.perCaseMax],
  tiers: (s) => s.tiers,
  rounding: (s) => s.rounding,
  discretionary: (s) => s.penalties.items.filter((p) => p.kind === "discretionary"),
  composite: (s) => [s.composite, s.components.composite],
  bonus: (s) => [s.bonus, s.components.bonusCap],
  signOff: (s) => s.signOff,
  periodic: (s) => s.periodic,
  contactTerm: (s) => contactsOf(s),
  contactLedger: (s) => contactsOf(s)?.ways ?? null,
  researchLedger: (s) => researchOf(s),
};

/** The built-in scheme this one derives from (same id), or null for a scheme of the office's own. */
export function builtinOf(scheme: Scheme): Scheme | null {
  const b = builtinScheme();
  return b.id === scheme.id ? b : null;
}

/** True while the value `key` governs equals the built-in's; false once edited, or for a scheme of one's own. */
export function isDefault(scheme: Scheme, key: string): boolean {
  const b = builtinOf(scheme);
  const get = governs[key];
  if (!b || !get) return false;
  return JSON.stringify(get(scheme)) === JSON.stringify(get(b));
}

/** Points of one group still the built-in's. */
export function groupPointsDefault(scheme: Scheme, groupId: string): boolean {
  const b = builtinOf(scheme);
  if (!b) return false;
  return scheme.indicators.length === b.indicators.length
    && scheme.indicators.every((i, k) => i.id === b.indicators[k]!.id && i.points[groupId] === b.indicators[k]!.points[groupId]);
}
