/**
 * The page's side of the trace worker, and the one store of what is loaded.
 * Components read it with `useLoadState`; only the functions below write it. A newer load
 * supersedes an older one (its result is dropped), so fast clicks never show stale data.
 */
import { useSyncExternalStore } from 'react';
import type { ImportError } from '../../core/formats/types.ts';
import type { ImportReport, JunjoPending, JunjoState, LoadedTrace, LoadRequest, StoresRequest, StoresResult, WorkerMessage } from './load-protocol.ts';
import type { PackedTraceSet } from './packed-traces.ts';
import { OutlineParts } from './outline-parts.ts';
import { provideTimelines } from './store-details.ts';
import { TraceSet } from './unpack-traces.ts';
import { getReadingStatus, setReadingStatus } from './reading-status.ts';
import { nextTask, runInSlices } from './sliced-work.ts';

export type LoadState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly key: string; readonly fileName: string; readonly fraction: number; readonly phase: string }
  | { readonly status: 'error'; readonly key: string; readonly fileName: string; readonly error: ImportError }
  | {
      readonly status: 'loaded';
      readonly key: string;
      readonly report: ImportReport;
      readonly traces: readonly LoadedTrace[];
      /** The spans read so far of a large file still being read (reading-status.ts says how far); 'done' replaces them. */
      readonly partial?: true;
    };

let state: LoadState = { status: 'idle' };
const pending: JunjoPending = { kind: 'pending', phase: 'Reading Junjo workflows' };
/** The Junjo state of a partial result's traces: the analysis waits for the whole file. */
const readingFile: JunjoPending = { kind: 'pending', phase: 'Reading the rest of the file first' };
const listeners = new Set<() => void>();
let worker: Worker | undefined;
let nextId = 1;
let activeId = 0;
/** The id of a refresh in place (see refreshInput), while the old trace stays on screen. */
let refreshId = 0;
/** Slices of the active load's large outlines, until their 'junjo' batch comes. */
let outlineParts = new OutlineParts(0);
/** Store timelines asked of the worker (store-details.ts), by request id. */
const storeRequests = new Map<number, (result: StoresResult) => void>();
let nextRequestId = 1;

function askStores(loadId: number, traceIndex: number, storeIds: readonly string[]): Promise<StoresResult> {
  const target = worker;
  if (!target) return Promise.resolve({ ok: false, message: 'The trace worker has stopped; reload the page to read the states again.' });
  const requestId = nextRequestId++;
  return new Promise((resolve) => {
    storeRequests.set(requestId, resolve);
    const request: StoresRequest = { type: 'stores', id: loadId, requestId, traceIndex, storeIds };
    target.postMessage(request);
  });
}

function failStoreRequests(message: string): void {
  for (const resolve of storeRequests.values()) resolve({ ok: false, message });
  storeRequests.clear();
}

function setState(next: LoadState): void {
  if (next.status !== 'loaded' || next.partial !== true) setReadingStatus(undefined);
  state = next;
  for (const listener of listeners) listener();
}

/** One trace of a posted set: its spans are rebuilt when `trace` is first read (TraceSet keeps them). */
class SetEntry implements LoadedTrace {
  constructor(
    private readonly set: TraceSet,
    private readonly index: number,
    readonly junjo: JunjoState,
  ) {}

  /** Read from the set's string table when asked (cut out once, then kept there). */
  get traceId(): string {
    return this.set.traceId(this.index);
  }

  get trace() {
    return this.set.trace(this.index);
  }

  belongsTo(set: TraceSet): boolean {
    return this.set === set;
  }

  withJunjo(junjo: JunjoState): SetEntry {
    return new SetEntry(this.set, this.index, junjo);
  }

  /** Rebuilds a large trace in steps (TraceSet.buildSteps); a small one is left to its first read. */
  *buildSteps(): Generator<void, void> {
    if (this.set.spanCount(this.index) >= slicedRebuildSpans) yield* this.set.buildSteps(this.index);
  }
}

/** Traces this large are rebuilt in slices before they replace the trace on screen. */
const slicedRebuildSpans = 8192;

/**
 * Messages that came while a large trace was rebuilt in slices (showWhenBuilt), handled in order
 * once it is on screen, so a Junjo analysis never lands on the traces it replaces.
 */
let held: WorkerMessage[] | undefined;

/**
 * Puts `traces` on screen with `show` once their large traces are rebuilt, a slice per task: the
 * whole file's trace replacing its first rows (or a refresh) then costs the page no long task. The
 * worker's messages meanwhile wait in `held`. Dropped when a newer load started.
 */
function showWhenBuilt(id: number, traces: LoadedTrace[], show: (traces: LoadedTrace[]) => void): void {
  const steps = (function* () {
    for (const entry of traces) if (entry instanceof SetEntry) yield* entry.buildSteps();
  })();
  held = [];
  // The swap renders in a task of its own, not after the last slice's work.
  void runInSlices(steps, () => id === activeId).then(async (built) => {
    await nextTask();
    if (built && id === activeId) show(traces);
    const queue = held ?? [];
    held = undefined;
    for (const message of queue) receive(message);
  });
}

