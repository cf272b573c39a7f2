/**
 * A bulkhead: at most `limit` tasks at once, at most `maxQueued` more waiting in arrival order.
 * Each upstream source has its own (upstream-fetch.ts), so a slow or hung source fills only its
 * own slots and queue while the other sources keep answering; the memory the server's upstream
 * requests can hold stays bounded by sources × limit × the response size limit.
 *
 * A task that finds the queue full is refused at once ('queue-full': the API answers 503 with
 * Retry-After) instead of waiting behind an unbounded line. Waiting counts against the caller's
 * deadline: a task still queued when its deadline passes leaves the queue ('queue-timeout'), and
 * so does one whose signal aborts ('aborted').
 */
export type GateRefusal = 'aborted' | 'queue-full' | 'queue-timeout';

export interface GateOptions {
  readonly signal?: AbortSignal | undefined;
  /** Epoch milliseconds after which a task still waiting gives up. */
  readonly deadline?: number | undefined;
}

export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly maxQueued = Number.POSITIVE_INFINITY,
  ) {}

  async run<T>(task: () => Promise<T>, options: AbortSignal | GateOptions = {}): Promise<T | GateRefusal> {
    const { signal, deadline } = options instanceof AbortSignal ? { signal: options, deadline: undefined } : options;
    if (signal?.aborted) return 'aborted';
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.maxQueued) return 'queue-full';
      const admitted = await new Promise<true | GateRefusal>((resolve) => {
        let timer: NodeJS.Timeout | undefined;
        const leave = (why: GateRefusal) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          const at = this.waiting.indexOf(admit);
          if (at >= 0) this.waiting.splice(at, 1);
          resolve(why);
        };
        const admit = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(true);
        };
        const onAbort = () => leave('aborted');
        signal?.addEventListener('abort', onAbort, { once: true });
        if (deadline !== undefined) timer = setTimeout(() => leave('queue-timeout'), Math.max(0, deadline - Date.now()));
        this.waiting.push(admit);
      });
      if (admitted !== true) return admitted;
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next task
      else this.running--;
    }
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }
}
