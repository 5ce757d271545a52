import { hasErrors } from "../../diagnostics/diagnostic";
import { readWorkbook } from "../../validate/validate";
import { formatDiagnostics, openFile, say } from "../io";
import { resolveScheme } from "./template";

export interface ValidateArgs {
  file: string;
  json: boolean;
  scheme?: string | undefined;
}

/** Exit 0: no errors; 1: errors in the workbook; 2: file unreadable or bad usage. Never writes. */
export async function validateCommand(args: ValidateArgs): Promise<number> {
  const scheme = args.scheme ? resolveScheme(args.scheme) : undefined;
  if (typeof scheme === "number") return scheme;
  const opened = await openFile(args.file);
  if (!opened.ok) return report(args, opened.diagnostics, 2);
  const reading = readWorkbook(opened.snapshot, scheme ? { scheme } : {});
  const diagnostics = [...opened.diagnostics, ...reading.diagnostics];
  if (!reading.ok) return report(args, diagnostics, 1);
  return report(args, diagnostics, hasErrors(diagnostics) ? 1 : 0);
}

function report(args: ValidateArgs, diagnostics: Parameters<typeof formatDiagnostics>[0], code: number): number {
  if (args.json) {
    console.log(JSON.stringify({ diagnostics }, null, 2));
  } else {
    console.log(formatDiagnostics(diagnostics));
    console.log(code === 0 ? say(`✔ ${args.file} 可以汇总。`, `✔ ${args.file} is ready to aggregate.`) : code === 1 ? say(`请按上面的提示修改后再汇总。`, `Fix the problems above, then aggregate.`) : "");
  }
  return code;
}
