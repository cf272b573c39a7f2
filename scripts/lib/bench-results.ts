/**
 * What one benchmark run and one trace size produce (also written to bench-out/results.json),
 * and `phasesOf`, which splits a run's load time into phases from the worker message log that
 * the page probe records.
 */
import type { TraceKind } from './bench-options.ts';
import type { DropResult, WorkerLogEntry } from './bench-page.ts';

/** Load phases in ms, from page-side timestamps of the worker's messages (see phasesOf). */
export interface Phases {
  dropHandler: number;
  workerStart: number;
  readFile: number;
  jsonParse: number;
  decodeSpans: number;
  buildTraces: number;
  packSpans: number;
  resultTransfer: number;
  deserialize: number;
  reactRender: number;
  paint: number;
  /** After the first painted row: the worker's Junjo analysis (its own clock), then posting it to the page. */
  junjoAnalysis: number;
  junjoTransfer: number;
}

export const phaseLabels: Record<keyof Phases, string> = {
  dropHandler: 'drop handler → postMessage',
  workerStart: 'worker start-up (first load creates it)',
  readFile: 'read File + UTF-8 decode',
  jsonParse: 'JSON.parse',
  decodeSpans: 'decode spans (→ Span records)',
  buildTraces: 'buildTraces (tree, index)',
  packSpans: 'pack spans for the page',
  resultTransfer: 'postMessage spans (clone + send)',
  deserialize: 'page: deserialize spans',
  reactRender: 'page: unpack + React render → rows in DOM',
  paint: 'page: style/layout/paint (2 rAF)',
  junjoAnalysis: 'after the row: Junjo analysis (worker)',
  junjoTransfer: 'after the row: post analysis → page has it',
};

/** Load phases in ms of a large Jaeger file whose first rows are a 'partial' result from its first chunk (see chunkedPhasesOf). */
export interface ChunkedPhases {
  dropHandler: number;
  workerStart: number;
  firstChunk: number;
  partialDeserialize: number;
  partialRender: number;
  partialPaint: number;
  readWhole: number;
  jsonParse: number;
  decodeSpans: number;
  buildTraces: number;
  packSpans: number;
  deserialize: number;
  wholeRender: number;
}

export const chunkedPhaseLabels: Record<keyof ChunkedPhases, string> = {
  dropHandler: 'drop handler → postMessage',
  workerStart: 'worker start-up (first load creates it)',
  firstChunk: "worker: the file's first 1 MB read, scanned, parsed; decoded + built + packed → partial posted",
  partialDeserialize: 'page: deserialize the partial result',
  partialRender: 'page: unpack + React render → rows in DOM',
  partialPaint: 'page: style/layout/paint (2 rAF) = FIRST ROW',
  readWhole: 'worker: read the whole File + UTF-8 decode (from the drop; overlaps the above)',
  jsonParse: 'worker: JSON.parse',
  decodeSpans: 'worker: decode spans (→ Span records)',
  buildTraces: 'worker: buildTraces (tree, index)',
  packSpans: 'worker: pack + post the whole trace',
  deserialize: 'page: deserialize the whole trace',
  wholeRender: 'page: unpack + render + paint = WHOLE TRACE ON SCREEN',
};

/** Splits a chunked load (drop → first rows of the partial result → the whole trace painted) into phases. */
export function chunkedPhasesOf(drop: DropResult): ChunkedPhases | undefined {
  const log = drop.log;
  const from = (type: string, phase?: string) => log.find((e) => e.direction === 'from-worker' && e.type === type && (phase === undefined || e.phase === phase));
  const posted = log.find((e) => e.direction === 'to-worker');
  const reading = from('progress', 'Reading');
  const partial = from('partial');
  const parsing = from('progress', 'parsing JSON');
  const decoding = from('progress', 'decoding spans');
  const building = from('progress', 'Building the span tree');
  const packing = from('progress', 'Preparing the waterfall');
  const done = from('done');
  if (!posted || !reading || !partial || !parsing || !decoding || !building || !packing || !done) return undefined;
  const partialReceived = partial.t + (partial.deserializeMs ?? 0);
  const received = done.t + (done.deserializeMs ?? 0);
  return {
    dropHandler: posted.t - drop.start,
    workerStart: reading.t - posted.t,
    firstChunk: partial.t - reading.t,
    partialDeserialize: partial.deserializeMs ?? 0,
    partialRender: drop.rowsInDom - partialReceived,
    partialPaint: drop.painted - drop.rowsInDom,
    readWhole: parsing.t - reading.t,
    jsonParse: decoding.t - parsing.t,
    decodeSpans: building.t - decoding.t,
    buildTraces: packing.t - building.t,
    packSpans: done.t - packing.t,
    deserialize: done.deserializeMs ?? 0,
    wholeRender: drop.wholePainted - received,
  };
}

