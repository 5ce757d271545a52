import { startTransition, useCallback, useRef, useState } from "react";
import type { Diagnostic } from "../../src/diagnostics/diagnostic";
import type { Reading } from "../../src/validate/validate";
import type { Scheme } from "../../src/scheme/schema";
import type { PaneEnv } from "../env";
import type { Strings } from "../i18n";
import type * as Ops from "../operations";
import type { OpResult, Phase } from "../operations";
import type { PaneOps } from "../worker/client";
import { defaultEvaluationYear, firstYear, yearProblemFor } from "../../src/scheme/year";
import { HISTORY_STRINGS } from "../history/strings";

// The core (validation, engine, report) loads on the first action, not with the first screen, and
// runs in the compute worker (taskpane/worker/), so a large workbook never freezes the pane.
const loadOps = async (): Promise<PaneOps> => (await import("../worker/client")).workerOps;

export type Task = "template" | "import" | "validate" | "aggregate" | "approve" | "saveScheme" | "open" | "history" | "periodic";

export interface Busy {
  readonly task: Task;
  readonly phase: Phase | null;
  readonly step: number;
  readonly steps: number;
}

export interface PaneState {
  readonly busy: Busy | null;
  readonly reading: Reading | null;
  /** Diagnostics of the last validate/aggregate/import. */
  readonly diagnostics: readonly Diagnostic[] | null;
  /** Results shown only after a successful aggregate. */
  readonly aggregated: boolean;
  /** One line saying what the last action did, rendered in the current language. */
  readonly notice: Notice | null;
  readonly workbookOpen: boolean;
  /** The evaluation year for 生成模板 and new workbooks: today's default, else the open workbook's own. */
  readonly year: number;
  /** The year is the open workbook's (it carries its scheme), not a choice for new sheets. */
  readonly yearFromWorkbook: boolean;
}

export interface Notice {
  readonly kind: "success" | "error" | "info";
  readonly text: (t: Strings) => string;
}

const initial: PaneState = { busy: null, reading: null, diagnostics: null, aggregated: false, notice: null, workbookOpen: false, year: defaultEvaluationYear(new Date()), yearFromWorkbook: false };

/** What the year field says is wrong with the year typed; the operation checks again with the scheme. */
export function yearFieldProblem(state: PaneState): { zh: string; en: string } | null {
  const scheme = state.reading?.scheme;
  return yearProblemFor(scheme ? { id: scheme.id, first: firstYear(scheme) } : { id: BUILTIN.id, first: BUILTIN.first }, state.year);
}

// The built-in scheme's id and first year, without loading it (the core loads on the first action).
const BUILTIN = { id: "cq-2024", first: 2024 };

/**
 * The pane's logic in one hook: each action runs an operation on the environment's port with
 * progress and cancellation, and turns the outcome into state the components render.
 */
