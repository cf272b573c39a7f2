/**
 * Group commit in front of the store: exports that arrive while the event loop is busy are
 * stored together in one transaction (one fsync), and each caller's promise settles only after
 * that commit, so an acknowledgement always means durable. When too many bytes of exports wait
 * (counted from their bodies, from the moment a receiver starts decoding one until its commit),
 * or the process holds too much memory, exports are refused at once with a retryable answer
 * instead of queueing without bound.
 */
import type { StoreSpan } from './store-span.ts';
import type { InsertResult, TraceStore } from './trace-store.ts';

export type SubmitOutcome =
  | { readonly ok: true; readonly result: InsertResult }
  | { readonly ok: false; readonly reason: 'busy' | 'memory' | 'failed'; readonly message: string };

export interface WriteQueueOptions {
  /** Bytes of export bodies allowed to wait (decoding, or for the next commit). */
  readonly maxPendingBytes?: number;
  /** Resident memory above which exports are refused (retryable) until it falls. */
  readonly maxRssBytes?: number;
  /** Retention runs at most this often (and after writes). */
  readonly retentionEveryMs?: number;
  /** How resident memory is read (process.memoryUsage.rss; tests give their own reading). */
  readonly readRss?: () => number;
  readonly log?: (line: string) => void;
}

interface Pending {
  readonly spans: readonly StoreSpan[];
  readonly settle: (outcome: SubmitOutcome) => void;
}

export class WriteQueue {
  private pending: Pending[] = [];
  /** Bytes of exports reserved and not yet committed (or refused). */
  private pendingBytes = 0;
  private scheduled = false;
  private lastRetention = 0;
  private memoryHigh = false;
  private readonly memoryTimer: NodeJS.Timeout;
  private readonly retentionTimer: NodeJS.Timeout;
  private readonly maxPendingBytes: number;
  private readonly maxRssBytes: number;
  private readonly retentionEveryMs: number;
  private readonly log: (line: string) => void;

  constructor(private readonly store: TraceStore, options: WriteQueueOptions = {}) {
    this.maxPendingBytes = options.maxPendingBytes ?? 256 * 1024 * 1024;
    this.maxRssBytes = options.maxRssBytes ?? 1536 * 1024 * 1024;
    this.retentionEveryMs = options.retentionEveryMs ?? 30_000;
    this.log = options.log ?? (() => undefined);
    const readRss = options.readRss ?? (() => process.memoryUsage.rss());
    this.memoryTimer = setInterval(() => {
      this.memoryHigh = readRss() > this.maxRssBytes;
    }, 250);
    this.memoryTimer.unref();
    this.retentionTimer = setInterval(() => this.retain(Date.now()), this.retentionEveryMs);
    this.retentionTimer.unref();
  }

  /** Whether a new export would be refused right now (callers check before decoding big bodies). */
  pressure(): SubmitOutcome | undefined {
    if (this.memoryHigh) return { ok: false, reason: 'memory', message: 'The viewer is low on memory; please retry later.' };
    if (this.pendingBytes >= this.maxPendingBytes) return { ok: false, reason: 'busy', message: 'The store is busy writing; please retry later.' };
    return undefined;
  }

  /**
   * Reserves room for an export of `bytes` before it is decoded: undefined when it may go on
   * (the caller then calls `submit` or `release` with the same bytes), else the refusal.
   */
  reserve(bytes: number): SubmitOutcome | undefined {
    const refused = this.pressure();
    if (refused) return refused;
    this.pendingBytes += bytes;
    return undefined;
  }

  /** Gives back a reservation whose export will not be submitted. */
  release(bytes: number): void {
    this.pendingBytes = Math.max(0, this.pendingBytes - bytes);
  }

  /** Stores a reserved export's spans at the next group commit; settles after that commit. */
  submit(spans: readonly StoreSpan[], bytes: number): Promise<SubmitOutcome> {
    return new Promise((settle) => {
      this.pending.push({ spans, settle: (outcome) => {
        this.release(bytes);
        settle(outcome);
      } });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let results: InsertResult[];
    try {
      results = this.store.insertBatches(batch.map((p) => p.spans));
    } catch (error) {
      const message = `The store could not write: ${(error as Error).message}. Nothing of this export was kept; please retry.`;
      this.log(message);
      for (const p of batch) p.settle({ ok: false, reason: 'failed', message });
      return;
    }
    batch.forEach((p, i) => p.settle({ ok: true, result: results[i]! }));
    const now = Date.now();
    if (now - this.lastRetention >= this.retentionEveryMs || this.store.storedBytes() > this.store.retention.maxBytes) this.retain(now);
  }

  private retain(now: number): void {
    this.lastRetention = now;
    try {
      const dropped = this.store.applyRetention(now);
      if (dropped > 0) this.log(`retention: deleted ${dropped} old trace(s)`);
    } catch (error) {
      this.log(`retention failed: ${(error as Error).message}`);
    }
  }

  close(): void {
    clearInterval(this.memoryTimer);
    clearInterval(this.retentionTimer);
    if (this.pending.length > 0) this.flush();
  }
}
