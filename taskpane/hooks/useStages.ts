import { startTransition, useEffect, useState } from "react";

/** A task of its own, after the browser has had the chance to paint and take input. */
const nextTask = (run: () => void) => void setTimeout(run, 0);

/**
 * The first screen mounts in `count` stages, one commit each, the next in a task of its own after the
 * previous one is on screen. A trace of the standalone page's start showed React's first render as one
 * 120–480 ms task on this 2-core machine, two thirds of it the commit (Griffel inserting every
 * component's CSS rules, the DOM appended): a stage is a part of that. Returns the stages shown so far
 * (1 at the first render, `count` once all are).
 */
export function useStages(count: number, next: (run: () => void) => void = nextTask): number {
  const [shown, setShown] = useState(1);
  useEffect(() => {
    if (shown >= count) return;
    let cancelled = false;
    next(() => {
      if (!cancelled) startTransition(() => setShown((s) => Math.min(count, s + 1)));
    });
    return () => {
      cancelled = true;
    };
  }, [shown, count, next]);
  return shown;
}
