import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { DiagnosticSchema } from "../diagnostics/schema";
import type { Scheme } from "../scheme/schema";
import type { Evaluation } from "../engine/evaluate";

/** RESULT.json as written by `evalsheet aggregate --json`; the schema is the contract. */
export const UnitResultJsonSchema = z.object({
  unit: z.string(),
  group: z.string(),
  groupId: z.string(),
  basic: z.number(),
  bestPractice: z.number(),
  composite: z.number(),
  bonusRaw: z.number(),
  bonus: z.number(),
  capsHit: z.array(z.string()),
  penalty: z.number(),
  total: z.number(),
  groupRank: z.number().int().positive(),
  overallRank: z.number().int().positive(),
  tier: z.string(),
});

export const ResultJsonSchema = z.object({
  scheme: z.object({ id: z.string(), title: z.string(), year: z.number() }),
  units: z.array(UnitResultJsonSchema),
  diagnostics: z.array(DiagnosticSchema),
});
export type ResultJson = z.infer<typeof ResultJsonSchema>;

export function resultJson(scheme: Scheme, evaluation: Evaluation, diagnostics: readonly Diagnostic[]): ResultJson {
  return ResultJsonSchema.parse({
    scheme: evaluation.scheme,
    units: evaluation.units.map((u) => ({
      unit: u.unit,
      group: scheme.groups.find((g) => g.id === u.group)?.name ?? u.group,
      groupId: u.group,
      basic: u.basic,
      bestPractice: u.bestPractice,
      composite: u.composite,
      bonusRaw: u.bonusRaw,
      bonus: u.bonus,
      capsHit: [...u.capsHit],
      penalty: u.penalty,
      total: u.total,
      groupRank: u.groupRank,
      overallRank: u.overallRank,
      tier: u.tier,
    })),
    diagnostics,
  });
}
