import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { startTsThread } from './ts-thread.ts';

const threads: Worker[] = [];
afterEach(async () => {
  await Promise.all(threads.splice(0).map((thread) => thread.terminate()));
});

function entry(source: string): URL {
  const file = join(mkdtempSync(join(tmpdir(), 'jtv-thread-')), 'entry.ts');
  writeFileSync(file, source);
  return pathToFileURL(file);
}

const firstMessage = (thread: Worker): Promise<unknown> => new Promise((done) => thread.once('message', done));

describe('startTsThread', () => {
  it('runs a TypeScript entry with the worker data it is given, and says when it is ready if asked', async () => {
    const thread = startTsThread(
      entry(`import { parentPort, workerData } from 'node:worker_threads';
const data: { n: number } = workerData;
parentPort?.on('message', (x: number) => parentPort?.postMessage({ id: 1, ok: true, result: x * data.n }));`),
      { workerData: { n: 3 }, announceReady: true },
    );
    threads.push(thread);
    expect(await firstMessage(thread)).toEqual({ id: 0, ok: true, result: null });
    thread.postMessage(14);
    expect(await firstMessage(thread)).toEqual({ id: 1, ok: true, result: 42 });
  });

  it('posts a start failure naming the error when the entry cannot load', async () => {
    const thread = startTsThread(entry(`throw new Error('no such thing here');`));
    threads.push(thread);
    expect(await firstMessage(thread)).toMatchObject({ id: -1, ok: false, message: expect.stringMatching(/no such thing here/) });
  });
});
