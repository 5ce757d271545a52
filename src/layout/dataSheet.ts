import type { Scheme } from "../scheme/schema";
import type { CellSpec, SheetSpec } from "../workbook/plan";
import type { SheetSnapshot } from "../workbook/snapshot";
import { eventLabels, projectLabel } from "./lists";
import { eventItems, itemKeys, parameterRows, unitKeys } from "./schemeTables";
import { SHEETS } from "./names";
import { ledgerListColumns } from "./ledgerColumns";

/**
 * The hidden sheet that makes an emailed workbook self-contained: the scheme as JSON in column A
 * (split into cells under Excel's 32,767-character limit), the dropdown lists in B–F, and from G
 * the tables the summary's and basic work's formulas look up (./schemeTables.ts).
 */
export const SCHEME_MARKER = "evalsheet-scheme-v1";
const CHUNK = 30000;

export function dataSheet(scheme: Scheme): SheetSpec {
  const json = JSON.stringify(scheme);
  const chunks: string[] = [];
  for (let i = 0; i < json.length; i += CHUNK) chunks.push(json.slice(i, i + CHUNK));
  const items = eventItems(scheme);
  const params = parameterRows(scheme);
  const units = unitKeys(scheme);
  const keys = itemKeys(scheme);
  const columns: (string | number | null)[][] = [
    [SCHEME_MARKER, ...chunks],
    scheme.units.map((u) => u.name),
    scheme.cases.projects.map(projectLabel),
    scheme.cases.projects.map((p) => p.department),
    eventLabels(scheme),
    scheme.composite.incidents.map((i) => i.name),
    // G–Q: the tables the summary's formulas look up (./schemeTables.ts).
    units.map(([k]) => k),
    units.map(([, name]) => name),
    keys.map(([k]) => k),
    keys.map(([, i]) => i),
    items.map((x) => x.kind),
    items.map((x) => x.points),
    items.map((x) => x.cap),
    items.map((x) => x.max),
    // O–P: the parameters, then under them every other scheme number the formulas reference.
    params.map(([name]) => name),
    params.map(([, value]) => value),
    items.map((x) => x.maxCount),
    // After the tables: the contact-point lists (./ledgerColumns.ts).
    ...ledgerListColumns(scheme),
  ];
  const height = Math.max(...columns.map((c) => c.length));
  const rows: (CellSpec | null)[][] = [];
  for (let r = 0; r < height; r++) rows.push(columns.map((c) => (c[r] === undefined || c[r] === null ? null : { value: c[r]!, style: "plain" as const })));
  const widths = [20, 18, 40, 12, 50, 26, 24, 18, 40, 6, 8, 8, 8, 8, 48, 8, 8];
  return { name: SHEETS.data, rows, columnWidths: [...widths, ...columns.slice(widths.length).map(() => 24)], merges: [], state: "hidden", protect: true };
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
