/// <reference types="office-js" />
import type { Diagnostic } from "../../diagnostics/diagnostic";
import type { CellEdit, PortResult, ReadOptions, WorkbookPort } from "../../workbook/port";
import type { WritePlan } from "../../workbook/plan";
import type { WorkbookSnapshot } from "../../workbook/snapshot";
import { parseRange } from "../../workbook/address";
import { localAddress, queueExtras, queueSheet, queueSlice, sheetSnapshot, type QueuedSheet, type ReadFeatures } from "./read";
import { queueOps } from "./execute";
import { buildOps, chunkOps, opBytes } from "./ops";
import { doneName, extentOf, sheetLayout, swapOps, swapState, type SheetLayout, type SwapState } from "./swap";
import { checkWritten } from "./check";
import { queueCellEdits } from "./cells";
import { printBytes, printOps, protectAgain, queuePrint } from "./print";
import { checkFailed, codeOf, lookIncomplete, mergesUnchecked, printSetupFailed, readFailed, writeFailedPartly, writeFailedUnchanged } from "./messages";

export interface OfficePortOptions {
  /** Excel.run(options, batch) in the add-in; a recording fake in tests. */
  readonly run: <T>(batch: (ctx: Excel.RequestContext) => Promise<T>, options: Excel.RunOptions) => Promise<T>;
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
 *  - writing a plan is its build (one request per 4 MB of operations; columns of one formula
 *    filled down are sent once, ops.ts), the swap (swap.ts) and the check (check.ts), one each.
 * So 汇总 in an open pane is 4 requests at 41 units and 7 at 3,000.
 */
export function officePort(options: OfficePortOptions): WorkbookPort & { readonly stats: OfficePortStats } {
  const maxBytes = options.maxRequestBytes ?? 4_000_000;
  const isSetSupported = options.isSetSupported;
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
    for (const name of guessed) queued.set(name, queueSheet(list.getItem(name), name, features));
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
    for (const s of missing) queued.set(s.name, queueSheet(ctx.workbook.worksheets.getItem(s.name), s.name, features));
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
        const sheet: QueuedSheet = { blocks: [], ...queueExtras(ws, name, features) };
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

  // A batch sent while the user is typing in a cell waits until the edit ends instead of failing.
  const run = <T,>(batch: (ctx: Excel.RequestContext) => Promise<T>) => options.run(batch, { delayForCellEdit: true });

  async function read(ctx: Excel.RequestContext, features: ReadFeatures, wanted: (name: string) => boolean): Promise<WorkbookSnapshot> {
    const { sheets, queued } = await readSheets(ctx, features, wanted);
    knownSheets = sheets.map((s) => s.name);
    return { date1904: false, sheets: sheets.map((s) => sheetSnapshot(s.name, s.visibility, queued.get(s.name) ?? null, features)) };
  }

  /** Delete these sheets where they exist (best effort: leftovers are deleted by the next write). */
  async function removeSheets(ctx: Excel.RequestContext, names: readonly string[]): Promise<void> {
    try {
      const found = names.map((n) => ctx.workbook.worksheets.getItemOrNullObject(n).load("isNullObject"));
      await sync(ctx);
      found.filter((t) => !t.isNullObject).forEach((t) => t.delete());
      await sync(ctx);
    } catch {
      // The next write deletes every ~evalsheet- sheet before it builds.
    }
  }

  /** The swap lifts a sheet's protection just before pasting onto it: put it back when the paste did not happen. */
  async function reprotect(ctx: Excel.RequestContext, layout: SheetLayout): Promise<void> {
    const first = layout.sheets.find((s) => s.replaces);
    if (!first?.spec.protect) return;
    try {
      queueOps(ctx, [{ kind: "protect", sheet: first.name }]);
      await sync(ctx);
    } catch {
      // Already protected (the failure came before the unprotect): nothing to restore.
    }
  }

  /**
   * A swap that failed: from the sheet list, which sheets have their new content. Nothing changed:
   * the temporary sheets go and the old sheets are as they were. Some changed: nothing is deleted
   * (a new sheet may refer to a temporary one), and the message says which is which.
   */
  async function afterFailedSwap(ctx: Excel.RequestContext, layout: SheetLayout, extents: Parameters<typeof swapState>[2], e: unknown): Promise<Diagnostic> {
    const temps = layout.sheets.map((s) => s.temp);
    const done = layout.sheets.filter((s) => s.replaces).map((s) => doneName(s.index));
    // Not even the sheet list could be read: claim nothing.
    const unknown: SwapState = { written: [], untouched: [], uncertain: layout.sheets.map((s) => s.name), contentDone: false };
    const state = await swapState(ctx, layout, extents).catch(() => unknown);
    if (state.contentDone) {
      await removeSheets(ctx, done);
      return lookIncomplete(e);
    }
    if (state.written.length === 0 && state.uncertain.length === 0) {
      await reprotect(ctx, layout);
      await removeSheets(ctx, [...temps, ...done]);
      return writeFailedUnchanged(e, layout.sheets.filter((s) => s.replaces).map((s) => s.name));
    }
    return writeFailedPartly(e, state, layout.sheets.filter((s) => !state.written.includes(s.name)).map((s) => s.temp));
  }

  return {
    stats,
    async readSnapshot(options: ReadOptions = {}): Promise<PortResult<WorkbookSnapshot>> {
      const api = isSetSupported("ExcelApi", "1.13");
      const skip = options.skipMerges ?? [];
      const features = (merges: boolean): ReadFeatures => ({ formulas: options.formulas ?? false, merges: (name) => merges && !skip.includes(name) });
      const wanted = (name: string) => !(options.namesOnly ?? []).includes(name);
      try {
        const snapshot = await run((ctx) => read(ctx, features(api), wanted));
        return { ok: true, value: snapshot, diagnostics: api ? [] : [mergesUnchecked("api")] };
      } catch (e) {
        if (!api || codeOf(e) === "InvalidOperationInCellEditMode") {
          knownSheets = null;
          return { ok: false, diagnostics: [readFailed(e)] };
        }
      }
      // Excel refuses the request when a sheet has more than 512 merged areas: read without them.
      try {
        const snapshot = await run((ctx) => read(ctx, features(false), wanted));
        return { ok: true, value: snapshot, diagnostics: [mergesUnchecked("tooMany")] };
      } catch (e) {
        knownSheets = null;
        return { ok: false, diagnostics: [readFailed(e)] };
      }
    },

    async applyPlan(plan: WritePlan): Promise<PortResult<void>> {
      const features = { pageLayout: isSetSupported("ExcelApi", "1.9") };
      try {
        return await run(async (ctx): Promise<PortResult<void>> => {
          if (!knownSheets) {
            const sheets = ctx.workbook.worksheets;
            sheets.load("items/name");
            await sync(ctx);
            knownSheets = sheets.items.map((s) => s.name);
          }
          const before = knownSheets;
          const layout = sheetLayout(plan, before);
          const replaced = layout.sheets.filter((s) => s.replaces);
          const { ops, fills } = buildOps(layout);
          const chunks = chunkOps(ops, maxBytes);
          const prints = features.pageLayout ? printOps(plan) : [];
          const steps = chunks.length + 2 + (prints.length ? 1 : 0);
          // 1. Build every new sheet under its temporary name; the sheets in place are not touched.
          let used: { name: string; range: Excel.Range }[] = [];
          try {
            for (const [i, chunk] of chunks.entries()) {
              // Formulas recalculate once, when the request lands, not after every write.
              ctx.application.suspendApiCalculationUntilNextSync();
              queueOps(ctx, chunk);
              // The extent of each sheet to be replaced travels with the first request: the paste covers it.
              if (i === 0) used = replaced.map((s) => ({ name: s.name, range: ctx.workbook.worksheets.getItem(s.name).getUsedRangeOrNullObject(false).load("address") }));
              await sync(ctx, chunk.reduce((a, op) => a + opBytes(op), 0));
              options.onProgress?.(i + 1, steps);
            }
          } catch (e) {
            knownSheets = null;
            await removeSheets(ctx, layout.sheets.map((s) => s.temp));
            return { ok: false, diagnostics: [writeFailedUnchanged(e, replaced.map((s) => s.name))] };
          }
          // 2. The swap, a request of its own: pastes onto the sheets being replaced, renames the new ones.
          const extents = new Map(used.map((u) => [u.name, extentOf(u.range)]));
          const swap = swapOps(layout, extents);
          const diagnostics: Diagnostic[] = [];
          try {
            ctx.application.suspendApiCalculationUntilNextSync();
            queueOps(ctx, swap);
            await sync(ctx, swap.reduce((a, op) => a + opBytes(op), 0));
            const names = plan.sheets.map((s) => s.name);
            knownSheets = plan.placement === "first" ? [...names, ...before.filter((n) => !names.includes(n) && !layout.leftovers.includes(n))] : [...before.filter((n) => !layout.leftovers.includes(n)), ...names.filter((n) => !before.includes(n))];
          } catch (e) {
            knownSheets = null;
            const d = await afterFailedSwap(ctx, layout, extents, e);
            if (d.severity === "error") return { ok: false, diagnostics: [d] };
            diagnostics.push(d);
          }
          // 3. How the sheets print: a courtesy of its own request (print.ts), a failure only warns.
          if (prints.length) {
            try {
              for (const op of prints) queuePrint(ctx.workbook.worksheets.getItem(op.sheet), op);
              await sync(ctx, prints.reduce((a, op) => a + printBytes(op), 0));
            } catch (e) {
              diagnostics.push(printSetupFailed(e, prints.map((op) => op.sheet)));
              // Office.js batches are not transactions: the unprotect before the failing action happened.
              await protectAgain(ctx, prints, sync).catch(() => diagnostics.push(lookIncomplete(e)));
            }
            options.onProgress?.(steps - 2, steps);
          }
          options.onProgress?.(steps - 1, steps);
          // 4. The check: calculate, error cells, the last row of every filled column.
          try {
            diagnostics.push(...(await checkWritten(ctx, plan.sheets.map((s) => s.name), fills, { maxBytes, sync })));
          } catch (e) {
            diagnostics.push(checkFailed(e));
          }
          options.onProgress?.(steps, steps);
          return { ok: true, value: undefined, diagnostics };
        });
      } catch (e) {
        knownSheets = null;
        return { ok: false, diagnostics: [writeFailedUnchanged(e, [])] };
      }
    },

    async writeCells(edits: readonly CellEdit[]): Promise<PortResult<void>> {
      // Nothing to import is no request at all (an empty sync is still a round trip).
      if (edits.length === 0) return { ok: true, value: undefined, diagnostics: [] };
      try {
        await run((ctx) => queueCellEdits(ctx, edits, maxBytes, (bytes) => sync(ctx, bytes)));
        return { ok: true, value: undefined, diagnostics: [] };
      } catch (e) {
        return { ok: false, diagnostics: [writeFailedUnchanged(e, [])] };
      }
    },
  };
}

function tooLarge(e: unknown): boolean {
  return codeOf(e) === "ResponsePayloadSizeLimitExceeded";
}
