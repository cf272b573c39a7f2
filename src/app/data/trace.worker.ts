/// <reference lib="webworker" />
/**
 * Decodes and indexes an input off the main thread, so the page stays responsive while a
 * large file loads. Reads Blobs itself (a File is passed by reference, not copied).
 *
 * Two stages, so the waterfall never waits for the Junjo analysis: 'done' carries the built spans
 * (packed, see packed-traces.ts); then each trace's Junjo analysis (graphs, state replay,
 * concurrency) follows in a 'junjo' message. A newer load request stops the analyses of the older one.
 * The 'junjo' messages carry outlines (core/junjo/junjo-outline.ts): the heavy part of the state replay
 * (transitions with their patches, checkpoints) stays here, and the page asks for a store's timeline
 * with a StoresRequest when a view shows it, so a large trace's states are not copied to the page unseen.
 */
import { decodeInput } from '../../core/formats/decode-input.ts';
import { buildTraces } from '../../core/trace/build-traces.ts';
import { analyzeJunjo, type JunjoAnalysis } from '../../core/junjo/analyze-junjo.ts';
import { outlineOf, splitOutline, type JunjoOutlineAnalysis, type StoreSummary } from '../../core/junjo/junjo-outline.ts';
import type { StoreTimeline } from '../../core/junjo/state-replay.ts';
import type { Trace } from '../../core/model/trace.ts';
import type { PackedOutcome, StoresRequest, StoresResult, WorkerMessage, WorkerRequest } from './load-protocol.ts';
import { packTraces } from './pack-traces.ts';
import { readJaegerHead } from './chunked-read.ts';
import { partialMessage } from './chunk-reporter.ts';

declare const self: DedicatedWorkerGlobalScope;

/** The newest load request; analyses of older ones stop. */
let latest = 0;

const post = (data: WorkerMessage, transfer: Transferable[] = []) => self.postMessage(data, transfer);

/** The store timelines of the newest load whose spans were posted, per trace index (filled as traces are analyzed). */
let kept: { id: number; stores: Map<number, readonly StoreTimeline[]> } = { id: 0, stores: new Map() };

/** Answers the page's StoresRequest from the kept timelines, or says why it cannot. */
function answerStores({ id, requestId, traceIndex, storeIds }: StoresRequest): void {
  let result: StoresResult;
  const stores = kept.id === id ? kept.stores.get(traceIndex) : undefined;
  if (!stores) {
    result = { ok: false, message: kept.id === id ? 'This trace has no analyzed workflow state yet.' : 'A newer trace was opened since; its states are no longer kept.' };
  } else {
    const timelines = storeIds.map((storeId) => stores.find((store) => store.storeId === storeId));
    const missing = storeIds.find((_, i) => timelines[i] === undefined);
    result = missing === undefined ? { ok: true, timelines: timelines as StoreTimeline[] } : { ok: false, message: `This trace has no store ${missing}.` };
  }
  post({ id, type: 'stores', requestId, result });
}

