// The pane's compute worker: runs the pane's operations (operations.ts: validate, evaluate, plan) off
// the page. The workbook port it works on is at the other end of a MessagePort given with each run:
// served by the page (Office.js and WPS calls stay on the page) or by the document worker (the
// standalone pane's workbook). Before each write it asks the page, which may stop it there: a write
// is never cut short, and cancelling otherwise ends this worker at once.
import type { CellEdit, PortResult, ReadOptions, WorkbookPort } from "../../src/workbook/port";
import type { WritePlan } from "../../src/workbook/plan";
import type { WorkbookSnapshot } from "../../src/workbook/snapshot";
import * as ops from "../operations";
import type { OpContext, OpResult, Phase } from "../operations";
import { connect, type Connection, type Endpoint } from "./rpc";
import { forThePage } from "./packedReading";
import type { OpName } from "./client";

const page = connect(self as unknown as Endpoint, {
  run: async (op: OpName, args: unknown[], channel: MessagePort) => {
    const link = connect(channel);
    const ctx: OpContext = {
      port: linkedPort(link),
      progress: (phase: Phase, step: number, steps: number) => page.emit("progress", phase, step, steps),
    };
    try {
      const run = ops[op] as (ctx: OpContext, ...rest: unknown[]) => Promise<OpResult<unknown>>;
      return forThePage(await run(ctx, ...args));
    } finally {
      channel.close();
    }
  },
});
page.emit("ready");

function linkedPort(link: Connection): WorkbookPort {
  const write = async <T,>(method: string, arg: unknown): Promise<PortResult<T>> => {
    await page.call("beginWrite");
    try {
      return await link.call<PortResult<T>>(method, [arg]);
    } finally {
      page.emit("endWrite");
    }
  };
  return {
    readSnapshot: (options?: ReadOptions) => link.call<PortResult<WorkbookSnapshot>>("readSnapshot", [options]),
    applyPlan: (plan: WritePlan) => write<void>("applyPlan", plan),
    writeCells: (edits: readonly CellEdit[]) => write<void>("writeCells", edits),
  };
}
