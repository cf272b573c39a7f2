/**
 * Decodes protobuf export bodies (proto-spans.ts: the official OpenTelemetry Span type through
 * protobufjs) on decode threads, so the event loop only receives, prepares and acknowledges:
 * decoding is most of the CPU an export costs, and on the event loop it delays every other
 * export and request. The body is read where it lies (a SharedArrayBuffer, body-buffers.ts), the
 * answer comes back packed (packed-proto-spans.ts) and the store spans are views of the body.
 * The result is the same as decoding on the event loop: the same function decodes.
 *
 * Small bodies are decoded on the event loop (the hop costs more than they do). A thread that
 * cannot start, dies or fails on a body changes nothing but speed: the bodies it held are decoded
 * on the event loop, and after `maxRestarts` deaths in a row without an answer between them, or
 * when a thread cannot start at all, the pool stops using threads (`problem` says why).
 * Threads start through threads/ts-thread.ts.
 */
import type { Worker } from 'node:worker_threads';
import { startTsThread, type ThreadStartFailure } from '../threads/ts-thread.ts';
import type { DecodeReply, DecodeRequest } from './decode-thread.ts';
import { unpackProtoSpans } from './packed-proto-spans.ts';
import { decodeProtoSpans, type ProtoDecoded } from './proto-spans.ts';

const entry = new URL('./decode-thread.ts', import.meta.url);

const maxRestarts = 3;

export interface DecodePoolOptions {
  /** Decode threads (0: decode on the event loop). */
  readonly threads: number;
  /** Bodies smaller than this are decoded on the event loop. */
  readonly minBytes?: number;
  readonly log?: (line: string) => void;
}

interface Job {
  readonly body: Buffer;
  readonly resolve: (decoded: ProtoDecoded) => void;
}

class DecodeThread {
  readonly jobs = new Map<number, Job>();
  constructor(readonly worker: Worker) {}
}

export class DecodePool {
  private readonly threads: (DecodeThread | undefined)[];
  private readonly minBytes: number;
  private readonly log: (line: string) => void;
  private nextId = 1;
  private deathsInARow = 0;
  private closed = false;
  /** Why no thread is used (one could not start, or they kept dying); undefined while they are. */
  problem: string | undefined;

  constructor(options: DecodePoolOptions) {
    this.threads = new Array<DecodeThread | undefined>(Math.max(0, options.threads)).fill(undefined);
    this.minBytes = options.minBytes ?? 16 * 1024;
    this.log = options.log ?? (() => undefined);
  }

  /** Whether bodies go to threads. */
  get available(): boolean {
    return this.threads.length > 0 && this.problem === undefined && !this.closed;
  }

  /** Whether a body of `bytes` would be decoded on a thread (when it is in a SharedArrayBuffer). */
  wants(bytes: number): boolean {
    return this.available && bytes >= this.minBytes;
  }

  /**
   * The store spans of a protobuf ExportTraceServiceRequest, or why it is not one. A body in a
   * SharedArrayBuffer is decoded on a thread and must stay unchanged until the spans are stored
   * (they are views of it); any other body is decoded here.
   */
  decode(body: Buffer): Promise<ProtoDecoded> {
    if (!this.wants(body.length) || !(body.buffer instanceof SharedArrayBuffer)) return Promise.resolve(decodeProtoSpans(body));
    const thread = this.leastBusy();
    const id = this.nextId++;
    return new Promise((resolve) => {
      thread.jobs.set(id, { body, resolve });
      thread.worker.ref();
      thread.worker.postMessage({ id, shared: body.buffer as SharedArrayBuffer, offset: body.byteOffset, length: body.length } satisfies DecodeRequest);
    });
  }

  /** Stops the threads (for tests: as if they had crashed); what they held is decoded here. */
  async crash(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread?.worker.terminate()));
  }

  close(): void {
    this.closed = true;
    for (const thread of this.threads) void thread?.worker.terminate();
  }

  private leastBusy(): DecodeThread {
    let best = -1;
    for (let i = 0; i < this.threads.length; i++) {
      const thread = this.threads[i];
      if (thread === undefined) return this.start(i);
      if (best < 0 || thread.jobs.size < this.threads[best]!.jobs.size) best = i;
    }
    return this.threads[best]!;
  }

  private start(slot: number): DecodeThread {
    const thread = new DecodeThread(startTsThread(entry));
    this.threads[slot] = thread;
    thread.worker.on('message', (reply: DecodeReply | ThreadStartFailure) => {
      if ('message' in reply) {
        this.problem = `A decode thread could not start (${reply.message.split('\n')[0]}); exports are decoded on the main thread.`;
        this.log(this.problem);
        void thread.worker.terminate();
        return;
      }
      const job = thread.jobs.get(reply.id);
      if (job === undefined) return;
      thread.jobs.delete(reply.id);
      if (thread.jobs.size === 0) thread.worker.unref();
      this.deathsInARow = 0;
      if ('fault' in reply) {
        this.log(`A decode thread failed on an export (${reply.fault}); it was decoded on the main thread.`);
        return job.resolve(decodeProtoSpans(job.body));
      }
      job.resolve(reply.decoded.ok ? { ok: true, result: unpackProtoSpans(reply.decoded.packed, job.body) } : reply.decoded);
    });
    thread.worker.on('error', (error) => this.died(slot, thread, error.message));
    thread.worker.on('exit', (code) => this.died(slot, thread, `it exited with code ${code}`));
    return thread;
  }

  private died(slot: number, thread: DecodeThread, why: string): void {
    if (this.threads[slot] !== thread) return;
    this.threads[slot] = undefined;
    const jobs = [...thread.jobs.values()];
    thread.jobs.clear();
    if (!this.closed && this.problem === undefined) {
      this.deathsInARow++;
      this.log(`A decode thread stopped (${why}); the exports it held are decoded on the main thread${this.deathsInARow < maxRestarts ? ' and a new thread starts' : ''}.`);
      if (this.deathsInARow >= maxRestarts) {
        this.problem = `Decode threads stopped ${this.deathsInARow} times in a row; exports are decoded on the main thread from now on.`;
        this.log(this.problem);
      }
    }
    for (const job of jobs) job.resolve(decodeProtoSpans(job.body));
  }
}

/**
 * Decode threads from JTV_DECODE_THREADS (0-8); none unless it is set. A thread halves the event
 * loop's CPU per span, but the whole process spends more per span (the body and the spans cross
 * cores, commits hold fewer exports): on a machine whose cores are all busy (2 cores, the sender
 * and other work) that costs throughput, so it is opt-in until measured on a quiet machine.
 */
export function defaultDecodeThreads(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.JTV_DECODE_THREADS);
  return env.JTV_DECODE_THREADS !== undefined && env.JTV_DECODE_THREADS !== '' && Number.isInteger(configured) && configured >= 0 ? Math.min(configured, 8) : 0;
}

let shared: DecodePool | undefined;

/** The process' decode pool, started when first needed. */
export function sharedDecodePool(log?: (line: string) => void): DecodePool {
  return (shared ??= new DecodePool({ threads: defaultDecodeThreads(), ...(log ? { log } : {}) }));
}
