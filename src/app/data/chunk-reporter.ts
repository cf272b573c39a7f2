/**
 * What the worker posts while it reads a large file in chunks (chunked-read.ts): once the spans read
 * so far fill a screen (or ~150 ms of work went by), a 'partial' result with them; then a 'progress'
 * message with how far the reading is, at most once a second, so the page's updates stay cheap.
 * Throws Superseded when a newer load started, so the older read stops.
 */
import { buildTraces } from '../../core/trace/build-traces.ts';
import type { ChunkProgress } from './chunked-read.ts';
import type { WorkerMessage } from './load-protocol.ts';
import { packTraces } from './pack-traces.ts';

export class Superseded extends Error {}

/** Enough spans for a screen of rows. */
const screenSpans = 200;
const partialAfterMs = 150;
const progressEveryMs = 1000;

export interface ReporterContext {
  readonly id: number;
  readonly fileName: string;
  /** performance.now() when the load started. */
  readonly started: number;
  readonly isLatest: () => boolean;
  readonly post: (message: WorkerMessage, transfer?: Transferable[]) => void;
}

export function chunkReporter({ id, fileName, started, isLatest, post }: ReporterContext): (progress: ChunkProgress) => Promise<void> {
  let partialPosted = false;
  let lastProgress = 0;
  return async (progress) => {
    // Let a newer load request in between chunks: it supersedes this one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (!isLatest()) throw new Superseded('superseded');
    const now = performance.now();
    const reading = { bytesRead: progress.bytesRead, totalBytes: progress.totalBytes, spanCount: progress.spanCount };
    const last = progress.bytesRead >= progress.totalBytes;
    if (!partialPosted && !last && progress.spanCount > 0 && (progress.spanCount >= screenSpans || now - started >= partialAfterMs)) {
      const spans = progress.preview();
      if (spans.length > 0) {
        partialPosted = true;
        const built = buildTraces(spans);
        const packed = packTraces(built, { deferBigText: false });
        post(
          {
            id,
            type: 'partial',
            traces: packed.packed,
            reading,
            report: {
              fileName,
              format: 'jaeger-json',
              envelope: 'Jaeger JSON, still reading',
              skipped: [],
              warnings: ['The file is still being read: only the spans read so far are shown. Skipped items and warnings are listed once the whole file is read.'],
              byteLength: progress.totalBytes,
              spanCount: spans.length,
              traceCount: built.length,
              millis: Math.round(now - started),
            },
          },
          packed.transfer,
        );
        lastProgress = performance.now();
        return;
      }
    }
    if (now - lastProgress < (partialPosted ? progressEveryMs : 100)) return;
    lastProgress = now;
    const fraction = progress.bytesRead / progress.totalBytes;
    post({ id, type: 'progress', fraction: 0.8 * fraction, phase: 'Reading', reading });
  };
}
