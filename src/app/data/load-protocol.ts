/** Messages between the page and the trace worker (structured-cloneable data only). */
import type { DecodeResult, ImportError } from '../../core/formats/types.ts';
import type { Trace } from '../../core/model/trace.ts';
import type { JunjoOutlineAnalysis, OutlinePart } from '../../core/junjo/junjo-outline.ts';
import type { StoreTimeline } from '../../core/junjo/state-replay.ts';
import type { PackedTraceSet } from './packed-traces.ts';

export interface LoadRequest {
  readonly id: number;
  readonly input: Blob | ArrayBuffer | string;
  readonly fileName: string;
  /** Post the long string values in a 'big-text' message after 'done' (the page's TraceSet takes them). */
  readonly deferBigText?: boolean;
}

/**
 * Page → worker, after the outlines: the full timelines (transitions, checkpoints) of some stores of
 * trace `traceIndex` of load `id`. The worker keeps them for its newest load only.
 */
export interface StoresRequest {
  readonly type: 'stores';
  readonly id: number;
  readonly requestId: number;
  readonly traceIndex: number;
  readonly storeIds: readonly string[];
}

export type WorkerRequest = LoadRequest | StoresRequest;

/** The answer to a StoresRequest: the timelines in the order asked, or why not. */
export type StoresResult = { readonly ok: true; readonly timelines: readonly StoreTimeline[] } | { readonly ok: false; readonly message: string };

/** What the import read and passed over, for the import report. */
export interface ImportReport {
  readonly fileName: string;
  readonly format: DecodeResult['format'];
  readonly envelope: string;
  readonly spanCount: number;
  readonly traceCount: number;
  readonly skipped: DecodeResult['skipped'];
  readonly warnings: DecodeResult['warnings'];
  readonly byteLength: number;
  readonly millis: number;
}

/** The Junjo analysis of a trace whose spans are shown while the worker still reads its workflows. */
export interface JunjoPending {
  readonly kind: 'pending';
  /** What the worker is doing, for the tabs that wait on it. */
  readonly phase: string;
}

export type JunjoState = JunjoOutlineAnalysis | JunjoPending;

/**
 * A built trace with its Junjo analysis (kind 'none' for an ordinary trace). The spans arrive first
 * (the waterfall paints at once); `junjo` is 'pending' until the worker's analysis of this trace follows.
 * `traceId` is known at once; `trace` is rebuilt on the page when first read (see unpack-traces.ts),
 * so code that only lists or finds traces should read `traceId`.
 */
export interface LoadedTrace {
  readonly traceId: string;
  readonly trace: Trace;
  readonly junjo: JunjoState;
}

/**
 * What the worker posts when the spans are built: traces in columns (see packed-traces.ts), unpacked
 * on the page. Each trace's Junjo analysis follows in its own 'junjo' message.
 */
export type PackedOutcome =
  | {
      readonly ok: true;
      readonly report: ImportReport;
      /** Every trace in one set of columns (packed-traces.ts). */
      readonly traces: PackedTraceSet;
    }
  | { readonly ok: false; readonly error: ImportError };

/** How far a chunked read of a large file is (see chunked-read.ts). */
export interface ReadingProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  /** Spans parsed so far. */
  readonly spanCount: number;
}

export type WorkerMessage =
  | { readonly id: number; readonly type: 'progress'; readonly fraction: number; readonly phase: string; /** Set while a large file is read in chunks. */ readonly reading?: ReadingProgress }
  /**
   * Before 'done', for a large file read in chunks: the spans read so far, packed as in 'done' (long
   * values included), so the page paints rows at once. Spans whose parent is not read yet are roots.
   * 'done' replaces it; 'progress' messages with `reading` say how far the reading is meanwhile.
   */
  | { readonly id: number; readonly type: 'partial'; readonly traces: PackedTraceSet; readonly report: ImportReport; readonly reading: ReadingProgress }
  | { readonly id: number; readonly type: 'done'; readonly outcome: PackedOutcome }
  /**
   * After 'done': the Junjo analyses of some traces (in `traceIndex` order over the messages), a batch
   * per few dozen milliseconds of the worker's time, unless a newer load started. `millis`: the batch's analysis time.
   */
  | { readonly id: number; readonly type: 'junjo'; readonly results: JunjoBatch; readonly millis: number }
  /**
   * Before the 'junjo' batch that holds trace `traceIndex`'s outline: a slice of that outline's lists,
   * when they are long (splitOutline); the batch then holds its shell, and the page joins them (outline-parts.ts).
   */
  | { readonly id: number; readonly type: 'junjo-part'; readonly traceIndex: number; readonly part: OutlinePart }
  /** The answer to a StoresRequest (`requestId`). */
  | { readonly id: number; readonly type: 'stores'; readonly requestId: number; readonly result: StoresResult }
  /** Right after 'done' when the request asked `deferBigText`: the long string values (PackedSpans.bigTextLater). */
  | { readonly id: number; readonly type: 'big-text'; readonly bigText: Uint8Array; readonly bigTextStart: Float64Array; /** Encoding time in the worker. */ readonly millis: number };

/**
 * Analyses of some traces: trace `traceIndexes[k]` has analysis `analyses[analysisOf[k]]`, as outlines
 * (junjo-outline.ts: store timelines without transitions and checkpoints; a StoresRequest fetches those). Equal
 * analyses of ordinary traces ('none' for the same reason) are one object, so a batch of 20,000 one-span
 * traces clones two small arrays and one object, not 20,000 of each.
 */
export interface JunjoBatch {
  readonly traceIndexes: Int32Array;
  readonly analysisOf: Int32Array;
  readonly analyses: readonly JunjoOutlineAnalysis[];
}
