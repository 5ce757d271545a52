// The standalone pane's document worker: holds the workbook the user opened (workbookDocument) and
// serves its port to the compute worker over a MessagePort of their own, so the workbook's cells and
// the plan written into it never pass through the page.
import type { CellEdit, ReadOptions } from "../../src/workbook/port";
import type { WritePlan } from "../../src/workbook/plan";
import { workbookDocument } from "./document";
import { connect, transfer, type Endpoint } from "./rpc";
import { servePort } from "./servePort";

const document = workbookDocument();
const scope = self as unknown as Endpoint;

const main = connect(scope, {
  open: (name: string, bytes: Uint8Array) => document.open(name, bytes),
  generate: (kind: "sample" | "blank", year: number) => document.generate(kind, year),
  bytes: async () => {
    const bytes = await document.bytes();
    return transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },
  /** A channel for the compute worker: the open workbook's port (a read, a plan, cell edits). */
  link: (channel: MessagePort) => {
    servePort(channel, () => document.port());
  },
  readSnapshot: (options?: ReadOptions) => document.port()!.readSnapshot(options),
  applyPlan: (plan: WritePlan) => document.port()!.applyPlan(plan),
  writeCells: (edits: readonly CellEdit[]) => document.port()!.writeCells(edits),
});
main.emit("ready");
