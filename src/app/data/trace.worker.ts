/// <reference lib="webworker" />
/**
 * Decodes and indexes an input off the main thread, so the page stays responsive while a
 * large file loads. Reads Blobs itself (a File is passed by reference, not copied).
 *
 * Two stages, so the waterfall never waits for the Junjo analysis: 'done' carries the built spans
 * (packed, see packed-traces.ts); then each trace's Junjo analysis (graphs, state replay,
 * concurrency) follows in a 'junjo' message. A newer load request stops the analyses of the older one.
 */
import { decodeInput } from '../../core/formats/decode-input.ts';
import { buildTraces } from '../../core/trace/build-traces.ts';
import { analyzeJunjo, type JunjoAnalysis } from '../../core/junjo/analyze-junjo.ts';
import type { Trace } from '../../core/model/trace.ts';
import type { LoadRequest, PackedOutcome, WorkerMessage } from './load-protocol.ts';
import { packTraces } from './pack-traces.ts';

declare const self: DedicatedWorkerGlobalScope;

/** The newest load request; analyses of older ones stop. */
let latest = 0;

const post = (data: WorkerMessage, transfer: Transferable[] = []) => self.postMessage(data, transfer);

self.onmessage = async (message: MessageEvent<LoadRequest>) => {
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
    const data = input instanceof Blob ? new Uint8Array(await input.arrayBuffer()) : input instanceof ArrayBuffer ? new Uint8Array(input) : input;
    const byteLength = typeof data === 'string' ? data.length : data.byteLength;
    const decoded = await decodeInput(data, { fileName, onProgress: (f, phase) => progress(0.1 + f * 0.7, phase) });
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
    const analyses: JunjoAnalysis[] = [];
    noneByReason.clear();
    do {
      const junjo = analyzeSafely(built[traceIndex]!);
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
    post({ id, type: 'junjo', results, millis: Math.round(performance.now() - batchStarted) }, [results.traceIndexes.buffer, results.analysisOf.buffer]);
  }
};

const batchMs = 30;

/** A Junjo analysis failure must not cost the user the waterfall: report it as "no workflow". */
function analyzeSafely(trace: Trace): JunjoAnalysis {
  try {
    return analyzeJunjo(trace);
  } catch (error) {
    return { kind: 'none', reason: `The Junjo data in this trace could not be read (${error instanceof Error ? error.message : String(error)}).` };
  }
}
