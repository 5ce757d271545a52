import type { Scheme } from "../scheme/schema";
import type { CellSpec, SheetSpec } from "../workbook/plan";
import type { SheetSnapshot } from "../workbook/snapshot";
import { eventLabels, projectLabel } from "./lists";
import { SHEETS } from "./names";

/**
 * The hidden sheet that makes an emailed workbook self-contained: the scheme as JSON in column A
 * (split into cells under Excel's 32,767-character limit) and the dropdown lists in B–F.
 */
export const SCHEME_MARKER = "evalsheet-scheme-v1";
const CHUNK = 30000;

export function dataSheet(scheme: Scheme): SheetSpec {
  const json = JSON.stringify(scheme);
  const chunks: string[] = [];
  for (let i = 0; i < json.length; i += CHUNK) chunks.push(json.slice(i, i + CHUNK));
  const columns: string[][] = [
    [SCHEME_MARKER, ...chunks],
    scheme.units.map((u) => u.name),
    scheme.cases.projects.map(projectLabel),
    scheme.cases.projects.map((p) => p.department),
    eventLabels(scheme),
    scheme.composite.incidents.map((i) => i.name),
  ];
  const height = Math.max(...columns.map((c) => c.length));
  const rows: (CellSpec | null)[][] = [];
  for (let r = 0; r < height; r++) rows.push(columns.map((c) => (c[r] === undefined ? null : { value: c[r]!, style: "plain" as const })));
  return { name: SHEETS.data, rows, columnWidths: [20, 18, 40, 12, 50, 26], merges: [], state: "hidden", protect: true };
}

/** The scheme JSON carried by a workbook, or null when it has none. */
export function embeddedSchemeJson(sheet: SheetSnapshot | undefined): string | null {
  if (!sheet) return null;
  if (sheet.rows[0]?.[0] !== SCHEME_MARKER) return null;
  let json = "";
  for (let r = 1; r < sheet.rows.length; r++) {
    const v = sheet.rows[r]?.[0];
    if (typeof v !== "string" || v === "") break;
    json += v;
  }
  return json;
}
