/**
 * The compare screen's inputs: up to two traces loaded side by side, each in its own trace worker,
 * apart from the main loader store (trace-loader.ts), which holds the one trace on the trace screen.
 * An input is read once per page and kept (the last few), so switching runs within it is instant.
 * Files picked on the compare screen are kept in the page (`keepCompareFile`); after a reload they
 * are gone, and the side says so and asks for the file again.
 * The comparison reads states directly (core/compare), so once the worker's outlines are in, every
 * store's timeline is asked for too (StoresRequest) and each trace gets its full analysis.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { ImportError } from '../../core/formats/types.ts';
import type { ComparedSource } from '../routes/compare-link.ts';
import { fetchBackendTrace, toImportError } from './backend-api.ts';
import type { JunjoAnalysis } from '../../core/junjo/analyze-junjo.ts';
import { withTimelines, type JunjoOutlineAnalysis } from '../../core/junjo/junjo-outline.ts';
import type { Trace } from '../../core/model/trace.ts';
import type { LoadRequest, StoresRequest, WorkerMessage } from './load-protocol.ts';
import { OutlineParts } from './outline-parts.ts';
import { inputBytes, sourceKey } from './open-input.ts';
import { unpackTraces } from './unpack-traces.ts';

export type CompareInput =
  | { readonly status: 'loading'; readonly phase: string }
  | { readonly status: 'error'; readonly error: ImportError }
  /** A file side after a reload: the page no longer has its bytes. */
  | { readonly status: 'missing-file'; readonly name: string }
  /** Spans and every trace's Junjo analysis. */
  | { readonly status: 'loaded'; readonly traces: readonly ComparedTrace[] };

/** A trace of a compared input with its full Junjo analysis (store timelines included). */
export interface ComparedTrace {
  readonly traceId: string;
  readonly trace: Trace;
  readonly junjo: JunjoAnalysis;
}

interface Entry {
  state: CompareInput;
  worker?: Worker;
}

const KEEP = 4;
const entries = new Map<string, Entry>();
const files = new Map<string, Blob>();
const listeners = new Set<() => void>();

function set(key: string, state: CompareInput): void {
  const entry = entries.get(key);
  if (!entry) return;
  entry.state = state;
  for (const listener of listeners) listener();
}

/** Keeps a file picked for comparison in the page, under its name. */
export function keepCompareFile(name: string, file: Blob): void {
  files.set(name, file);
  // A file picked again (after a reload, or a newer version) is read again.
  const key = sourceKey({ kind: 'file', name });
  entries.get(key)?.worker?.terminate();
  entries.delete(key);
  start(key, { kind: 'file', name });
  for (const listener of listeners) listener();
}

async function bytesOf(source: ComparedSource): Promise<Blob | ArrayBuffer | string | undefined> {
  if (source.kind === 'backend') return (await fetchBackendTrace(source.source, source.traceId)).bodyText;
  if (source.kind === 'file') return files.get(source.name) ?? (await inputBytes(source));
  const response = await fetch(`/samples/${encodeURIComponent(source.name)}`);
  if (!response.ok) throw new Error(`the sample "${source.name}" could not be fetched (the server answered ${response.status})`);
  return response.arrayBuffer();
}

