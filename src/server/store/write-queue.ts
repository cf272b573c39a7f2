/**
 * Group commit in front of the store: exports that arrive while a commit runs are stored
 * together in the next transaction (one fsync), and each caller's promise settles only after
 * that commit, so an acknowledgement always means durable. For a store on disk the transaction
 * is written by the store's writer thread (store-writer.ts): while it commits, the event loop
 * keeps receiving and decoding the next exports, and prepares their rows once the commit is done
 * (one transaction at the thread at a time, so each is prepared against what is committed).
 * Deletions and other writes on the store's own connection (`exclusive`) run between commits.
 * When too many bytes of exports wait (counted from their bodies, from the moment a receiver
 * starts decoding one until its commit), or the process holds too much memory, exports are
 * refused at once with a retryable answer instead of queueing without bound.
 */
import type { StoreSpan } from './store-span.ts';
import { StoreWriter } from './store-writer.ts';
import type { InsertResult, PreparedWrite, TraceStore } from './trace-store.ts';

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
  /** Write on a thread of its own (default for a store on disk), or on the store's connection. */
  readonly thread?: boolean;
  /** WAL bytes after which a checkpoint thread copies the WAL back (defaultCheckpointBytes, store-writer.ts; tests use less). */
  readonly checkpointBytes?: number;
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
  /** A transaction is at the writer thread. */
  private writing = false;
  private closed = false;
  /** Work on the store's own connection, waiting for the writer thread to be idle. */
  private exclusiveJobs: (() => void)[] = [];
  /** The writer thread (undefined: the store's connection writes). */
  readonly writer: StoreWriter | undefined;
  private lastRetention = 0;
  /** Group commits done (for tests). */
  commits = 0;
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
    if ((options.thread ?? true) && store.file !== ':memory:') {
      this.writer = new StoreWriter(store.file, this.log, options.checkpointBytes);
      this.writer.warm();
    }
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
      this.schedule();
    });
  }

  /**
   * Runs `job` on the store's own connection (a deletion, a saved file) between commits of the
   * writer thread, so it never races a transaction prepared before it; resolves with its result.
   */
  exclusive<T>(job: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const run = () => {
        try {
          resolve(job());
        } catch (error) {
          reject(error as Error);
        }
      };
      if (!this.writing && this.exclusiveJobs.length === 0) run();
      else this.exclusiveJobs.push(run);
    });
  }

  /**
   * With the writer thread idle, an export goes to it as soon as it is decoded (after the current
   * task, with whatever else that task submitted): the thread commits it while the event loop
   * decodes the next ones, instead of the loop decoding everything that arrived and then waiting for
   * one commit of all of it (exports then arrive, are decoded and are committed in lockstep, and the
   * thread and the loop each idle while the other works). Exports that come while the thread
   * commits are stored together in the next commit. Without the thread, commits wait for the next
   * turn of the loop, so that the exports received in one turn share a commit.
   */
  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    if (this.writer?.available === true) queueMicrotask(() => this.flush());
    else setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.writing || this.closed) return;
    for (const job of this.exclusiveJobs.splice(0)) job();
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const failed = (error: unknown) => {
      const message = `The store could not write: ${(error as Error).message}. Nothing of this export was kept; please retry.`;
      this.log(message);
      for (const p of batch) p.settle({ ok: false, reason: 'failed', message });
    };
    if (this.writer?.available !== true) {
      let results: InsertResult[];
      try {
        results = this.store.insertBatches(batch.map((p) => p.spans));
      } catch (error) {
        return failed(error);
      }
      this.commits++;
      batch.forEach((p, i) => p.settle({ ok: true, result: results[i]! }));
      this.afterCommit();
      return;
    }
    let prepared: PreparedWrite;
    try {
      prepared = this.store.prepare(batch.map((p) => p.spans));
    } catch (error) {
      this.store.forget();
      return failed(error);
    }
    this.writing = true;
    this.writer.write(prepared.plan, (buffer) => this.store.reuse(buffer)).then(
      () => {
        this.writing = false;
        this.store.committed(prepared);
        this.commits++;
        batch.forEach((p, i) => p.settle({ ok: true, result: prepared.results[i]! }));
        this.afterCommit();
      },
      (error: unknown) => {
        this.writing = false;
        // Failed, or the thread died with it (committed or not): what was cached for it goes.
        this.store.forget();
        failed(error);
        this.afterCommit();
      },
    );
  }

  private afterCommit(): void {
    const now = Date.now();
    if (now - this.lastRetention >= this.retentionEveryMs || this.store.storedBytes() > this.store.retention.maxBytes) this.exclusiveJobs.push(() => this.retain(now));
    if (this.pending.length > 0 || this.exclusiveJobs.length > 0) this.schedule();
  }

  private retain(now: number): void {
    this.lastRetention = now;
    if (this.writing) {
      this.exclusiveJobs.push(() => this.retain(now));
      return;
    }
    try {
      const dropped = this.store.applyRetention(now);
      if (dropped > 0) this.log(`retention: deleted ${dropped} old trace(s)`);
    } catch (error) {
      this.log(`retention failed: ${(error as Error).message}`);
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.memoryTimer);
    clearInterval(this.retentionTimer);
    this.writer?.close();
    if (this.writing) {
      // The thread's transaction is abandoned with it (its exports were not acknowledged).
      const message = 'The viewer is shutting down; please retry.';
      for (const p of this.pending.splice(0)) p.settle({ ok: false, reason: 'failed', message });
      return;
    }
    for (const job of this.exclusiveJobs.splice(0)) job();
    if (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      try {
        const results = this.store.insertBatches(batch.map((p) => p.spans));
        batch.forEach((p, i) => p.settle({ ok: true, result: results[i]! }));
      } catch (error) {
        for (const p of batch) p.settle({ ok: false, reason: 'failed', message: `The store could not write: ${(error as Error).message}; please retry.` });
      }
    }
  }
}
