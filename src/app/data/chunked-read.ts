/**
 * Reads a large Jaeger JSON file in chunks (Blob.slice: 1 MB, then 16 MB each, one read ahead), so the worker can post the
 * spans read so far before the whole file is there (see trace.worker.ts). The chunks go through
 * JaegerChunkReader (core/formats/jaeger-chunks.ts); the document it builds is decoded as a whole at
 * the end by the ordinary decoder, so the final result is the same as reading the file at once.
 *
 * Any file this path does not take (small, not starting with `{`, control bytes, NUL padding, too
 * large) or cannot follow (another shape, a syntax error, a cut-off end) comes back as 'whole': the
 * caller reads it the ordinary way, which also gives broken files their usual message.
 */
import { decodeDocument } from '../../core/formats/decode-document.ts';
import { decodeParsedDocument } from '../../core/formats/decode-input.ts';
import { DecodeSink } from '../../core/formats/decode-sink.ts';
import { maxInputBytes } from '../../core/formats/import-errors.ts';
import { JaegerChunkReader } from '../../core/formats/jaeger-chunks.ts';
import { processesFromTail, type TailProcesses } from '../../core/formats/jaeger-tail.ts';
import type { DecodeOutcome, ProgressFn } from '../../core/formats/types.ts';
import { normalizeId } from '../../core/model/ids.ts';
import type { SpanRecord } from '../../core/model/span.ts';

export interface ChunkProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  /** Spans parsed so far. */
  readonly spanCount: number;
  /** Decodes the spans read so far (service names from the file's tail when it shows them). */
  readonly preview: () => readonly SpanRecord[];
}

export interface ChunkedOptions {
  readonly fileName?: string;
  /** Files smaller than this are read at once (default 4 MB). */
  readonly minBytes?: number;
  /**
   * Size of the first chunk (default 1 MB: the first rows come quickly) and of the others (default
   * 16 MB: in Chromium each Blob read costs a round trip, so 4 MB reads took twice as long in all).
   */
  readonly firstChunkBytes?: number;
  readonly chunkBytes?: number;
  /** After each chunk; may be async (the reader waits). */
  readonly onChunk?: (progress: ChunkProgress) => void | Promise<void>;
  /** Progress of the final decode (as decodeInput's). */
  readonly onProgress?: ProgressFn;
}

export type ChunkedOutcome = { readonly kind: 'decoded'; readonly outcome: DecodeOutcome } | { readonly kind: 'whole'; readonly reason: string };

const tailBytes = 256 * 1024;

export async function readJaegerInChunks(blob: Blob, options: ChunkedOptions = {}): Promise<ChunkedOutcome> {
  const size = blob.size;
  if (size < (options.minBytes ?? 4 * 1024 * 1024)) return { kind: 'whole', reason: 'small file' };
  if (size > maxInputBytes) return { kind: 'whole', reason: 'too large' };
  const firstChunk = options.firstChunkBytes ?? 1024 * 1024;
  const chunkBytes = options.chunkBytes ?? 16 * 1024 * 1024;
  const head = new Uint8Array(await blob.slice(0, Math.min(size, firstChunk)).arrayBuffer());
  const headProblem = problemInHead(head);
  if (headProblem) return { kind: 'whole', reason: headProblem };
  const tail = new Uint8Array(await blob.slice(Math.max(0, size - tailBytes)).arrayBuffer());
  if (tail[tail.length - 1] === 0) return { kind: 'whole', reason: 'NUL bytes at the end' };
  const tailProcesses = processesFromTail(new TextDecoder('utf-8').decode(tail));

  const reader = new JaegerChunkReader();
  const text = new ChunkText();
  // The next chunk is read while this one is scanned and parsed (one read ahead).
  const readAt = (from: number) => {
    const read = blob.slice(from, Math.min(size, from + chunkBytes)).arrayBuffer();
    read.catch(() => undefined); // a read ahead that is not awaited (the reader gave up) must not reject unhandled
    return read;
  };
  let offset = head.byteLength;
  let ahead = offset < size ? readAt(offset) : undefined;
  let bytes: Uint8Array = head;
  for (;;) {
    const last = offset >= size;
    const step = reader.push(text.decode(bytes, last));
    if (!step.ok) return { kind: 'whole', reason: step.reason };
    await options.onChunk?.({ bytesRead: offset, totalBytes: size, spanCount: reader.spanCount, preview: () => previewSpans(reader.root, tailProcesses) });
    if (last || !ahead) break;
    bytes = new Uint8Array(await ahead);
    if (bytes.byteLength === 0) return { kind: 'whole', reason: 'the file got shorter while it was read' };
    offset += bytes.byteLength;
    ahead = offset < size ? readAt(offset) : undefined;
  }
  const end = reader.end();
  if (!end.ok) return { kind: 'whole', reason: end.reason };
  return { kind: 'decoded', outcome: await decodeParsedDocument(end.doc, { ...(options.fileName ? { fileName: options.fileName } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) }) };
}

