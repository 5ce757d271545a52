import type { Text } from "../../diagnostics/diagnostic";
import type { Indicator, Rule } from "../../scheme/schema";
import type { Dec } from "../decimal";
import type { IndicatorInput } from "../inputs";
import type { TrailEntry } from "../trail";

/** One input column a rule needs on its department's sheet. */
export interface RuleColumn {
  /** Key in IndicatorInput.values: "score", "m:<measure id>", "gate", "count". */
  readonly key: string;
  /** Column header under the indicator's name. */
  readonly label: string;
  readonly input: "score" | "percent" | "count" | "yesno";
  /** A blank cell is an error (true), or means "none" (false: an occurrence count). */
  readonly required: boolean;
  /** The threshold of a target measure, for hints and sample data. */
  readonly target?: number;
  /** What the sheet's group row shows above this column, given the group's points for the indicator. */
  hint(max: number): string | number;
}

export interface RuleEnv {
  readonly indicator: Indicator;
  /** The indicator's points for this unit's region group. */
  readonly max: Dec;
  readonly input: IndicatorInput;
}

export interface RuleStep {
  readonly score: Dec;
  readonly trail: readonly TrailEntry[];
}

/**
 * Everything about one rule kind lives in its file: the columns it needs, how it scores, the
 * native formula that scores the same way in a spreadsheet, and how to describe it to people.
 * The engine and the layout never branch on `kind` outside src/engine/rules/.
 */
export interface RuleKindModule<R extends Rule> {
  readonly kind: R["kind"];
  /** True for rules that produce a score (first in the list); false for modifiers. */
  readonly base: boolean;
  columns(rule: R): RuleColumn[];
  /** `prev` is the score so far (zero for a base rule). */
  apply(rule: R, prev: Dec, env: RuleEnv): RuleStep;
  /** Formula text for the score after this rule; `prev` is the formula so far, `refs` the input cells. */
  formula(rule: R, prev: string, refs: Readonly<Record<string, string>>, max: number): string;
  describe(rule: R): Text;
}
