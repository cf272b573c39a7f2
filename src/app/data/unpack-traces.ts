/**
 * Page side of packed-traces.ts: columns → the `Trace`/`Span` shapes the views read.
 *
 * A trace's spans are `PackedSpan`s (packed-span.ts): small objects whose fields are read from the
 * columns, their attribute and event lists built on first read, each distinct attribute once per set
 * and shared by every span that had it in the worker. `Trace.children` is rebuilt from `parent`. A long
 * string value stays UTF-8 bytes until something reads its `value`: then it is decoded once and kept.
 * The `junjo.span_type` of every span is read straight from the columns (no attribute is built for
 * it), since the first screen asks for all of them.
 */
import { rememberSpanTypes, K, spanTypeOf } from '../../core/junjo/junjo-attrs.ts';
import type { Span, SpanStatus } from '../../core/model/span.ts';
import { epochNs } from '../../core/model/time.ts';
import type { Trace } from '../../core/model/trace.ts';
import { childrenFromParentsInSteps } from '../../core/trace/span-tree.ts';
import { rememberErrorCount } from '../../core/trace/summarize-trace.ts';
import { rememberTraceTokens } from '../../core/trace/llm-call.ts';
import { PackedSpan, SpanSource, StringList, type BigTexts, type TraceSpans } from './packed-span.ts';
import type { PackedTraceSet } from './packed-traces.ts';

/**
 * The traces of one posted set, each rebuilt when first read and then kept: opening a file of
 * 50,000 traces rebuilds none of them until the picker shows a row or the user opens one.
 */
export class TraceSet {
  private readonly built: (Trace | undefined)[];
  private source: SpanSource | undefined;
  private strings: StringList | undefined;
  private readonly big: BigTexts;

  constructor(private readonly set: PackedTraceSet) {
    this.built = new Array<Trace | undefined>(set.count);
    const { bigText, bigTextStart, bigTextLater } = set.spans;
    this.big = bigTextLater ? { bytes: undefined, starts: undefined, readEarly: false } : { bytes: bigText, starts: bigTextStart, readEarly: false };
  }

  /** Whether the long string values are still to come (PackedSpans.bigTextLater). */
  get awaitsBigText(): boolean {
    return this.big.bytes === undefined;
  }

  /**
   * The long string values, posted after the spans. Returns true when a view read one of them
   * before they came (it read ''): then the traces built so far are replaced by copies, so views
   * that keep results per trace compute them again with the real text.
   */
  receiveBigText(bytes: Uint8Array, starts: Float64Array): boolean {
    this.big.bytes = bytes;
    this.big.starts = starts;
    if (!this.big.readEarly) return false;
    for (let t = 0; t < this.built.length; t++) {
      const trace = this.built[t];
      if (!trace) continue;
      const copy = { ...trace };
      rememberErrorCount(copy, this.errorCount(this.set.spanStart[t]!, this.set.spanStart[t + 1]!));
      this.built[t] = this.withTokens(t, copy);
    }
    return true;
  }

  get count(): number {
    return this.set.count;
  }

  traceId(t: number): string {
    return this.stringList().at(this.set.traceId[t]!);
  }

  private stringList(): StringList {
    return (this.strings ??= new StringList(this.set.spans.strings));
  }

  trace(t: number): Trace {
    let trace = this.built[t];
    if (!trace) {
      const steps = this.unpackSteps(t);
      let step = steps.next();
      while (!step.done) step = steps.next();
      trace = this.withTokens(t, step.value);
      this.built[t] = trace;
    }
    return trace;
  }

  /** Spans in trace `t`. */
  spanCount(t: number): number {
    return this.set.spanStart[t + 1]! - this.set.spanStart[t]!;
  }

