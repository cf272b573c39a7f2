/**
 * One OTLP export, after transport: the request object (from protobuf or JSON) → spans of the
 * core model through the same OTLP/JSON decoder files use → the store's write queue. The outcome
 * says what the receivers answer: stored (with the spans rejected and why, for partial_success),
 * a bad request, or a retryable refusal when the store is busy or the process short of memory.
 */
import { DecodeSink } from '../../core/formats/decode-sink.ts';
import { decodeTracesData } from '../../core/formats/otlp-json.ts';
import type { WriteQueue } from '../store/write-queue.ts';

export type ExportOutcome =
  | { readonly kind: 'stored'; readonly stored: number; readonly rejected: number; readonly message: string }
  | { readonly kind: 'bad-request'; readonly message: string }
  | { readonly kind: 'retry'; readonly reason: 'busy' | 'memory' | 'failed'; readonly message: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Spans the request holds, counted on the wire (so a span the decoder skips counts as rejected). */
function countSpans(request: Record<string, unknown>): number {
  let n = 0;
  const groups = request.resourceSpans ?? request.resource_spans;
  if (!Array.isArray(groups)) return 0;
  for (const group of groups) {
    if (!isRecord(group)) continue;
    const scopes = group.scopeSpans ?? group.scope_spans;
    if (!Array.isArray(scopes)) continue;
    for (const scope of scopes) if (isRecord(scope) && Array.isArray(scope.spans)) n += scope.spans.length;
  }
  return n;
}

/** Checks the shape of an OTLP/JSON body: an object whose resourceSpans, when present, is a list. */
export function checkRequestShape(request: unknown): string | undefined {
  if (!isRecord(request)) return 'The body is not an ExportTraceServiceRequest: expected a JSON object with "resourceSpans".';
  const groups = request.resourceSpans ?? request.resource_spans;
  if (groups !== undefined && !Array.isArray(groups)) return '"resourceSpans" must be a list of ResourceSpans.';
  const unknown = Object.keys(request).filter((key) => key !== 'resourceSpans' && key !== 'resource_spans');
  if (groups === undefined && unknown.length > 0) return `The body is not an ExportTraceServiceRequest: it has ${unknown.slice(0, 5).map((k) => `"${k.slice(0, 40)}"`).join(', ')} but no "resourceSpans".`;
  return undefined;
}

export async function acceptExport(request: Record<string, unknown>, queue: WriteQueue): Promise<ExportOutcome> {
  const total = countSpans(request);
  if (total === 0) return { kind: 'stored', stored: 0, rejected: 0, message: '' };
  const refused = queue.pressure();
  if (refused && !refused.ok) return { kind: 'retry', reason: refused.reason, message: refused.message };
  const sink = new DecodeSink();
  decodeTracesData(request, sink);
  const spans = sink.spans;
  const reasons = sink.skipped.filter((skip) => /span was skipped/.test(skip.reason)).map((skip) => `${skip.path}: ${skip.reason}`);
  if (spans.length === 0) return { kind: 'stored', stored: 0, rejected: total, message: reasons.slice(0, 3).join('; ') || 'No span could be read.' };
  const outcome = await queue.submit(spans);
  if (!outcome.ok) return { kind: 'retry', reason: outcome.reason, message: outcome.message };
  const rejected = total - spans.length + outcome.result.rejected;
  const messages = [...reasons, ...outcome.result.rejectReasons].slice(0, 3);
  return { kind: 'stored', stored: outcome.result.stored + outcome.result.duplicates, rejected, message: rejected > 0 ? messages.join('; ') : '' };
}
