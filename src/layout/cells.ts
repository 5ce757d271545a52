import type { CellSpec, StyleKey, ValidationSpec } from "../workbook/plan";

/** Small constructors so sheet builders read like the sheet they build. */
export function text(value: string, style: StyleKey = "plain"): CellSpec {
  return { value, style };
}

export function label(value: string | number): CellSpec {
  return { value, style: "label" };
}

export function input(value: string | number | null | undefined, validation?: ValidationSpec, numFmt?: string): CellSpec {
  return {
    value: value ?? null,
    // A choice from a list (是/否, 不适用) is short: centred like the figures beside it, not top-left like free text.
    style: typeof value === "string" && validation?.kind !== "decimal" && validation?.kind !== "whole" && validation?.kind !== "list" ? "inputText" : "input",
    ...(validation ? { validation } : {}),
    ...(numFmt ? { numFmt } : {}),
  };
}

export function inputText(value: string | null | undefined, validation?: ValidationSpec): CellSpec {
  return { value: value ?? null, style: "inputText", ...(validation ? { validation } : {}) };
}

export function formula(f: string, cached: string | number | boolean | null, style: StyleKey = "computed", numFmt?: string): CellSpec {
  return { formula: f, value: cached, style, ...(numFmt ? { numFmt } : {}) };
}

/** A row of `width` cells with `cells` placed from column 0. */
export function row(width: number, cells: Record<number, CellSpec | null>): (CellSpec | null)[] {
  const r: (CellSpec | null)[] = new Array(width).fill(null);
  for (const [c, v] of Object.entries(cells)) r[Number(c)] = v;
  return r;
}
