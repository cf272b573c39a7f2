/**
 * Runs body tasks (body-tasks.ts) on worker threads, so a large upstream answer (a 60 MB Tempo
 * search, a Jaeger search over 200,000 spans) never blocks the event loop: every other request and
 * the built-in receivers keep answering while it is read. Small bodies (under `inlineBytes`) run
 * inline, where a thread round trip would cost more than the work.
 *
 * A small pool (`threads`, default 2) with a queue; threads start on first use, are unref'd (they
 * never keep the process alive) and are replaced when one dies. A body is given as its parts (an
 * upstream answer's chunks, body-collector.ts). Each thread holds one body at a time: lent (`lend`:
 * the caller's own parts moved to the thread and back, no copy at all: the event loop never copies
 * a large body) or as one copy moved to it (`run`, for a body others hold too), so the memory this
 * adds is at most the pool size times the upstream size limit. The server runs under tsx, so the thread registers tsx's require hook
 * before loading its TypeScript entry, and gets work once it says it is ready.
 */
import type { Worker } from 'node:worker_threads';
import { startTsThread } from '../threads/ts-thread.ts';
import { runBodyTask, type BodyTask, type BodyTaskInput, type BodyTasks } from './body-tasks.ts';

export interface OffThreadOptions {
  /** Bodies smaller than this run inline. */
  readonly inlineBytes?: number;
  readonly threads?: number;
}

interface Job {
  readonly id: number;
  readonly task: BodyTask;
  readonly parts: readonly Uint8Array[];
  readonly input: BodyTaskInput;
  /** The parts themselves are moved to the thread and back (`lend`), not copied. */
  readonly lend: boolean;
  /** Lent parts are not wanted back (`give`): the thread drops them. */
  readonly keep?: false;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  /** The thread has loaded its entry: a body moved to it now cannot be lost to a failed start. */
  ready: boolean;
  job: Job | undefined;
}

type Reply =
  | { readonly id: number; readonly ok: true; readonly result: unknown; readonly parts?: readonly Uint8Array[] }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** A task's result and the parts it was run on, moved back from the thread (`OffThread.lend`). */
export interface Lent<R> {
  readonly result: R;
  readonly parts: readonly Buffer[];
}

/** Parts smaller than this are copied rather than moved (they may be slices of Node's shared pool). */
const movableBytes = 4096;

/** Buffers as Buffers again (a message brings back plain Uint8Arrays). */
export const asBuffers = (parts: readonly Uint8Array[]): Buffer[] => parts.map((part) => (Buffer.isBuffer(part) ? part : Buffer.from(part.buffer, part.byteOffset, part.byteLength)));

/**
 * The parts ready to be moved: the ArrayBuffers to transfer, and the parts with any that must not
 * be moved (small, or a small view of a larger buffer that other code may hold) copied first.
 */
export function movable(parts: readonly Uint8Array[]): { parts: Uint8Array[]; transfer: ArrayBuffer[] } | undefined {
  const covered = new Map<ArrayBufferLike, number>();
  for (const part of parts) covered.set(part.buffer, (covered.get(part.buffer) ?? 0) + part.byteLength);
  const out: Uint8Array[] = [];
  const transfer = new Set<ArrayBuffer>();
  for (const part of parts) {
    const buffer = part.buffer;
    if (!(buffer instanceof ArrayBuffer)) return undefined;
    if (part.byteLength >= movableBytes && (covered.get(buffer) ?? 0) * 2 >= buffer.byteLength) {
      transfer.add(buffer);
      out.push(part);
    } else out.push(new Uint8Array(part)); // a copy (a Buffer's slice() would be a view)
  }
  for (const part of out) if (!transfer.has(part.buffer as ArrayBuffer)) transfer.add(part.buffer as ArrayBuffer);
  return { parts: out, transfer: [...transfer] };
}

const entry = new URL('./body-thread.ts', import.meta.url);

export class OffThread {
  private readonly inlineBytes: number;
  private readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** A thread could not start (no tsx loader here): everything runs inline from then on. */
  private unavailable = false;
  /** Tasks a thread completed (for tests and diagnostics). */
  threadRuns = 0;

  constructor(options: OffThreadOptions = {}) {
    this.inlineBytes = options.inlineBytes ?? 256 * 1024;
    this.size = Math.max(1, options.threads ?? 2);
  }

