import { z } from "zod";
import { ContactsSchema, ResearchSchema } from "./ledgerSchema";

/**
 * The evaluation scheme as data. These zod schemas are the single source of the scheme's types
 * (z.infer) and of the JSON Schema offered to people who edit scheme files (scripts/write-json-schema.ts).
 * Cross-field rules (each group's indicator points sum to the basic maximum, ids unique, references
 * resolve) live in ./consistency.ts and run as a superRefine, so every issue is reported at once.
 */

const Id = z.string().min(1).max(64);
const Points = z.number().finite().nonnegative();

export const GroupSchema = z.object({
  id: Id,
  name: z.string().min(1),
  shortName: z.string().min(1),
});

export const UnitSchema = z.object({
  /** Canonical name, also the unit's id: "石柱县". */
  name: z.string().min(1),
  group: Id,
  /** Other spellings that resolve to this unit: "石柱土家族自治县". Spaces and full-width forms are folded anyway. */
  aliases: z.array(z.string().min(1)).default([]),
});

export const DepartmentSchema = z.object({
  /** Canonical name, also the sheet name: "宣教部". */
  name: z.string().min(1).max(31),
  aliases: z.array(z.string().min(1)).default([]),
});

export const ComponentsSchema = z.object({
  basic: Points,
  bestPractice: Points,
  composite: Points,
  bonusCap: Points,
});

/** A raw figure compared with its target: a rate (0.7 = 70 %) or a count. */
export const MeasureSchema = z.object({
  id: Id,
  label: z.string().min(1),
  unit: z.enum(["percent", "count"]),
  /** Met when the figure is ≥ this value. */
  target: z.number().positive(),
  /**
   * The department may enter 不适用 for a unit (a district with no rural communities has no rural
   * parent-school rate). It never costs points: see the scheme's `notApplicable` rule.
   */
  notApplicable: z.boolean().default(false),
});

/**
 * Scoring rules of a basic indicator, applied in order. An indicator is made of parts
 * ("定量与定性相结合"): the first rule is a part that takes the indicator's points left over by
 * the others (manual: the judged items; or, in the older one-part form, a target that is the
 * whole indicator); further target rules are measured parts with points of their own; the
 * indicator scores the sum of its parts. Modifiers (gate, perOccurrence) then act on that sum.
 * Each kind lives in one file under src/engine/rules/.
 */
export const RuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("manual") }),
  z.object({
    kind: z.literal("target"),
    measures: z.array(MeasureSchema).min(1),
    /** Below target: points in proportion to the weakest measure's attainment, or none. */
    below: z.enum(["proportional", "zero"]),
    /**
     * The measured part's points, the same in every region group. Absent only when the target
     * is the indicator's first part (it then takes the indicator's points, the older form).
     */
    points: z.number().positive().optional(),
  }),
  z.object({
    kind: z.literal("gate"),
    /** The yes/no question; answering 否 zeroes the indicator. */
    question: z.string().min(1),
  }),
  z.object({
    kind: z.literal("perOccurrence"),
    label: z.string().min(1),
    /** Points taken off for each occurrence; the indicator may go below zero. */
    pointsEach: z.number().positive(),
  }),
]);

export const IndicatorSchema = z.object({
  id: Id,
  name: z.string().min(1),
  programme: z.string().min(1),
  /** The designated department that scores it (exactly once). */
  department: z.string().min(1),
  /** Other departments named as co-leads in the seed; they do not score it. */
  coLeads: z.array(z.string()).default([]),
  /** Points per region group id. */
  points: z.record(z.string(), Points),
  rules: z.array(RuleSchema).min(1),
  requirement: z.string().default(""),
});

export const ProjectSchema = z.object({
  id: Id,
  name: z.string().min(1),
  brand: z.string(),
  department: z.string().min(1),
  /** Other departments leading the brand with it (渝好关爱: 家儿部、发展部); the first department scores. */
  coLeads: z.array(z.string()).default([]),
});

export const CaseCombineSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("max") }),
  z.object({ kind: z.literal("mean") }),
  z.object({ kind: z.literal("cappedSum"), cap: Points }),
]);

export const CasesSchema = z.object({
  minPerUnit: z.number().int().nonnegative(),
  maxPerUnit: z.number().int().positive(),
  textLimit: z.number().int().positive(),
  perCaseMax: Points,
  combine: CaseCombineSchema,
  projects: z.array(ProjectSchema).min(1),
});

export const BonusItemSchema = z.object({
  id: Id,
  name: z.string().min(1),
  pointsEach: z.number().positive(),
  /** The item's own cap ("累计不超过 3 分"), or null. */
  cap: z.number().positive().nullable(),
  /** Most occurrences one 加分扣分 row may claim: a larger 次数 is a typing slip (often a date serial such as 45356). */
  maxCount: z.number().int().positive().default(20),
});

