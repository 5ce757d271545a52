/**
 * LibreOffice headless as an independent formula engine for tests (Node only).
 *
 * `recalcWithLibreOffice` makes LibreOffice recalculate .xlsx files and save copies whose cached
 * values are LibreOffice's own results; `readCachedValues` reads those values back with exceljs.
 *
 * Same idea as scripts/lo-recalc.sh: LibreOffice by default TRUSTS the values cached in an .xlsx
 * (Calc > Formula > Load, OOXMLRecalcMode=1 "never recalculate") and ignores fullCalcOnLoad, so
 * every call runs soffice with a fresh throw-away user profile whose registrymodifications.xcu sets
 * OOXMLRecalcMode=0 ("always recalculate"). The private profile also means parallel calls (vitest
 * workers) do not fight over one profile lock.
 *
 * Known LibreOffice 7.4 quirks (Debian 12): RANK.EQ is only computed when written `_xlfn.RANK.EQ`
 * in the file; unknown functions (EVAL.TOTAL…) and XLOOKUP/LET/LAMBDA/FILTER give #NAME? (or
 * Err:509); error kinds can differ from Excel's, so compare "is an error" rather than which one.
 *
 * Needs: apt-get install -y --no-install-recommends libreoffice-calc-nogui
 */
import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';

export type CachedValue = string | number | boolean | null | { error: string };

const SOFFICE = 'soffice';

const RECALC_PROFILE_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Full path of an executable named `name` on PATH, or null. */
function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** True when `soffice` is on PATH. */
export function libreOfficeAvailable(): boolean {
  return findOnPath(SOFFICE) !== null;
}

export interface RecalcOptions {
  /** Kill soffice after this many milliseconds (default 180 000). */
  timeoutMs?: number;
}

/**
 * Recalculates `files` with ONE soffice invocation and writes `<outDir>/<name>.xlsx` for each.
 * Returns the output paths in the order of `files`. Throws (with soffice's stderr) when soffice is
 * missing, fails, times out, or an output is missing.
 */
export async function recalcWithLibreOffice(
  files: string[],
  outDir: string,
  options: RecalcOptions = {},
): Promise<string[]> {
  if (files.length === 0) return [];
  const soffice = findOnPath(SOFFICE);
  if (!soffice) {
    throw new Error(
      'soffice not found on PATH; install LibreOffice: apt-get install -y --no-install-recommends libreoffice-calc-nogui',
    );
  }

  const absOut = path.resolve(outDir);
  await mkdir(absOut, { recursive: true });
  const inputs = files.map((f) => path.resolve(f));
  const outputs: string[] = [];

  const seen = new Map<string, string>();
  for (const [i, input] of inputs.entries()) {
    const out = path.join(absOut, `${path.parse(input).name}.xlsx`);
    outputs[i] = out;
    const other = seen.get(out);
    if (other !== undefined) throw new Error(`${input} and ${other} would both be written to ${out}`);
    seen.set(out, input);
    if (out === input) throw new Error(`${out} would overwrite its input; choose another outDir`);
  }
  // Stale outputs must not pass for fresh ones.
  await Promise.all(outputs.map((out) => rm(out, { force: true })));

  const profile = await mkdtemp(path.join(tmpdir(), 'lo-recalc-profile-'));
  try {
    await mkdir(path.join(profile, 'user'), { recursive: true });
    await writeFile(path.join(profile, 'user', 'registrymodifications.xcu'), RECALC_PROFILE_XCU);
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--invisible',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      'xlsx:Calc MS Excel 2007 XML',
      '--outdir',
      absOut,
      ...inputs,
    ];
    const run = await runProcess(soffice, args, options.timeoutMs ?? 180_000);

    const missing: string[] = [];
    for (const out of outputs) {
      const st = await stat(out).catch(() => null);
      if (!st || st.size === 0) missing.push(out);
    }
    if (missing.length > 0 || run.code !== 0) {
      const why = run.timedOut ? `timed out after ${options.timeoutMs ?? 180_000} ms` : `soffice exit ${run.code ?? run.signal}`;
      throw new Error(
        `LibreOffice recalculation failed (${why}); missing outputs: ${missing.join(', ') || 'none'}\n` +
          `soffice stderr:\n${run.stderr.trim() || '(empty)'}\nsoffice stdout:\n${run.stdout.trim() || '(empty)'}`,
      );
    }
    return outputs;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function runProcess(cmd: string, args: string[], timeoutMs: number): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** Excel serial number of a date that exceljs built from a date-formatted number. */
function dateToSerial(d: Date, date1904: boolean): number {
  return d.getTime() / 86_400_000 + 25_569 - (date1904 ? 1462 : 0);
}

function plain(v: unknown, date1904: boolean): CachedValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToSerial(v, date1904);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.error === 'string') return { error: o.error };
    if (Array.isArray(o.richText)) {
      return (o.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
    }
    if ('hyperlink' in o) return plain(o.text, date1904);
  }
  throw new Error(`unexpected cell value: ${JSON.stringify(v)}`);
}

/**
 * Values of sheet `sheet` of `file` as cached in the file (after `recalcWithLibreOffice`: the values
 * LibreOffice computed). `grid[r][c]` is the cell at row r+1, column c+1, up to the last row and
 * column holding a value; empty cells are null.
 * - Formula cells give their result via `cell.result` (`cell.value.result` loses 0, false and "").
 *   A formula cell without a cached value gives "": LibreOffice writes an empty-string result as an
 *   empty `<v>`, which exceljs cannot tell from no value.
 * - Errors are `{error}`, e.g. `{error: '#NAME?'}`; dates are serial numbers; rich text is its
 *   plain text; hyperlinks are their text; cells covered by a merge (not its top-left) are null.
 */
export async function readCachedValues(file: string, sheet: string): Promise<CachedValue[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet);
  if (!ws) {
    const names = wb.worksheets.map((w) => JSON.stringify(w.name)).join(', ');
    throw new Error(`${file}: no sheet ${JSON.stringify(sheet)} (sheets: ${names || 'none'})`);
  }
  const date1904 = Boolean(wb.properties.date1904);
  // Walk only cells holding a value: ws.rowCount/columnCount also count styled empty rows and
  // columns, which some files (and LibreOffice's copies of them) carry to the sheet's very end
  // (1048576 x 1024): a dense walk over those never ends.
  const found: { r: number; c: number; v: CachedValue }[] = [];
  let lastRow = 0;
  let lastCol = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      let v: CachedValue;
      if (cell.type === ExcelJS.ValueType.Merge) {
        v = null;
      } else if (cell.type === ExcelJS.ValueType.Formula) {
        const result: unknown = cell.result;
        v = result === undefined ? '' : plain(result, date1904);
      } else {
        v = plain(cell.value, date1904);
      }
      if (v === null) return;
      found.push({ r, c, v });
      lastRow = Math.max(lastRow, r);
      lastCol = Math.max(lastCol, c);
    });
  });
  const grid: CachedValue[][] = Array.from({ length: lastRow }, () =>
    Array.from({ length: lastCol }, (): CachedValue => null),
  );
  for (const { r, c, v } of found) {
    const row = grid[r - 1];
    if (row) row[c - 1] = v;
  }
  return grid;
}