export interface RunResult {
  readonly run: number;
  readonly error?: string;
  readonly paintMs: number;
  /** Drop → the complete trace's rows painted (= paintMs unless the first rows were a partial result). */
  readonly wholeMs?: number;
  readonly chunkedPhases?: ChunkedPhases | undefined;
  /** Drop → the page has the trace's Junjo analysis (graph and state tabs usable). */
  readonly junjoReadyMs?: number;
  /** Click on the tab → the graph's nodes / the state view painted (after the analysis arrived). */
  readonly graphViewMs?: number;
  readonly stateViewMs?: number;
  /** Main-thread tasks over 50 ms between the first painted row and the analysis arriving (+0.5 s). */
  readonly longTasksAfterPaint?: { readonly count: number; readonly over100?: number; readonly maxMs: number };
  /** Bare JSON.parse of the same file on the page's main thread (another fresh page). */
  readonly bareParseMs?: number;
  /** Renderer process (page + workers) resident memory now and at its peak (VmHWM), from /proc. */
  readonly rendererRssBytes?: number;
  readonly rendererPeakBytes?: number;
  readonly rowsInDomMs: number;
  readonly rowCount: number;
  readonly phases?: Phases;
  readonly pageHeapBytes: number;
  readonly workerHeapBytes: number | undefined;
  /** Dedicated workers reached over CDP for the worker heap figure. */
  readonly workerCount?: number;
  readonly scroll?: {
    readonly frames: number;
    readonly p50: number;
    readonly p95: number;
    readonly max: number;
    readonly over20: number;
    /** p95 of the frame interval over 60 frames with nothing scrolling, just before (ScrollResult.idleDeltas). */
    readonly idleP95?: number;
    readonly stepPx: number;
    readonly scrollHeight: number;
    readonly reachedLastRow: boolean;
    readonly longTasks: number;
    readonly deltas: readonly number[];
  };
}

export interface SizeResult {
  readonly kind: TraceKind;
  readonly spans: number;
  readonly fileBytes: number;
  readonly generateMs: number;
  readonly runs: RunResult[];
}

/**
 * Splits drop → painted into phases. Timestamps are taken on the page when each worker message is
 * dispatched there, so a phase boundary is late by however long the page was busy; the worker's
 * own `report.millis` (its handler start → just before posting the result) separates the Junjo
 * analysis from the result's structured clone and transfer.
 */
export function phasesOf(drop: DropResult, log: readonly WorkerLogEntry[] = drop.log): Phases | undefined {
  const posted = log.find((e) => e.direction === 'to-worker');
  const progress = (phase: string) => log.find((e) => e.direction === 'from-worker' && e.type === 'progress' && e.phase === phase);
  const reading = progress('Reading');
  const parsing = progress('parsing JSON');
  const decoding = progress('decoding spans');
  const building = progress('Building the span tree');
  const packing = progress('Preparing the waterfall');
  const done = log.find((e) => e.direction === 'from-worker' && e.type === 'done');
  const junjo = log.find((e) => e.direction === 'from-worker' && e.type === 'junjo');
  if (!posted || !reading || !parsing || !decoding || !building || !packing || !done || done.workerMillis === undefined) return undefined;
  const workerEnd = reading.t + done.workerMillis;
  const received = done.t + (done.deserializeMs ?? 0);
  // The analysis starts right after 'done' is posted (the worker yields once in between), or after the
  // long string values that follow it ('big-text', encoded after 'done').
  const bigText = log.find((e) => e.direction === 'from-worker' && e.type === 'big-text');
  const analysisEnd = workerEnd + (bigText?.workerMillis ?? 0) + (junjo?.workerMillis ?? Number.NaN);
  return {
    dropHandler: posted.t - drop.start,
    workerStart: reading.t - posted.t,
    readFile: parsing.t - reading.t,
    jsonParse: decoding.t - parsing.t,
    decodeSpans: building.t - decoding.t,
    buildTraces: packing.t - building.t,
    packSpans: workerEnd - packing.t,
    resultTransfer: done.t - workerEnd,
    deserialize: done.deserializeMs ?? 0,
    reactRender: drop.rowsInDom - received,
    paint: drop.painted - drop.rowsInDom,
    junjoAnalysis: junjo?.workerMillis ?? Number.NaN,
    junjoTransfer: junjo ? junjo.t + (junjo.deserializeMs ?? 0) - analysisEnd : Number.NaN,
  };
}