export const PenaltyItemSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fixed"), id: Id, name: z.string().min(1), pointsEach: z.number().positive(), maxCount: z.number().int().positive().default(20) }),
  /** 酌情扣分: the office writes the points and the reason for each occurrence. */
  z.object({ kind: z.literal("discretionary"), id: Id, name: z.string().min(1), maxPoints: z.number().positive().nullable() }),
]);

export const CompositeSchema = z.object({
  incidents: z.array(z.object({ id: Id, name: z.string().min(1) })).min(1),
});

export const TierRuleSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("thresholds"),
    /** Best first; a unit gets the first tier whose minimum its total reaches. */
    tiers: z.array(z.object({ name: z.string().min(1), min: z.number() })).min(1),
    otherwise: z.string().min(1),
  }),
  z.object({
    kind: z.literal("quota"),
    /** Best first; share of each region group (by group rank, ties share the better tier). */
    tiers: z.array(z.object({ name: z.string().min(1), share: z.number().gt(0).lte(1) })).min(1),
    otherwise: z.string().min(1),
  }),
]);

export const RoundingSchema = z.object({
  decimals: z.number().int().min(0).max(4),
  mode: z.literal("halfUp"),
});

/**
 * A value the seed document leaves open, and how this scheme chose it, in people's words
 * (评价方案 shows them). `key` names what it governs, so 评价方案 can say whether the value
 * in force is still the built-in default. Workbooks written before `topic` carried `path`.
 */
export const OpenChoiceSchema = z.preprocess(
  (v) => (v && typeof v === "object" && !("topic" in v) && "path" in v ? { ...v, topic: (v as { path: unknown }).path } : v),
  z.object({
    key: z.string().min(1).optional(),
    topic: z.string().min(1),
    choice: z.string().min(1),
    why: z.string().min(1),
  }),
);

export const PeriodicSchema = z.object({
  periods: z.array(z.string().min(1).max(20)).min(1).max(12),
  /** 0 … 1: the annual judged score × (1 − weight) + the periods' mean × weight. */
  weight: z.number().min(0).max(1),
});

export const SchemeBaseSchema = z.object({
  id: Id,
  title: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  /** The first evaluation year the scheme applies to ("本方案适用于2024年及以后工作"); absent = `year`. */
  applicableFrom: z.number().int().min(2000).max(2100).optional(),
  source: z.string().default(""),
  groups: z.array(GroupSchema).min(1),
  units: z.array(UnitSchema).min(1),
  departments: z.array(DepartmentSchema).min(1),
  components: ComponentsSchema,
  indicators: z.array(IndicatorSchema).min(1),
  cases: CasesSchema,
  bonus: z.object({ items: z.array(BonusItemSchema).min(1) }),
  penalties: z.object({ items: z.array(PenaltyItemSchema).min(1) }),
  composite: CompositeSchema,
  tiers: TierRuleSchema,
  rounding: RoundingSchema,
  /** How a score below its maximum without a reason is reported. */
  reasonBelowMax: z.enum(["error", "warning", "off"]),
  /**
   * A measured part whose every measure is 不适用: its points are shared out over the indicator's
   * other parts in proportion (rescale), or it counts as met (full). Never a loss of points.
   */
  notApplicable: z.enum(["rescale", "full"]).default("rescale"),
  /** A scored department sheet without its 部室审定 (评分人, 分管领导审定, 审定日期) is reported so. */
  signOff: z.enum(["error", "warning", "off"]).default("warning"),
  /**
   * 日常评价与年度评价相结合: the periods of a year and the weight of their mean in each indicator's
   * judged (定性) score in the annual evaluation (./periodic.ts; the document fixes neither).
   */
  periodic: PeriodicSchema.default({ periods: ["上半年", "下半年"], weight: 0.3 }),
  /** This workbook's period, for a periodic evaluation (`template --period`); absent in the annual one. */
  period: z.string().min(1).optional(),
  openChoices: z.array(OpenChoiceSchema).default([]),
  /** 附件2: the Party group members' contact points; absent in schemes written before it (./contacts.ts). */
  contacts: ContactsSchema.optional(),
  /** 附件1: what the year's field research must include; absent = the document's rules. */
  research: ResearchSchema.optional(),
});

export type Group = z.infer<typeof GroupSchema>;
export type Unit = z.infer<typeof UnitSchema>;
export type Department = z.infer<typeof DepartmentSchema>;
export type Measure = z.infer<typeof MeasureSchema>;
export type Rule = z.infer<typeof RuleSchema>;
export type RuleKind = Rule["kind"];
export type Indicator = z.infer<typeof IndicatorSchema>;
export type Project = z.infer<typeof ProjectSchema>;
export type CaseCombine = z.infer<typeof CaseCombineSchema>;
export type BonusItem = z.infer<typeof BonusItemSchema>;
export type PenaltyItem = z.infer<typeof PenaltyItemSchema>;
export type TierRule = z.infer<typeof TierRuleSchema>;
export type Scheme = z.infer<typeof SchemeBaseSchema>;
