import type ExcelJS from "exceljs";
import { basename } from "node:path";
import { hasErrors, type Diagnostic } from "../../diagnostics/diagnostic";
import { schemeOf } from "../../validate/validate";
import { planCollect, type DepartmentFile } from "../../collect/collect";
import { planLedgerCollect } from "../../collect/ledgerCollect";
import { recogniseInputs } from "../../collect/recognise";
import { workbookBytes } from "../../adapters/xlsx/xlsxFile";
import { formatDiagnostics, guardOverwrite, openFile, samePath, say, UsageError, writeAtomic } from "../io";

export interface CollectArgs {
  master: string;
  departments: string[];
  out: string;
  force?: boolean;
}

/** Bring department files into a copy of the master; refuse conflicting duplicates; list who is missing. */
export async function collectCommand(args: CollectArgs): Promise<number> {
  if ([args.master, ...args.departments].some((f) => samePath(f, args.out))) {
    throw new UsageError(say("--out 不能与输入文件相同。", "--out must differ from every input file."));
  }
  await guardOverwrite(args.out, args.force === true);
  const master = await openFile(args.master);
  if (!master.ok) return done(master.diagnostics, 2);
  const files: (DepartmentFile & { workbook: ExcelJS.Workbook })[] = [];
  const problems: Diagnostic[] = [];
  for (const path of args.departments) {
    const f = await openFile(path);
    if (!f.ok) problems.push(...f.diagnostics);
    else files.push({ name: basename(path), snapshot: f.snapshot, workbook: f.workbook });
  }
  if (problems.length) return done(problems, 2);

  const schemeProblems: Diagnostic[] = [];
  const scheme = schemeOf(master.snapshot, schemeProblems);
  if (!scheme) return done(schemeProblems, 1);
  // A file that is not ours is refused by name before anything is planned or written.
  const foreign = recogniseInputs(scheme, { name: basename(args.master), snapshot: master.snapshot }, files);
  if (foreign.length) return done(foreign, 1);
  const departments = planCollect(scheme, master.snapshot, files);
  // The ledgers (联系点台账, 调研台账): rows appended, exact duplicates dropped, conflicts refused.
  const ledgers = planLedgerCollect(scheme, master.snapshot, files);
  const plan = { ...departments, diagnostics: [...departments.diagnostics, ...ledgers.diagnostics] };
  if (hasErrors(plan.diagnostics)) return done([...plan.diagnostics], 1);
  for (const copy of [...plan.copies, ...ledgers.copies]) {
    const from = files[copy.fileIndex]!.workbook.getWorksheet(copy.fromSheet)!;
    const to = master.workbook.getWorksheet(copy.toSheet)!;
    for (const c of copy.cells) {
      to.getCell(c.to.row + 1, c.to.col + 1).value = from.getCell(c.from.row + 1, c.from.col + 1).value;
    }
  }
  writeAtomic(args.out, await workbookBytes(master.workbook));
  const lines = [
    ...plan.copies.map((c) => say(`导入“${c.department}”：来自「${files[c.fileIndex]!.name}」`, `Imported ${c.department} from "${files[c.fileIndex]!.name}"`)),
    ...ledgers.appended.map((a) => say(`“${a.sheet}”追加 ${a.rows} 行：来自「${a.file}」`, `${a.sheet}: ${a.rows} row(s) appended from "${a.file}"`)),
    plan.missing.length
      ? say(`尚未提交的部室：${plan.missing.join("、")}`, `Departments still missing: ${plan.missing.join(", ")}`)
      : say("所有部室均已提交。", "Every department has submitted."),
    say(`已写出：${args.out}`, `Wrote ${args.out}`),
  ];
  if (plan.diagnostics.length) console.log(formatDiagnostics(plan.diagnostics));
  console.log(lines.join("\n"));
  return 0;
}

function done(diagnostics: Diagnostic[], code: number): number {
  console.log(formatDiagnostics(diagnostics));
  return code;
}
