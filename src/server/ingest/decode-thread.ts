/**
 * Entry of a decode thread that decode-pool.ts starts: decodes protobuf export bodies with
 * proto-spans.ts (the official OpenTelemetry Span type, the same code the main thread runs) where
 * they lie, in a SharedArrayBuffer, and answers with the store spans in packed form
 * (packed-proto-spans.ts).
 */
import { parentPort } from 'node:worker_threads';
import { packProtoSpans, type PackedDecoded } from './packed-proto-spans.ts';
import { decodeProtoSpans } from './proto-spans.ts';

export interface DecodeRequest {
  readonly id: number;
  readonly shared: SharedArrayBuffer;
  readonly offset: number;
  readonly length: number;
}

/** The decoded spans, or (a fault of this thread, not of the body) why it could not decode them. */
export type DecodeReply = { readonly id: number; readonly decoded: PackedDecoded } | { readonly id: number; readonly fault: string };

parentPort?.on('message', (request: DecodeRequest) => {
  const body = Buffer.from(request.shared, request.offset, request.length);
  let reply: DecodeReply;
  try {
    reply = { id: request.id, decoded: packProtoSpans(decodeProtoSpans(body), body) };
  } catch (error) {
    reply = { id: request.id, fault: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