function start(key: string, source: ComparedSource): void {
  const label = source.kind === 'backend' ? `${source.source}: ${source.traceId}` : source.name;
  entries.set(key, { state: { status: 'loading', phase: source.kind === 'backend' ? `Fetching from ${source.source}` : 'Reading' } });
  while (entries.size > KEEP) {
    const oldest = entries.keys().next().value as string;
    entries.get(oldest)?.worker?.terminate();
    entries.delete(oldest);
  }
  void (async () => {
    let input: Blob | ArrayBuffer | string | undefined;
    try {
      input = await bytesOf(source);
    } catch (error) {
      set(key, { status: 'error', error: source.kind === 'backend' ? toImportError(error) : { code: 'empty', message: `${label} could not be read: ${error instanceof Error ? error.message : String(error)}.`, hint: 'Check that the viewer is running and pick the run again.' } });
      return;
    }
    if (input === undefined) {
      set(key, { status: 'missing-file', name: label });
      return;
    }
    const entry = entries.get(key);
    if (!entry) return;
    const worker = new Worker(new URL('./trace.worker.ts', import.meta.url), { type: 'module' });
    entry.worker = worker;
    let unpacked: Trace[] = [];
    const outlines: JunjoOutlineAnalysis[] = [];
    const parts = new OutlineParts(1);
    const traces: ComparedTrace[] = [];
    let waiting = 0;
    const finish = () => {
      set(key, { status: 'loaded', traces });
      worker.terminate();
    };
    /** Asks for every store of each Junjo trace; the last answer finishes the input. */
    const askStores = () => {
      let asked = 0;
      outlines.forEach((junjo, traceIndex) => {
        const trace = unpacked[traceIndex]!;
        if (junjo.kind !== 'junjo' || junjo.stores.length === 0) {
          traces[traceIndex] = { traceId: trace.traceId, trace, junjo: junjo.kind === 'junjo' ? withTimelines(junjo, []) : junjo };
          return;
        }
        asked++;
        const request: StoresRequest = { type: 'stores', id: 1, requestId: traceIndex, traceIndex, storeIds: junjo.stores.map((store) => store.storeId) };
        worker.postMessage(request);
      });
      waiting = asked;
      if (waiting === 0) finish();
      else set(key, { status: 'loading', phase: 'Reading the workflow states' });
    };
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === 'progress') set(key, { status: 'loading', phase: message.phase });
      else if (message.type === 'junjo-part') parts.add(message.traceIndex, message.part);
      else if (message.type === 'stores') {
        const traceIndex = message.requestId;
        const junjo = outlines[traceIndex];
        const trace = unpacked[traceIndex];
        if (!junjo || junjo.kind !== 'junjo' || !trace) return;
        if (!message.result.ok) {
          set(key, { status: 'error', error: { code: 'unknown-shape', message: `The workflow states could not be read: ${message.result.message}`, hint: 'Reload the page and try again.' } });
          worker.terminate();
          return;
        }
        traces[traceIndex] = { traceId: trace.traceId, trace, junjo: withTimelines(junjo, message.result.timelines) };
        if (--waiting === 0) finish();
      }
      else if (message.type === 'done') {
        if (!message.outcome.ok) {
          set(key, { status: 'error', error: message.outcome.error });
          worker.terminate();
          return;
        }
        unpacked = unpackTraces(message.outcome.traces);
        waiting = unpacked.length;
        if (unpacked.length === 0) finish();
        else set(key, { status: 'loading', phase: 'Reading Junjo workflows' });
      } else if (message.type === 'junjo') {
        const { traceIndexes, analysisOf, analyses } = message.results;
        for (let k = 0; k < traceIndexes.length; k++) outlines[traceIndexes[k]!] = parts.complete(traceIndexes[k]!, analyses[analysisOf[k]!]!);
        waiting -= traceIndexes.length;
        if (waiting <= 0) askStores();
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      set(key, { status: 'error', error: { code: 'unknown-shape', message: `The trace worker stopped${event.message ? `: ${event.message}` : ''}.`, hint: 'Reload the page and try again.' } });
    };
    const request: LoadRequest = { id: 1, input, fileName: label };
    worker.postMessage(request);
  })();
}

const starting: CompareInput = { status: 'loading', phase: 'Starting' };

/** The state of one compared input, loading it on first use. */
export function useCompareInput(source: ComparedSource | undefined): CompareInput | undefined {
  const key = source ? sourceKey(source) : '';
  useEffect(() => {
    if (source && !entries.has(key)) start(key, source);
    // The source object is re-created per URL parse; the key identifies it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => (source ? (entries.get(key)?.state ?? starting) : undefined),
  );
}
