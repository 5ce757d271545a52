import { periodTitle } from "../scheme/year";
import { columnLetters } from "../workbook/address";
import type { Scheme } from "../scheme/schema";
import type { CellSpec, SheetSpec } from "../workbook/plan";
import { input, inputText, label, row, text, formula } from "./cells";
import { eventLabels, LIST_COLUMNS, listRange, projectLabel } from "./lists";
import { SHEETS } from "./names";
import { CASES, COMPOSITE, EVENTS } from "./otherSheets";
import { areaOf, fitRowHeights, lastFilledRow, SEQ_WIDTH } from "./print";
import type { SampleData } from "./sample";
import { isoToSerial } from "../workbook/dates";
import { dateText } from "../validate/cellParse";

function headed(title: string, note: string, headers: readonly string[]): { rows: (CellSpec | null)[][]; merges: string[] } {
  const w = headers.length;
  const last = columnLetters(w - 1);
  return {
    rows: [row(w, { 0: text(title, "title") }), row(w, { 0: text(note, "note") }), headers.map((h) => text(h, "header"))],
    merges: [`A1:${last}1`, `A2:${last}2`],
  };
}

/** 最佳实践案例: one row per case; the template offers two rows per unit. */
export function casesSheet(scheme: Scheme, sample?: SampleData): SheetSpec {
  const c = scheme.cases;
  const { rows, merges } = headed(
    `最佳实践案例评分表（${periodTitle(scheme)}）`,
    `每个区县报送 ${c.minPerUnit}—${c.maxPerUnit} 个案例，每个案例内容不超过 ${c.textLimit} 字；由项目所属品牌的牵头部室评分，每个案例 0—${c.perCaseMax} 分，低于满分须在“评语（扣分理由）”中写明扣分理由。多出的案例请整行删除。`,
    CASES.headers,
  );
  const projects = listRange(LIST_COLUMNS.projects, c.projects.length);
  const depts = listRange(LIST_COLUMNS.projectDepartments, c.projects.length);
  type CaseRow = Partial<SampleData["cases"][number]> & { unit: string };
  // Every unit gets its `maxPerUnit` rows, filled or not, so a second case can be added in place
  // (and the summary's formulas, which cover these rows, count it).
  const sampleRows: CaseRow[] = scheme.units.flatMap((u) => {
    const filled: CaseRow[] = (sample?.cases ?? []).filter((x) => x.unit === u.name);
    return [...filled, ...Array.from({ length: Math.max(0, c.maxPerUnit - filled.length) }, () => ({ unit: u.name }))];
  });
  sampleRows.forEach((s, i) => {
    const r = rows.length + 1;
    const project = s.project;
    const dept = project ? (c.projects.find((p) => projectLabel(p) === project)?.department ?? "") : "";
    rows.push([
      label(i + 1),
      label(s.unit),
      inputText(project, { kind: "list", items: [], source: projects, prompt: "从列表中选择项目", error: "请从列表中选择项目" }),
      inputText(s.title),
      inputText(s.text, { kind: "textLength", max: c.textLimit, prompt: `不超过 ${c.textLimit} 字`, error: `案例内容不能超过 ${c.textLimit} 字` }),
      input(s.score, { kind: "decimal", min: 0, max: c.perCaseMax, prompt: `0 至 ${c.perCaseMax} 分`, error: `得分应在 0 至 ${c.perCaseMax} 之间` }),
      formula(`IFERROR(INDEX(${depts},MATCH(C${r},${projects},0)),"")`, dept),
      inputText(s.comment),
    ]);
  });
  // One landscape page wide at ≈ 90 %: a 500-character case wraps in 案例内容 to about 20 lines,
  // and its row is given that height (Excel and LibreOffice do not grow it by themselves).
  const columnWidths = [SEQ_WIDTH, 11, 18, 16, 48, 6, 9, 16];
  return {
    name: SHEETS.cases, rows, merges, columnWidths,
    rowHeights: fitRowHeights(rows, columnWidths, merges),
    freeze: { rows: CASES.firstDataRow, cols: 2 },
    print: { landscape: true, titleRows: "3:3", area: areaOf(rows.length - 1, CASES.headers.length - 1), fitToWidth: 1 },
    tabColor: "FF107C41",
  };
}

