import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Scheme } from "../scheme/schema";
import { foldName } from "../scheme/names";
import type { CaseInput, CompositeInput, EventInput } from "../engine/inputs";
import { bonusLabel, penaltyLabel, projectLabel } from "../layout/lists";
import { CASES, COMPOSITE, EVENTS } from "../layout/otherSheets";
import { a1, parseRange } from "../workbook/address";
import { cellAt, type CellValue, type SheetSnapshot } from "../workbook/snapshot";
import { serialToIso } from "../workbook/dates";
import { cellText, isBlank, parseDate } from "./cellParse";
import { readNumber, UnitColumn } from "./fields";
import { msg } from "./messages";

export function checkHeaderRow(sheet: SheetSnapshot, row: number, headers: readonly string[], out: Diagnostic[]): void {
  headers.forEach((h, c) => {
    const got = cellText(cellAt(sheet, row, c));
    // What precedes a bracket is the header; the bracket explains it, and older templates lacked it ("评语").
    const key = foldName(h).split("(")[0]!;
    if (got === null || !foldName(got).startsWith(key)) out.push(msg.headerChanged(sheet.name, a1(row, c), h, got));
  });
}

function checkMerges(sheet: SheetSnapshot, firstDataRow: number, inputCols: readonly number[], out: Diagnostic[]): void {
  for (const m of sheet.merges) {
    const r = parseRange(m);
    if (r.bottom >= firstDataRow && inputCols.some((c) => c >= r.left && c <= r.right)) out.push(msg.mergedInput(sheet.name, m));
  }
}

/** Match a dropdown label, a bare name or an id, after folding spaces and full-width forms. */
function matcher<T>(entries: readonly { keys: string[]; value: T }[]): (raw: string) => T | undefined {
  const map = new Map<string, T>();
  for (const e of entries) for (const k of e.keys) map.set(foldName(k), e.value);
  return (raw) => map.get(foldName(raw));
}

export function readCases(scheme: Scheme, sheet: SheetSnapshot, out: Diagnostic[]): CaseInput[] {
  const { cols, firstDataRow } = CASES;
  checkHeaderRow(sheet, CASES.headerRow, CASES.headers, out);
  checkMerges(sheet, firstDataRow, [cols.unit, cols.project, cols.title, cols.text, cols.score], out);
  const findProject = matcher(scheme.cases.projects.map((p) => ({ keys: [projectLabel(p), p.name, p.id], value: p })));
  const units = new UnitColumn(scheme, sheet.name, out);
  const perUnit = new Map<string, number>();
  const cases: CaseInput[] = [];
  for (let r = firstDataRow; r < sheet.rows.length; r++) {
    const at = (c: number) => cellAt(sheet, r, c);
    if ([cols.project, cols.title, cols.text, cols.score].every((c) => isBlank(at(c)))) continue;
    if (isBlank(at(cols.unit))) {
      out.push(msg.rowWithoutUnit(sheet.name, a1(r, cols.unit)));
      continue;
    }
    const unit = units.resolve(at(cols.unit), a1(r, cols.unit));
    if (!unit) continue;
    const projectText = cellText(at(cols.project));
    const project = projectText ? findProject(projectText) : undefined;
    if (!projectText) out.push(msg.empty(sheet.name, a1(r, cols.project), "案例项目"));
    else if (!project) out.push(msg.unknownItem(sheet.name, a1(r, cols.project), projectText, "项目"));
    const text = cellText(at(cols.text)) ?? "";
    if ([...text].length > scheme.cases.textLimit) out.push(msg.caseTooLong(sheet.name, a1(r, cols.text), [...text].length, scheme.cases.textLimit));
    const scoreCell = a1(r, cols.score);
    const score = readNumber(sheet.name, scoreCell, at(cols.score), { what: "案例得分", max: scheme.cases.perCaseMax, required: true }, out);
    // 量化评分并细化扣分理由: a case below full says why, as basic work does (severity per the scheme).
    if (scheme.reasonBelowMax !== "off" && score !== null && score >= 0 && score < scheme.cases.perCaseMax && !cellText(at(cols.comment))) {
      out.push(msg.caseReasonMissing(scheme.reasonBelowMax, sheet.name, a1(r, cols.comment), cellText(at(cols.title)) ?? unit, score, scheme.cases.perCaseMax));
    }
    const n = (perUnit.get(unit) ?? 0) + 1;
    perUnit.set(unit, n);
    if (n > scheme.cases.maxPerUnit) {
      out.push(msg.tooManyCases(sheet.name, a1(r, cols.unit), unit, scheme.cases.maxPerUnit));
      continue;
    }
    cases.push({ unit, projectId: project?.id ?? null, title: cellText(at(cols.title)) ?? "", score, source: { sheet: sheet.name, cell: scoreCell } });
  }
  if (scheme.cases.minPerUnit > 0) for (const u of scheme.units) if (!perUnit.has(u.name)) out.push(msg.noCase(sheet.name, u.name));
  return cases;
}

