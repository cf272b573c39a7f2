/**
 * The source named "local": the store (store/), its group-commit write queue and its live
 * event stream, opened once per server. When the store cannot be opened (a foreign or corrupted
 * file, an unwritable folder) the state carries the message, the API answers it, and the rest
 * of the viewer keeps working.
 */
import type { StoreConfig } from './ingest/receiver-config.ts';
import { EventHub } from './local-events.ts';
import { TraceStore } from './store/trace-store.ts';
import { WriteQueue } from './store/write-queue.ts';

export interface LocalSource {
  readonly store: TraceStore;
  readonly queue: WriteQueue;
  readonly events: EventHub;
  close(): void;
}

export type LocalState = { readonly ok: true; readonly source: LocalSource } | { readonly ok: false; readonly message: string };

export function openLocalSource(config: StoreConfig, log: (line: string) => void = () => undefined): LocalState {
  const opened = TraceStore.open(config.location, config.retention, { incompleteAfterMs: config.incompleteAfterMs });
  if (!opened.ok) return opened;
  const store = opened.store;
  const queue = new WriteQueue(store, { log, thread: process.env.JTV_WRITER_THREAD !== 'off' });
  const events = new EventHub(store);
  try {
    const dropped = store.applyRetention();
    if (dropped > 0) log(`retention: deleted ${dropped} old trace(s)`);
  } catch (error) {
    log(`retention failed: ${(error as Error).message}`);
  }
  return {
    ok: true,
    source: {
      store,
      queue,
      events,
      close: () => {
        events.close();
        queue.close();
        store.close();
      },
    },
  };
}
