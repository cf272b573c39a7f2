/**
 * Small pieces the server benchmarks share across their processes (bench-server.ts, the latency
 * probe and the huge-answer load): a timed GET that reads and drops the answer, the ids the
 * fake Tempo is asked for, and a Tempo trace answer of about a given size made of copies of a
 * real Tempo fixture.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** GETs `url` without keep-alive, reads the whole answer and drops it: its status (0: failed) and time. */
export function timedGet(url: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((done) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      res.on('error', () => done({ status: 0, ms: performance.now() - started }));
    });
    req.on('error', () => done({ status: 0, ms: performance.now() - started }));
  });
}

/** A distinct 32-hex-digit trace id per number. */
export const idFor = (n: number): string => n.toString(16).padStart(32, 'a');

/** The resourceSpans of a real Tempo trace (fixtures/tempo). */
export function tempoFixture(): { resourceSpans: unknown[] } {
  return JSON.parse(readFileSync(join(root, 'fixtures/tempo/tempo-trace-queue-database.resourceSpans.json'), 'utf8')) as { resourceSpans: unknown[] };
}

/** A Tempo trace-by-id answer of at least `bytes`: the fixture's resourceSpans repeated. */
export function hugeTrace(bytes: number): Buffer {
  const one = JSON.stringify(tempoFixture().resourceSpans).slice(1, -1);
  return Buffer.from(`{"trace":{"resourceSpans":[${Array(Math.ceil(bytes / one.length)).fill(one).join(',')}]}}`);
}
