/**
 * Entry of the worker thread that off-thread.ts starts: runs one body task per message, answers
 * with its result or its error message, and then frees the copy of the body it was given, or
 * moves lent parts back with the answer. Bytes in a result (a redacted body) are moved too, so the
 * event loop never copies them.
 */
import { parentPort } from 'node:worker_threads';
import { runBodyTask, type BodyTask, type BodyTaskInput } from './body-tasks.ts';
import { lowerThisThreadPriority } from './thread-priority.ts';

// Parsing here must not take the CPU from the event loop (the receivers, other requests).
lowerThisThreadPriority();

interface Request {
  readonly id: number;
  readonly task: BodyTask;
  readonly parts: readonly Uint8Array[];
  readonly input?: BodyTaskInput;
  /** The caller's own parts, lent: moved back with the answer (unless `keep` is false: given, dropped here). */
  readonly lend?: boolean;
  readonly keep?: boolean;
}

/** A resizable ArrayBuffer (ES2024), which TypeScript's ES2022 lib does not describe. */
interface Resizable {
  readonly resizable?: boolean;
  resize?(byteLength: number): void;
}

/** Gives the body's memory back at once (off-thread.ts sends a resizable copy the thread owns). */
function release(parts: readonly Uint8Array[]): void {
  for (const part of parts) {
    const buffer = part.buffer as Resizable;
    if (buffer.resizable === true) buffer.resize?.(0);
  }
}

/** The ArrayBuffers of `parts` and of any bytes in `result` (a list, or `redacted`), once each. */
function transferables(parts: readonly Uint8Array[], result: unknown): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (value: unknown) => {
    if (value instanceof Uint8Array && value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
  };
  parts.forEach(add);
  if (Array.isArray(result)) result.forEach(add);
  const redacted = typeof result === 'object' && result !== null ? (result as { redacted?: unknown }).redacted : undefined;
  if (Array.isArray(redacted)) redacted.forEach(add);
  return [...buffers];
}

parentPort?.on('message', (request: Request) => {
  const { id, parts } = request;
  const lend = request.lend === true && request.keep !== false;
  runBodyTask(request.task, parts, request.input ?? {})
    .then(
      (result) =>
        lend
          ? parentPort?.postMessage({ id, ok: true, result, parts }, transferables(parts, result))
          : parentPort?.postMessage({ id, ok: true, result }, transferables([], result).filter((buffer) => !parts.some((part) => part.buffer === buffer))),
      (error: unknown) => parentPort?.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => {
      if (!lend) release(parts);
    });
});
