/**
 * The benchmark's time budget. `setDeadline` starts the whole run's clock; `step` runs one piece
 * of work within its own limit and what is left of the run's, rejecting with a BenchTimeout when
 * either runs out; `currentStep` names the last step started, for the failure message.
 */

export class BenchTimeout extends Error {}

let deadline = Number.POSITIVE_INFINITY;
let current = 'starting';

/** Sets the end of the whole run's budget (ms since the epoch). */
export function setDeadline(at: number): void {
  deadline = at;
}

/** What the benchmark was doing when it last started a step. */
export function currentStep(): string {
  return current;
}

/** Runs one step within its own limit and what is left of the whole run's budget. */
export async function step<T>(what: string, limitMs: number, work: () => Promise<T>): Promise<T> {
  current = what;
  const left = deadline - Date.now();
  if (left <= 0) throw new BenchTimeout(`the time limit ran out before: ${what}`);
  const ms = Math.min(limitMs, left);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BenchTimeout(`${what} took longer than ${Math.round(ms / 1000)} s${ms < limitMs ? ' (the rest of the time limit)' : ''}`)), ms);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
