/**
 * The store's writer thread, seen from the event loop: `write(plan)` moves a prepared plan
 * (write-plan.ts; its protobuf bytes transferred, not copied) to a thread that holds its own
 * connection to the store file and resolves once the thread has committed it (synchronous=FULL),
 * or rejects with the reason. The event loop meanwhile keeps receiving and decoding the next
 * exports instead of waiting for the disk.
 *
 * One plan at a time. A thread that dies (or is stopped) rejects the plan it held — whether that
 * plan was committed is then unknown, so the caller forgets what it cached for it — and the next
 * write starts a new thread. After `maxRestarts` deaths in a row without a commit between them, or
 * when a thread cannot start at all, `available` turns false with a `problem` for a person, and the
 * caller writes on its own connection instead. Threads start through threads/ts-thread.ts.
 */
import type { Worker } from 'node:worker_threads';
import { startTsThread } from '../threads/ts-thread.ts';
import type { CheckpointReply } from './store-checkpoint-thread.ts';
import type { CheckpointStep, WriterReply } from './store-writer-thread.ts';
import { planBytes, type WritePlan } from './write-plan.ts';

/**
 * WAL bytes (counted as the plans' bytes) after which it is copied back into the database: 16 MiB.
 * The copy slows the commits made meanwhile (the disk is busy with its writes): at 64 MiB a copy
 * took 75-400 ms and most commits of 20-80 ms (against ~5 ms) fell in or just after one; the gRPC
 * export p99 of bench:server section 3 was 53-61 ms idle and 79-81 ms under load, against 36-39
 * and 56-57 ms at 16 MiB, and bench:ingest's p99 at full speed 100-132 ms against 78-96, with the
 * same spans/s (30 s runs: gRPC 59-63k, HTTP 68-71k at both sizes). (When the writer thread still copied it itself,
 * 16 MiB measured ~22-40k spans/s against ~37-75k at 64 MiB, load 7-11: that is now only the
 * fallback when the checkpoint thread fails.)
 */
export const defaultCheckpointBytes = 16 * 1024 * 1024;

const maxRestarts = 3;

interface InFlight {
  readonly id: number;
  readonly resolve: (buffer: ArrayBuffer | undefined) => void;
  readonly reject: (error: Error) => void;
}

export class StoreWriter {
  private worker: Worker | undefined;
  private inFlight: InFlight | undefined;
  private nextId = 1;
  private deathsInARow = 0;
  private closed = false;
  /** Why the thread is not used (it could not start, or kept dying); undefined while it is. */
  problem: string | undefined;
  /**
   * The checkpoint thread: copies the WAL back while the writer thread goes on committing.
   * Undefined until needed, and for good once it failed (the writer thread then copies itself).
   */
  private checkpointer: Worker | undefined;
  private checkpointerFailed = false;
  private checkpointRunning = false;
  private bytesSinceCheckpoint = 0;
  private nextStep: CheckpointStep = 'none';
  /** Copies the checkpoint thread finished (for tests). */
  checkpoints = 0;

  constructor(
    private readonly file: string,
    private readonly log: (line: string) => void = () => undefined,
    private readonly checkpointBytes = defaultCheckpointBytes,
  ) {}

  /**
   * Starts the thread now instead of at the first write: loading it takes a few hundred
   * milliseconds, which the first export would otherwise wait for.
   */
  warm(): void {
    if (this.available && this.worker === undefined) this.start().unref();
  }

  get available(): boolean {
    return this.problem === undefined && !this.closed;
  }

  /**
   * Commits `plan` on the thread; resolves with the plan's buffer (moved back, for the next plan),
   * rejects when it failed or its fate is unknown (the thread died).
   */
  write(plan: WritePlan, reuse: (buffer: ArrayBuffer) => void = () => undefined): Promise<void> {
    if (this.inFlight) return Promise.reject(new Error('the writer thread is busy with another plan'));
    if (!this.available) return Promise.reject(new Error(this.problem ?? 'the writer thread is stopped'));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    const bytes = planBytes(plan);
    const checkpoint: CheckpointStep = this.checkpointerFailed ? 'own' : this.nextStep;
    this.nextStep = 'none';
    return new Promise<void>((resolve, reject) => {
      this.inFlight = {
        id,
        resolve: (buffer) => {
          if (buffer) reuse(buffer);
          this.written(bytes);
          resolve();
        },
        reject,
      };
      worker.ref();
      worker.postMessage({ id, plan, checkpoint }, [plan.proto.buffer as ArrayBuffer]);
    });
  }

