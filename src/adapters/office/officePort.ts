/// <reference types="office-js" />
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic";
import type { CellEdit, PortResult, WorkbookPort } from "../../workbook/port";
import { temporarySheetName } from "../../workbook/port";
import type { WritePlan } from "../../workbook/plan";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../workbook/snapshot";
import { a1, parseA1 } from "../../workbook/address";
import { queueOps } from "./execute";
import { chunkOps, opBytes, planOps } from "./ops";

export interface OfficePortOptions {
  /** Excel.run in the add-in; a recording fake in tests. */
  readonly run: <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;
  /** Office.context.requirements.isSetSupported. */
  readonly isSetSupported: (set: string, version: string) => boolean;
  /** Largest request we send; Excel on the web rejects requests over 5 MB. */
  readonly maxRequestBytes?: number;
  /** Called after each request is sent, for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface OfficePortStats {
  syncs: number;
  requestBytes: number[];
}

/**
 * The workbook port over the workbook open in Excel. Reading costs two requests (sheet names,
 * then every sheet's values and merges at once); writing a plan costs one request per 4 MB of
 * operations — one for a 41-unit aggregate — so an aggregate is three round trips in all.
 */
export function officePort(options: OfficePortOptions): WorkbookPort & { readonly stats: OfficePortStats } {
  const maxBytes = options.maxRequestBytes ?? 4_000_000;
  const stats: OfficePortStats = { syncs: 0, requestBytes: [] };
  let knownSheets: string[] | null = null;
  const sync = async (ctx: Excel.RequestContext, bytes = 0) => {
    stats.syncs++;
    stats.requestBytes.push(bytes);
    await ctx.sync();
  };

  return {
    stats,
    async readSnapshot(): Promise<PortResult<WorkbookSnapshot>> {
      try {
        return await options.run(async (ctx) => {
          const sheets = ctx.workbook.worksheets;
          sheets.load("items/name,items/visibility");
          await sync(ctx);
          const withMerges = options.isSetSupported("ExcelApi", "1.13");
          const reads = sheets.items.map((ws) => {
            const used = ws.getUsedRangeOrNullObject(true);
            used.load("address,values,valueTypes,formulas");
            const merged = withMerges ? ws.getRange().getMergedAreasOrNullObject() : null;
            merged?.load("address");
            return { ws, used, merged };
          });
          await sync(ctx);
          knownSheets = sheets.items.map((s) => s.name);
          const snapshot: WorkbookSnapshot = {
            date1904: false,
            sheets: reads.map(({ ws, used, merged }) => sheetOf(ws, used, merged)),
          };
          return { ok: true as const, value: snapshot, diagnostics: withMerges ? [] : [mergesUnchecked()] };
        });
      } catch (e) {
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
      try {
        return await options.run(async (ctx) => {
          // Runs of adjacent cells on a row become one range write; one request for them all.
          for (const run of cellRuns(edits)) {
            ctx.workbook.worksheets.getItem(run.sheet).getRangeByIndexes(run.row, run.col, 1, run.values.length).values = [run.values.map((v) => v ?? "")];
          }
          await sync(ctx, new TextEncoder().encode(JSON.stringify(edits)).length);
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

function sheetOf(ws: Excel.Worksheet, used: Excel.Range, merged: Excel.RangeAreas | null): SheetSnapshot {
  const rows: CellValue[][] = [];
  const formulas: Record<string, string> = {};
  if (!used.isNullObject) {
    const origin = parseA1(localAddress(used.address).split(":")[0]!);
    used.values.forEach((line, r) => {
      const row: CellValue[] = new Array(origin.col).fill(null);
      line.forEach((v, c) => {
        row.push(cellValue(v, used.valueTypes[r]![c]!));
        const f = used.formulas[r]![c];
        if (typeof f === "string" && f.startsWith("=")) formulas[a1(origin.row + r, origin.col + c)] = f.slice(1);
      });
      rows[origin.row + r] = row;
    });
  }
  return {
    name: ws.name,
    rows: Array.from(rows, (r) => r ?? []),
    formulas,
    merges: merged && !merged.isNullObject && merged.address ? merged.address.split(",").map(localAddress) : [],
    state: ws.visibility === "Hidden" ? "hidden" : ws.visibility === "VeryHidden" ? "veryHidden" : "visible",
  };
}

/** "'宣教部'!A1:B2" → "A1:B2" */
function localAddress(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
}

function cellValue(v: unknown, type: Excel.RangeValueType | string): CellValue {
  switch (type) {
    case "Empty":
      return null;
    case "Error":
      return { error: String(v) };
    case "Boolean":
      return Boolean(v);
    case "Double":
    case "Integer":
      return Number(v);
    default:
      return v === "" || v === null || v === undefined ? null : String(v);
  }
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
