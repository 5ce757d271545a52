import type { Text } from "../diagnostics/diagnostic";
import type { Source } from "./inputs";

export type Component = "basic" | "bestPractice" | "composite" | "bonus" | "penalty";

/**
 * One step of a unit's explanation: a deduction, a gate, a cap that bit, a bonus or a penalty,
 * with the points it moved, the reason written by the department and the cell it came from.
 */
export interface TrailEntry {
  readonly component: Component;
  readonly kind: string;
  /** Indicator, project or item name. */
  readonly item: string;
  /** Points gained (+) or lost (−) by this step. */
  readonly delta: number;
  readonly text: Text;
  readonly reason: string | null;
  readonly source: Source | null;
}
