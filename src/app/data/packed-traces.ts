/**
 * Built traces in the compact form the trace worker posts to the page, and back.
 *
 * Structured clone costs about a microsecond per object and per property on each side, so
 * posting 100k Span objects (each with its attribute list and values) took longer than decoding
 * the file. Instead the spans go as columns: typed arrays (transferred, not copied) of numbers
 * and of indexes into one string table and one table of shared objects (resources, scopes,
 * statuses, event and link lists, rare nested attribute values). Attributes are encoded once
 * per distinct attribute object (the decoders share identical short ones) and rebuilt once on
 * the page, so spans that shared an attribute in the worker share it on the page too.
 * `Trace.children` is not posted: the page rebuilds it from `parent`. Events go as columns too, their
 * attributes through the same attribute table. Long string values (states, graphs, prompts) go as
 * one transferred UTF-8 buffer and are decoded on the page one by one, when a view reads them.
 * The Junjo analysis is not part of this: the worker posts it after the spans (load-protocol.ts).
 *
 * The page gets the same `Trace`/`Span` shapes the views always read.
 *
 * Split by side: pack-traces.ts (worker) and unpack-traces.ts (page). This module holds only what
 * both must agree on: the column layout, the span kind codes and the attribute type codes.
 */
import type { SpanKind } from '../../core/model/span.ts';
import type { EpochNs } from '../../core/model/time.ts';
import type { TraceIssue } from '../../core/model/trace.ts';

export interface PackedSpans {
  readonly count: number;
  /** Every string the columns refer to (ids, names, attribute keys and text values), each once (span ids as they come). */
  readonly strings: PackedStrings;
  /** Shared objects the columns refer to, posted by structured clone (identity is kept). */
  readonly objects: readonly unknown[];
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly inputIndex: Int32Array;
  /** String indexes. */
  readonly traceId: Int32Array;
  /** String indexes; span ids are (nearly) all distinct, so they are added to `strings` without looking for equal ones. */
  readonly spanId: Int32Array;
  /** String index; -1 for null; -2 for "the span id of `parent[i]`" (every attached span). */
  readonly parentSpanId: Int32Array;
  readonly name: Int32Array;
  readonly traceState: Int32Array;
  /** Index into `kinds`. */
  readonly kind: Uint8Array;
  /** Object indexes. */
  readonly resource: Int32Array;
  readonly scope: Int32Array;
  readonly status: Int32Array;
  /** Object index of the span's event list, or -1: its events are in the event columns below. */
  readonly events: Int32Array;
  readonly links: Int32Array;
  /** dropped attributes, events, links counts: three per span. */
  readonly dropped: Float64Array;
  /** Span i's attributes are `attrList[attrStart[i] .. attrStart[i + 1])`, indexes into the attribute table. */
  readonly attrStart: Int32Array;
  readonly attrList: Int32Array;
  /** The attribute table: key (string index), value type, and the value in one of three columns. */
  readonly attrKey: Int32Array;
  readonly attrType: Uint8Array;
  /** string: string index; bool: 0/1; double: the number; array/map/bytes/empty or out-of-range int: object index. */
  readonly attrNumber: Float64Array;
  /** int values that fit int64. */
  readonly attrInt: BigInt64Array;
  /**
   * Long string values (at least BIG_TEXT_CHARS characters: states, graphs, prompts) as UTF-8, one
   * after another, transferred rather than copied; the page decodes one when a view reads it.
   * Big text k is `bigText[bigTextStart[k] .. bigTextStart[k + 1])`.
   */
  readonly bigText: Uint8Array;
  readonly bigTextStart: Float64Array;
  /**
   * Set when the long string values follow in a second message ('big-text', load-protocol.ts), so
   * the first rows paint without waiting for megabytes the rows do not show: `bigText` is empty until
   * then (see TraceSet.receiveBigText).
   */
  readonly bigTextLater?: boolean;
  /** Span i's events (when `events[i]` is -1) are events `eventStart[i] .. eventStart[i + 1]`. */
  readonly eventStart: Int32Array;
  /** Per event: name (string index), time from the trace start, epoch ns, dropped attribute count. */
  readonly eventName: Int32Array;
  readonly eventTime: Float64Array;
  readonly eventTimeNs: BigInt64Array;
  readonly eventDropped: Float64Array;
  /** Event e's attributes are `eventAttrList[eventAttrStart[e] .. eventAttrStart[e + 1])`, in the attribute table. */
  readonly eventAttrStart: Int32Array;
  readonly eventAttrList: Int32Array;
}

/**
 * Every trace of one input in one set of columns: the spans of all traces one trace after another
 * in `spans` (so 50,000 one-span traces are a few dozen buffers, not a million), and per trace its
 * span range and its own fields. The page unpacks a trace only when something reads it.
 * Index arrays (`parent`, `roots`) hold indexes local to their trace, as `Trace` does.
 */
/**
 * A string table: string i is `decode(text).slice(starts[i], starts[i + 1])` (UTF-16 offsets), or a
 * plain list when the text cannot go as UTF-8 (lone surrogates).
 */
export type PackedStrings = { readonly text: Uint8Array; readonly starts: Float64Array } | readonly string[];

export interface PackedTraceSet {
  readonly count: number;
  readonly spans: PackedSpans;
  /** Trace t's spans are `spans[spanStart[t] .. spanStart[t + 1])`; the same ranges cut parent, depth and descendants. */
  readonly spanStart: Int32Array;
  /** String indexes (in `spans.strings`). */
  readonly traceId: Int32Array;
  /** Epoch ns of each trace's start (a plain list when one does not fit int64). */
  readonly startNs: BigInt64Array | readonly EpochNs[];
  readonly duration: Float64Array;
  readonly parent: Int32Array;
  readonly depth: Int32Array;
  readonly descendants: Int32Array;
  /** Trace t's roots are `roots[rootStart[t] .. rootStart[t + 1])`. */
  readonly roots: Int32Array;
  readonly rootStart: Int32Array;
  /** Trace t's services are `serviceNames[services[j]]` for j in `serviceStart[t] .. serviceStart[t + 1]`. */
  readonly services: Int32Array;
  readonly serviceStart: Int32Array;
  readonly serviceNames: readonly string[];
  /**
   * With deferred long strings (PackedSpans.bigTextLater): each trace's LLM token totals, computed in
   * the worker (core/trace/llm-call.ts traceTokens reads the prompts and responses, which come later):
   * per span the subtree sums (`tokenSubtree`, `tokenSubtreeOut`, cut by `spanStart`), per trace
   * calls, input and output (three numbers each in `tokenTotals`).
   */
  readonly tokens?: { readonly tokenSubtree: Float64Array; readonly tokenSubtreeOut: Float64Array; readonly tokenTotals: Float64Array };
  /** Only traces with issues: `issueLists[k]` belongs to trace `issueTraces[k]`. */
  readonly issueTraces: Int32Array;
  readonly issueLists: readonly (readonly TraceIssue[])[];
}

/** Span kinds by their code in `PackedSpans.kind`. */
export const kinds: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

// Attribute value type codes (`PackedSpans.attrType`).
export const T_STRING = 0;
export const T_BOOL = 1;
export const T_DOUBLE = 2;
export const T_INT = 3;
/** Any other value (bytes, array, map, empty, int beyond int64), posted as an object. */
export const T_OBJECT = 4;
/** A string of at least BIG_TEXT_CHARS characters: `attrNumber` is its index among the big texts. */
export const T_BIG_TEXT = 5;

/** Strings this long travel as UTF-8 bytes (transferred) and are decoded on the page only when read. */
export const BIG_TEXT_CHARS = 256;
