/**
 * At most `limit` tasks at once; the rest wait in arrival order. The server's upstream requests go
 * through one gate, so the memory they can hold is bounded by limit × the response size limit, however
 * many browser requests arrive at once. A waiting task whose signal aborts leaves the queue.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T | 'aborted'> {
    if (this.running >= this.limit) {
      const admitted = await new Promise<boolean>((resolve) => {
        const admit = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(true);
        };
        const onAbort = () => {
          const at = this.waiting.indexOf(admit);
          if (at >= 0) this.waiting.splice(at, 1);
          resolve(false);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(admit);
      });
      if (!admitted) return 'aborted';
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