/** 加分扣分: an event log, one row per award, criticism or discretionary penalty. */
export function eventsSheet(scheme: Scheme, sample?: SampleData): SheetSpec {
  const { rows, merges } = headed(
    `加分扣分登记表（${periodTitle(scheme)}）`,
    `每行登记一件事；“次数”空白按 1 次计；“日期”填 ${scheme.year} 年内的日期（如 ${scheme.year}-03-01）。累计加分不超过 ${scheme.components.bonusCap} 分，部分事项另有封顶。酌情扣分须填写“酌情扣分分值”和理由。请附证明材料（扫描件名称）。`,
    EVENTS.headers,
  );
  const units = listRange(LIST_COLUMNS.units, scheme.units.length);
  const items = listRange(LIST_COLUMNS.events, eventLabels(scheme).length);
  const filled = sample?.events ?? [];
  const n = Math.max(EVENTS.blankRows, filled.length + 20);
  // The row's item is chosen later, so the sheet can only hold the largest per-item maximum; the reader checks each item's own.
  const maxCount = Math.max(...scheme.bonus.items.map((b) => b.maxCount), ...scheme.penalties.items.map((p) => (p.kind === "fixed" ? p.maxCount : 1)));
  const y = scheme.year;
  const dateRule = { kind: "date", min: `${y}-01-01`, max: `${y}-12-31`, prompt: `${y} 年内的日期，如 ${y}-03-01`, error: `请填写 ${y} 年内的日期（${y}-01-01 至 ${y}-12-31）` } as const;
  for (let i = 0; i < n; i++) {
    const e = filled[i];
    rows.push([
      label(i + 1),
      inputText(e?.unit, { kind: "list", items: [], source: units, prompt: "选择区县", error: "请从列表中选择区县" }),
      inputText(e?.item, { kind: "list", items: [], source: items, prompt: "选择加分或扣分事项", error: "请从列表中选择事项" }),
      input(e?.count, { kind: "whole", min: 0, max: maxCount, prompt: `次数（不超过 ${maxCount}），空白按 1 次计`, error: `请填写 0 至 ${maxCount} 的整数次数（日期请填在“日期”列）` }),
      input(e?.points, { kind: "decimal", min: 0, prompt: "仅酌情扣分填写", error: "请填写不小于 0 的分值" }),
      // A real date cell (a serial shown as yyyy-mm-dd), so sorting, filtering and the year check work.
      input(e?.date && dateText(e.date) ? isoToSerial(dateText(e.date)!) : e?.date, dateRule, "yyyy-mm-dd"),
      inputText(e?.evidence),
      inputText(e?.reason),
    ]);
  }
  const columnWidths = [SEQ_WIDTH, 11, 32, 5, 8, 12, 20, 32];
  // The numbered rows below the last event are for adding events, not for printing: the print
  // area ends at the last filled row (a blank sheet prints one page of rows to fill in by hand).
  const lastRow = Math.max(lastFilledRow(rows, [EVENTS.cols.seq]), EVENTS.firstDataRow + 19);
  return {
    name: SHEETS.events, rows, merges, columnWidths,
    rowHeights: fitRowHeights(rows, columnWidths, merges),
    freeze: { rows: EVENTS.firstDataRow, cols: 2 },
    print: { landscape: true, titleRows: "3:3", area: areaOf(lastRow, EVENTS.headers.length - 1), fitToWidth: 1 },
    tabColor: "FFC55A11",
  };
}

/** 综合评估: full marks unless a major incident; one row per unit. */
export function compositeSheet(scheme: Scheme, sample?: SampleData): SheetSpec {
  const { rows, merges } = headed(
    `综合评估表（${periodTitle(scheme)}，满分 ${scheme.components.composite} 分）`,
    "未发生重大安全责任事故、意识形态重大负面舆论影响、违法违纪案件等特殊情况的，原则上不扣分，“扣分”留空即为满分。扣分须选择事由并写明说明。",
    COMPOSITE.headers,
  );
  const incidents = listRange(LIST_COLUMNS.incidents, scheme.composite.incidents.length);
  scheme.units.forEach((u, i) => {
    const s = sample?.composite.get(u.name);
    rows.push([
      label(i + 1),
      label(scheme.groups.find((g) => g.id === u.group)!.shortName),
      label(u.name),
      input(s?.deduction, { kind: "decimal", min: 0, max: scheme.components.composite, prompt: "留空为不扣分", error: `扣分应在 0 至 ${scheme.components.composite} 之间` }),
      inputText(s?.incident, { kind: "list", items: [], source: incidents, prompt: "选择事由", error: "请从列表中选择事由" }),
      inputText(s?.reason),
    ]);
  });
  const columnWidths = [SEQ_WIDTH, 12, 12, 6, 26, 50];
  return {
    name: SHEETS.composite, rows, merges, columnWidths,
    rowHeights: fitRowHeights(rows, columnWidths, merges),
    freeze: { rows: COMPOSITE.firstDataRow, cols: 3 },
    print: { landscape: true, titleRows: "3:3", area: areaOf(rows.length - 1, COMPOSITE.headers.length - 1), fitToWidth: 1 },
    tabColor: "FF7030A0",
  };
}
