import type { Scheme } from "../scheme/schema";
import { SHEETS } from "./names";
import { sheetRef } from "../workbook/address";

/**
 * Labels of dropdown items and where their lists live on the hidden data sheet. Lists are cell
 * ranges rather than inline "a,b,c" text: Excel limits inline lists to 255 characters.
 */
export function projectLabel(p: Scheme["cases"]["projects"][number]): string {
  return p.brand && p.brand !== p.name ? `${p.brand}：${p.name}` : p.name;
}

export function bonusLabel(item: Scheme["bonus"]["items"][number]): string {
  return `加分：${item.name}`;
}

export function penaltyLabel(item: Scheme["penalties"]["items"][number]): string {
  return `扣分：${item.name}`;
}

export function eventLabels(scheme: Scheme): string[] {
  return [...scheme.bonus.items.map(bonusLabel), ...scheme.penalties.items.map(penaltyLabel)];
}

/** Columns of the data sheet. Column A holds the scheme as JSON. */
export const LIST_COLUMNS = { units: "B", projects: "C", projectDepartments: "D", events: "E", incidents: "F" } as const;

export function listRange(column: string, length: number): string {
  return sheetRef(SHEETS.data, `$${column}$1:$${column}$${Math.max(length, 1)}`);
}
