import type { SpanRecord } from '../model/span.ts';

/** Every input shape the decoders recognise (formats.md §6, §8, §9). */
export type FormatId =
  | 'otlp-json' // {resourceSpans} or {batches}, also Tempo v1/v2 and Jaeger v3 envelopes
  | 'otlp-jsonl' // one TracesData per line (collector file exporter)
  | 'jaeger-json' // Jaeger's internal/UI JSON: {data:[trace]}, a bare trace, or several
  | 'junjo-rows' // Junjo AI Studio span rows (also the contract fixture envelope)
  | 'python-console'; // the Python SDK's ConsoleSpanExporter output

/** Something the import passed over, with where and why, for the import report. */
export interface ImportSkip {
  /** 1-based line for line-oriented input (JSON Lines, console output). */
  readonly line?: number;
  /** Where in the document: `resourceSpans[0].scopeSpans[1].spans[3].startTimeUnixNano`. */
  readonly path: string;
  readonly reason: string;
}

export interface DecodeResult {
  readonly format: FormatId;
  /** The envelope that was recognised, for the import report ("Tempo v2 response"). */
  readonly envelope: string;
  readonly spans: SpanRecord[];
  readonly skipped: ImportSkip[];
  /** Messages the source carried (Tempo PARTIAL, Jaeger warnings) or decoders noticed. */
  readonly warnings: string[];
}

export type ImportErrorCode =
  | 'empty'
  | 'binary-protobuf'
  | 'compressed'
  | 'not-json'
  | 'truncated-json'
  | 'unknown-shape'
  | 'no-spans'
  | 'too-large';

/** A failed import: what was wrong, and what to do about it. Shown in a role="alert" element. */
export interface ImportError {
  readonly code: ImportErrorCode;
  readonly message: string;
  readonly hint: string;
}

export type DecodeOutcome =
  | { readonly ok: true; readonly result: DecodeResult }
  | { readonly ok: false; readonly error: ImportError };

/** Progress callback for long decodes: fraction in [0, 1] and a short phase label. */
export type ProgressFn = (fraction: number, phase: string) => void;
