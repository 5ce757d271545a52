import type { WorkbookPort } from "../src/workbook/port";

/**
 * A port whose adapter is imported on its first call: the Office.js and WPS adapters are not needed
 * to paint the pane's first screen, only to read the workbook a moment later.
 */
export function lazyPort(load: () => Promise<WorkbookPort>): WorkbookPort {
  let loading: Promise<WorkbookPort> | null = null;
  const port = () => (loading ??= load());
  return {
    readSnapshot: async (options) => (await port()).readSnapshot(options),
    applyPlan: async (plan) => (await port()).applyPlan(plan),
    writeCells: async (edits) => (await port()).writeCells(edits),
  };
}
