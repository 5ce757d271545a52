/**
 * What the engine evaluates: values already read from the workbook and parsed, each with the
 * cell it came from (for the explanation trail and for the summary's formulas).
 */

export interface Source {
  readonly sheet: string;
  readonly cell: string;
}

/** A parsed input: number, yes/no, "na" (the department entered 不适用), or nothing (empty or unreadable cell). */
export type InputValue = number | boolean | "na" | null;

export interface IndicatorInput {
  readonly unit: string;
  readonly indicator: string;
  /** Column key (e.g. "score", "m:greenFamilies", "gate", "count") → parsed value. */
  readonly values: Readonly<Record<string, InputValue>>;
  readonly sources: Readonly<Record<string, Source>>;
  readonly reason: string | null;
  readonly reasonSource: Source | null;
}

export interface CaseInput {
  readonly unit: string;
  readonly projectId: string | null;
  readonly title: string;
  readonly score: number | null;
  readonly source: Source;
}

export interface EventInput {
  readonly unit: string;
  readonly kind: "bonus" | "penalty";
  readonly itemId: string;
  /** Occurrences; an empty cell counts as one (each row is one event). */
  readonly count: number | null;
  readonly countSource: Source;
  /** Points written for a discretionary penalty. */
  readonly points: number | null;
  readonly pointsSource: Source;
  readonly reason: string | null;
}

export interface CompositeInput {
  readonly unit: string;
  readonly deduction: number | null;
  readonly incident: string | null;
  readonly reason: string | null;
  readonly source: Source;
}

export interface EvaluationInputs {
  readonly basic: readonly IndicatorInput[];
  readonly cases: readonly CaseInput[];
  readonly events: readonly EventInput[];
  readonly composite: readonly CompositeInput[];
}

export const emptyInputs: EvaluationInputs = { basic: [], cases: [], events: [], composite: [] };
