/**
 * Printed output, measured (Node only): workbooks rendered to PDF by LibreOffice headless, every
 * word's box read back with poppler, grouped by sheet.
 *
 * - `printToPdf` converts many workbooks in ONE soffice call (start-up dominates, ≈ 4 s), with a
 *   throw-away profile so parallel test files do not fight over a profile lock.
 * - `readPrint` reads a PDF: pages with their words (`pdftotext -bbox`, boxes in points, origin
 *   top left) and which sheet each page belongs to. LibreOffice prints the visible sheets in
 *   order, each from a new page, and writes one PDF bookmark per sheet (its name, its first page);
 *   `pdftohtml -xml` lists those bookmarks, so a sheet's pages are those from its bookmark to the
 *   next one — no guessing from page sizes or titles.
 * - Helpers on a sheet's pages: the smallest word box height, pairs of words printed over each
 *   other, the footer line; `pageImages` writes PNGs to look at.
 *
 * Needs: apt-get install -y --no-install-recommends libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito
 *
 * Carlito has Calibri's metrics, and the workbook's default font (the unit of every column width)
 * is Calibri: without it LibreOffice substitutes DejaVu Sans, whose digits are a third wider, and
 * prints every sheet a third smaller than Excel, WPS or any LibreOffice that ships Carlito (its
 * Windows and macOS installers do; Debian's package recommends it).
 */
import { execFile, execFileSync } from "node:child_process";
import { accessSync, constants as fsConstants } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const TOOLS = ["soffice", "pdftotext", "pdftohtml", "pdftoppm"] as const;

function onPath(name: string): boolean {
  return (process.env["PATH"] ?? "").split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, name), fsConstants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function hasCarlito(): boolean {
  try {
    return execFileSync("fc-list", ["Carlito"], { encoding: "utf8" }).trim() !== "";
  } catch {
    return false;
  }
}

/** What printing needs and lacks: programs missing from PATH (soffice, pdftotext, pdftohtml, pdftoppm) and the Carlito font; empty when all are there. */
export function missingPrintTools(): string[] {
  const missing: string[] = TOOLS.filter((t) => !onPath(t));
  if (!hasCarlito()) missing.push("fonts-crosextra-carlito");
  return missing;
}

