import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Scheme } from "../scheme/schema";
import { unitIndex } from "../scheme/names";
import type { CellValue } from "../workbook/snapshot";
import { cellText, parseNumber, parseYesNo } from "./cellParse";
import { msg } from "./messages";

export interface NumberRule {
  /** What the cell is, for messages: "得分", "次数". */
  readonly what: string;
  readonly max?: number;
  readonly integer?: boolean;
  readonly percent?: boolean;
  /** Report an empty cell as an error (otherwise empty → null silently). */
  readonly required?: boolean;
  /** Added to "what to do" of an empty or non-numeric cell: "，或选择“不适用”". */
  readonly hint?: string;
}

/**
 * Read one numeric input cell, reporting every problem with its cell. Returns the value the
 * engine uses: the number (clamped values are the engine's business), or null when unusable.
 */
export function readNumber(sheet: string, cell: string, v: CellValue, rule: NumberRule, out: Diagnostic[]): number | null {
  const p = parseNumber(v);
  switch (p.kind) {
    case "empty":
      if (rule.required) out.push(msg.empty(sheet, cell, rule.what, rule.hint));
      return null;
    case "invalid":
      out.push(msg.notNumber(sheet, cell, p.raw, rule.what, rule.hint));
      return null;
    case "errorValue":
      out.push(msg.errorValue(sheet, cell, p.error));
      return null;
    case "number": {
      if (p.note) out.push(msg.numberAsText(sheet, cell, p));
      const x = p.value;
      if (rule.percent && (x < 0 || x > 1)) out.push(msg.percentRange(sheet, cell, x));
      else if (x < 0) out.push(msg.negative(sheet, cell, x, rule.what));
      else if (rule.max !== undefined && x > rule.max) out.push(msg.overMax(sheet, cell, x, rule.max, rule.what));
      if (rule.integer && !Number.isInteger(x)) out.push(msg.notInteger(sheet, cell, x, rule.what));
      return x;
    }
  }
}

export function readYesNo(sheet: string, cell: string, v: CellValue, out: Diagnostic[]): boolean | null {
  const p = parseYesNo(v);
  if (p.kind === "yesno") return p.value;
  if (p.kind === "empty") out.push(msg.empty(sheet, cell, "是/否"));
  else if (p.kind === "invalid") out.push(msg.notYesNo(sheet, cell, p.raw));
  else out.push(msg.errorValue(sheet, cell, p.error));
  return null;
}

/** Resolves unit names on one sheet, reporting unknown names, alias/spacing fixes and duplicates. */
export class UnitColumn {
  private readonly index;
  private readonly seen = new Map<string, string>();

  constructor(scheme: Scheme, private readonly sheet: string, private readonly out: Diagnostic[]) {
    this.index = unitIndex(scheme);
  }

  /** The canonical unit name, or null (unknown name, already reported). */
  resolve(v: CellValue, cell: string): string | null {
    const raw = cellText(v);
    if (raw === null) return null;
    const m = this.index.resolve(raw);
    if (m.kind === "unknown") {
      this.out.push(msg.unitUnknown(this.sheet, cell, raw));
      return null;
    }
    if (m.kind === "normalised") this.out.push(msg.unitNormalised(this.sheet, cell, raw, m.unit.name, m.how));
    return m.unit.name;
  }

  /** For sheets with one row per unit: false (and an error) when the unit was already seen. */
  claim(unit: string, cell: string): boolean {
    const first = this.seen.get(unit);
    if (first) {
      this.out.push(msg.unitDuplicate(this.sheet, cell, unit, first));
      return false;
    }
    this.seen.set(unit, cell);
    return true;
  }

  has(unit: string): boolean {
    return this.seen.has(unit);
  }
}
