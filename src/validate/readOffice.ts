import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Scheme } from "../scheme/schema";
import { foldName } from "../scheme/names";
import type { CaseInput, CompositeInput, EventInput } from "../engine/inputs";
import { bonusLabel, penaltyLabel, projectLabel } from "../layout/lists";
import { CASES, COMPOSITE, EVENTS } from "../layout/otherSheets";
import { a1, parseRange } from "../workbook/address";
import { cellAt, type SheetSnapshot } from "../workbook/snapshot";
import { cellText, isBlank } from "./cellParse";
import { readNumber, UnitColumn } from "./fields";
import { msg } from "./messages";

export function checkHeaderRow(sheet: SheetSnapshot, row: number, headers: readonly string[], out: Diagnostic[]): void {
  headers.forEach((h, c) => {
    const got = cellText(cellAt(sheet, row, c));
    if (got === null || !foldName(got).startsWith(foldName(h))) out.push(msg.headerChanged(sheet.name, a1(row, c), h, got));
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
  type Item = { kind: "bonus"; item: Scheme["bonus"]["items"][number] } | { kind: "penalty"; item: Scheme["penalties"]["items"][number] };
  const findItem = matcher<Item>([
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
    const countRaw = readNumber(sheet.name, where(cols.count), at(cols.count), { what: "次数", integer: true }, out);
    // An empty count is one occurrence; an unreadable one counts as none (and is an error above).
    const count = isBlank(at(cols.count)) ? 1 : Math.max(0, countRaw ?? 0);
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