export function readEvents(scheme: Scheme, sheet: SheetSnapshot, out: Diagnostic[]): EventInput[] {
  const { cols, firstDataRow } = EVENTS;
  checkHeaderRow(sheet, EVENTS.headerRow, EVENTS.headers, out);
  checkMerges(sheet, firstDataRow, [cols.unit, cols.item, cols.count, cols.points, cols.reason], out);
  const findItem = matcher<EventItem>([
    ...scheme.bonus.items.map((item) => ({ keys: [bonusLabel(item), item.name, item.id], value: { kind: "bonus" as const, item } })),
    ...scheme.penalties.items.map((item) => ({ keys: [penaltyLabel(item), item.name, item.id], value: { kind: "penalty" as const, item } })),
  ]);
  const units = new UnitColumn(scheme, sheet.name, out);
  const events: EventInput[] = [];
  for (let r = firstDataRow; r < sheet.rows.length; r++) {
    const at = (c: number) => cellAt(sheet, r, c);
    if ([cols.unit, cols.item, cols.count, cols.points, cols.reason, cols.evidence].every((c) => isBlank(at(c)))) continue;
    const where = (c: number) => a1(r, c);
    if (isBlank(at(cols.unit))) {
      out.push(msg.rowWithoutUnit(sheet.name, where(cols.unit)));
      continue;
    }
    const unit = units.resolve(at(cols.unit), where(cols.unit));
    const itemText = cellText(at(cols.item));
    const found = itemText ? findItem(itemText) : undefined;
    if (!itemText) out.push(msg.empty(sheet.name, where(cols.item), "加分/扣分事项"));
    else if (!found) out.push(msg.unknownItem(sheet.name, where(cols.item), itemText, "加分扣分事项"));
    const count = readCount(sheet.name, where(cols.count), at(cols.count), found ? maxCountOf(found) : undefined, out);
    readEventDate(scheme.year, sheet.name, where(cols.date), at(cols.date), out);
    const reason = cellText(at(cols.reason));
    let points: number | null = null;
    if (found?.kind === "penalty" && found.item.kind === "discretionary") {
      const max = found.item.maxPoints ?? undefined;
      points = readNumber(sheet.name, where(cols.points), at(cols.points), { what: "扣分分值", ...(max !== undefined ? { max } : {}) }, out);
      if (isBlank(at(cols.points))) out.push(msg.discretionaryNoPoints(sheet.name, where(cols.points)));
      if (!reason) out.push(msg.discretionaryNoReason(sheet.name, where(cols.reason)));
    } else if (!isBlank(at(cols.points))) {
      out.push(msg.pointsIgnored(sheet.name, where(cols.points)));
    }
    if (found?.kind === "bonus" && isBlank(at(cols.evidence))) out.push(msg.noEvidence(sheet.name, where(cols.evidence)));
    if (!unit || !found) continue;
    events.push({
      unit,
      kind: found.kind,
      itemId: found.item.id,
      count,
      countSource: { sheet: sheet.name, cell: where(cols.count) },
      points,
      pointsSource: { sheet: sheet.name, cell: where(cols.points) },
      reason,
    });
  }
  return events;
}

