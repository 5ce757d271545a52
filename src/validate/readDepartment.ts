import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Scheme } from "../scheme/schema";
import { foldName } from "../scheme/names";
import type { IndicatorInput, InputValue, Source } from "../engine/inputs";
import { indicatorMax } from "../engine/basic";
import type { DepartmentLayout } from "../layout/department";
import { REASON_LABEL } from "../layout/department";
import { a1, parseRange } from "../workbook/address";
import { cellAt, type SheetSnapshot } from "../workbook/snapshot";
import { cellText, isBlank } from "./cellParse";
import { readNumber, readYesNo, UnitColumn } from "./fields";
import { msg } from "./messages";

/** Read one department's basic-work sheet into indicator inputs, reporting every problem. */
export function readDepartment(scheme: Scheme, layout: DepartmentLayout, sheet: SheetSnapshot, out: Diagnostic[]): IndicatorInput[] {
  const name = sheet.name;
  checkHeaders(layout, sheet, out);
  const inputCols = layout.blocks.flatMap((b) => [...b.columns.map((c) => c.col), b.reasonCol]);
  checkMerges(layout, sheet, inputCols, out);

  const units = new UnitColumn(scheme, name, out);
  const found: { unit: string; row: number }[] = [];
  for (let r = layout.firstDataRow; r < sheet.rows.length; r++) {
    const unitCell = a1(r, layout.unitCol);
    const raw = cellAt(sheet, r, layout.unitCol);
    if (isBlank(raw)) {
      const hasData = layout.blocks.some((b) => b.columns.some((c) => !isBlank(cellAt(sheet, r, c.col))));
      if (hasData && !isGroupRow(scheme, sheet, r)) out.push(msg.rowWithoutUnit(name, unitCell));
      continue;
    }
    const unit = units.resolve(raw, unitCell);
    if (unit && units.claim(unit, unitCell)) found.push({ unit, row: r });
  }

  const anyInput = found.some(({ row }) => layout.blocks.some((b) => b.columns.some((c) => !isBlank(cellAt(sheet, row, c.col)))));
  if (!anyInput) {
    out.push(msg.sheetEmpty(name));
    return [];
  }
  for (const u of scheme.units) if (!units.has(u.name)) out.push(msg.unitMissing(name, u.name));

  const groupOf = new Map(scheme.units.map((u) => [u.name, u.group]));
  const inputs: IndicatorInput[] = [];
  for (const { unit, row } of found) {
    for (const b of layout.blocks) {
      const values: Record<string, InputValue> = {};
      const sources: Record<string, Source> = {};
      const max = indicatorMax(b.indicator, groupOf.get(unit)!);
      for (const c of b.columns) {
        const cell = a1(row, c.col);
        const v = cellAt(sheet, row, c.col);
        sources[c.key] = { sheet: name, cell };
        if (c.input === "yesno") values[c.key] = readYesNo(name, cell, v, out);
        else if (c.input === "score") values[c.key] = readNumber(name, cell, v, { what: "得分", max, required: true }, out);
        else if (c.input === "percent") values[c.key] = readNumber(name, cell, v, { what: c.label, percent: true, required: true }, out);
        else values[c.key] = readNumber(name, cell, v, { what: c.label, integer: true, required: c.required }, out);
      }
      const reasonCell = a1(row, b.reasonCol);
      inputs.push({
        unit,
        indicator: b.indicator.id,
        values,
        sources,
        reason: cellText(cellAt(sheet, row, b.reasonCol)),
        reasonSource: { sheet: name, cell: reasonCell },
      });
    }
  }
  return inputs;
}

function isGroupRow(scheme: Scheme, sheet: SheetSnapshot, r: number): boolean {
  const a = cellText(cellAt(sheet, r, 0));
  return a !== null && scheme.groups.some((g) => a.startsWith(g.name));
}

function checkHeaders(layout: DepartmentLayout, sheet: SheetSnapshot, out: Diagnostic[]): void {
  for (const b of layout.blocks) {
    const first = b.columns[0]!.col;
    const found = cellText(cellAt(sheet, layout.headerRow, first));
    if (!found || !foldName(found).startsWith(foldName(b.indicator.name))) {
      out.push(msg.headerChanged(sheet.name, a1(layout.headerRow, first), b.indicator.name, found));
    }
    const labels = [...b.columns.map((c) => ({ col: c.col, label: c.label })), { col: b.reasonCol, label: REASON_LABEL }];
    for (const { col, label } of labels) {
      const got = cellText(cellAt(sheet, layout.labelRow, col));
      if (got === null || foldName(got) !== foldName(label)) out.push(msg.headerChanged(sheet.name, a1(layout.labelRow, col), label, got));
    }
  }
}

function checkMerges(layout: DepartmentLayout, sheet: SheetSnapshot, inputCols: number[], out: Diagnostic[]): void {
  for (const m of sheet.merges) {
    const r = parseRange(m);
    // Group rows are merged over 序号 and 区县 only; a merge touching an input column is wrong.
    if (r.bottom >= layout.firstDataRow && inputCols.some((c) => c >= r.left && c <= r.right)) out.push(msg.mergedInput(sheet.name, m));
  }
}
