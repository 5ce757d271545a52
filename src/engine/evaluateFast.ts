import type { Scheme } from "../scheme/schema";
import type { Evaluation, IndicatorResult } from "./evaluate";
import { exactTrail, unitInputs, type UnitInputs } from "./exact";
import { basicColumnsOf, inputAt, type BasicColumns } from "./columns";
import { basicPlan, type BasicPlan } from "./fastBasic";
import { unitComponents, type UnitComponents } from "./fastComponents";
import { unitPlaces, type UnitPlaces } from "./fastPlaces";
import { unitResults } from "./fastResults";
import { fromColumns, fromObjects, QUIET, type BasicScores } from "./fastScores";
import { unitPlan, type UnitPlan } from "./fastUnit";
import { toValue } from "./fixed";
import type { EvaluationInputs } from "./inputs";
import type { TrailEntry } from "./trail";

/**
 * evaluate() on scaled integers, in four phases, each its own function (the bench times them
 * apart): the basic scores in one pass — over the reader's typed columns (columns.ts,
 * fastColumns.ts), else over the input objects (fastScores.ts) — with no text; the per-unit
 * components and totals (fastComponents.ts); the ranks and tiers (fastPlaces.ts); the result
 * objects (fastResults.ts), whose indicators' list and explanation are built when first read.
 * A figure the fast path cannot vouch for is asked of the exact path on the spot. Null when the
 * workbook is outside what the fast path holds.
 */
export function evaluateFast(scheme: Scheme, inputs: EvaluationInputs): Evaluation | null {
  const plan = fastPlan(scheme);
  if (!plan) return null;
  const scored = basicScores(scheme, plan, inputs);
  if (!scored) return null;
  const components = unitComponents(scheme, plan.units, inputs, scored.sums);
  if (!components) return null;
  const places = unitPlaces(scheme, components.total);
  return { scheme: { id: scheme.id, title: scheme.title, year: scheme.year }, units: results(scheme, inputs, scored, components, places) };
}

export interface FastPlan {
  readonly basic: BasicPlan;
  readonly units: UnitPlan;
}

/** The scheme compiled for the fast path; null when it cannot hold it (a constant with too many decimals, units in no group). */
export function fastPlan(scheme: Scheme): FastPlan | null {
  const up = unitPlan(scheme);
  const groupIds = new Set(scheme.groups.map((g) => g.id));
  if (!up || groupIds.size !== scheme.groups.length || scheme.units.some((u) => !groupIds.has(u.group))) return null;
  return { basic: basicPlan(scheme), units: up };
}

/** Phase one: every (unit, indicator)'s score, from the reader's columns when the inputs carry them for this scheme. */
export function basicScores(scheme: Scheme, plan: FastPlan, inputs: EvaluationInputs): BasicScores | null {
  const columns = readerColumns(scheme, inputs);
  return columns ? fromColumns(scheme, plan.basic, columns) : fromObjects(scheme, plan.basic, inputs.basic);
}

function readerColumns(scheme: Scheme, inputs: EvaluationInputs): BasicColumns | undefined {
  const columns = basicColumnsOf(inputs);
  return columns?.scheme === scheme ? columns : undefined;
}

/** The last phase: the result objects, with what is built only when read — a unit's indicators' list and its explanation. */
export function results(scheme: Scheme, inputs: EvaluationInputs, scored: BasicScores, components: UnitComponents, places: UnitPlaces): Evaluation["units"] {
  const units = scheme.units;
  const d = scheme.rounding.decimals;
  const columns = readerColumns(scheme, inputs);
  const indicatorLists = new Array<IndicatorResult[] | undefined>(units.length);
  const trails = new Array<TrailEntry[] | undefined>(units.length);
  let matched: ((unit: number) => UnitInputs) | undefined;
  const indicatorsOf = (ui: number) =>
    (indicatorLists[ui] ??= scheme.indicators.map((ind, i) => ({ id: ind.id, name: ind.name, max: (ind.points[units[ui]!.group] ?? 0) + 0, score: toValue(scored.slot(ui, i) >> 2, d) })));
  const trailOf = (ui: number) => {
    matched ??= columns ? columnarUnitInputs(scheme, columns, inputs) : byName(scheme, unitInputs(scheme, inputs));
    return (trails[ui] ??= exactTrail(scheme, units[ui]!.group, matched(ui), (i) => (scored.slot(ui, i) & 3) !== QUIET));
  };
  return unitResults(scheme, { basic: scored.sums, ...components, ...places }, { indicatorsOf, trailOf });
}

/** A unit's inputs for its explanation, its basic ones built from the columns (only that unit's). */
function columnarUnitInputs(scheme: Scheme, columns: BasicColumns, inputs: EvaluationInputs): (unit: number) => UnitInputs {
  const rest = unitInputs(scheme, { basic: [], cases: inputs.cases, events: inputs.events, composite: inputs.composite });
  return (u) => {
    const name = scheme.units[u]!.name;
    return { ...rest(name), basic: columns.byIndicator.map((ic) => ic && inputAt(ic, name, u)) };
  };
}

function byName(scheme: Scheme, of: (unit: string) => UnitInputs): (unit: number) => UnitInputs {
  return (u) => of(scheme.units[u]!.name);
}
