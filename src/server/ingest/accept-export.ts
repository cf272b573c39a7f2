/**
 * One OTLP export, after transport → the store's write queue. A protobuf body (gRPC, HTTP
 * protobuf) goes through proto-spans.ts straight to store spans; an OTLP/JSON body through the
 * core OTLP/JSON decoder files use. Room is reserved in the queue (by body bytes) before
 * decoding, so a flood is refused before it costs memory. The outcome
 * says what the receivers answer: stored (with the spans rejected and why, for partial_success),
 * a bad request, or a retryable refusal when the store is busy or the process short of memory.
 */
import { DecodeSink } from '../../core/formats/decode-sink.ts';
import { decodeTracesData } from '../../core/formats/otlp-json.ts';
import { fromSpanRecords } from '../store/store-span.ts';
import type { WriteQueue } from '../store/write-queue.ts';
import { bodyBuffers } from './body-buffers.ts';
import { sharedDecodePool, type DecodePool } from './decode-pool.ts';

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

/**
 * An OTLP/JSON ExportTraceServiceRequest (parsed) of `bytes` body bytes. `reserved`: bytes the
 * caller already reserved in the queue for it (this function then owns the reservation).
 */
export async function acceptExport(request: Record<string, unknown>, queue: WriteQueue, bytes = 0, reserved?: number): Promise<ExportOutcome> {
  const total = countSpans(request);
  if (reserved === undefined) {
    if (total === 0) return { kind: 'stored', stored: 0, rejected: 0, message: '' };
    const refused = queue.reserve(bytes);
    if (refused && !refused.ok) return { kind: 'retry', reason: refused.reason, message: refused.message };
  } else bytes = reserved;
  if (total === 0) {
    queue.release(bytes);
    return { kind: 'stored', stored: 0, rejected: 0, message: '' };
  }
  const sink = new DecodeSink();
  decodeTracesData(request, sink);
  const spans = sink.spans;
  const reasons = sink.skipped.filter((skip) => /span was skipped/.test(skip.reason)).map((skip) => `${skip.path}: ${skip.reason}`);
  if (spans.length === 0) {
    queue.release(bytes);
    return { kind: 'stored', stored: 0, rejected: total, message: reasons.slice(0, 3).join('; ') || 'No span could be read.' };
  }
  const outcome = await queue.submit(fromSpanRecords(spans), bytes);
  if (!outcome.ok) return { kind: 'retry', reason: outcome.reason, message: outcome.message };
  const rejected = total - spans.length + outcome.result.rejected;
  const messages = [...reasons, ...outcome.result.rejectReasons].slice(0, 3);
  return { kind: 'stored', stored: outcome.result.stored + outcome.result.duplicates, rejected, message: rejected > 0 ? messages.join('; ') : '' };
}

/**
 * A protobuf ExportTraceServiceRequest body (OTLP/gRPC, OTLP/HTTP protobuf); `reserved` as above.
 * Decoded on a decode thread (decode-pool.ts) when it is large enough: a body that is not already
 * in a SharedArrayBuffer is copied into one of the reused body buffers first. A body in a
 * SharedArrayBuffer must stay unchanged until this resolves.
 */
export async function acceptProtobuf(body: Uint8Array, queue: WriteQueue, reserved?: number, decoder: DecodePool = sharedDecodePool()): Promise<ExportOutcome> {
  const bytes = reserved ?? body.length;
  if (reserved === undefined) {
    if (body.length === 0) return { kind: 'stored', stored: 0, rejected: 0, message: '' };
    const refused = queue.reserve(bytes);
    if (refused && !refused.ok) return { kind: 'retry', reason: refused.reason, message: refused.message };
  }
  const shared = decoder.wants(body.length) ? bodyBuffers.shared(body) : { buffer: Buffer.from(body.buffer, body.byteOffset, body.byteLength), taken: false };
  try {
    return await storeProtobuf(shared.buffer, queue, bytes, decoder);
  } finally {
    if (shared.taken) bodyBuffers.give(shared.buffer);
  }
}

async function storeProtobuf(body: Buffer, queue: WriteQueue, bytes: number, decoder: DecodePool): Promise<ExportOutcome> {
  const decoded = await decoder.decode(body);
  if (!decoded.ok || decoded.result.spans.length === 0) {
    queue.release(bytes);
    if (!decoded.ok) return { kind: 'bad-request', message: decoded.message };
    const { total, rejected, rejectReasons } = decoded.result;
    return { kind: 'stored', stored: 0, rejected, message: total === 0 ? '' : rejectReasons.slice(0, 3).join('; ') || 'No span could be read.' };
  }
  const { spans, rejectReasons } = decoded.result;
  const outcome = await queue.submit(spans, bytes);
  if (!outcome.ok) return { kind: 'retry', reason: outcome.reason, message: outcome.message };
  const rejected = decoded.result.rejected + outcome.result.rejected;
  const messages = [...rejectReasons, ...outcome.result.rejectReasons].slice(0, 3);
  return { kind: 'stored', stored: outcome.result.stored + outcome.result.duplicates, rejected, message: rejected > 0 ? messages.join('; ') : '' };
}
