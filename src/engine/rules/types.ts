import type { Text } from "../../diagnostics/diagnostic";
import type { Indicator, Rule } from "../../scheme/schema";
import type { Dec } from "../decimal";
import type { IndicatorInput } from "../inputs";
import type { TrailEntry } from "../trail";

/** The word a department enters for a measure that does not apply to a unit (a dropdown value). */
export const NOT_APPLICABLE = "不适用";

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
  /** The department may enter 不适用 instead of a figure. */
  readonly notApplicable?: boolean;
  /** What the sheet's group row shows above this column, given the points of the column's part for the group. */
  hint(max: number): string | number;
}

export interface RuleEnv {
  readonly indicator: Indicator;
  /** For a part, the part's points for this unit's region group; for a modifier, the indicator's. */
  readonly max: Dec;
  readonly input: IndicatorInput;
  /** The indicator has more than one part, so explanations name the part (定性/量化). */
  readonly multiPart: boolean;
}

/** What a part scored. `applicable` is false when every measure of the part is 不适用. */
export interface PartStep {
  readonly score: Dec;
  readonly applicable: boolean;
  readonly trail: readonly TrailEntry[];
}

export interface RuleStep {
  readonly score: Dec;
  readonly trail: readonly TrailEntry[];
}

/**
 * A number of the scheme a rule's formula needs (a target, the points of each occurrence). It is
 * written to the hidden data sheet's table and the formula references its cell, so the workbook's
 * scheme and its formulas cannot disagree. `key` is unique within the rule; `label` is Chinese,
 * for a person reading the hidden sheet.
 */
export interface RuleNumber {
  readonly key: string;
  readonly label: string;
  readonly value: number;
}

/** The cell holding one of the rule's numbers (by its RuleNumber key), e.g. `'_evalsheet'!$P$31`. */
export type NumberCell = (key: string) => string;

/** A part's native formula: its score, and (for parts that can be 不适用) a condition "applies". */
export interface PartFormula {
  readonly score: string;
  readonly applicable: string | null;
}

interface RuleKindCommon<R extends Rule> {
  readonly kind: R["kind"];
  columns(rule: R): RuleColumn[];
  /** The scheme numbers the rule's formula references (none for a rule that needs only the part's points). */
  numbers(rule: R): RuleNumber[];
  describe(rule: R): Text;
  /**
   * What the department decided under this rule that cost points, in words (for 细化扣分理由:
   * such a deduction needs a reason written); null when nothing did, or when a shortfall explains
   * itself (a measured figure below its target is on the sheet beside its target). `max` is the
   * rule's points for the unit's group (the part's, or the indicator's for a modifier).
   */
  decided(rule: R, values: IndicatorInput["values"], max: number): Text | null;
}

/**
 * A part of an indicator (定量与定性相结合): it scores 0..its points on its own columns; the
 * indicator is the sum of its parts. `fixedPoints` is the part's own points, or null for the
 * part that takes what the others leave of the indicator's points.
 */
export interface PartKindModule<R extends Rule> extends RuleKindCommon<R> {
  readonly role: "part";
  fixedPoints(rule: R): number | null;
  apply(rule: R, env: RuleEnv): PartStep;
  /** `max` is the part's points as formula text (cells of the data sheet's table, never a typed number). */
  formula(rule: R, refs: Readonly<Record<string, string>>, max: string, number: NumberCell): PartFormula;
}

/** A modifier acts on the sum of the parts: a gate that zeroes it, a per-occurrence deduction. */
export interface ModifierKindModule<R extends Rule> extends RuleKindCommon<R> {
  readonly role: "modifier";
  /** `prev` is the score so far. */
  apply(rule: R, prev: Dec, env: RuleEnv): RuleStep;
  /** Formula text for the score after this rule; `prev` is the formula so far, `refs` the input cells, `max` the indicator's points as formula text. */
  formula(rule: R, prev: string, refs: Readonly<Record<string, string>>, max: string, number: NumberCell): string;
}

/**
 * Everything about one rule kind lives in its file: the columns it needs, how it scores, the
 * native formula that scores the same way in a spreadsheet, and how to describe it to people.
 * The engine and the layout never branch on `kind` outside src/engine/rules/.
 */
export type RuleKindModule<R extends Rule> = PartKindModule<R> | ModifierKindModule<R>;