  /**
   * Rebuilds trace `t` in steps of `stepSpans` spans (each a `yield`), so the page can spread a large
   * trace's rebuild over several tasks before it shows it (a 100,000-span trace took ~0.1 s in one);
   * `trace(t)` then gives it at once. Nothing to do when it is built already.
   */
  *buildSteps(t: number): Generator<void, void> {
    if (this.built[t]) return;
    const trace = yield* this.unpackSteps(t);
    if (!this.built[t]) this.built[t] = this.withTokens(t, trace);
  }

  /** Seeds `traceTokens` with the worker's figures for trace `t` (see PackedTraceSet.tokens). */
  private withTokens(t: number, trace: Trace): Trace {
    const tokens = this.set.tokens;
    if (!tokens) return trace;
    const from = this.set.spanStart[t]!;
    const to = this.set.spanStart[t + 1]!;
    const totals = tokens.tokenTotals;
    rememberTraceTokens(trace, {
      subtree: tokens.tokenSubtree.subarray(from, to),
      subtreeOut: tokens.tokenSubtreeOut.subarray(from, to),
      calls: totals[3 * t]!,
      input: totals[3 * t + 1]!,
      output: totals[3 * t + 2]!,
    });
    return trace;
  }

  private *unpackSteps(t: number): Generator<void, Trace> {
    const p = this.set;
    const from = p.spanStart[t]!;
    const to = p.spanStart[t + 1]!;
    const parent = p.parent.subarray(from, to);
    const issueAt = p.issueTraces.indexOf(t);
    const services: string[] = [];
    for (let j = p.serviceStart[t]!; j < p.serviceStart[t + 1]!; j++) services.push(p.serviceNames[p.services[j]!]!);
    const strings = this.stringList();
    const source = (this.source ??= new SpanSource(p.spans, strings, this.big));
    const n = to - from;
    const spans = new Array<Span>(n);
    const of: TraceSpans = { source, from, parent, spans };
    for (let c = 0; c < n; c += stepSpans) {
      const end = Math.min(n, c + stepSpans);
      for (let i = c; i < end; i++) spans[i] = new PackedSpan(of, i);
      if (end < n) yield;
    }
    const typeParts: (string | undefined)[][] = [];
    for (let c = 0; c < n; c += stepSpans) {
      const end = Math.min(n, c + stepSpans);
      typeParts.push(source.stringAttrs(K.spanType, from + c, from + end, (i) => spanTypeOf(spans[c + i]!)));
      if (end < n) yield;
    }
    rememberSpanTypes(spans, typeParts.length === 1 ? typeParts[0]! : ([] as (string | undefined)[]).concat(...typeParts));
    const children = yield* childrenFromParentsInSteps(parent, stepSpans);
    const trace: Trace = {
      traceId: strings.at(p.traceId[t]!),
      startNs: epochNs(p.startNs[t]!),
      duration: p.duration[t]!,
      spans,
      parent,
      depth: p.depth.subarray(from, to),
      descendants: p.descendants.subarray(from, to),
      children,
      roots: Array.from(p.roots.subarray(p.rootStart[t]!, p.rootStart[t + 1]!)),
      issues: issueAt >= 0 ? p.issueLists[issueAt]! : [],
      services,
    };
    rememberErrorCount(trace, this.errorCount(from, to));
    return trace;
  }

  /** Failed spans among `from .. to`, from the status column (each distinct status is one shared object). */
  private errorCount(from: number, to: number): number {
    const { status, objects } = this.set.spans;
    const failed = new Map<number, boolean>();
    let count = 0;
    for (let i = from; i < to; i++) {
      const k = status[i]!;
      let isError = failed.get(k);
      if (isError === undefined) failed.set(k, (isError = (objects[k] as SpanStatus).code === 'error'));
      if (isError) count++;
    }
    return count;
  }
}

/** Spans per step of `TraceSet.buildSteps` (a few milliseconds of work). */
const stepSpans = 8192;

/** Rebuilds every trace of a set at once (tests; the app reads a TraceSet lazily). */
export function unpackTraces(packed: PackedTraceSet): Trace[] {
  const set = new TraceSet(packed);
  return Array.from({ length: set.count }, (_, t) => set.trace(t));
}
