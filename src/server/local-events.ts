/**
 * Server-sent events for the local store (`GET /api/sources/local/events`): `event: trace` when
 * a trace gains spans, coalesced to at most one per trace per interval, `event: deleted` at once,
 * and a comment line every 15 s so proxies and the browser keep the stream open. The number of
 * open streams is bounded, and a client that stops reading is dropped instead of buffering.
 */
import type http from 'node:http';
import type { LocalDeletedEvent, LocalTraceEvent } from '../core/backends/api-types.ts';
import type { StoreEvent, TraceStore } from './store/trace-store.ts';

export interface EventHubOptions {
  readonly maxClients?: number;
  readonly coalesceMs?: number;
  readonly heartbeatMs?: number;
}

const maxBufferedBytes = 1024 * 1024;

export class EventHub {
  private readonly clients = new Set<http.ServerResponse>();
  private readonly pending = new Map<string, LocalTraceEvent>();
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  readonly maxClients: number;
  private readonly coalesceMs: number;

  constructor(store: TraceStore, options: EventHubOptions = {}) {
    this.maxClients = options.maxClients ?? 32;
    this.coalesceMs = options.coalesceMs ?? 250;
    this.unsubscribe = store.subscribe((event) => this.onStoreEvent(event));
    this.heartbeat = setInterval(() => this.broadcast(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** Takes over the response as an event stream; false when the hub is full. */
  attach(res: http.ServerResponse): boolean {
    if (this.clients.size >= this.maxClients) return false;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    return true;
  }

  private onStoreEvent(event: StoreEvent): void {
    if (event.type === 'trace') {
      this.pending.set(event.change.traceId, event.change);
      this.flushTimer ??= setTimeout(() => this.flush(), this.coalesceMs);
      return;
    }
    if (event.type === 'deleted') {
      this.pending.delete(event.traceId);
      this.send('deleted', { traceId: event.traceId } satisfies LocalDeletedEvent);
      return;
    }
    this.pending.clear();
    this.send('deleted', { all: true } satisfies LocalDeletedEvent);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const events = [...this.pending.values()];
    this.pending.clear();
    if (this.clients.size === 0) return;
    this.broadcast(events.map((event) => `event: trace\ndata: ${JSON.stringify(event)}\n\n`).join(''));
  }

  private send(name: string, data: unknown): void {
    this.broadcast(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private broadcast(text: string): void {
    if (text === '') return;
    for (const res of this.clients) {
      if (res.writableLength > maxBufferedBytes) {
        this.clients.delete(res);
        res.destroy();
        continue;
      }
      res.write(text);
    }
  }

  close(): void {
    this.unsubscribe();
    clearInterval(this.heartbeat);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
