/**
 * Starts a worker thread on a TypeScript entry. The server runs under tsx, so the thread registers
 * tsx's require hook before loading its entry, then says it is ready with the message
 * `{ id: 0, ok: true }`, or `{ id: -1, ok: false, message }` when the entry could not load (no tsx
 * here): callers give it work only once it is ready.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const tsxRequireHook = createRequire(import.meta.url).resolve('tsx/cjs/api');

export function startTsWorker(entry: URL): Worker {
  // tsx's require hook, not its ESM loader: the loader runs its hooks on a thread of their own and
  // costs each thread twice the memory (about 30 MB instead of 15 MB, measured).
  const bootstrap = `
const { parentPort } = require('node:worker_threads');
try {
  require(${JSON.stringify(tsxRequireHook)}).register();
  require(${JSON.stringify(fileURLToPath(entry))});
  parentPort.postMessage({ id: 0, ok: true, result: null });
} catch (error) {
  parentPort.postMessage({ id: -1, ok: false, message: String(error && error.stack || error) });
}
`;
  return new Worker(bootstrap, { eval: true });
}
