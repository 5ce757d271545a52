/**
 * Proves the LibreOffice harness: LibreOffice really recalculates (a deliberately wrong cached
 * value is replaced), computes the SUMPRODUCT rank we use, and turns unknown functions into errors.
 * Without soffice on PATH: fails in CI (CI must install it, see .ci/run), skips elsewhere.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CachedValue,
  libreOfficeAvailable,
  readCachedValues,
  recalcWithLibreOffice,
} from './libreoffice';

const ciFlag = (process.env.CI ?? '').toLowerCase();
const inCI = ciFlag !== '' && ciFlag !== 'false' && ciFlag !== '0';
const available = libreOfficeAvailable();
const INSTALL = 'apt-get install -y --no-install-recommends libreoffice-calc-nogui';

if (!available) {
  if (inCI) {
    it('LibreOffice (soffice) is installed — required in CI', () => {
      expect.fail(`soffice is not on PATH in CI; .ci/run must install it (${INSTALL})`);
    });
  } else {
    console.warn(`[libreoffice.test] skipped: soffice not on PATH (install with: ${INSTALL})`);
  }
}

const SCORES = [10, 30, 20, 30];
const RANKS = [4, 1, 3, 1]; // competition ranking, largest first: ties share the better rank

async function writeWorkbooks(dir: string): Promise<{ main: string; second: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  ws.getCell('A1').value = 2;
  ws.getCell('A2').value = 3;
  // Deliberately WRONG cached result: only a real recalculation gives 5.
  ws.getCell('A3').value = { formula: 'SUM(A1:A2)', result: 999 };
  SCORES.forEach((score, i) => {
    const r = i + 1;
    ws.getCell(`B${r}`).value = score;
    ws.getCell(`C${r}`).value = { formula: `SUMPRODUCT(($B$1:$B$4>B${r})*1)+1`, result: 99 };
    // LibreOffice 7.4 knows RANK.EQ only under its file name _xlfn.RANK.EQ.
    ws.getCell(`F${r}`).value = { formula: `_xlfn.RANK.EQ(B${r},$B$1:$B$4)`, result: 99 };
  });
  ws.getCell('D1').value = { formula: 'EVAL.TOTAL(1)', result: 999 };
  // Results that exceljs's cell.value.result would lose (0, false, "").
  ws.getCell('E1').value = { formula: 'A1-2', result: 999 };
  ws.getCell('E2').value = { formula: 'A1>5', result: true };
  ws.getCell('E3').value = { formula: 'IF(A1>5,"x","")', result: 'stale' };
  ws.getCell('E4').value = { formula: 'A1/0', result: 999 };
  const main = path.join(dir, 'main.xlsx');
  await wb.xlsx.writeFile(main);

  const wb2 = new ExcelJS.Workbook();
  const ws2 = wb2.addWorksheet('Other');
  ws2.getCell('A1').value = 7;
  ws2.getCell('A2').value = { formula: 'A1*6', result: 0 };
  ws2.getCell('A3').value = { formula: 'CONCATENATE("n=",A2)', result: '' };
  const second = path.join(dir, 'second.xlsx');
  await wb2.xlsx.writeFile(second);
  return { main, second };
}

describe.skipIf(!available)('LibreOffice recalculation harness', () => {
  let dir = '';
  let outputs: string[] = [];
  let grid: CachedValue[][] = [];
  let inputs: { main: string; second: string };
  const outputAt = (i: number): string => {
    const out = outputs[i];
    if (out === undefined) throw new Error(`no output #${i}`);
    return out;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lo-harness-'));
    inputs = await writeWorkbooks(dir);
    // Both files in ONE soffice start-up.
    outputs = await recalcWithLibreOffice([inputs.main, inputs.second], path.join(dir, 'out'));
    grid = await readCachedValues(outputAt(0), 'Data');
  }, 180_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('returns the recalculated copies in input order, with the same base names', () => {
    expect(outputs).toEqual([path.join(dir, 'out', 'main.xlsx'), path.join(dir, 'out', 'second.xlsx')]);
  });

  it('really recalculates: the wrong cached 999 becomes 5', async () => {
    expect(grid[2]?.[0]).toBe(5);
    // Sanity check of the premise: the input still caches 999.
    const before = await readCachedValues(inputs.main, 'Data');
    expect(before[2]?.[0]).toBe(999);
  });

  it('computes the SUMPRODUCT rank (ties share the better rank)', () => {
    expect(grid.slice(0, 4).map((row) => row[2])).toEqual(RANKS);
  });

  it('computes _xlfn.RANK.EQ like the SUMPRODUCT rank', () => {
    expect(grid.slice(0, 4).map((row) => row[5])).toEqual(RANKS);
  });

  it('turns an unknown function into an error', () => {
    expect(grid[0]?.[3]).toEqual({ error: expect.stringMatching(/^#/) });
    expect(grid[0]?.[3]).toEqual({ error: '#NAME?' }); // LibreOffice 7.4's kind
  });

  it('reads 0, false, "" and errors from formula cells', () => {
    expect(grid.map((row) => row[4])).toEqual([0, false, '', { error: '#DIV/0!' }]);
  });

  it('recalculates every file of the batch', async () => {
    expect(await readCachedValues(outputAt(1), 'Other')).toEqual([[7], [42], ['n=42']]);
  });

  it('rejects an unknown sheet name', async () => {
    await expect(readCachedValues(outputAt(0), 'Nope')).rejects.toThrow(/no sheet "Nope".*"Data"/);
  });

  it('throws with soffice stderr when an output is missing', async () => {
    const bad = path.join(dir, 'not-a-workbook.xlsx');
    await writeFile(bad, Buffer.from('PK\u0003\u0004 this is not a zip archive'));
    await expect(recalcWithLibreOffice([bad], path.join(dir, 'out-bad'))).rejects.toThrow(
      /missing outputs: .*not-a-workbook\.xlsx[\s\S]*soffice stderr:[\s\S]*could not be loaded/,
    );
  }, 180_000);
});
