import type { Rule, RuleKind } from "../../scheme/schema";
import { gate } from "./gate";
import { manual } from "./manual";
import { perOccurrence } from "./perOccurrence";
import { target } from "./target";
import type { RuleKindModule } from "./types";

type Registry = { [K in RuleKind]: RuleKindModule<Extract<Rule, { kind: K }>> };

/** The rule kinds by name. Adding a kind: one file here, one line below, one case in the schema. */
export const ruleKinds: Registry = { manual, target, gate, perOccurrence };

export function ruleKind<R extends Rule>(rule: R): RuleKindModule<R> {
  return ruleKinds[rule.kind] as unknown as RuleKindModule<R>;
}

export { NOT_APPLICABLE } from "./types";
export type { ModifierKindModule, NumberCell, PartKindModule, RuleColumn, RuleKindModule, RuleNumber } from "./types";
