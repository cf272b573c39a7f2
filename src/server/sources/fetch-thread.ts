/**
 * The thread that talks to upstreams: every GET to an upstream (upstream-request.ts) runs there, so
 * the bytes of a large answer (a 56 MB Tempo trace) are read from the socket, parsed out of HTTP,
 * decompressed and collected off the event loop; they reach it once, moved (not copied) with the
 * outcome. The event loop keeps the bulkheads and the sharing of identical requests
 * (upstream-fetch.ts); a request cancelled here (its browser went away) is cancelled there.
 *
 * One thread, started on first use and unref'd, serving any number of requests at once (they wait
 * on sockets, not on each other). It runs at normal priority: reading sockets is what the event loop
 * used to do. Until it is ready (it loads in a moment, longer under load), requests run inline, so
 * its start never costs a request time; if it cannot start (no tsx loader), they run inline from
 * then on; if it stops, its requests fail as unreachable and the next request starts a new one.
 */
import type { Worker } from 'node:worker_threads';
import { asBuffers, movable } from './off-thread.ts';
import { startTsThread } from '../threads/ts-thread.ts';
import { requestNow, type RawOutcome, type RequestOptions } from './upstream-request.ts';

interface Job {
  readonly id: number;
  readonly url: URL;
  readonly options: RequestOptions;
  readonly deadline: number;
  readonly resolve: (outcome: RawOutcome) => void;
}

/** What the thread is sent: the request without its AbortSignal (an 'abort' message stands for it). */
export interface FetchMessage {
  readonly id: number;
  readonly url: string;
  readonly options: Omit<RequestOptions, 'signal'>;
  readonly deadline: number;
}

export type FetchReply =
  | { readonly id: 0 | -1; readonly ok: boolean; readonly message?: string }
  | { readonly id: number; readonly outcome: RawOutcome };

const entry = new URL('./fetch-thread-entry.ts', import.meta.url);

export class FetchThread {
  private worker: Worker | undefined;
  private ready = false;
  private unavailable = false;
  private nextId = 1;
  /** Sent to the thread, waiting for their outcome. */
  private readonly sent = new Map<number, Job>();

  /** One bounded request (see upstream-request.ts) on the thread; never throws. */
  request(url: URL, options: RequestOptions, deadline: number): Promise<RawOutcome> {
    if (!this.unavailable) this.start();
    if (!this.ready) return requestNow(url, options, deadline);
    const { signal } = options;
    if (signal?.aborted) return Promise.resolve({ ok: false, failure: { kind: 'aborted' } });
    return new Promise<RawOutcome>((resolve) => {
      const id = this.nextId++;
      const onAbort = (): void => {
        if (this.sent.delete(id)) this.worker?.postMessage({ abort: id });
        resolve({ ok: false, failure: { kind: 'aborted' } });
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const job: Job = {
        id,
        url,
        options,
        deadline,
        resolve: (outcome) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(outcome);
        },
      };
      this.post(job);
    });
  }

  /** Starts the thread if needed; resolves when it takes requests (true), or cannot (false). */
  async started(): Promise<boolean> {
    if (!this.unavailable) this.start();
    while (!this.ready && !this.unavailable && this.worker !== undefined) await new Promise((done) => setTimeout(done, 20));
    return this.ready;
  }

  /** Requests the thread has not answered yet (for tests). */
  get inFlight(): number {
    return this.sent.size;
  }

  /** Stops the thread; requests on it fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    this.unavailable = true;
    this.failAll('the server is shutting down');
    await worker?.terminate();
  }

  private post(job: Job): void {
    const { signal: _signal, ...options } = job.options;
    const message: FetchMessage = { id: job.id, url: job.url.href, options, deadline: job.deadline };
    this.sent.set(job.id, job);
    this.worker?.postMessage(message);
  }

  private start(): void {
    if (this.worker !== undefined) return;
    const worker = startTsThread(entry, { announceReady: true });
    worker.unref();
    this.worker = worker;
    this.ready = false;
    worker.on('message', (reply: FetchReply) => {
      if (reply.id === -1) {
        // No thread here: every request runs inline from now on.
        this.unavailable = true;
        this.worker = undefined;
        void worker.terminate();
        return;
      }
      if (reply.id === 0) {
        this.ready = true;
        return;
      }
      if (!('outcome' in reply)) return;
      const job = this.sent.get(reply.id);
      if (job === undefined) return; // cancelled meanwhile
      this.sent.delete(reply.id);
      const { outcome } = reply;
      job.resolve(outcome.ok ? { ...outcome, parts: asBuffers(outcome.parts) } : outcome);
    });
    const stopped = (): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.ready = false;
      this.failAll('the upstream request thread stopped');
    };
    worker.on('error', stopped);
    worker.on('exit', stopped);
  }

  private failAll(detail: string): void {
    const jobs = [...this.sent.values()];
    this.sent.clear();
    for (const job of jobs) job.resolve({ ok: false, failure: { kind: 'unreachable', detail } });
  }
}

/** Moves an outcome's parts with the message (copies the few that must not move). */
export function outcomeMessage(id: number, outcome: RawOutcome): { message: FetchReply; transfer: ArrayBuffer[] } {
  if (!outcome.ok) return { message: { id, outcome }, transfer: [] };
  const moved = movable(outcome.parts);
  if (moved === undefined) return { message: { id, outcome }, transfer: [] };
  return { message: { id, outcome: { ...outcome, parts: asBuffers(moved.parts) } }, transfer: moved.transfer };
}

/** The server's upstream thread. */
export const fetchThread = new FetchThread();
