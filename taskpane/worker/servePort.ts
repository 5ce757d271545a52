import type { CellEdit, ReadOptions, WorkbookPort } from "../../src/workbook/port";
import type { WritePlan } from "../../src/workbook/plan";
import { connect, type Endpoint } from "./rpc";

/**
 * Answers a workbook port's three calls on `channel`: the page serves the Office.js or WPS port this
 * way (their calls must stay on the page), the document worker its in-memory workbook's.
 */
export function servePort(channel: Endpoint, port: () => WorkbookPort | null): void {
  const open = (): WorkbookPort => {
    const p = port();
    if (!p) throw new Error("no workbook open");
    return p;
  };
  connect(channel, {
    readSnapshot: (options?: ReadOptions) => open().readSnapshot(options),
    applyPlan: (plan: WritePlan) => open().applyPlan(plan),
    writeCells: (edits: readonly CellEdit[]) => open().writeCells(edits),
  });
}
