import type { z } from "zod";
import type { DiagnosticSchema, SeveritySchema } from "./schema";

/**
 * Diagnostics are data, never thrown strings: every problem found in a workbook, a scheme or a
 * command line becomes one of these, names its sheet and cell when it has one, and says in
 * Chinese (English alongside) what to do about it. The type comes from the zod schema in ./schema.
 */
export type Severity = z.infer<typeof SeveritySchema>;
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

export interface Text {
  readonly zh: string;
  readonly en: string;
}

export function diagnostic(
  severity: Severity,
  code: string,
  text: Text,
  where: { sheet?: string | null; cell?: string | null } = {},
): Diagnostic {
  return {
    severity,
    sheet: where.sheet ?? null,
    cell: where.cell ?? null,
    code,
    message: text.zh,
    messageEn: text.en,
  };
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === "error");
}

const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order for reports: severity, then sheet, then row/column of the cell. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => {
    if (order[a.severity] !== order[b.severity]) return order[a.severity] - order[b.severity];
    const sa = a.sheet ?? "";
    const sb = b.sheet ?? "";
    if (sa !== sb) return sa < sb ? -1 : 1;
    return cellKey(a.cell) - cellKey(b.cell);
  });
}

function cellKey(cell: string | null): number {
  if (!cell) return -1;
  const m = /^([A-Z]+)(\d+)/.exec(cell);
  if (!m) return 0;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return Number(m[2]) * 1000 + col;
}

/** "宣教部!D7" or "宣教部" or "" — how a place is shown to people. */
export function placeOf(d: Pick<Diagnostic, "sheet" | "cell">): string {
  if (d.sheet && d.cell) return `${d.sheet}!${d.cell}`;
  return d.sheet ?? "";
}