/** Sets whose long string values are still to come, by load id (see receiveBigText). */
const awaitingBigText = new Map<number, TraceSet>();

/** The traces of a finished load, none rebuilt yet; their Junjo analyses follow in `junjo` messages. */
function unpackOutcome(id: number, outcome: { readonly traces: PackedTraceSet }, junjo: JunjoPending = pending): LoadedTrace[] {
  const set = new TraceSet(outcome.traces);
  if (set.awaitsBigText) awaitingBigText.set(id, set);
  const entries = new Array<LoadedTrace>(set.count);
  for (let t = 0; t < set.count; t++) entries[t] = new SetEntry(set, t, junjo);
  return entries;
}

/**
 * The messages of a large Jaeger file: 'partial' shows the spans of its beginning, 'progress' moves
 * the status line, 'done' replaces them in place (the URL's selection and the waterfall's scroll stay,
 * as in a refresh). True when the message was handled here.
 */
function receiveChunked(message: WorkerMessage): boolean {
  if (message.type === 'partial') {
    if (state.status !== 'loading') return true;
    const { key, fileName } = state;
    setReadingStatus({ ...message.reading, fileName, shownSpans: message.report.spanCount, phase: 'Reading', fraction: 0 });
    setState({ status: 'loaded', key, report: message.report, traces: unpackOutcome(message.id, message, readingFile), partial: true });
    return true;
  }
  if (state.status !== 'loaded' || state.partial !== true) return false;
  const reading = getReadingStatus();
  if (message.type === 'progress') {
    if (reading) setReadingStatus({ ...reading, phase: message.phase, fraction: message.fraction });
    return true;
  }
  if (message.type !== 'done') return false;
  if (message.outcome.ok) {
    const { key } = state;
    const { report } = message.outcome;
    if (reading) setReadingStatus({ ...reading, phase: 'Preparing the waterfall', fraction: 0.99 });
    showWhenBuilt(message.id, unpackOutcome(message.id, message.outcome), (traces) => {
      if (state.status === 'loaded' && state.partial === true && state.key === key) setState({ status: 'loaded', key, report, traces });
    });
    return true;
  }
  setReadingStatus(undefined);
  setState({ status: 'error', key: state.key, fileName: reading?.fileName ?? state.report.fileName, error: message.outcome.error });
  return true;
}

/** The entry with another Junjo state, without rebuilding its trace. */
const withJunjo = (entry: LoadedTrace, junjo: JunjoState): LoadedTrace =>
  entry instanceof SetEntry ? entry.withJunjo(junjo) : { traceId: entry.traceId, trace: entry.trace, junjo };

/** One message of the worker (held while a large trace is rebuilt, see showWhenBuilt). */
function receive(message: WorkerMessage): void {
  if (held && message.type !== 'stores') {
    held.push(message);
    return;
  }
  if (message.type === 'stores') {
    storeRequests.get(message.requestId)?.(message.result);
    storeRequests.delete(message.requestId);
    return;
  }
  if (message.type === 'big-text') {
    receiveBigText(message.id, message.bigText, message.bigTextStart);
    return;
  }
  if (message.id !== activeId) return;
  if (message.type === 'junjo-part') {
    if (outlineParts.loadId !== message.id) outlineParts = new OutlineParts(message.id);
    outlineParts.add(message.traceIndex, message.part);
    return;
  }
  if (message.type === 'junjo') {
    if (state.status !== 'loaded') return;
    const traces = state.traces.slice();
    const { traceIndexes, analysisOf, analyses } = message.results;
    for (let k = 0; k < traceIndexes.length; k++) {
      const traceIndex = traceIndexes[k]!;
      const entry = traces[traceIndex];
      const junjo = outlineParts.loadId === message.id ? outlineParts.complete(traceIndex, analyses[analysisOf[k]!]!) : analyses[analysisOf[k]!]!;
      if (junjo.kind === 'junjo') provideTimelines(junjo, (storeIds) => askStores(message.id, traceIndex, storeIds));
      if (entry) traces[traceIndex] = withJunjo(entry, junjo);
    }
    setState({ ...state, traces });
    return;
  }
  if (receiveChunked(message)) return;
  if (message.id === refreshId && state.status === 'loaded') {
    // A refresh keeps the trace on screen until the new one is ready; a failed refresh keeps the old one.
    if (message.type === 'done' && message.outcome.ok) {
      const { key } = state;
      const { report } = message.outcome;
      showWhenBuilt(message.id, unpackOutcome(message.id, message.outcome), (traces) => {
        if (state.status === 'loaded' && state.key === key) setState({ status: 'loaded', key, report, traces });
      });
    }
    return;
  }
  if (state.status !== 'loading') return;
  if (message.type === 'progress') {
    setState({ ...state, fraction: message.fraction, phase: message.phase });
  } else if (message.type !== 'done') {
    return;
  } else if (message.outcome.ok) {
    setState({ status: 'loaded', key: state.key, report: message.outcome.report, traces: unpackOutcome(message.id, message.outcome) });
  } else {
    setState({ status: 'error', key: state.key, fileName: state.fileName, error: message.outcome.error });
  }
}

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./trace.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => receive(event.data);
    worker.onerror = (event) => {
      awaitingBigText.clear();
      worker?.terminate();
      worker = undefined;
      failStoreRequests(`The trace worker stopped${event.message ? ` (${event.message})` : ''}; reload the page to read the states again.`);
      if (state.status === 'loaded' && state.partial) {
        setReadingStatus(undefined);
        setState({ status: 'error', key: state.key, fileName: state.report.fileName, error: { code: 'unknown-shape', message: `The trace worker stopped while reading ${state.report.fileName}${event.message ? ` (${event.message})` : ''}.`, hint: 'Reload the page and open the file again; if it happens again, the file may be too large for this browser.' } });
        return;
      }
      if (state.status === 'loaded') {
        // The spans are shown; only the Junjo analyses still pending are lost.
        const reason = `The trace worker stopped while reading the Junjo workflows${event.message ? ` (${event.message})` : ''}. Reload the page to try again.`;
        setState({ ...state, traces: state.traces.map((entry) => (entry.junjo.kind === 'pending' ? withJunjo(entry, { kind: 'none', reason }) : entry)) });
        return;
      }
      if (state.status !== 'loading') return;
      setState({
        status: 'error',
        key: state.key,
        fileName: state.fileName,
        error: { code: 'unknown-shape', message: event.message ? `The trace worker stopped: ${event.message}.` : 'The trace worker could not be started or stopped without saying why.', hint: 'Reload the page and try again; if it happens again, the file may be too large for this browser.' },
      });
    };
  }
  return worker;
}