  /** After a commit: asks the checkpoint thread for a copy once enough was written since the last. */
  private written(bytes: number): void {
    this.bytesSinceCheckpoint += bytes;
    if (this.checkpointerFailed || this.checkpointRunning || this.bytesSinceCheckpoint < this.checkpointBytes) return;
    const checkpointer = this.checkpointer ?? this.startCheckpointer();
    this.checkpointRunning = true;
    this.bytesSinceCheckpoint = 0;
    checkpointer.ref();
    checkpointer.postMessage(this.checkpoints + 1);
  }

  private startCheckpointer(): Worker {
    const worker = startTsThread(new URL('./store-checkpoint-thread.ts', import.meta.url), { workerData: { file: this.file } });
    this.checkpointer = worker;
    worker.on('message', (reply: CheckpointReply) => {
      worker.unref();
      this.checkpointRunning = false;
      if (reply.id === -1 || !reply.ok) {
        this.checkpointerGone(worker, reply.ok ? 'it failed' : reply.message.split('\n')[0] ?? '');
        return;
      }
      this.checkpoints++;
      // The frames committed during the copy are copied by the writer thread after its next
      // commit, once it is idle (store-writer-thread.ts), so that the one after starts the WAL from
      // its beginning again.
      this.nextStep = 'settle';
    });
    worker.on('error', (error) => this.checkpointerGone(worker, error.message));
    worker.on('exit', (code) => this.checkpointerGone(worker, `it exited with code ${code}`));
    return worker;
  }

  private checkpointerGone(worker: Worker, why: string): void {
    if (this.checkpointer !== worker || this.closed) return;
    this.checkpointer = undefined;
    this.checkpointRunning = false;
    this.checkpointerFailed = true;
    void worker.terminate();
    this.log(`the store's checkpoint thread stopped (${why}); the writer thread copies the WAL back itself from now on.`);
  }

  /** Stops the thread (for tests: as if it had crashed). A plan it held is rejected. */
  async crash(): Promise<void> {
    await this.worker?.terminate();
  }

  close(): void {
    this.closed = true;
    void this.worker?.terminate();
    void this.checkpointer?.terminate();
  }

  private start(): Worker {
    const worker = startTsThread(new URL('./store-writer-thread.ts', import.meta.url), { workerData: { file: this.file, checkpointBytes: this.checkpointBytes } });
    this.worker = worker;
    worker.on('message', (reply: WriterReply) => {
      if (reply.id === -1) {
        this.problem = `The store's writer thread could not start (${reply.ok ? '' : reply.message.split('\n')[0]}); writes go through the main thread.`;
        this.log(this.problem);
        void worker.terminate();
        return;
      }
      const job = this.inFlight;
      if (!job || job.id !== reply.id) return;
      this.inFlight = undefined;
      worker.unref();
      this.deathsInARow = 0;
      if (reply.ok) job.resolve(reply.buffer);
      else job.reject(new Error(reply.message));
    });
    worker.on('error', (error) => this.died(worker, error.message));
    worker.on('exit', (code) => this.died(worker, `it exited with code ${code}`));
    return worker;
  }

  private died(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const job = this.inFlight;
    this.inFlight = undefined;
    if (this.closed) {
      job?.reject(new Error('the viewer is shutting down'));
      return;
    }
    this.deathsInARow++;
    this.log(`the store's writer thread stopped (${why}); the export it was writing is answered with a retryable error${this.deathsInARow < maxRestarts ? ' and a new thread starts' : ''}.`);
    if (this.deathsInARow >= maxRestarts && this.problem === undefined) {
      this.problem = `The store's writer thread stopped ${this.deathsInARow} times in a row; writes go through the main thread from now on.`;
      this.log(this.problem);
    }
    job?.reject(new Error(`the store's writer thread stopped (${why})`));
  }
}
