import { useState } from "react";

/** Rows a results table shows before "显示更多": every group of the 41 districts fits at once. */
export const PAGE = 50;

/**
 * How many rows of each group to show, and a way to show `PAGE` more. Thousands of units' rows (and
 * the style and layout work a table that long costs the page) are never rendered in one long task;
 * starts again at `PAGE` when `data` (the result shown) changes.
 */
export function usePaged(data: unknown): { limit: number; more: () => void } {
  const [state, setState] = useState({ data, limit: PAGE });
  if (state.data !== data) setState({ data, limit: PAGE });
  const limit = state.data === data ? state.limit : PAGE;
  return { limit, more: () => setState((s) => ({ data: s.data, limit: s.limit + PAGE })) };
}