/**
 * UTF-8 chunks → text, as one TextDecoder over the whole file would give (a BOM at the start dropped,
 * invalid bytes as U+FFFD). A character cut at a chunk's end waits for the next chunk. Each chunk is
 * decoded in one non-streaming call: streaming decodes are several times slower in some engines.
 */
export class ChunkText {
  private readonly first = new TextDecoder('utf-8');
  private readonly rest = new TextDecoder('utf-8', { ignoreBOM: true });
  private started = false;
  private carry: Uint8Array | undefined;

  decode(chunk: Uint8Array, last: boolean): string {
    let bytes = chunk;
    if (this.carry) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
      this.carry = undefined;
    }
    let cut = bytes.length;
    if (!last) {
      // Back to the start of the last character (at most 3 continuation bytes before it).
      for (let k = bytes.length - 1; k >= 0 && k >= bytes.length - 4; k--) {
        if ((bytes[k]! & 0xc0) !== 0x80) {
          cut = k;
          break;
        }
      }
      this.carry = bytes.slice(cut);
    }
    if (cut === 0) return '';
    const decoder = this.started ? this.rest : this.first;
    this.started = true;
    return decoder.decode(bytes.subarray(0, cut));
  }
}

export interface HeadPreview {
  /** The spans of the file's first chunks, decoded for a preview. */
  readonly spans: readonly SpanRecord[];
  readonly bytesRead: number;
  readonly totalBytes: number;
}

/**
 * The first spans of a large Jaeger JSON file, from its first chunks (1 MB each, until about a
 * screen of spans, 4 MB at most), for rows while the whole file is read the ordinary way. Undefined
 * when the file is small, not Jaeger JSON as the scanner follows it, or holds no span that early.
 *
 * In Chromium one read of the whole Blob and one decode are about twice as fast as reading it in
 * chunks (each Blob read costs a round trip; scanning costs too), so the whole trace comes from the
 * ordinary path and only its first rows from here. `readJaegerInChunks` reads it all in chunks.
 */
export async function readJaegerHead(blob: Blob, options: { readonly minBytes?: number; readonly screenSpans?: number } = {}): Promise<HeadPreview | undefined> {
  const size = blob.size;
  if (size < (options.minBytes ?? 4 * 1024 * 1024) || size > maxInputBytes) return undefined;
  const piece = 1024 * 1024;
  const first = new Uint8Array(await blob.slice(0, Math.min(size, piece)).arrayBuffer());
  if (problemInHead(first)) return undefined;
  const tail = new Uint8Array(await blob.slice(Math.max(0, size - tailBytes)).arrayBuffer());
  if (tail[tail.length - 1] === 0) return undefined;
  const tailProcesses = processesFromTail(new TextDecoder('utf-8').decode(tail));
  const reader = new JaegerChunkReader();
  const text = new ChunkText();
  let offset = 0;
  let bytes = first;
  for (;;) {
    offset += bytes.byteLength;
    if (!reader.push(text.decode(bytes, offset >= size)).ok) return undefined;
    if (reader.spanCount >= (options.screenSpans ?? 200) || offset >= size || offset >= 4 * piece) break;
    bytes = new Uint8Array(await blob.slice(offset, Math.min(size, offset + piece)).arrayBuffer());
    if (bytes.byteLength === 0) return undefined;
  }
  const spans = reader.spanCount > 0 ? previewSpans(reader.root, tailProcesses) : [];
  return spans.length > 0 ? { spans, bytesRead: offset, totalBytes: size } : undefined;
}

/** Why the first bytes are not plain JSON text starting with an object, or undefined when they are. */
function problemInHead(head: Uint8Array): string | undefined {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 32 || head[i] === 9 || head[i] === 10 || head[i] === 13)) i++;
  if (head[i] !== 0x7b) return 'not a JSON object';
  const n = Math.min(head.length, 1024);
  for (let k = 0; k < n; k++) {
    const c = head[k]!;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) return 'control bytes';
  }
  return undefined;
}

/** The spans read so far, decoded for a preview: processes not read yet come from the tail when its trace matches. */
function previewSpans(root: Record<string, unknown>, tail: TailProcesses | undefined): readonly SpanRecord[] {
  const data = Array.isArray(root.data) ? root.data : Array.isArray(root.spans) ? [root] : undefined;
  if (!data) return [];
  const traces = data.map((trace: unknown) => {
    if (typeof trace !== 'object' || trace === null || Array.isArray(trace)) return trace;
    const record = trace as Record<string, unknown>;
    if (!Array.isArray(record.spans) || record.processes !== undefined || !tail) return record;
    const first: unknown = record.spans[0];
    const id = record.traceID ?? (typeof first === 'object' && first !== null ? (first as Record<string, unknown>).traceID : undefined);
    return normalizeId(id, 'trace') === tail.traceId ? { ...record, processes: tail.processes } : record;
  });
  const sink = new DecodeSink();
  decodeDocument(data === root.data ? { data: traces } : traces[0], sink);
  return sink.spans;
}
