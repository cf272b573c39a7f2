/**
 * Starts a worker thread on a TypeScript entry. The server runs under tsx, so the thread registers
 * tsx's require hook before loading its entry: the hook, not tsx's ESM loader, which runs its hooks
 * on a thread of their own and costs each thread twice the memory (about 30 MB instead of 15 MB,
 * measured). An entry that cannot load (no tsx here, an error in it) makes the thread post
 * `ThreadStartFailure`; with `announceReady`, a thread whose entry loaded posts `{ id: 0, ok: true,
 * result: null }`, for callers that give it work only once it is ready.
 *
 * Every part of the server with threads starts them here (the store's writer and checkpoint
 * threads, the receivers' decode threads, the sources' request and body threads); this folder
 * imports no other part of the server.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** What a thread posts when its entry could not be loaded. */
export interface ThreadStartFailure {
  readonly id: -1;
  readonly ok: false;
  readonly message: string;
}

const tsxRequireHook = createRequire(import.meta.url).resolve('tsx/cjs/api');

export function startTsThread(entry: URL, options: { readonly workerData?: unknown; readonly announceReady?: boolean } = {}): Worker {
  const bootstrap = `
const { parentPort } = require('node:worker_threads');
try {
  require(${JSON.stringify(tsxRequireHook)}).register();
  require(${JSON.stringify(fileURLToPath(entry))});
  ${options.announceReady ? 'parentPort.postMessage({ id: 0, ok: true, result: null });' : ''}
} catch (error) {
  parentPort.postMessage({ id: -1, ok: false, message: String(error && error.stack || error) });
}
`;
  return new Worker(bootstrap, { eval: true, workerData: options.workerData });
}
