/**
 * The 'partial' result the worker posts for a large Jaeger file: the spans of its first chunks
 * (chunked-read.ts readJaegerHead), built and packed like 'done', so the page paints rows while the
 * whole file is still read. Spans whose parent is not read yet are roots.
 */
import { buildTraces } from '../../core/trace/build-traces.ts';
import type { HeadPreview } from './chunked-read.ts';
import type { WorkerMessage } from './load-protocol.ts';
import { packTraces } from './pack-traces.ts';

export function partialMessage(id: number, fileName: string, started: number, head: HeadPreview): { message: WorkerMessage; transfer: Transferable[] } {
  const built = buildTraces(head.spans);
  const packed = packTraces(built, { deferBigText: false });
  const message: WorkerMessage = {
    id,
    type: 'partial',
    traces: packed.packed,
    reading: { bytesRead: head.bytesRead, totalBytes: head.totalBytes, spanCount: head.spans.length },
    report: {
      fileName,
      format: 'jaeger-json',
      envelope: 'Jaeger JSON, still reading',
      skipped: [],
      warnings: ['The file is still being read: only the spans of its beginning are shown. Skipped items and warnings are listed once the whole file is read.'],
      byteLength: head.totalBytes,
      spanCount: head.spans.length,
      traceCount: built.length,
      millis: Math.round(performance.now() - started),
    },
  };
  return { message, transfer: packed.transfer };
}
