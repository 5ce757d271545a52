// The page's side of the compute worker: the pane's operations with the same signatures as
// operations.ts, run in computeWorker.ts. The page keeps only what must stay on it: the Office.js or
// WPS port (served to the worker over a MessageChannel), progress, and cancelling — which ends the
// worker at once unless it is writing (a write is never cut short; the next run starts a new worker).
// Where no worker can start (no Worker, a page opened from file://), the operations run on the page.
import type * as Ops from "../operations";
import type { OpContext, OpResult, Phase } from "../operations";
import type { WorkbookPort } from "../../src/workbook/port";
import { connect, type Connection } from "./rpc";
import { servePort } from "./servePort";
import { fromTheWorker } from "./packedReading";

export type OpName = "validate" | "aggregate" | "approve" | "addTemplate" | "importDepartments" | "importFiles" | "saveScheme" | "importHistory" | "importPeriodic";
export type PaneOps = Pick<typeof Ops, OpName>;

/** A port whose workbook lives in a worker: it hands the compute worker a channel of its own. */
export const LINK = Symbol("evalsheet.link");
export interface LinkablePort extends WorkbookPort {
  readonly [LINK]: () => MessagePort;
}

interface Running {
  readonly progress: OpContext["progress"];
  aborted: boolean;
  writing: boolean;
  /** Ends the run as cancelled. */
  readonly cancelled: () => void;
  /** Ends the run with an error (the worker crashed). */
  readonly failed: (message: string) => void;
}

interface ComputeWorker {
  readonly worker: Worker;
  readonly connection: Connection;
  /** False when the worker could not start: run on the page instead. */
  readonly ready: Promise<boolean>;
}

let current: ComputeWorker | null = null;
let running: Running | null = null;
let unavailable = typeof Worker === "undefined";

function startWorker(): ComputeWorker | null {
  if (unavailable) return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL("./computeWorker.ts", import.meta.url));
  } catch {
    unavailable = true;
    return null;
  }
  let started!: (ok: boolean) => void;
  const ready = new Promise<boolean>((resolve) => (started = resolve));
  const connection = connect(worker, {
    ready: () => started(true),
    progress: (phase: Phase, step: number, steps: number) => running?.progress?.(phase, step, steps),
    beginWrite: () => {
      // Cancelled before the write began: stop here, nothing written. Else the write runs to its end.
      if (running?.aborted) {
        running.cancelled();
        return new Promise(() => undefined);
      }
      if (running) running.writing = true;
      return true;
    },
    endWrite: () => {
      if (running) running.writing = false;
    },
  });
  worker.onerror = (event) => {
    // Failing to load (file://, a blocked script) is failing to start; a crash later fails the run.
    event.preventDefault();
    started(false);
    running?.failed(event.message || "worker error");
  };
  return { worker, connection, ready };
}

function stopWorker(): void {
  current?.worker.terminate();
  current = null;
}

/** A channel to the workbook's port for one run, and how to close it afterwards. */
function linkTo(port: WorkbookPort): { channel: MessagePort; close: () => void } {
  if (LINK in port) return { channel: (port as LinkablePort)[LINK](), close: () => undefined };
  const { port1, port2 } = new MessageChannel();
  servePort(port1, () => port);
  return { channel: port2, close: () => port1.close() };
}

async function runInWorker<T>(op: OpName, ctx: OpContext, args: unknown[]): Promise<OpResult<T>> {
  current ??= startWorker();
  const started = current ? await current.ready : false;
  if (!current || !started) {
    if (current) {
      unavailable = true;
      stopWorker();
    }
    const local = (await import("../operations")) as unknown as Record<OpName, (ctx: OpContext, ...rest: unknown[]) => Promise<OpResult<T>>>;
    return local[op](ctx, ...args);
  }
  const { connection } = current;
  const link = linkTo(ctx.port);
  try {
    return await new Promise<OpResult<T>>((resolve, reject) => {
      const run: Running = {
        progress: ctx.progress,
        aborted: false,
        writing: false,
        cancelled: () => {
          stopWorker();
          resolve({ ok: false, diagnostics: [], cancelled: true });
        },
        failed: (message) => {
          stopWorker();
          reject(new Error(message));
        },
      };
      running = run;
      const abort = () => {
        run.aborted = true;
        if (!run.writing) run.cancelled();
      };
      if (ctx.signal?.aborted) return abort();
      ctx.signal?.addEventListener("abort", abort, { once: true });
      connection.call<OpResult<T>>("run", [op, args, link.channel], [link.channel]).then((r) => resolve(fromTheWorker(r)), reject)
        .finally(() => ctx.signal?.removeEventListener("abort", abort));
    });
  } finally {
    running = null;
    link.close();
  }
}

const remote = <K extends OpName>(op: K): PaneOps[K] =>
  ((ctx: OpContext, ...args: unknown[]) => runInWorker(op, ctx, args)) as unknown as PaneOps[K];

/** The pane's operations, run in the compute worker. */
export const workerOps: PaneOps = {
  validate: remote("validate"),
  aggregate: remote("aggregate"),
  approve: remote("approve"),
  addTemplate: remote("addTemplate"),
  importDepartments: remote("importDepartments"),
  importFiles: remote("importFiles"),
  saveScheme: remote("saveScheme"),
  importHistory: remote("importHistory"),
  importPeriodic: remote("importPeriodic"),
};
