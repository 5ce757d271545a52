/**
 * Shared helpers for the CLI tests: run the real `bin/evalsheet.js` as a child process, hash
 * files, mutate the sample workbook and write it, find cells by the layout the product uses.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { afterAll, expect } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic";
import { builtinScheme } from "../../src/scheme/load";
import { departmentLayout } from "../../src/layout/department";
import { sampleWorkbook, tempDir, writeTemp } from "../support/workbooks";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = join(ROOT, "bin", "evalsheet.js");
export const scheme = builtinScheme();

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `node bin/evalsheet.js ARGS` from the repo root, Chinese messages (EVALSHEET_LANG and
 * EVALSHEET_DEBUG unset). Asynchronous so one test can run several commands side by side.
 */
export function cli(args: readonly string[]): Promise<CliResult> {
  const env = { ...process.env };
  delete env["EVALSHEET_LANG"];
  delete env["EVALSHEET_DEBUG"];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

/** Shown in assertion failures, so a wrong exit code comes with what the CLI said. */
export function show(r: CliResult): string {
  return `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

export function expectExit(r: CliResult, code: number): void {
  expect(r.code, show(r)).toBe(code);
}

/** No stack trace lines ("    at fn (file:1:2)") anywhere in the output. */
export function expectNoStack(r: CliResult): void {
  for (const text of [r.stdout, r.stderr]) expect(text, show(r)).not.toMatch(/^\s{4}at /m);
}

/** The diagnostics of `validate --json`. */
export function jsonDiagnostics(r: CliResult): Diagnostic[] {
  const parsed = JSON.parse(r.stdout) as unknown;
  expect(Object.keys(parsed as object)).toEqual(["diagnostics"]);
  const ds = (parsed as { diagnostics: Diagnostic[] }).diagnostics;
  expect(Array.isArray(ds)).toBe(true);
  return ds;
}

export function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

export function gone(path: string): boolean {
  return !existsSync(path);
}

const dirs: string[] = [];

/** A fresh temp dir, removed after the test file (set EVALSHEET_KEEP_TMP=1 to keep them). */
export function scratchDir(): string {
  const dir = tempDir("evalsheet-cli-");
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  if (process.env["EVALSHEET_KEEP_TMP"]) return;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The seeded sample workbook (valid: 0 errors), changed by `mutate`, written to a fresh temp dir. */
export async function mutated(mutate: (wb: ExcelJS.Workbook) => void | Promise<void>, name = "book.xlsx"): Promise<{ dir: string; file: string }> {
  const wb = await sampleWorkbook();
  await mutate(wb);
  const dir = scratchDir();
  return { dir, file: await writeTemp(wb, name, dir) };
}

/** Read an .xlsx from disk with exceljs (to inspect what the CLI wrote). */
export async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  return wb;
}

export function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** A1 text of a 1-based row and column. */
export function ref(row: number, col: number): string {
  let n = col;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return `${s}${row}`;
}

/**
 * 1-based column of an indicator's input on its department sheet (from the product's layout),
 * or of the indicator's reason column with key "reason".
 */
export function columnOf(department: string, indicatorId: string, key: string): number {
  const layout = departmentLayout(scheme, department);
  const block = layout.blocks.find((b) => b.indicator.id === indicatorId);
  if (!block) throw new Error(`${indicatorId} is not on ${department}`);
  if (key === "reason") return block.reasonCol + 1;
  const c = block.columns.find((x) => x.key === key);
  if (!c) throw new Error(`${indicatorId} has no column ${key}: ${block.columns.map((x) => x.key).join(", ")}`);
  return c.col + 1;
}