/**
 * Starts the worker while the page idles after opening (its script loads and compiles in ~0.1 s on a
 * busy 2-core machine), so the first dropped file does not wait for that.
 */
function prewarmWorker(): void {
  if (typeof window === 'undefined' || typeof Worker === 'undefined') return;
  const start = () => {
    if (!worker) getWorker();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 500);
}
prewarmWorker();

/**
 * The long string values of load `id`, posted after its spans. Views that read one before it came
 * (they read '') get the traces again, as copies, so they compute again with the real text.
 */
function receiveBigText(id: number, bytes: Uint8Array, starts: Float64Array): void {
  const set = awaitingBigText.get(id);
  if (!set) return;
  awaitingBigText.delete(id);
  if (!set.receiveBigText(bytes, starts) || state.status !== 'loaded') return;
  setState({ ...state, traces: state.traces.map((entry) => (entry instanceof SetEntry && entry.belongsTo(set) ? entry.withJunjo(entry.junjo) : entry)) });
}

/** Starts loading an input. `key` names the source (sample:x, file:y, tempo:id) for the URL. */
export function loadInput(key: string, fileName: string, input: LoadRequest['input']): void {
  activeId = nextId++;
  setState({ status: 'loading', key, fileName, fraction: 0, phase: 'Reading' });
  const request: LoadRequest = { id: activeId, input, fileName, deferBigText: true };
  getWorker().postMessage(request);
  warmNumberFormat();
}

let numberFormatWarm = false;

/**
 * The first `toLocaleString()` of a page loads the number-format data (~0.3 s on a busy 2-core
 * machine). The import report and the header format counts right when the spans arrive, so do it
 * while the worker decodes and the main thread idles, not on the way to the first painted row.
 */
function warmNumberFormat(): void {
  if (numberFormatWarm) return;
  numberFormatWarm = true;
  setTimeout(() => (1234.5).toLocaleString(), 0);
}

/**
 * Loads a newer version of the input on screen (a trace that is still receiving spans) without
 * leaving the screen: no progress view, the old trace stays until the new one replaces it, and
 * the URL (selection, view) is untouched. Falls back to `loadInput` when `key` is not on screen.
 */
export function refreshInput(key: string, fileName: string, input: LoadRequest['input']): void {
  if (state.status !== 'loaded' || state.key !== key) {
    loadInput(key, fileName, input);
    return;
  }
  activeId = nextId++;
  refreshId = activeId;
  const request: LoadRequest = { id: activeId, input, fileName, deferBigText: true };
  getWorker().postMessage(request);
}

/** Shows that a load is under way before the worker has the data (a fetch from the server). */
export function markLoading(key: string, fileName: string, phase: string): void {
  activeId = nextId++;
  setState({ status: 'loading', key, fileName, fraction: 0, phase });
}

/** Shows an error that happened before the worker got the data (a failed fetch). */
export function failLoad(key: string, fileName: string, error: ImportError): void {
  activeId = nextId++;
  setState({ status: 'error', key, fileName, error });
}

export function resetLoad(): void {
  activeId = nextId++;
  setState({ status: 'idle' });
}

export function getLoadState(): LoadState {
  return state;
}

export function useLoadState(): LoadState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
