/**
 * Entry of the worker thread that off-thread.ts starts: runs one body task per message and answers
 * with its result or its error message.
 */
import { parentPort } from 'node:worker_threads';
import { runBodyTask, type BodyTask } from './body-tasks.ts';

interface Request {
  readonly id: number;
  readonly task: BodyTask;
  readonly body: Uint8Array;
}

parentPort?.on('message', (request: Request) => {
  runBodyTask(request.task, request.body).then(
    (result) => parentPort?.postMessage({ id: request.id, ok: true, result }),
    (error: unknown) => parentPort?.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
