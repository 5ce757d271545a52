/// <reference types="office-js" />
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic";
import type { CellEdit, PortResult, ReadOptions, WorkbookPort } from "../../workbook/port";
import { temporarySheetName } from "../../workbook/port";
import type { WritePlan } from "../../workbook/plan";
import type { WorkbookSnapshot } from "../../workbook/snapshot";
import { parseRange } from "../../workbook/address";
import { localAddress, queueExtras, queueSheet, queueSlice, sheetSnapshot, type QueuedSheet, type ReadFeatures } from "./read";
import { queueOps } from "./execute";
import { chunkOps, opBytes, planOps, utf8Length } from "./ops";

export interface OfficePortOptions {
  /** Excel.run in the add-in; a recording fake in tests. */
  readonly run: <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;
  /** Office.context.requirements.isSetSupported. */
  readonly isSetSupported: (set: string, version: string) => boolean;
  /** Largest request we send; Excel on the web rejects requests over 5 MB. */
  readonly maxRequestBytes?: number;
  /** Cells per request when a read has to be split (after Excel found a response too large). */
  readonly maxReadCells?: number;
  /** Called after each request is sent, for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface OfficePortStats {
  syncs: number;
  requestBytes: number[];
}

/**
 * The workbook port over the workbook open in Excel. Requests are counted by bytes, never by
 * units or rows:
 *  - reading is one request once the port knows the workbook's sheets (the pane reads on
 *    opening, which costs two: the sheet list, then the cells); outputs about to be regenerated
 *    are listed, not read;
 *  - writing a plan is one request per 4 MB of operations, and columns of one formula filled
 *    down are sent once (ops.ts): a 41-unit aggregate writes ≈ 0.13 MB, a 3,000-unit one ≈ 6.6 MB.
 * So 汇总 in an open pane is 2 requests at 41 units and 3 at 3,000.
 */
export function officePort(options: OfficePortOptions): WorkbookPort & { readonly stats: OfficePortStats } {
  const maxBytes = options.maxRequestBytes ?? 4_000_000;
  // ≈ 40 bytes a cell in Excel's JSON: 100,000 cells stay under 4 MB.
  const maxReadCells = options.maxReadCells ?? 100_000;
  const stats: OfficePortStats = { syncs: 0, requestBytes: [] };
  let knownSheets: string[] | null = null;
  const sync = async (ctx: Excel.RequestContext, bytes = 0) => {
    stats.syncs++;
    stats.requestBytes.push(bytes);
    await ctx.sync();
  };

  type Listed = { name: string; visibility: string };

  /**
   * The sheet list and the wanted sheets' cells. Warm (this port has read the workbook before):
   * the sheets it knew are read in the same request as the list — one request in all; sheets
   * added since cost a second. Cold: the list, then the cells — two requests. A response Excel
   * finds too large (over 5 MB, Excel on the web) is read again in row slices (readSliced).
   */
  async function readSheets(ctx: Excel.RequestContext, features: ReadFeatures, wanted: (name: string) => boolean) {
    const queued = new Map<string, QueuedSheet>();
    const list = ctx.workbook.worksheets;
    list.load("items/name,items/visibility");
    const guessed = (knownSheets ?? []).filter(wanted);
    for (const name of guessed) queued.set(name, queueSheet(list.getItem(name), features));
    try {
      await sync(ctx);
    } catch (e) {
      if (guessed.length === 0 || !(tooLarge(e) || codeOf(e) === "ItemNotFound")) throw e;
      // A sheet we knew is gone (renamed, deleted), or the cells are too many for one response.
      knownSheets = null;
      if (tooLarge(e)) return readSliced(ctx, features, wanted);
      return readSheets(ctx, features, wanted);
    }
    const sheets: Listed[] = list.items.map((ws) => ({ name: ws.name, visibility: ws.visibility }));
    const missing = sheets.filter((s) => wanted(s.name) && !queued.has(s.name));
    if (missing.length === 0) return { sheets, queued };
    for (const s of missing) queued.set(s.name, queueSheet(ctx.workbook.worksheets.getItem(s.name), features));
    try {
      await sync(ctx);
    } catch (e) {
      if (!tooLarge(e)) throw e;
      return readSliced(ctx, features, wanted);
    }
    return { sheets, queued };
  }

  /**
   * The read for workbooks whose cells do not fit one response: the used ranges' sizes first,
   * then row slices packed into requests of at most `cells` cells, halved while Excel still
   * finds a response too large. Requests grow with the data, never with units or rows one by one.
   */
  async function readSliced(ctx: Excel.RequestContext, features: ReadFeatures, wanted: (name: string) => boolean, cells = maxReadCells) {
    const list = ctx.workbook.worksheets;
    list.load("items/name,items/visibility");
    await sync(ctx);
    const sheets: Listed[] = list.items.map((ws) => ({ name: ws.name, visibility: ws.visibility }));
    const used = sheets.filter((s) => wanted(s.name)).map((s) => {
      const range = ctx.workbook.worksheets.getItem(s.name).getUsedRangeOrNullObject(true);
      range.load("address");
      return { name: s.name, range };
    });
    await sync(ctx);
    for (let budget = cells; ; budget = Math.floor(budget / 2)) {
      const queued = new Map<string, QueuedSheet>();
      const slices = used.flatMap(({ name, range }) => {
        const ws = ctx.workbook.worksheets.getItem(name);
        const sheet: QueuedSheet = { blocks: [], ...queueExtras(ws, features) };
        queued.set(name, sheet);
        if (range.isNullObject) return [];
        const r = parseRange(localAddress(range.address));
        const width = r.right - r.left + 1;
        const step = Math.max(1, Math.floor(budget / width));
        const out: { sheet: QueuedSheet; ws: Excel.Worksheet; row: number; rows: number; col: number; cols: number }[] = [];
        for (let row = r.top; row <= r.bottom; row += step) out.push({ sheet, ws, row, rows: Math.min(step, r.bottom - row + 1), col: r.left, cols: width });
        return out;
      });
      try {
        let inRequest = 0;
        for (const s of slices) {
          if (inRequest > 0 && inRequest + s.rows * s.cols > budget) {
            await sync(ctx);
            inRequest = 0;
          }
          s.sheet.blocks.push(queueSlice(s.ws, s.row, s.col, s.rows, s.cols, features));
          inRequest += s.rows * s.cols;
        }
        await sync(ctx);
        return { sheets, queued };
      } catch (e) {
        if (!tooLarge(e) || budget <= 1) throw e;
      }
    }
  }

  return {
    stats,
    async readSnapshot(read: ReadOptions = {}): Promise<PortResult<WorkbookSnapshot>> {
      const features: ReadFeatures = { formulas: read.formulas ?? false, merges: options.isSetSupported("ExcelApi", "1.13") };
      const wanted = (name: string) => !(read.namesOnly ?? []).includes(name);
      try {
        return await options.run(async (ctx) => {
          const { sheets, queued } = await readSheets(ctx, features, wanted);
          knownSheets = sheets.map((s) => s.name);
          const snapshot: WorkbookSnapshot = {
            date1904: false,
            sheets: sheets.map((s) => sheetSnapshot(s.name, s.visibility, queued.get(s.name) ?? null, features)),
          };
          return { ok: true as const, value: snapshot, diagnostics: features.merges ? [] : [mergesUnchecked()] };
        });
      } catch (e) {
        knownSheets = null;
        return { ok: false, diagnostics: [officeFailure("read", e)] };
      }
    },

    async applyPlan(plan: WritePlan): Promise<PortResult<void>> {
      try {
        return await options.run(async (ctx) => {
          if (!knownSheets) {
            const sheets = ctx.workbook.worksheets;
            sheets.load("items/name");
            await sync(ctx);
            knownSheets = sheets.items.map((s) => s.name);
          }
          const chunks = chunkOps(planOps(plan, knownSheets), maxBytes);
          const features = { pageLayout: options.isSetSupported("ExcelApi", "1.9") };
          try {
            for (const [i, chunk] of chunks.entries()) {
              // Formulas recalculate once, when the request lands, not after every write.
              ctx.application.suspendApiCalculationUntilNextSync();
              queueOps(ctx, chunk, features);
              await sync(ctx, chunk.reduce((a, op) => a + opBytes(op), 0));
              options.onProgress?.(i + 1, chunks.length);
            }
          } catch (e) {
            await removeTemporarySheets(ctx, plan);
            knownSheets = null;
            return { ok: false as const, diagnostics: [officeFailure("write", e)] };
          }
          const names = plan.sheets.map((s) => s.name);
          knownSheets = [...names, ...knownSheets.filter((n) => !names.includes(n))];
          return { ok: true as const, value: undefined, diagnostics: [] };
        });
      } catch (e) {
        knownSheets = null;
        return { ok: false, diagnostics: [officeFailure("write", e)] };
      }
    },

    async writeCells(edits: readonly CellEdit[]): Promise<PortResult<void>> {
      // Nothing to import is no request at all (an empty sync is still a round trip).
      if (edits.length === 0) return { ok: true, value: undefined, diagnostics: [] };
      try {
        return await options.run(async (ctx) => {
          // Runs of adjacent cells on a row become one range write, packed into requests under the limit.
          let bytes = 0;
          for (const run of cellRuns(edits)) {
            const values = run.values.map(literal);
            const size = utf8Length(JSON.stringify(values)) + 120;
            if (bytes > 0 && bytes + size > maxBytes) {
              await sync(ctx, bytes);
              bytes = 0;
            }
            ctx.workbook.worksheets.getItem(run.sheet).getRangeByIndexes(run.row, run.col, 1, values.length).values = [values];
            bytes += size;
          }
          await sync(ctx, bytes);
          return { ok: true as const, value: undefined, diagnostics: [] };
        });
      } catch (e) {
        return { ok: false, diagnostics: [officeFailure("write", e)] };
      }
    },
  };
}

function cellRuns(edits: readonly CellEdit[]): { sheet: string; row: number; col: number; values: CellEdit["value"][] }[] {
  const sorted = [...edits].sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.row - b.row || a.col - b.col));
  const runs: { sheet: string; row: number; col: number; values: CellEdit["value"][] }[] = [];
  for (const e of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.sheet === e.sheet && last.row === e.row && last.col + last.values.length === e.col) last.values.push(e.value);
    else runs.push({ sheet: e.sheet, row: e.row, col: e.col, values: [e.value] });
  }
  return runs;
}

