import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Scheme } from "../scheme/schema";
import { foldName } from "../scheme/names";
import type { InputValue } from "../engine/inputs";
import { setValue, sheetColumns, type SheetColumns } from "../engine/columns";
import { NOT_APPLICABLE } from "../engine/rules";
import type { BlockColumn, DepartmentLayout, IndicatorBlock } from "../layout/department";
import { columnLabel, columnMax, labelBase, REASON_LABEL } from "../layout/department";
import { a1, parseRange } from "../workbook/address";
import { cellAt, type CellValue, type SheetSnapshot } from "../workbook/snapshot";
import { cellText, isBlank } from "./cellParse";
import { readNumber, readYesNo, UnitColumn } from "./fields";
import { msg } from "./messages";
import { findSignOff, readSignOff, type SignOff } from "./signOff";

export interface DepartmentReading {
  /** The sheet's scores in columns (engine/columns.ts); null while the sheet has no scores. */
  readonly columns: SheetColumns | null;
  /** Null while the sheet has no scores (nothing to approve yet). */
  readonly signOff: SignOff | null;
}

/**
 * Read one department's basic-work sheet into columns of indicator inputs and its sign-off,
 * reporting every problem. Cells are read row by row, block by block, as they always were (so
 * problems come in the same order), but into typed arrays: no object per score.
 */
export function readDepartment(scheme: Scheme, layout: DepartmentLayout, sheet: SheetSnapshot, out: Diagnostic[]): DepartmentReading {
  const name = sheet.name;
  checkHeaders(layout, sheet, out);
  const inputCols = layout.blocks.flatMap((b) => [...b.columns.map((c) => c.col), b.reasonCol]);
  // Units end where the 部室审定 block starts (sheets made before it existed: at the last row).
  const signOffAt = findSignOff(layout, sheet);
  checkMerges(layout, sheet, inputCols, signOffAt ?? Infinity, out);

  const units = new UnitColumn(scheme, name, out);
  const found: { unit: string; row: number }[] = [];
  const end = signOffAt ?? sheet.rows.length;
  for (let r = layout.firstDataRow; r < end; r++) {
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
    return { columns: null, signOff: null };
  }
  const signOff = readSignOff(scheme, layout, sheet, signOffAt, out);
  for (const u of scheme.units) if (!units.has(u.name)) out.push(msg.unitMissing(name, u.name));

  const unitAt = new Map(scheme.units.map((u, i) => [u.name, i]));
  const rows = found.map(({ unit, row }) => ({ unit: unitAt.get(unit)!, row }));
  const indicatorAt = new Map(scheme.indicators.map((x, i) => [x, i]));
  const columns = sheetColumns(scheme, name, rows, layout.blocks.map((b) => ({ index: indicatorAt.get(b.indicator)!, columns: b.columns, reasonCol: b.reasonCol })));
  for (const { unit, row } of rows) {
    const groupId = scheme.units[unit]!.group;
    layout.blocks.forEach((b, k) => {
      const target = columns.indicators[k]!;
      b.columns.forEach((c, j) => setValue(target.columns[j]!, unit, readColumn(b, c, groupId, name, a1(row, c.col), cellAt(sheet, row, c.col), out)));
      const reason = cellText(cellAt(sheet, row, b.reasonCol));
      if (reason !== null) target.reasons.set(unit, reason);
    });
  }
  return { columns, signOff };
}

function readColumn(b: IndicatorBlock, c: BlockColumn, groupId: string, sheet: string, cell: string, v: CellValue, out: Diagnostic[]): InputValue {
  if (c.input === "yesno") return readYesNo(sheet, cell, v, out);
  const text = typeof v === "string" ? foldName(v) : null;
  if (text === NOT_APPLICABLE) {
    if (c.notApplicable) return "na";
    out.push(msg.notApplicableRefused(sheet, cell, c.label));
    return null;
  }
  const hint = c.notApplicable ? `，或选择“${NOT_APPLICABLE}”` : "";
  if (c.input === "score") return readNumber(sheet, cell, v, { what: "得分", max: columnMax(b, c, groupId), required: true }, out);
  if (c.input === "percent") return readNumber(sheet, cell, v, { what: c.label, percent: true, required: true, hint }, out);
  return readNumber(sheet, cell, v, { what: c.label, integer: true, required: c.required, hint }, out);
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
    const labels = [...b.columns.map((c) => ({ col: c.col, label: columnLabel(b, c) })), { col: b.reasonCol, label: REASON_LABEL }];
    for (const { col, label } of labels) {
      const got = cellText(cellAt(sheet, layout.labelRow, col));
      if (got === null || foldName(labelBase(got)) !== foldName(labelBase(label))) out.push(msg.headerChanged(sheet.name, a1(layout.labelRow, col), label, got));
    }
  }
}

function checkMerges(layout: DepartmentLayout, sheet: SheetSnapshot, inputCols: number[], signOffAt: number, out: Diagnostic[]): void {
  for (const m of sheet.merges) {
    const r = parseRange(m);
    // Group rows are merged over 序号 and 区县 only; a merge touching an input column is wrong
    // (the 部室审定 block below the units merges its own cells).
    if (r.bottom >= layout.firstDataRow && r.top < signOffAt && inputCols.some((c) => c >= r.left && c <= r.right)) out.push(msg.mergedInput(sheet.name, m));
  }
}
