import { z } from "zod";
import { SchemeSchema } from "./consistency";
import type { Scheme } from "./schema";
import { cq2024 } from "./cq2024";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic";

export type SchemeResult = { ok: true; scheme: Scheme } | { ok: false; diagnostics: Diagnostic[] };

/** Validate a scheme from any source; every zod issue becomes one diagnostic. */
export function parseScheme(input: unknown, origin: string): SchemeResult {
  const r = SchemeSchema.safeParse(input);
  if (r.success) return { ok: true, scheme: r.data };
  return { ok: false, diagnostics: r.error.issues.map((i) => schemeIssue(i, origin)) };
}

/** The scheme's problems in plain words, without file context (the pane's scheme editor lists these). */
export function schemeProblems(input: unknown): string[] {
  const r = SchemeSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

function schemeIssue(i: z.core.$ZodIssue, origin: string): Diagnostic {
  const path = i.path.map(String).join(".") || "(根)";
  return diagnostic("error", "scheme.invalid", {
    zh: `评价方案 ${origin} 不合规：${path}：${i.message}。请改正方案文件后重试。`,
    en: `Scheme ${origin} is invalid at ${path}: ${i.message}. Fix the scheme file and retry.`,
  });
}

let builtin: Scheme | undefined;

/** The built-in cq-2024 scheme, validated once. A broken built-in is a programming error. */
export function builtinScheme(): Scheme {
  if (!builtin) {
    const r = parseScheme(cq2024, "cq-2024");
    if (!r.ok) throw new Error(`built-in scheme invalid: ${r.diagnostics.map((d) => d.message).join("; ")}`);
    builtin = r.scheme;
  }
  return builtin;
}
