/**
 * The result of a stepped computation (a generator that `yield`s between small steps), computed a
 * slice at a time: what the first slice of render time does not finish goes on in slices between
 * frames (as use-declared-order.ts does), so a large trace's O(spans) view work never holds the page
 * in one long task. Undefined until it ends; a small input ends within the first slice, in this render.
 */
import { useEffect, useMemo, useState } from 'react';

/** Milliseconds of work per slice. */
const sliceMs = 12;

/** Steps `steps` for about `ms`; its result when it ended. */
function stepFor<T>(steps: Generator<void, T>, ms: number): { value: T } | undefined {
  const until = performance.now() + ms;
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: step.value };
    if (performance.now() > until) return undefined;
  }
}

export function useSliced<T>(steps: Generator<void, T> | undefined): T | undefined {
  const now = useMemo(() => (steps ? stepFor(steps, sliceMs) : undefined), [steps]);
  const [finished, setFinished] = useState<{ steps: Generator<void, T>; value: T } | undefined>(undefined);

  useEffect(() => {
    if (!steps || now) return;
    let handle = 0;
    const step = () => {
      const ended = stepFor(steps, sliceMs);
      if (ended) setFinished({ steps, value: ended.value });
      else handle = window.setTimeout(step, 0);
    };
    handle = window.setTimeout(step, 0);
    return () => window.clearTimeout(handle);
  }, [steps, now]);

  if (now) return now.value;
  return finished !== undefined && finished.steps === steps ? finished.value : undefined;
}
