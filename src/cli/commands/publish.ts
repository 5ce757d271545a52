import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { hasErrors } from "../../diagnostics/diagnostic";
import { readWorkbook } from "../../validate/validate";
import { timestamp } from "../../report/aggregate";
import { PUBLISH_GENERATOR, publishFileName, publishHtml, publishStatus } from "../../report/publish";
import { formatDiagnostics, guardOverwrite, openFile, say, UsageError, writeAtomic } from "../io";

export interface PublishArgs {
  file: string;
  outDir: string;
  approvedOnly: boolean;
  force?: boolean;
}

/**
 * 晾晒: FILE's results as one self-contained HTML page in DIR. A draft is published with its
 * watermark; with --approved-only a workbook not approved (exit 2) or changed since its approval
 * (exit 1, the cells listed) is refused and nothing is written, as `verify` would judge it.
 * A workbook with errors is never published (exit 1). An earlier page of ours is replaced; any
 * other file of that name only with --force.
 */
export async function publishCommand(args: PublishArgs): Promise<number> {
  if (existsSync(args.outDir) && !statSync(args.outDir).isDirectory()) {
    throw new UsageError(say(`--out「${args.outDir}」是一个文件，须为目录（页面写在其中）。`, `--out "${args.outDir}" is a file; it must be a directory (the page is written in it).`));
  }
  const opened = await openFile(args.file);
  if (!opened.ok) {
    console.log(formatDiagnostics(opened.diagnostics));
    return 2;
  }
  const reading = readWorkbook(opened.snapshot);
  const diagnostics = [...opened.diagnostics, ...reading.diagnostics];
  if (!reading.ok || hasErrors(diagnostics)) {
    console.log(formatDiagnostics(diagnostics));
    console.log(say("工作簿有错误，不能公布结果，未写出任何文件。请修改后重新汇总。", "The workbook has errors; nothing was published. Fix them and aggregate again."));
    return 1;
  }
  const status = publishStatus(reading.approval, reading.changedSinceApproval);
  if (args.approvedOnly && status.kind === "draft") {
    console.log(say(
      `「${args.file}」尚未审定（没有审定记录），按 --approved-only 不予公布，未写出任何文件。党组会审定后用 evalsheet approve 记录，再公布；或去掉 --approved-only 公布带“初步意见，未经党组会审定”水印的页面。`,
      `"${args.file}" is not approved (no approval record); with --approved-only nothing was published. Record the approval with evalsheet approve first, or drop --approved-only to publish a draft with its watermark.`,
    ));
    return 2;
  }
  if (args.approvedOnly && status.kind === "changed") {
    console.log(say(
      `「${args.file}」在 ${status.approvedAt} 审定（${status.approvedBy}）后有 ${status.cells} 个输入单元格被修改（evalsheet verify ${args.file} 列出），审定不再覆盖这些数据：按 --approved-only 不予公布，未写出任何文件。请重新汇总并报党组会审定。`,
      `"${args.file}" changed in ${status.cells} input cells after its approval on ${status.approvedAt} (${status.approvedBy}; evalsheet verify lists them); with --approved-only nothing was published. Aggregate again and seek approval again.`,
    ));
    return 1;
  }
  const out = join(args.outDir, publishFileName(reading.scheme.year));
  await guardOverwrite(out, args.force === true, async (path) => readFileSync(path, "utf8").includes(`<meta name="generator" content="${PUBLISH_GENERATOR}">`));
  const replaced = existsSync(out);
  writeAtomic(out, publishHtml(reading.scheme, reading.evaluation, reading.inputs, status, timestamp(new Date())));
  console.log(say(
    `已${replaced ? "更新" : "写出"}晾晒页面：${out}（${reading.scheme.year} 年度，${status.kind === "approved" ? "已审定" : "初步意见，带“未经党组会审定”水印"}）。`,
    `${replaced ? "Updated" : "Wrote"} the results page ${out} (${reading.scheme.year}, ${status.kind === "approved" ? "approved" : "draft, watermarked"}).`,
  ));
  return 0;
}