type EventItem = { kind: "bonus"; item: Scheme["bonus"]["items"][number] } | { kind: "penalty"; item: Scheme["penalties"]["items"][number] };

function maxCountOf(found: EventItem): number | undefined {
  return found.kind === "bonus" ? found.item.maxCount : found.item.kind === "fixed" ? found.item.maxCount : undefined;
}

/**
 * 次数: blank is one occurrence. Unreadable, or above the item's maximum (a date serial such as
 * 45356 typed into the wrong column would otherwise cost 45,356 points), is an error and counts as none.
 */
function readCount(sheet: string, cell: string, v: CellValue, max: number | undefined, out: Diagnostic[]): number {
  if (isBlank(v)) return 1;
  const n = readNumber(sheet, cell, v, { what: "次数", integer: true }, out);
  if (n === null || n < 0) return 0;
  if (max !== undefined && n > max) {
    out.push(msg.countOverMax(sheet, cell, n, max, looksLikeDate(n) ? serialToIso(n) : null));
    return 0;
  }
  return n;
}

/** A whole number that is a date of this century as a serial (2000-01-01 … 2099-12-31). */
function looksLikeDate(n: number): boolean {
  return Number.isInteger(n) && n >= 36_526 && n <= 73_050;
}

/** 日期: optional, but when given it is a date within the evaluation year. */
function readEventDate(year: number, sheet: string, cell: string, v: CellValue, out: Diagnostic[]): void {
  const p = parseDate(v);
  if (p.kind === "invalid") out.push(msg.notDate(sheet, cell, p.raw, year));
  else if (p.kind === "errorValue") out.push(msg.errorValue(sheet, cell, p.error));
  else if (p.kind === "date") {
    if (p.note) out.push(msg.dateAsText(sheet, cell, p.iso));
    if (!p.iso.startsWith(`${year}-`)) out.push(msg.dateOutOfYear(sheet, cell, p.iso, year));
  }
}

export function readComposite(scheme: Scheme, sheet: SheetSnapshot, out: Diagnostic[]): CompositeInput[] {
  const { cols, firstDataRow } = COMPOSITE;
  checkHeaderRow(sheet, COMPOSITE.headerRow, COMPOSITE.headers, out);
  checkMerges(sheet, firstDataRow, [cols.deduction, cols.incident, cols.reason], out);
  const units = new UnitColumn(scheme, sheet.name, out);
  const rows: CompositeInput[] = [];
  for (let r = firstDataRow; r < sheet.rows.length; r++) {
    const at = (c: number) => cellAt(sheet, r, c);
    const unitCell = a1(r, cols.unit);
    if (isBlank(at(cols.unit))) {
      if (!isBlank(at(cols.deduction))) out.push(msg.rowWithoutUnit(sheet.name, unitCell));
      continue;
    }
    const unit = units.resolve(at(cols.unit), unitCell);
    if (!unit || !units.claim(unit, unitCell)) continue;
    const cell = a1(r, cols.deduction);
    const deduction = readNumber(sheet.name, cell, at(cols.deduction), { what: "综合评估扣分", max: scheme.components.composite }, out);
    const incident = cellText(at(cols.incident));
    const reason = cellText(at(cols.reason));
    if (deduction !== null && deduction > 0 && (!incident || !reason)) out.push(msg.compositeNoReason(sheet.name, a1(r, incident ? cols.reason : cols.incident)));
    rows.push({ unit, deduction, incident, reason, source: { sheet: sheet.name, cell } });
  }
  return rows;
}
