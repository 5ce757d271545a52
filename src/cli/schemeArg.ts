import { readFileSync } from "node:fs";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { parseScheme } from "../scheme/load";
import type { Scheme } from "../scheme/schema";

/** --scheme FILE.json: parsed and validated, or every problem listed. */
export function loadSchemeFile(path: string): { ok: true; scheme: Scheme } | { ok: false; diagnostics: Diagnostic[] } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return { ok: false, diagnostics: [problem(`找不到方案文件「${path}」。`, `Cannot read scheme file "${path}".`)] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, diagnostics: [problem(`方案文件「${path}」不是有效的 JSON：${(e as Error).message}`, `Scheme file "${path}" is not valid JSON: ${(e as Error).message}`)] };
  }
  return parseScheme(json, `「${path}」`);
}

function problem(zh: string, en: string): Diagnostic {
  return { severity: "error", sheet: null, cell: null, code: "scheme.file", message: zh, messageEn: en };
}
