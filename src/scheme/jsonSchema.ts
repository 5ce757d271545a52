import { z } from "zod";
import { SchemeBaseSchema } from "./schema";

/**
 * JSON Schema for people who edit scheme files (editors validate and complete as they type).
 * Generated from the zod schema, never written by hand. Cross-field rules (group sums, references)
 * cannot be expressed in JSON Schema; `evalsheet scheme --scheme FILE` checks those.
 */
export function schemeJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(SchemeBaseSchema, { io: "input" }),
    title: "evalsheet scheme",
    description: "区县妇联工作分类评价方案（evalsheet）。分值合计等跨字段规则由 evalsheet 校验。",
  };
}
