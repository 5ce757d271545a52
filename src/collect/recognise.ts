/**
 * Is a workbook given to `collect` one of ours? Departments send back whatever they have, and a
 * file that is not this scheme's department file (or a master that is not an evaluation workbook)
 * must be refused by name — silently skipping it wrote an output as if nothing were wrong.
 */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic";
import type { Scheme } from "../scheme/schema";
import { foldName } from "../scheme/names";
import { departmentLayouts } from "../layout/department";
import { SHEETS } from "../layout/names";
import type { WorkbookSnapshot } from "../workbook/snapshot";

/** The department sheets' names and aliases, and the ledgers a department may fill, folded. */
function departmentSheetNames(scheme: Scheme): Set<string> {
  const names = departmentLayouts(scheme).flatMap((l) => [l.sheet, ...(scheme.departments.find((d) => d.name === l.department)?.aliases ?? [])]);
  return new Set([...names, SHEETS.contactLog, SHEETS.researchLog].map(foldName));
}

function hasAnySheet(wb: WorkbookSnapshot, names: ReadonlySet<string>): boolean {
  return wb.sheets.some((s) => names.has(foldName(s.name)));
}

/** A department file carries the scheme (template --department writes it) or one of its input sheets. */
export function isDepartmentFile(scheme: Scheme, wb: WorkbookSnapshot): boolean {
  return wb.sheets.some((s) => s.name === SHEETS.data) || hasAnySheet(wb, departmentSheetNames(scheme));
}

/** The master carries the scheme, or at least one of the sheets an evaluation workbook is made of. */
export function isEvaluationWorkbook(scheme: Scheme, wb: WorkbookSnapshot): boolean {
  const inputSheets = new Set([SHEETS.cases, SHEETS.events, SHEETS.composite, SHEETS.contacts].map(foldName));
  return isDepartmentFile(scheme, wb) || hasAnySheet(wb, inputSheets);
}

function sheetList(wb: WorkbookSnapshot, sep: string): string {
  const names = wb.sheets.slice(0, 5).map((s) => s.name);
  return names.join(sep) + (wb.sheets.length > 5 ? (sep === "、" ? " 等" : ", …") : "");
}

export const recogniseMessages = {
  notDepartmentFile: (file: string, scheme: Scheme, wb: WorkbookSnapshot): Diagnostic =>
    diagnostic("error", "collect.notDepartmentFile", {
      zh: `「${file}」不是本方案的部室填报表（其中的工作表为 ${sheetList(wb, "、")}，没有任何部室表或台账，也没有保存的评价方案），未导入任何文件、未写出结果。请确认选对了文件：部室填报表由 evalsheet template --department 部室名 --year ${scheme.year} 生成。`,
      en: `"${file}" is not a department file of this scheme (its sheets are ${sheetList(wb, ", ")}: no department sheet or ledger, no stored scheme); nothing was imported or written. Check that you picked the right file: department files are made with evalsheet template --department NAME --year ${scheme.year}.`,
    }),
  notEvaluationWorkbook: (file: string, wb: WorkbookSnapshot): Diagnostic =>
    diagnostic("error", "collect.notEvaluationWorkbook", {
      zh: `主表「${file}」不是评价工作簿（其中的工作表为 ${sheetList(wb, "、")}，没有部室表、综合评估等评价表，也没有保存的评价方案），未写出结果。请把评价工作簿（evalsheet template 生成的主表）放在第一个参数。`,
      en: `The master "${file}" is not an evaluation workbook (its sheets are ${sheetList(wb, ", ")}: no department, 综合评估 or other evaluation sheet, no stored scheme); nothing was written. Give the evaluation workbook (the master made by evalsheet template) as the first argument.`,
    }),
};

/** The refusals for a foreign master or foreign department files; empty when every input is ours. */
export function recogniseInputs(scheme: Scheme, master: { name: string; snapshot: WorkbookSnapshot }, files: readonly { name: string; snapshot: WorkbookSnapshot }[]): Diagnostic[] {
  if (!isEvaluationWorkbook(scheme, master.snapshot)) return [recogniseMessages.notEvaluationWorkbook(master.name, master.snapshot)];
  return files.filter((f) => !isDepartmentFile(scheme, f.snapshot)).map((f) => recogniseMessages.notDepartmentFile(f.name, scheme, f.snapshot));
}
