import type { Scheme } from "../../scheme/schema";
import { parseScheme } from "../../scheme/load";
import { embeddedSchemeJson } from "../../layout/dataSheet";
import { SHEETS } from "../../layout/names";
import type { EtWorkbook } from "./et";
import { localAddress } from "./read";
import { parseRange } from "../../workbook/address";

/*
 * The workbook's scheme for the EVAL.* functions in WPS. The task pane and the page that registers
 * the functions (index.html) are separate pages: no shared runtime, no shared global. They share the
 * add-in's PluginStorage (synchronous, one instance per add-in, not kept after WPS closes), so the
 * scheme travels there: its JSON under SCHEME_KEY, and a short stamp under STAMP_KEY that the
 * functions compare on every evaluation (one small read) before they take the JSON. Either page
 * may publish it: the pane when it reads the workbook, the functions page when a workbook is opened
 * or activated (it reads the hidden _evalsheet itself, so the functions follow the workbook even
 * when the pane was never opened).
 */

export const SCHEME_KEY = "evalsheet.scheme";
export const STAMP_KEY = "evalsheet.schemeStamp";

/** The part of WPS's PluginStorage used here; getItem gives "" or null for a missing key. */
export interface SchemeStorage {
  getItem(key: string): string | null | undefined;
  setItem(key: string, value: string): void;
}

/** A short fingerprint of a scheme (FNV-1a of its JSON). */
export function schemeStamp(scheme: Scheme): string {
  const json = JSON.stringify(scheme);
  let h = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) h = Math.imul(h ^ json.charCodeAt(i), 0x01000193) >>> 0;
  return `${scheme.id}:${h.toString(16)}`;
}

/** Publish a scheme (null: the built-in one); true when it differs from the one published before. */
export function publishScheme(storage: SchemeStorage, scheme: Scheme | null): boolean {
  const stamp = scheme ? schemeStamp(scheme) : "";
  if ((storage.getItem(STAMP_KEY) ?? "") === stamp) return false;
  storage.setItem(SCHEME_KEY, scheme ? JSON.stringify(scheme) : "");
  storage.setItem(STAMP_KEY, stamp);
  return true;
}

/**
 * The functions' view: the published scheme when its stamp differs from `heldStamp` (null: none
 * held), as { stamp, scheme } (scheme null: back to the built-in one); undefined when nothing changed.
 */
export function takePublished(storage: SchemeStorage, heldStamp: string | null): { stamp: string; scheme: Scheme | null } | undefined {
  const stamp = storage.getItem(STAMP_KEY) ?? "";
  if (stamp === (heldStamp ?? "")) return undefined;
  const json = stamp ? storage.getItem(SCHEME_KEY) : "";
  if (!json) return { stamp: "", scheme: null };
  try {
    const parsed = parseScheme(JSON.parse(json), "PluginStorage");
    return { stamp, scheme: parsed.ok ? parsed.scheme : null };
  } catch {
    return { stamp, scheme: null };
  }
}

/**
 * The scheme a workbook carries in its hidden _evalsheet (column A), read in four calls; null when
 * it carries none or an invalid one (the functions then use the built-in scheme, as in Excel).
 */
export function readEmbeddedScheme(wb: EtWorkbook): Scheme | null {
  let column: unknown[][];
  try {
    const ws = wb.Worksheets.Item(SHEETS.data);
    const bottom = parseRange(localAddress(ws.UsedRange.Address(false, false))).bottom;
    const v = ws.Range(`A1:A${bottom + 1}`).Value2;
    column = Array.isArray(v) ? v : [[v]];
  } catch {
    return null;
  }
  const json = embeddedSchemeJson({ name: SHEETS.data, rows: column.map((r) => [typeof r[0] === "string" ? r[0] : null]), formulas: {}, merges: [], state: "hidden" });
  if (!json) return null;
  try {
    const parsed = parseScheme(JSON.parse(json), SHEETS.data);
    return parsed.ok ? parsed.scheme : null;
  } catch {
    return null;
  }
}