self.onmessage = async (message: MessageEvent<WorkerRequest>) => {
  if ('type' in message.data) return answerStores(message.data);
  const { id, input, fileName, deferBigText } = message.data;
  latest = id;
  const progress = (fraction: number, phase: string) => post({ id, type: 'progress', fraction, phase });
  const started = performance.now();
  let outcome: PackedOutcome;
  let transfer: ArrayBuffer[] = [];
  let built: Trace[] = [];
  let bigText: (() => { bigText: Uint8Array; bigTextStart: Float64Array }) | undefined;
  try {
    progress(0, 'Reading');
    const decodeProgress = (f: number, phase: string) => progress(0.1 + f * 0.7, phase);
    let data: Uint8Array | string;
    if (input instanceof Blob) {
      // The whole file is read at once (fastest), and meanwhile a large Jaeger file's first chunks give
      // rows at once: a 'partial' result, replaced by 'done'.
      const whole = input.arrayBuffer();
      whole.catch(() => undefined);
      const head = await readJaegerHead(input).catch(() => undefined);
      if (head && latest === id) {
        const { message, transfer: partialTransfer } = partialMessage(id, fileName, started, head);
        post(message, partialTransfer);
      }
      data = new Uint8Array(await whole);
    } else data = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
    const byteLength = typeof data === 'string' ? data.length : data.byteLength;
    const decoded = await decodeInput(data, { fileName, onProgress: decodeProgress });
    if (!decoded.ok) {
      outcome = decoded;
    } else {
      progress(0.85, 'Building the span tree');
      built = buildTraces(decoded.result.spans);
      progress(0.95, 'Preparing the waterfall');
      const packed = packTraces(built, { deferBigText: deferBigText === true });
      transfer = packed.transfer;
      bigText = packed.bigText;
      const { format, envelope, skipped, warnings } = decoded.result;
      outcome = {
        ok: true,
        traces: packed.packed,
        report: {
          fileName,
          format,
          envelope,
          skipped,
          warnings,
          byteLength,
          spanCount: decoded.result.spans.length,
          traceCount: built.length,
          millis: Math.round(performance.now() - started),
        },
      };
    }
  } catch (error) {
    built = [];
    outcome = {
      ok: false,
      error: {
        code: 'unknown-shape',
        message: `The file could not be read: ${error instanceof Error ? error.message : String(error)}.`,
        hint: 'Check that it is an OpenTelemetry trace export (OTLP JSON, Jaeger JSON or Junjo span rows).',
      },
    };
  }
  post({ id, type: 'done', outcome }, transfer);
  // The page now shows this load's traces: older timelines are no longer asked for.
  if (latest === id) kept = { id, stores: new Map() };
  // The long string values follow the rows at once (before any analysis), even when a newer load came
  // in: a refresh keeps this trace on screen until the newer one is ready.
  if (bigText) {
    const encodeStarted = performance.now();
    const big = bigText();
    post({ id, type: 'big-text', ...big, millis: Math.round(performance.now() - encodeStarted) }, [big.bigText.buffer as ArrayBuffer, big.bigTextStart.buffer as ArrayBuffer]);
  }
  // Analyses go in batches (one message per ~30 ms of work, or per trace when each takes longer):
  // 50,000 one-trace messages would each cost the page a store update.
  // Ordinary traces share one 'none' analysis per reason (see JunjoBatch).
  const noneByReason = new Map<string, number>();
  let traceIndex = 0;
  while (traceIndex < built.length) {
    // Let a newer request in between batches: it supersedes this one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (latest !== id) return;
    const batchStarted = performance.now();
    const traceIndexes: number[] = [];
    const analysisOf: number[] = [];
    const analyses: JunjoOutlineAnalysis[] = [];
    noneByReason.clear();
    do {
      const full = analyzeSafely(built[traceIndex]!);
      if (full.kind === 'junjo' && kept.id === id) kept.stores.set(traceIndex, full.stores);
      let junjo: JunjoOutlineAnalysis;
      if (full.kind === 'junjo') {
        const { shell, parts } = splitOutline(outlineOf(full), entriesPerPart);
        for (const part of parts) post({ id, type: 'junjo-part', traceIndex, part }, spanBuffersOf(part.stores));
        junjo = shell;
      } else junjo = full;
      let at = junjo.kind === 'none' ? noneByReason.get(junjo.reason) : undefined;
      if (at === undefined) {
        at = analyses.push(junjo) - 1;
        if (junjo.kind === 'none') noneByReason.set(junjo.reason, at);
      }
      traceIndexes.push(traceIndex);
      analysisOf.push(at);
      traceIndex++;
    } while (traceIndex < built.length && performance.now() - batchStarted < batchMs);
    const results = { traceIndexes: Int32Array.from(traceIndexes), analysisOf: Int32Array.from(analysisOf), analyses };
    post({ id, type: 'junjo', results, millis: Math.round(performance.now() - batchStarted) }, [results.traceIndexes.buffer, results.analysisOf.buffer, ...storeSpanBuffers(analyses)]);
  }
};

/**
 * Runs (with their links and paths), stores and RunConcurrent groups per 'junjo-part' message. The
 * page's cost of reading a part grows faster than its size (garbage collection while it reads): on
 * the 100,000-span Junjo-heavy file, 49 parts of 80 took 687-731 ms together, some 60-120 ms each
 * (main-thread tasks over 100 ms in half the runs), and 193 parts of 20 take 150-171 ms, 25 ms at
 * most, and the analysis is on the page 1.5 s sooner (at 200: ~40 ms per part).
 */
const entriesPerPart = 20;

/** The per-store span columns, transferred rather than copied. */
const spanBuffersOf = (stores: readonly StoreSummary[]): ArrayBuffer[] => stores.map((store) => store.transitionSpans.buffer as ArrayBuffer);

function storeSpanBuffers(analyses: readonly JunjoOutlineAnalysis[]): ArrayBuffer[] {
  return analyses.flatMap((analysis) => (analysis.kind === 'junjo' ? spanBuffersOf(analysis.stores) : []));
}

const batchMs = 30;

/** A Junjo analysis failure must not cost the user the waterfall: report it as "no workflow". */
function analyzeSafely(trace: Trace): JunjoAnalysis {
  try {
    return analyzeJunjo(trace);
  } catch (error) {
    return { kind: 'none', reason: `The Junjo data in this trace could not be read (${error instanceof Error ? error.message : String(error)}).` };
  }
}