  /** Runs a task on a body others may hold too (it stays as it is): inline when small, else on a thread, on a copy. */
  run<T extends BodyTask>(task: T, body: Uint8Array | readonly Uint8Array[], input: BodyTaskInput = {}): Promise<BodyTasks[T]> {
    const parts = body instanceof Uint8Array ? [body] : body;
    if (byteLength(parts) < this.inlineBytes || this.closed || this.unavailable) return runBodyTask(task, parts, input);
    return new Promise<BodyTasks[T]>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, parts, input, lend: false, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  /**
   * Runs a task on a body by moving its parts themselves to a thread and back, with no copy: for a
   * body only the caller holds (no one else may read it meanwhile: its parts are empty here until
   * they come back). Resolves with the result and the parts to use from then on. A small body, or
   * one when there are no threads, runs inline and comes back as it was. If the thread dies while
   * it holds the parts, the task fails.
   */
  lend<T extends BodyTask>(task: T, parts: readonly Uint8Array[], input: BodyTaskInput = {}): Promise<Lent<BodyTasks[T]>> {
    if (byteLength(parts) < this.inlineBytes || this.closed || this.unavailable) return runBodyTask(task, parts, input).then((result) => ({ result, parts: asBuffers(parts) }));
    return new Promise<Lent<BodyTasks[T]>>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, parts, input, lend: true, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  /**
   * Runs a task on a body that is wanted no more (the caller keeps only the result): its parts are
   * moved to a thread, not copied, and dropped there. Only for a body no one else holds.
   */
  give<T extends BodyTask>(task: T, parts: readonly Uint8Array[], input: BodyTaskInput = {}): Promise<BodyTasks[T]> {
    if (byteLength(parts) < this.inlineBytes || this.closed || this.unavailable) return runBodyTask(task, parts, input);
    return new Promise<Lent<BodyTasks[T]>>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, parts, input, lend: true, keep: false, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    }).then((lent) => lent.result);
  }

  /** Stops the threads; queued and running tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the server is shutting down'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  /** Gives queued jobs to ready idle threads, and starts threads (up to the pool size) for the rest. */
  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && s.job === undefined);
      if (!slot) break;
      const job = this.queue.shift() as Job;
      slot.job = job;
      this.post(slot, job);
    }
    const starting = this.slots.filter((s) => !s.ready).length;
    for (let n = starting; n < this.queue.length && this.slots.length < this.size; n++) this.start();
  }

  private post(slot: Slot, job: Job): void {
    if (job.lend) {
      const moved = movable(job.parts);
      if (moved !== undefined) {
        try {
          slot.worker.postMessage({ id: job.id, task: job.task, parts: moved.parts, input: job.input, lend: true, keep: job.keep !== false }, moved.transfer);
          return;
        } catch {
          // Not movable after all (a buffer Node keeps for itself): sent as a copy, the caller keeps its parts.
        }
      }
      const { resolve } = job;
      slot.job = { ...job, lend: false, resolve: (result) => resolve({ result, parts: asBuffers(job.parts) }) };
    }
    const body = releasableCopy(job.parts);
    slot.worker.postMessage({ id: job.id, task: job.task, parts: [new Uint8Array(body)], input: job.input }, [body]);
  }

  private start(): Slot {
    const worker = startTsThread(entry, { announceReady: true });
    worker.unref();
    const slot: Slot = { worker, ready: false, job: undefined };
    this.slots.push(slot);
    worker.on('message', (reply: Reply) => {
      const job = slot.job;
      if (reply.id === -1) {
        this.unavailable = true;
        this.fail(slot, new Error(`the body thread could not start: ${reply.ok ? '' : reply.message}`));
        return;
      }
      if (reply.id === 0) {
        slot.ready = true;
        this.pump();
        return;
      }
      if (!job || job.id !== reply.id) return;
      slot.job = undefined;
      this.threadRuns++;
      if (!reply.ok) job.reject(new Error(reply.message));
      else if (job.lend) job.resolve({ result: reply.result, parts: asBuffers(reply.parts ?? []) });
      else job.resolve(reply.result);
      this.pump();
    });
    worker.on('error', (error) => this.fail(slot, error));
    worker.on('exit', () => this.fail(slot, new Error('the body thread stopped')));
    return slot;
  }

  /** A thread died or could not start: its task runs inline instead, and the thread is replaced on demand. */
  private fail(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    void slot.worker.terminate();
    const job = slot.job;
    slot.job = undefined;
    // Parts moved to the dead thread are gone with it; any other task runs inline on the caller's body.
    if (job?.lend) job.reject(error);
    else if (job) runBodyTask(job.task, job.parts, job.input).then(job.resolve, () => job.reject(error));
    if (this.unavailable)
      for (const queued of this.queue.splice(0))
        runBodyTask(queued.task, queued.parts, queued.input).then((result) => queued.resolve(queued.lend ? { result, parts: asBuffers(queued.parts) } : result), queued.reject);
    else if (!this.closed) this.pump();
  }
}

/** A resizable ArrayBuffer (ES2024; in Node since 20), which TypeScript's ES2022 lib does not describe. */
interface ResizableBufferConstructor {
  new (byteLength: number, options: { maxByteLength: number }): ArrayBuffer;
}

/**
 * The thread's copy of a body: its own, moved to the thread rather than cloned (a clone is two
 * copies, the message's and the thread's), in a resizable buffer that the thread shrinks to
 * nothing once its task is done (body-thread.ts), which gives the memory back at once instead
 * of whenever the idle thread next collects garbage. The caller keeps its body (it may be
 * sending it to browsers meanwhile, or another caller may be reading it).
 */
function releasableCopy(parts: readonly Uint8Array[]): ArrayBuffer {
  const total = byteLength(parts);
  const copy = new (ArrayBuffer as unknown as ResizableBufferConstructor)(total, { maxByteLength: total });
  const view = new Uint8Array(copy);
  let offset = 0;
  for (const part of parts) {
    view.set(part, offset);
    offset += part.byteLength;
  }
  return copy;
}

const byteLength = (parts: readonly Uint8Array[]): number => parts.reduce((sum, part) => sum + part.byteLength, 0);

/** The server's pool. */
export const offThread = new OffThread();