/** Converts `files` to `<outDir>/<name>.pdf` with one soffice call; returns the PDFs in order. */
export async function printToPdf(files: readonly string[], outDir: string, timeoutMs = 300_000): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const outputs = files.map((f) => path.join(path.resolve(outDir), `${path.parse(f).name}.pdf`));
  if (new Set(outputs).size !== outputs.length) throw new Error(`two inputs share a name: ${files.join(", ")}`);
  await Promise.all(outputs.map((o) => rm(o, { force: true })));
  const profile = await mkdtemp(path.join(tmpdir(), "lo-pdf-profile-"));
  try {
    const args = [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--invisible", "--norestore", "--nolockcheck",
      "--convert-to", "pdf:calc_pdf_Export", "--outdir", path.resolve(outDir), ...files.map((f) => path.resolve(f))];
    const result = await run("soffice", args, { timeout: timeoutMs, maxBuffer: 16 << 20 }).catch((e: Error & { stderr?: string }) => ({ stdout: "", stderr: `${e.message}\n${e.stderr ?? ""}` }));
    for (const o of outputs) {
      const st = await stat(o).catch(() => null);
      if (!st || st.size === 0) throw new Error(`LibreOffice did not write ${o}\nsoffice stderr:\n${result.stderr}`);
    }
    return outputs;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

export interface Word {
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

export interface PdfPage {
  /** 1-based page number in the PDF. */
  readonly number: number;
  readonly width: number;
  readonly height: number;
  readonly words: readonly Word[];
}

export interface PrintedPdf {
  readonly file: string;
  readonly pages: readonly PdfPage[];
  /** Each printed sheet's pages, in print order. */
  readonly sheets: ReadonlyMap<string, readonly PdfPage[]>;
}

const unescape = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** Pages and words of a PDF, and the sheet each page belongs to. */
export async function readPrint(pdf: string): Promise<PrintedPdf> {
  const { stdout: html } = await run("pdftotext", ["-bbox", pdf, "-"], { maxBuffer: 256 << 20 });
  const pages: PdfPage[] = [];
  for (const m of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [...m[3]!.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)].map((w) => ({
      xMin: Number(w[1]), yMin: Number(w[2]), xMax: Number(w[3]), yMax: Number(w[4]), text: unescape(w[5]!),
    }));
    pages.push({ number: pages.length + 1, width: Number(m[1]), height: Number(m[2]), words });
  }
  const { stdout: xml } = await run("pdftohtml", ["-xml", "-i", "-q", "-stdout", pdf], { maxBuffer: 256 << 20 });
  const outline = xml.match(/<outline>([\s\S]*?)<\/outline>/)?.[1] ?? "";
  // Top-level items only: a sheet's bookmark; nested outlines (none today) would be inside it.
  const marks = [...outline.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map((m) => ({ page: Number(m[1]), sheet: unescape(m[2]!) }));
  if (marks.length === 0 && pages.length > 0) throw new Error(`${pdf}: no sheet bookmarks in the PDF (LibreOffice writes one per sheet)`);
  const sheets = new Map<string, PdfPage[]>();
  marks.forEach((m, i) => {
    const end = marks[i + 1]?.page ?? pages.length + 1;
    sheets.set(m.sheet, pages.slice(m.page - 1, end - 1));
  });
  return { file: pdf, pages, sheets };
}

/** The pages of `sheet`; throws when it did not print, naming those that did. */
export function sheetPages(doc: PrintedPdf, sheet: string): readonly PdfPage[] {
  const pages = doc.sheets.get(sheet);
  if (!pages) throw new Error(`${doc.file}: sheet ${sheet} did not print (printed: ${[...doc.sheets.keys()].join(", ")})`);
  return pages;
}

const height = (w: Word) => w.yMax - w.yMin;

/** The word with the smallest box on these pages, and its printed size in points (box height / BOX_PER_POINT). */
export function smallestWord(pages: readonly PdfPage[]): { word: Word; page: number; height: number; points: number } | null {
  let best: { word: Word; page: number; height: number; points: number } | null = null;
  for (const p of pages) {
    for (const w of p.words) if (!best || height(w) < best.height) best = { word: w, page: p.number, height: height(w), points: height(w) / BOX_PER_POINT };
  }
  return best;
}

export interface Overprint {
  readonly page: number;
  readonly a: Word;
  readonly b: Word;
}

/**
 * Word boxes are taller than the ink. LibreOffice writes /Ascent 0 /Descent 0 in its font
 * descriptors, so poppler boxes every word with its defaults: 0.95 of the font size above the
 * baseline and 0.35 below (1.3 × the size in all; measured: a 9 pt cell gives 11.72). An
 * ideograph's ink spans the ideographic em box, about 0.88 above the baseline and 0.12 below, and
 * Latin glyphs less: that band is what must not meet another word's.
 */
export const BOX_PER_POINT = 1.3;
function inkBand(w: Word): [number, number] {
  const size = (w.yMax - w.yMin) / BOX_PER_POINT;
  const baseline = w.yMax - 0.35 * size;
  return [baseline - 0.88 * size, baseline + 0.12 * size];
}

/** Pairs of words whose ink overlaps by more than `tolerance` points across and down: text printed over text. */
export function overprints(pages: readonly PdfPage[], tolerance = 0.5): Overprint[] {
  const found: Overprint[] = [];
  for (const p of pages) {
    const words = [...p.words].sort((x, y) => x.xMin - y.xMin);
    for (let i = 0; i < words.length; i++) {
      const a = words[i]!;
      const [aTop, aBottom] = inkBand(a);
      for (let j = i + 1; j < words.length && words[j]!.xMin < a.xMax - tolerance; j++) {
        const b = words[j]!;
        const [bTop, bBottom] = inkBand(b);
        const across = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
        const down = Math.min(aBottom, bBottom) - Math.max(aTop, bTop);
        if (across > tolerance && down > tolerance) found.push({ page: p.number, a, b });
      }
    }
  }
  return found;
}

/** The text printed in the bottom `band` points of a page (the footer), words joined by spaces. */
export function footerText(page: PdfPage, band = 30): string {
  return page.words.filter((w) => w.yMin > page.height - band).sort((x, y) => x.xMin - y.xMin).map((w) => w.text).join(" ");
}

/** All words of a page top to bottom, left to right, joined by spaces (for messages and text checks). */
export function pageText(page: PdfPage): string {
  return [...page.words].sort((x, y) => x.yMin - y.yMin || x.xMin - y.xMin).map((w) => w.text).join(" ");
}

/**
 * Every page of `pdf` as `<dir>/<prefix>-<sheet>-<k>.png` (k counts within the sheet), at `dpi`.
 * Returns the written files.
 */
export async function pageImages(doc: PrintedPdf, dir: string, prefix: string, dpi = 60): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const scratch = await mkdtemp(path.join(tmpdir(), "pdf-png-"));
  try {
    await run("pdftoppm", ["-png", "-r", String(dpi), doc.file, path.join(scratch, "p")], { maxBuffer: 16 << 20 });
    const made = (await readdir(scratch)).filter((f) => f.endsWith(".png")).sort();
    const written: string[] = [];
    for (const [sheet, pages] of doc.sheets) {
      for (const [k, page] of pages.entries()) {
        const src = made[page.number - 1];
        if (!src) continue;
        const dest = path.join(dir, `${prefix}-${sheet}-${k + 1}.png`);
        await copyFile(path.join(scratch, src), dest);
        written.push(dest);
      }
    }
    return written;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export interface SheetPrint {
  readonly sheet: string;
  readonly pages: number;
  /** The smallest printed text, in points, and the word that has it. */
  readonly minPoints: number;
  readonly smallest: string;
  readonly overprints: readonly Overprint[];
  /** Each page's footer line, in order. */
  readonly footers: readonly string[];
}

/** What one sheet printed: pages, smallest text, words over words, footers (one call per sheet, for any sheet). */
export function sheetPrint(doc: PrintedPdf, sheet: string): SheetPrint {
  const pages = sheetPages(doc, sheet);
  const small = smallestWord(pages);
  return {
    sheet,
    pages: pages.length,
    minPoints: small ? Math.round(small.points * 100) / 100 : 0,
    smallest: small?.word.text ?? "",
    overprints: overprints(pages),
    footers: pages.map((p) => footerText(p)),
  };
}
