/**
 * Runs a stepped computation (a generator that `yield`s between small steps) a slice at a time,
 * about `sliceMs` of work per task, so the page keeps painting and answering input meanwhile: no
 * main-thread task of a large trace's rebuild goes over a few dozen milliseconds.
 */

/** The next task: a MessageChannel message (not clamped to 4 ms as nested timers are), or a timer where there is none. */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Steps `steps` to its end in slices of about `sliceMs`. Resolves true when it ended, false when
 * `keepGoing` said no between two slices (a newer load came: the rest is not needed). 20 ms slices
 * keep each task far from 100 ms while making few of them: on a busy machine each yield may wait a while.
 */
export async function runInSlices(steps: Iterator<unknown, unknown>, keepGoing: () => boolean = () => true, sliceMs = 20): Promise<boolean> {
  for (;;) {
    const until = performance.now() + sliceMs;
    do {
      if (steps.next().done) return true;
    } while (performance.now() < until);
    await nextTask();
    if (!keepGoing()) return false;
  }
}
