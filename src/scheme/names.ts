import type { Scheme, Unit } from "./schema";

/**
 * Name folding for units and departments as real sheets spell them: stray spaces ("忠 县"),
 * full-width letters and digits, ideographic spaces. Folding never guesses: the folded text must
 * equal a canonical name or a listed alias, otherwise the name is unknown.
 */
export function foldName(raw: string): string {
  return raw.normalize("NFKC").replace(/[\s\u3000\u00a0]+/g, "");
}

export type UnitMatch =
  | { kind: "exact"; unit: Unit }
  | { kind: "normalised"; unit: Unit; how: "spacing" | "alias" }
  | { kind: "unknown" };

export interface UnitIndex {
  resolve(raw: string): UnitMatch;
}

export function unitIndex(scheme: Scheme): UnitIndex {
  const canonical = new Map<string, Unit>();
  const byAlias = new Map<string, Unit>();
  for (const u of scheme.units) {
    canonical.set(foldName(u.name), u);
    for (const a of u.aliases) byAlias.set(foldName(a), u);
  }
  return {
    resolve(raw: string): UnitMatch {
      const exact = scheme.units.find((u) => u.name === raw);
      if (exact) return { kind: "exact", unit: exact };
      const folded = foldName(raw);
      const c = canonical.get(folded);
      if (c) return { kind: "normalised", unit: c, how: "spacing" };
      const a = byAlias.get(folded);
      if (a) return { kind: "normalised", unit: a, how: "alias" };
      return { kind: "unknown" };
    },
  };
}

export function groupOf(scheme: Scheme, unitName: string): string {
  const u = scheme.units.find((x) => x.name === unitName);
  if (!u) throw new RangeError(`unknown unit ${unitName}`);
  return u.group;
}

export function groupName(scheme: Scheme, groupId: string): string {
  return scheme.groups.find((g) => g.id === groupId)?.name ?? groupId;
}
