/**
 * Identical work in flight at the same time is done once: callers with the same key share one
 * run and its result (a large trace is fetched, checked and redacted once, however many browsers
 * ask for it at once). The shared run gets its own AbortSignal, aborted only when every caller
 * has gone away; a caller that goes away gets 'aborted' at once.
 */
interface Shared<T> {
  readonly result: Promise<T>;
  readonly controller: AbortController;
  callers: number;
}

export class SharedInFlight<T> {
  private readonly running = new Map<string, Shared<T>>();

  run(key: string, work: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T | 'aborted'> {
    if (signal.aborted) return Promise.resolve('aborted');
    let shared = this.running.get(key);
    if (shared === undefined) {
      const controller = new AbortController();
      const result = work(controller.signal).finally(() => this.running.delete(key));
      shared = { result, controller, callers: 0 };
      this.running.set(key, shared);
    }
    const joined = shared;
    joined.callers++;
    return new Promise<T | 'aborted'>((resolve, reject) => {
      let done = false;
      const onAbort = (): void => {
        if (done) return;
        done = true;
        if (--joined.callers === 0) joined.controller.abort();
        resolve('aborted');
      };
      signal.addEventListener('abort', onAbort, { once: true });
      joined.result.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          if (done) return;
          done = true;
          joined.callers--;
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          if (done) return;
          done = true;
          joined.callers--;
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }
}
