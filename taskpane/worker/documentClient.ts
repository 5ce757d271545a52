// The page's side of the document worker (documentWorker.ts): the standalone pane's workbook, opened,
// generated and saved off the page. Its port is linkable: the compute worker talks to the document
// worker directly. Where no worker can start, the workbook lives on the page (workbookDocument).
import type { CellEdit, PortResult, ReadOptions } from "../../src/workbook/port";
import type { WritePlan } from "../../src/workbook/plan";
import type { WorkbookSnapshot } from "../../src/workbook/snapshot";
import { LINK, type LinkablePort } from "./client";
import { workbookDocument, type WorkbookDocument } from "./document";
import { connect, type Connection } from "./rpc";

export function documentInWorker(): WorkbookDocument {
  let connection: Connection | null = null;
  let started: Promise<boolean> = Promise.resolve(false);
  if (typeof Worker !== "undefined") {
    try {
      const worker = new Worker(new URL("./documentWorker.ts", import.meta.url));
      let ready!: (ok: boolean) => void;
      started = new Promise<boolean>((resolve) => (ready = resolve));
      connection = connect(worker, { ready: () => ready(true) });
      worker.onerror = (event) => {
        event.preventDefault();
        ready(false);
      };
    } catch {
      // file:// and the like: the workbook stays on the page.
    }
  }
  // Decided once, on the first call: the worker started, or the page holds the workbook.
  let local: WorkbookDocument | null = null;
  const inWorker = async (): Promise<Connection | null> => {
    if (connection && (await started)) return connection;
    local ??= workbookDocument();
    return null;
  };

  let open = false;
  const port: LinkablePort = {
    readSnapshot: (options?: ReadOptions) => connection!.call<PortResult<WorkbookSnapshot>>("readSnapshot", [options]),
    applyPlan: (plan: WritePlan) => connection!.call<PortResult<void>>("applyPlan", [plan]),
    writeCells: (edits: readonly CellEdit[]) => connection!.call<PortResult<void>>("writeCells", [edits]),
    [LINK]: () => {
      const { port1, port2 } = new MessageChannel();
      void connection!.call("link", [port1], [port1]);
      return port2;
    },
  };
  return {
    port: () => (local ? local.port() : open ? port : null),
    async open(name, bytes) {
      const c = await inWorker();
      if (!c) return local!.open(name, bytes);
      const r = await c.call<{ ok: boolean; message?: string }>("open", [name, bytes], [bytes.buffer as ArrayBuffer]);
      open ||= r.ok;
      return r;
    },
    async generate(kind, year) {
      const c = await inWorker();
      if (!c) return local!.generate(kind, year);
      await c.call("generate", [kind, year]);
      open = true;
    },
    async bytes() {
      const c = await inWorker();
      return c ? c.call<Uint8Array>("bytes") : local!.bytes();
    },
  };
}
