import { hasErrors } from "../../diagnostics/diagnostic";
import { readWorkbook } from "../../validate/validate";
import { dateText } from "../../validate/cellParse";
import { approvedPlan, newApproval, verifyApproval } from "../../report/approval";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { writePlanOver } from "../../adapters/xlsx/writeOver";
import { formatDiagnostics, guardOverwrite, openFileDirect, samePath, say, UsageError, writeAtomic } from "../io";

export interface ApproveArgs {
  file: string;
  by: string | undefined;
  date?: string | undefined;
  out: string;
  force?: boolean;
}

/**
 * 审定 from the command line, the same core as the pane's: OUT = FILE aggregated, its summary
 * marked approved, plus the record of who, when and a fingerprint of every input cell.
 * FILE is never modified; a workbook with errors is not approved (exit 1, nothing written).
 */
export async function approveCommand(args: ApproveArgs): Promise<number> {
  const by = args.by?.trim();
  if (!by) throw new UsageError(say("缺少 --by：请写明审定的会议或人员，如 --by 党组会。", "Missing --by: who approved, e.g. --by 党组会."));
  const date = approvalDate(args.date);
  if (samePath(args.file, args.out)) throw new UsageError(say("--out 不能与输入文件相同：输入文件从不被修改。", "--out must differ from the input file: the input is never modified."));
  await guardOverwrite(args.out, args.force === true);
  const opened = await openFileDirect(args.file);
  if (!opened.ok) return done(opened.diagnostics, 2);
  const reading = readWorkbook(opened.snapshot);
  const diagnostics = [...opened.diagnostics, ...reading.diagnostics];
  if (!reading.ok || hasErrors(diagnostics)) {
    console.log(formatDiagnostics(diagnostics));
    console.log(say("工作簿有错误，不能审定，未写出任何文件。请修改后重新汇总，再审定。", "The workbook has errors and cannot be approved; nothing was written. Fix them, aggregate, then approve."));
    return 1;
  }
  const approval = newApproval(opened.snapshot, reading.scheme, by, date);
  // As aggregate writes: the input's own parts (links to other workbooks, charts…) kept as they are.
  const written = await writePlanOver(new Uint8Array(readFileSync(args.file)), basename(args.file), opened.workbook, approvedPlan(reading, approval));
  writeAtomic(args.out, written.bytes);
  const all = [...diagnostics, ...written.diagnostics];
  if (all.length) console.log(formatDiagnostics(all));
  console.log(say(
    `已审定（${reading.scheme.year} 年度，${date}，${by}），已写出：${args.out}。此后输入单元格的任何修改都可用 evalsheet verify ${args.out} 查出。`,
    `Approved (${reading.scheme.year}, ${date}, ${by}); wrote ${args.out}. Any later edit of an input cell shows with evalsheet verify ${args.out}.`,
  ));
  return 0;
}

/** --date: a calendar date (2025-01-20, 2025/1/20, 2025年1月20日); today when absent. */
function approvalDate(raw: string | undefined): string {
  if (raw === undefined) {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  }
  const iso = dateText(raw);
  if (!iso) throw new UsageError(say(`--date “${raw}”不是日期。请写成 2025-01-20 的形式。`, `--date "${raw}" is not a date. Write it as 2025-01-20.`));
  return iso;
}

/** Exit 0: unchanged since approval; 1: changed (the cells are listed); 2: not approved, or unreadable. */
export async function verifyCommand(args: { file: string; json: boolean }): Promise<number> {
  const opened = await openFileDirect(args.file);
  if (!opened.ok) return done(opened.diagnostics, 2);
  const v = verifyApproval(opened.snapshot);
  if (args.json) {
    const record = v.kind === "notApproved" ? {} : { approvedBy: v.approval.approvedBy, approvedAt: v.approval.approvedAt, schemeId: v.approval.schemeId, year: v.approval.year ?? null };
    console.log(JSON.stringify({ status: v.kind, ...record, changed: v.kind === "changed" ? v.cells : [] }, null, 2));
  } else if (v.kind === "notApproved") {
    console.log(say(`「${args.file}」没有审定记录（尚未审定）。党组会审定后，用 evalsheet approve ${args.file} --by 党组会 --out 审定.xlsx 记录。`,
      `"${args.file}" has no approval record (not approved). After approval, record it with evalsheet approve ${args.file} --by NAME --out approved.xlsx.`));
  } else {
    const when = `${v.approval.approvedAt.slice(0, 10)}，${v.approval.approvedBy}`;
    if (v.kind === "unchanged") {
      console.log(say(`✔ 自审定（${when}）以来，输入数据未被修改。`, `✔ No input has changed since approval (${v.approval.approvedAt.slice(0, 10)}, ${v.approval.approvedBy}).`));
    } else {
      console.log(say(`✖ 自审定（${when}）以来，以下 ${v.cells.length} 个单元格被修改：`, `✖ ${v.cells.length} cells changed since approval (${v.approval.approvedAt.slice(0, 10)}, ${v.approval.approvedBy}):`));
      for (const c of v.cells) console.log(`  ${c}`);
      console.log(say("审定结果基于修改前的数据。如需采用修改后的数据，请重新汇总并报党组会审定。", "The approval covers the data before these edits. To use the new data, aggregate again and seek approval again."));
    }
  }
  return v.kind === "notApproved" ? 2 : v.kind === "changed" ? 1 : 0;
}

function done(diagnostics: Parameters<typeof formatDiagnostics>[0], code: number): number {
  console.log(formatDiagnostics(diagnostics));
  return code;
}
