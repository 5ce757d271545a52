import { z } from "zod";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic";
import type { Scheme } from "../scheme/schema";
import { foldName, unitIndex } from "../scheme/names";
import { departmentLayouts, type DepartmentLayout } from "../layout/department";
import { embeddedSchemeJson } from "../layout/dataSheet";
import { SHEETS } from "../layout/names";
import { a1 } from "../workbook/address";
import { cellAt, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "../workbook/snapshot";
import { cellText, isBlank } from "../validate/cellParse";
import { findSignOff, readSignOff } from "../validate/signOff";
import { SIGN_OFF } from "../layout/department";

/**
 * Bringing department sheets that were filled in separate files back into the master.
 * Pure planning: which cells to copy from which file into which master cell; the adapter copies.
 */
export interface CellCopy {
  readonly from: { row: number; col: number };
  readonly to: { row: number; col: number };
}

export interface SheetCopy {
  readonly department: string;
  readonly fileIndex: number;
  /** Sheet name in the department's file, and in the master. */
  readonly fromSheet: string;
  readonly toSheet: string;
  readonly cells: readonly CellCopy[];
}

export interface CollectPlan {
  readonly copies: readonly SheetCopy[];
  readonly missing: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface DepartmentFile {
  readonly name: string;
  readonly snapshot: WorkbookSnapshot;
}

export function planCollect(scheme: Scheme, master: WorkbookSnapshot, files: readonly DepartmentFile[]): CollectPlan {
  const out: Diagnostic[] = [];
  const copies: SheetCopy[] = [];
  const found = new Map<string, { file: string; values: string }>();
  const foreign = new Set(files.filter((f) => !sameScheme(scheme, f, out)));
  for (const layout of departmentLayouts(scheme)) {
    const target = findSheet(master, scheme, layout);
    files.forEach((f, fileIndex) => {
      if (foreign.has(f)) return;
      const sheet = findSheet(f.snapshot, scheme, layout);
      if (!sheet || !hasInput(scheme, layout, sheet)) return;
      const fingerprint = inputFingerprint(scheme, layout, sheet);
      const earlier = found.get(layout.department);
      if (earlier) {
        if (earlier.values !== fingerprint) {
          out.push(diagnostic("error", "collect.conflict", {
            zh: `“${layout.department}”在「${earlier.file}」和「${f.name}」中都已填写，且数值不同。请确认哪一份是最终版本，只提交那一份。`,
            en: `"${layout.department}" is filled in both "${earlier.file}" and "${f.name}" with different values. Keep only the final one.`,
          }, { sheet: layout.sheet }));
        }
        return;
      }
      found.set(layout.department, { file: f.name, values: fingerprint });
      if (!target) {
        out.push(diagnostic("error", "sheet.missing", {
          zh: `主表中没有“${layout.sheet}”工作表，无法导入「${f.name}」。请先在主表中生成模板。`,
          en: `The master has no "${layout.sheet}" sheet to receive "${f.name}". Generate the template in the master first.`,
        }, { sheet: layout.sheet }));
        return;
      }
      const cells = [...rowCopies(scheme, layout, sheet, target, f.name, out), ...signOffCopies(layout, sheet, target)];
      reportUnsigned(scheme, layout, sheet, f.name, out);
      if (hasInput(scheme, layout, target)) {
        out.push(diagnostic("warning", "collect.replaced", {
          zh: `主表的“${layout.sheet}”已有数据，输出文件中已替换为「${f.name}」的数据（主表文件本身未改动）。`,
          en: `The master's "${layout.sheet}" already had data; the output takes "${f.name}"'s instead (the master file is unchanged).`,
        }, { sheet: layout.sheet }));
      }
      copies.push({ department: layout.department, fileIndex, fromSheet: sheet.name, toSheet: target.name, cells });
    });
  }
  const missing = departmentLayouts(scheme)
    .filter((l) => !found.has(l.department))
    .filter((l) => {
      const s = findSheet(master, scheme, l);
      return !s || !hasInput(scheme, l, s);
    })
    .map((l) => l.department);
  return { copies, missing, diagnostics: out };
}

const Identity = z.object({ id: z.string(), year: z.number() });

/**
 * A department file carries the scheme it was made from (template --department). One made for
 * another scheme or year has other indicators, points or units: merging it would score the wrong
 * year silently, so it is refused. A file without a carried scheme (a hand-made copy) is matched
 * by its sheets alone, as before.
 */
function sameScheme(scheme: Scheme, f: DepartmentFile, out: Diagnostic[]): boolean {
  const json = embeddedSchemeJson(f.snapshot.sheets.find((s) => s.name === SHEETS.data));
  if (json === null) return true;
  let identity: z.infer<typeof Identity> | null = null;
  try {
    const r = Identity.safeParse(JSON.parse(json));
    if (r.success) identity = r.data;
  } catch {
    // Unreadable JSON: reported below like a missing identity.
  }
  if (!identity) {
    out.push(diagnostic("error", "collect.schemeUnreadable", {
      zh: `「${f.name}」中保存的评价方案（隐藏表“${SHEETS.data}”）无法读取，无法确认它与主表（${scheme.id}，${scheme.year} 年度）相同，未导入。请用主表的方案重新生成该部室表。`,
      en: `The scheme stored in "${f.name}" (hidden sheet "${SHEETS.data}") cannot be read, so it cannot be matched with the master (${scheme.id}, ${scheme.year}); not imported. Regenerate the department file from the master's scheme.`,
    }));
    return false;
  }
  if (identity.id === scheme.id && identity.year === scheme.year) return true;
  out.push(diagnostic("error", "collect.otherScheme", {
    zh: `「${f.name}」是按评价方案 ${identity.id}（${identity.year} 年度）生成的，主表是评价方案 ${scheme.id}（${scheme.year} 年度），不能合并，未导入任何文件。请用与主表相同的方案和年度重新生成部室表（如 evalsheet template --department 宣教部 --year ${scheme.year}），填好后再导入。`,
    en: `"${f.name}" was made from scheme ${identity.id} (${identity.year}); the master is scheme ${scheme.id} (${scheme.year}). They cannot be merged; nothing was imported. Regenerate the department file with the master's scheme and year (e.g. evalsheet template --department 宣教部 --year ${scheme.year}), fill it in and import it again.`,
  }));
  return false;
}

function findSheet(wb: WorkbookSnapshot, scheme: Scheme, layout: DepartmentLayout): SheetSnapshot | undefined {
  const names = [layout.sheet, ...(scheme.departments.find((d) => d.name === layout.department)?.aliases ?? [])].map(foldName);
  return wb.sheets.find((s) => s.name === layout.sheet) ?? wb.sheets.find((s) => names.includes(foldName(s.name)));
}

function inputCols(layout: DepartmentLayout): number[] {
  return layout.blocks.flatMap((b) => [...b.columns.map((c) => c.col), b.reasonCol]);
}

/** Any input on a unit's row. Group rows carry hints (maxima, 是/否) in the same columns: not input. */
function hasInput(scheme: Scheme, layout: DepartmentLayout, sheet: SheetSnapshot): boolean {
  const cols = layout.blocks.flatMap((b) => b.columns.map((c) => c.col));
  for (const r of unitRows(scheme, layout, sheet).values()) if (cols.some((c) => !isBlank(cellAt(sheet, r, c)))) return true;
  return false;
}

function unitRows(scheme: Scheme, layout: DepartmentLayout, sheet: SheetSnapshot): Map<string, number> {
  const index = unitIndex(scheme);
  const rows = new Map<string, number>();
  for (let r = layout.firstDataRow; r < sheet.rows.length; r++) {
    const name = cellText(cellAt(sheet, r, layout.unitCol));
    if (!name) continue;
    const m = index.resolve(name);
    if (m.kind !== "unknown" && !rows.has(m.unit.name)) rows.set(m.unit.name, r);
  }
  return rows;
}

/** Values by unit (not by position), so two files that sorted rows differently still compare equal. */
function inputFingerprint(scheme: Scheme, layout: DepartmentLayout, sheet: SheetSnapshot): string {
  const rows = unitRows(scheme, layout, sheet);
  return JSON.stringify([...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([u, r]) => [u, inputCols(layout).map((c) => norm(cellAt(sheet, r, c)))]));
}

function norm(v: CellValue): unknown {
  return typeof v === "string" ? v.trim() : v;
}

function rowCopies(scheme: Scheme, layout: DepartmentLayout, from: SheetSnapshot, to: SheetSnapshot, file: string, out: Diagnostic[]): CellCopy[] {
  const src = unitRows(scheme, layout, from);
  const dst = unitRows(scheme, layout, to);
  const cells: CellCopy[] = [];
  for (const [unit, r] of src) {
    const target = dst.get(unit);
    if (target === undefined) {
      out.push(diagnostic("error", "collect.unitNotInMaster", {
        zh: `「${file}」的“${unit}”在主表“${to.name}”中没有对应行，未导入。请在主表补上该区县。`,
        en: `"${unit}" from "${file}" has no row in the master's "${to.name}"; not imported.`,
      }, { sheet: to.name, cell: a1(r, layout.unitCol) }));
      continue;
    }
    for (const c of inputCols(layout)) cells.push({ from: { row: r, col: c }, to: { row: target, col: c } });
  }
  return cells;
}

/** The 部室审定 values travel with the scores: each field's value cell, found by its label on both sides. */
function signOffCopies(layout: DepartmentLayout, from: SheetSnapshot, to: SheetSnapshot): CellCopy[] {
  const at = [findSignOff(layout, from), findSignOff(layout, to)] as const;
  if (at[0] === null || at[1] === null) return [];
  const rowOf = (sheet: SheetSnapshot, start: number, label: string) => {
    for (let r = start + 1; r < Math.min(sheet.rows.length, start + 1 + SIGN_OFF.fields.length + 3); r++) {
      if (foldName(cellText(cellAt(sheet, r, layout.seqCol)) ?? "") === foldName(label)) return r;
    }
    return null;
  };
  const col = layout.unitCol + 1;
  return SIGN_OFF.fields.flatMap((f) => {
    const a = rowOf(from, at[0]!, f.label);
    const b = rowOf(to, at[1]!, f.label);
    return a === null || b === null ? [] : [{ from: { row: a, col }, to: { row: b, col } }];
  });
}

/** "经分管领导审定后，交办公室汇总": a department file brought back without its sign-off is reported. */
function reportUnsigned(scheme: Scheme, layout: DepartmentLayout, sheet: SheetSnapshot, file: string, out: Diagnostic[]): void {
  const s = readSignOff(scheme, layout, sheet, findSignOff(layout, sheet), []);
  if (s.signed || scheme.signOff === "off") return;
  const missing = [s.scorer ? null : "评分人", s.approver ? null : "分管领导审定", s.date ? null : "审定日期"].filter((x): x is string => x !== null);
  out.push(diagnostic("warning", "collect.unsigned", {
    zh: `「${file}」的“${layout.department}”尚未经分管领导审定（${missing.join("、")}未填）。已导入；请该部室补齐表尾“部室审定”栏后再提交党组会。`,
    en: `"${layout.department}" in "${file}" is not signed off by its leader (${missing.length} field(s) empty). Imported; have the department complete the 部室审定 block.`,
  }, { sheet: layout.sheet }));
}