/**
 * A value as `range.values` keeps it: Excel reads text starting with =, + or - as a formula,
 * so such text is written with the apostrophe that keeps it text; empty clears the cell.
 */
function literal(v: CellEdit["value"]): string | number | boolean {
  if (v === null) return "";
  return typeof v === "string" && /^[=+\-@]/.test(v) ? `'${v}` : v;
}

function codeOf(e: unknown): string {
  return (e as { code?: string }).code ?? "";
}

function tooLarge(e: unknown): boolean {
  return codeOf(e) === "ResponsePayloadSizeLimitExceeded";
}

async function removeTemporarySheets(ctx: Excel.RequestContext, plan: WritePlan): Promise<void> {
  try {
    const temps = plan.sheets.map((_, i) => ctx.workbook.worksheets.getItemOrNullObject(temporarySheetName(i)));
    temps.forEach((t) => t.load("isNullObject"));
    await ctx.sync();
    temps.filter((t) => !t.isNullObject).forEach((t) => t.delete());
    await ctx.sync();
  } catch {
    // Best effort: leftovers are deleted by the next run (planOps).
  }
}

function mergesUnchecked(): Diagnostic {
  return diagnostic("info", "office.mergesUnchecked", {
    zh: "此版本的 Excel 不支持读取合并单元格（需要 ExcelApi 1.13），未检查输入区域的合并单元格。",
    en: "This Excel does not report merged cells (needs ExcelApi 1.13); merged input cells were not checked.",
  });
}

function officeFailure(what: "read" | "write", e: unknown): Diagnostic {
  const err = e as { code?: string; message?: string; debugInfo?: { errorLocation?: string } };
  const code = err.code ?? "Unknown";
  const where = err.debugInfo?.errorLocation ? `（${err.debugInfo.errorLocation}）` : "";
  const tooLarge = code === "RequestPayloadSizeLimitExceeded";
  const zh = what === "read"
    ? `读取工作簿失败：${err.message ?? code}${where}。请关闭正在编辑的单元格后重试。`
    : `写入汇总失败：${err.message ?? code}${where}。原有的汇总表保持不变。${tooLarge ? "数据量超过 Excel 网页版单次请求上限，请在桌面版 Excel 中汇总。" : "请关闭正在编辑的单元格、取消工作表保护后重试。"}`;
  const en = what === "read"
    ? `Reading the workbook failed: ${err.message ?? code}. Leave cell edit mode and retry.`
    : `Writing the summary failed: ${err.message ?? code}. The previous summary is unchanged.`;
  return diagnostic("error", `office.${what}Failed`, { zh, en });
}