export function usePane(env: PaneEnv) {
  const [state, setState] = useState<PaneState>({ ...initial, workbookOpen: env.port() !== null });
  const abort = useRef<AbortController | null>(null);

  const run = useCallback(async <T,>(task: Task, f: (ops: PaneOps, ctx: Ops.OpContext) => Promise<OpResult<T>>, after: (r: OpResult<T>) => Partial<PaneState>) => {
    const port = env.port();
    if (!port) return;
    const controller = new AbortController();
    abort.current = controller;
    setState((s) => ({ ...s, busy: { task, phase: null, step: 0, steps: 1 }, notice: null }));
    try {
      const ops = await loadOps();
      const r = await f(ops, {
        port,
        signal: controller.signal,
        progress: (phase, step, steps) => setState((s) => ({ ...s, busy: { task, phase, step, steps } })),
      });
      if (!r.ok && r.cancelled) setState((s) => ({ ...s, busy: null, notice: { kind: "info", text: (t) => t.cancelled } }));
      else {
        // Computed outside the state updater: `after` may have effects (telling the functions the scheme).
        const patch = after(r);
        // A transition: React renders the results (4 groups' tables, the chart) in slices of a few ms,
        // yielding to the page between them, rather than in one long task; the progress bar stays until then.
        startTransition(() => setState((s) => ({ ...s, busy: null, ...patch })));
      }
    } catch (e) {
      const message = (e as Error).message;
      setState((s) => ({ ...s, busy: null, notice: { kind: "error", text: () => message } }));
    } finally {
      abort.current = null;
    }
  }, [env]);

  const count = (r: OpResult<unknown>, sev: string) => r.diagnostics.filter((d) => d.severity === sev).length;
  // A workbook that carries its scheme has its year: the field shows it. The built-in's info diagnostic says it carries none.
  const yearOf = (r: Reading): Partial<PaneState> => (r.diagnostics.some((d) => d.code === "scheme.builtin") ? { yearFromWorkbook: false } : { year: r.scheme.year, yearFromWorkbook: true });
  const afterReading = (aggregating: boolean) => (r: OpResult<Reading>): Partial<PaneState> => {
    // A warning comes later, once the pane knows whether the EVAL.* functions took the scheme.
    if (r.ok) void env.setFunctionsScheme?.(r.value.scheme).then((d) => d && setState((s) => ({ ...s, diagnostics: [...(s.diagnostics ?? []), d] })));
    const year = r.ok ? yearOf(r.value) : {};
    const summary = (t: Strings) => `${count(r, "error")} ${t.errors}${t.sep}${count(r, "warning")} ${t.warnings}`;
    if (!r.ok && aggregating) {
      // Refused for errors: keep what the last reading showed, and say why nothing was written.
      return { diagnostics: r.diagnostics, aggregated: false, notice: { kind: "error", text: (t) => `${t.notAggregated}（${summary(t)}）` } };
    }
    return {
      ...year,
      reading: r.ok ? r.value : null,
      diagnostics: r.diagnostics,
      aggregated: r.ok && aggregating,
      notice: r.ok && aggregating ? { kind: "success", text: (t) => t.aggregated } : { kind: count(r, "error") ? "error" : "success", text: (t) => `${t.validated}${t.colon}${summary(t)}` },
    };
  };

  const afterImport = (r: OpResult<{ imported: string[]; missing: string[] }>): Partial<PaneState> => ({
    notice: r.ok ? { kind: "success", text: (t) => `${t.imported}${t.colon}${r.value.imported.join("、") || "—"}。${r.value.missing.length ? `${t.stillMissing}${t.colon}${r.value.missing.join("、")}` : ""}` } : null,
    diagnostics: r.diagnostics,
  });

  return {
    state,
    cancel: () => abort.current?.abort(),
    validate: () => run("validate", (ops, ctx) => ops.validate(ctx), afterReading(false)),
    aggregate: (force = false) => run("aggregate", (ops, ctx) => ops.aggregate(ctx, { force }), afterReading(true)),
    approve: (by: string, at: string) => run("approve", (ops, ctx) => ops.approve(ctx, by, at), afterReading(true)),
    /** Without a scheme: the one the workbook carries, else the built-in; for the year in the field. */
    addTemplate: (scheme?: Scheme) => run("template", (ops, ctx) => ops.addTemplate(ctx, scheme, state.year), (r) => ({
      notice: r.ok ? { kind: "success", text: (t) => (r.value.length ? `${t.templateAdded}${t.colon}${r.value.join("、")}` : t.templateNothing) } : null,
      diagnostics: r.ok ? null : r.diagnostics,
    })),
    importDepartments: (files: Ops.DepartmentFileSnapshot[]) => run("import", (ops, ctx) => ops.importDepartments(ctx, files), afterImport),
    /** 导入部室表 from the files' bytes, opened where the operations run (the compute worker). */
    importFiles: (files: { name: string; bytes: Uint8Array }[]) => run("import", (ops, ctx) => ops.importFiles(ctx, files), afterImport),
    /**
     * 导入历年结果 (issue 10 §2): prior outputs or result.json files into the hidden 历年结果. Runs on the
     * page (the operation is loaded when first used), so it needs no entry in the compute worker.
     */
    importHistory: (files: { name: string; bytes: Uint8Array }[]) => run("history", async (_ops, ctx) => (await import("../operations")).importHistory(ctx, files), (r) => ({
      notice: r.ok ? { kind: "success", text: (t) => HISTORY_STRINGS[t.lang].imported(r.value.added, r.value.years) } : { kind: "error", text: (t) => HISTORY_STRINGS[t.lang].notImported },
      diagnostics: r.diagnostics,
    })),
    /** 导入平时评价 (issue 10 §1): periodic workbooks into this workbook's 平时评价 sheet; runs on the page like 导入历年结果. */
    importPeriodic: (files: { name: string; bytes: Uint8Array }[]) => run("periodic", async (_ops, ctx) => (await import("../operations")).importPeriodic(ctx, files), (r) => ({
      notice: r.ok
        ? { kind: "success", text: (t) => (t.lang === "en" ? `Periodic results added: ${r.value.added.join(", ") || "none new"}${r.value.missing.length ? `; still missing: ${r.value.missing.join(", ")}` : ""}. Aggregate to count them in.` : `已导入平时评价：${r.value.added.join("、") || "无新周期"}${r.value.missing.length ? `；尚缺：${r.value.missing.join("、")}` : ""}。重新汇总后计入。`) }
        : { kind: "error", text: (t) => (t.lang === "en" ? "Nothing was imported." : "未导入任何平时评价。") },
      diagnostics: r.diagnostics,
    })),
    saveScheme: (scheme: Scheme) => run("saveScheme", (ops, ctx) => ops.saveScheme(ctx, scheme), (r) => ({
      notice: r.ok ? { kind: "success", text: (t) => t.done } : null,
      diagnostics: r.ok ? null : r.diagnostics,
    })),
    notify: (notice: PaneState["notice"]) => setState((s) => ({ ...s, notice })),
    setYear: (year: number) => setState((s) => ({ ...s, year })),
    /** Standalone: a workbook was opened or generated; forget the previous one's results (the year typed stays). */
    opened: (ok: boolean, message?: string) => setState((s) => ({ ...initial, year: s.year, workbookOpen: ok || env.port() !== null, notice: ok ? null : { kind: "error", text: () => message ?? "" } })),
    /** Standalone: start from a new sample or blank workbook for the year in the field; false when refused. */
    generate: async (kind: "sample" | "blank"): Promise<boolean> => {
      const problem = yearFieldProblem(state);
      if (problem) {
        setState((s) => ({ ...s, notice: { kind: "error", text: (t) => (t.lang === "en" ? problem.en : problem.zh) } }));
        return false;
      }
      await env.openGenerated!(kind, state.year);
      setState((s) => ({ ...initial, year: s.year, workbookOpen: true }));
      return true;
    },
  };
}
