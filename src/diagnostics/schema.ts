import { z } from "zod";

/**
 * The diagnostic's schema, for boundaries that write or read diagnostics as JSON (RESULT.json,
 * --json). Kept apart from the helpers in ./diagnostic so that code needing only the type (the task
 * pane's first screen) does not load zod.
 */
export const SeveritySchema = z.enum(["error", "warning", "info"]);

export const DiagnosticSchema = z.object({
  severity: SeveritySchema,
  /** Sheet name as the user sees it, or null for file-level problems. */
  sheet: z.string().nullable(),
  /** A1 address (or range) inside `sheet`, or null. */
  cell: z.string().nullable(),
  /** Stable machine-readable code, e.g. "unit.unknown". */
  code: z.string(),
  /** Chinese message for the user: what is wrong and what to do. */
  message: z.string(),
  /** The same message in English. */
  messageEn: z.string(),
});
