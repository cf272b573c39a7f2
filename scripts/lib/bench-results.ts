/**
 * What one benchmark run and one trace size produce (also written to bench-out/results.json),
 * and `phasesOf`, which splits a run's load time into phases from the worker message log that
 * the page probe records.
 */
import type { DropResult, WorkerLogEntry } from './bench-page.ts';

/** Load phases in ms, from page-side timestamps of the worker's messages (see phasesOf). */
export interface Phases {
  dropHandler: number;
  workerStart: number;
  readFile: number;
  jsonParse: number;
  decodeSpans: number;
  buildTraces: number;
  junjoAnalysis: number;
  resultTransfer: number;
  deserialize: number;
  reactRender: number;
  paint: number;
}

export const phaseLabels: Record<keyof Phases, string> = {
  dropHandler: 'drop handler → postMessage',
  workerStart: 'worker start-up (first load creates it)',
  readFile: 'read File + UTF-8 decode',
  jsonParse: 'JSON.parse',
  decodeSpans: 'decode spans (OTLP → Span[])',
  buildTraces: 'buildTraces (tree, index)',
  junjoAnalysis: 'Junjo analysis',
  resultTransfer: 'postMessage result (clone + send)',
  deserialize: 'page: deserialize result',
  reactRender: 'page: React render → rows in DOM',
  paint: 'page: style/layout/paint (2 rAF)',
};

export interface RunResult {
  readonly run: number;
  readonly error?: string;
  readonly paintMs: number;
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
    readonly stepPx: number;
    readonly scrollHeight: number;
    readonly reachedLastRow: boolean;
    readonly longTasks: number;
    readonly deltas: readonly number[];
  };
}

export interface SizeResult {
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
export function phasesOf(drop: DropResult): Phases | undefined {
  const log: WorkerLogEntry[] = drop.log;
  const posted = log.find((e) => e.direction === 'to-worker');
  const progress = (phase: string) => log.find((e) => e.direction === 'from-worker' && e.type === 'progress' && e.phase === phase);
  const reading = progress('Reading');
  const parsing = progress('parsing JSON');
  const decoding = progress('decoding spans');
  const building = progress('Building the span tree');
  const junjo = progress('Reading Junjo workflows');
  const done = log.find((e) => e.direction === 'from-worker' && e.type === 'done');
  if (!posted || !reading || !parsing || !decoding || !building || !junjo || !done || done.workerMillis === undefined) return undefined;
  const workerEnd = reading.t + done.workerMillis;
  const received = done.t + (done.deserializeMs ?? 0);
  return {
    dropHandler: posted.t - drop.start,
    workerStart: reading.t - posted.t,
    readFile: parsing.t - reading.t,
    jsonParse: decoding.t - parsing.t,
    decodeSpans: building.t - decoding.t,
    buildTraces: junjo.t - building.t,
    junjoAnalysis: workerEnd - junjo.t,
    resultTransfer: done.t - workerEnd,
    deserialize: done.deserializeMs ?? 0,
    reactRender: drop.rowsInDom - received,
    paint: drop.painted - drop.rowsInDom,
  };
}
