/**
 * RunConcurrent branches in the order their graphs declare them (core/junjo/declared-branch-order.ts),
 * from the graphs the Junjo analysis parsed. Undefined (start order) until the analysis has come and
 * the order is known. On a large trace the order takes a few hundred milliseconds (every RC's children
 * matched to graph nodes), so what a first slice of render time does not finish goes on in slices
 * between frames, and the rows change order when it is done.
 */
import { useEffect, useMemo, useState } from 'react';
import { declaredRowOrderInSlices, type ParsedRunGraphs } from '../../../core/junjo/declared-branch-order.ts';
import type { Trace } from '../../../core/model/trace.ts';

/** Milliseconds of work per slice. */
const sliceMs = 12;

const timeUpAfter = (ms: number): (() => boolean) => {
  const until = performance.now() + ms;
  return () => performance.now() > until;
};

export function useDeclaredOrder(trace: Trace, runs: ParsedRunGraphs | undefined): Int32Array | undefined {
  const steps = useMemo(() => (runs ? declaredRowOrderInSlices(trace, runs) : undefined), [trace, runs]);
  // A small trace is done within the first slice, in this render: its rows never show start order.
  const doneNow = useMemo(() => steps?.next(timeUpAfter(sliceMs)) ?? false, [steps]);
  const [finished, setFinished] = useState<typeof steps>(undefined);

  useEffect(() => {
    if (!steps || doneNow) return;
    let handle = 0;
    const step = () => {
      if (steps.next(timeUpAfter(sliceMs))) setFinished(steps);
      else handle = window.setTimeout(step, 0);
    };
    handle = window.setTimeout(step, 0);
    return () => window.clearTimeout(handle);
  }, [steps, doneNow]);

  if (!steps || !(doneNow || finished === steps)) return undefined;
  return steps.result() ?? undefined;
}
