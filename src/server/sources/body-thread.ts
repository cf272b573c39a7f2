/**
 * Entry of the worker thread that off-thread.ts starts: runs one body task per message, answers
 * with its result or its error message, and then frees the copy of the body it was given, or
 * moves a lent body back with the answer.
 */
import { parentPort } from 'node:worker_threads';
import { runBodyTask, type BodyTask } from './body-tasks.ts';
import { lowerThisThreadPriority } from './thread-priority.ts';

// Parsing here must not take the CPU from the event loop (the receivers, other requests).
lowerThisThreadPriority();

interface Request {
  readonly id: number;
  readonly task: BodyTask;
  readonly body: Uint8Array;
  /** The caller's own body, lent: moved back with the answer. */
  readonly lend?: boolean;
}

/** A resizable ArrayBuffer (ES2024), which TypeScript's ES2022 lib does not describe. */
interface Resizable {
  readonly resizable?: boolean;
  resize?(byteLength: number): void;
}

/** Gives the body's memory back at once (off-thread.ts sends a resizable copy the thread owns). */
function release(body: Uint8Array): void {
  const buffer = body.buffer as Resizable;
  if (buffer.resizable === true) buffer.resize?.(0);
}

parentPort?.on('message', (request: Request) => {
  const { id, body, lend } = request;
  runBodyTask(request.task, body)
    .then(
      (result) => (lend ? parentPort?.postMessage({ id, ok: true, result, body }, [body.buffer as ArrayBuffer]) : parentPort?.postMessage({ id, ok: true, result })),
      (error: unknown) => parentPort?.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => {
      if (!lend) release(body);
    });
});
