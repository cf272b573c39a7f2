/** Messages between the page and the trace worker (structured-cloneable data only). */
import type { DecodeResult, ImportError } from '../../core/formats/types.ts';
import type { Trace } from '../../core/model/trace.ts';
import type { JunjoAnalysis } from '../../core/junjo/analyze-junjo.ts';
import type { PackedTrace } from './packed-traces.ts';
import type { Bundle } from './bundle-buffers.ts';


export interface LoadRequest {
  readonly id: number;
  readonly input: Blob | ArrayBuffer | string;
  readonly fileName: string;
}

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

/** A built trace with its Junjo analysis (kind 'none' for an ordinary trace). */
export interface LoadedTrace {
  readonly trace: Trace;
  readonly junjo: JunjoAnalysis;
}

/** What the worker posts: traces in columns (see packed-traces.ts), unpacked on the page into LoadedTraces. */
export type PackedOutcome =
  | {
      readonly ok: true;
      readonly report: ImportReport;
      /** With `buffers`: the typed arrays are references into those few buffers (bundle-buffers.ts). */
      readonly traces: readonly PackedTrace[];
      readonly buffers?: Bundle<PackedTrace>['buffers'];
    }
  | { readonly ok: false; readonly error: ImportError };

export type WorkerMessage =
  | { readonly id: number; readonly type: 'progress'; readonly fraction: number; readonly phase: string }
  | { readonly id: number; readonly type: 'done'; readonly outcome: PackedOutcome };
