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
 * caller writes on its own connection instead. The server runs under tsx, so the thread registers
 * tsx's require hook before loading its TypeScript entry (as sources/off-thread.ts does).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WriterReply } from './store-writer-thread.ts';
import type { WritePlan } from './write-plan.ts';

const entry = fileURLToPath(new URL('./store-writer-thread.ts', import.meta.url));
const tsxRequireHook = createRequire(import.meta.url).resolve('tsx/cjs/api');
const bootstrap = `
const { parentPort } = require('node:worker_threads');
try {
  require(${JSON.stringify(tsxRequireHook)}).register();
  require(${JSON.stringify(entry)});
} catch (error) {
  parentPort.postMessage({ id: -1, ok: false, message: String(error && error.stack || error) });
}
`;

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

  constructor(
    private readonly file: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

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
    return new Promise<void>((resolve, reject) => {
      this.inFlight = {
        id,
        resolve: (buffer) => {
          if (buffer) reuse(buffer);
          resolve();
        },
        reject,
      };
      worker.ref();
      worker.postMessage({ id, plan }, [plan.proto.buffer as ArrayBuffer]);
    });
  }

  /** Stops the thread (for tests: as if it had crashed). A plan it held is rejected. */
  async crash(): Promise<void> {
    await this.worker?.terminate();
  }

  close(): void {
    this.closed = true;
    void this.worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(bootstrap, { eval: true, workerData: { file: this.file } });
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
