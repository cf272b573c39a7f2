import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { SearchResponse } from '../../core/backends/api-types.ts';
import { runSender, startViewerProcess, type SendLine } from './ingest-test-support.ts';

// Child processes start slowly on a shared 2-core machine.
vi.setConfig({ testTimeout: 300_000 });

async function storedRuns(url: string): Promise<Map<string, number>> {
  const res = await fetch(`${url}/api/sources/local/search?limit=10000`);
  const body = (await res.json()) as SearchResponse;
  return new Map(body.traces.map((t) => [t.traceId, t.spanCount ?? 0]));
}

describe('the store survives restarts', () => {
  it('kill -9 during sustained ingest: after a restart every acknowledged span is there', async () => {
    const data = mkdtempSync(join(tmpdir(), 'jtv-kill-'));
    const first = await startViewerProcess(['--data', data]);
    const acknowledged: SendLine[] = [];
    let resolveSome: () => void = () => undefined;
    const some = new Promise<void>((resolve) => (resolveSome = resolve));
    const sender = runSender(['--protocol', 'grpc', '--url', `http://127.0.0.1:${first.grpcPort}`, '--seconds', '120', '--batch', '512', '--concurrency', '4'], (line) => {
      if (line.ok) acknowledged.push(line);
      if (acknowledged.length >= 20) resolveSome();
    });
    await some;
    first.child.kill('SIGKILL');
    await first.stop();
    const countAtKill = acknowledged.length;
    sender.child.kill('SIGKILL');
    await sender.done;
    expect(countAtKill).toBeGreaterThanOrEqual(20);

    const second = await startViewerProcess(['--data', data]);
    try {
      const stored = await storedRuns(second.url);
      const perRun = (acknowledged[0]!.spans ?? 0) / (acknowledged[0]!.traceIds?.length ?? 1);
      const missing = acknowledged.flatMap((line) => line.traceIds ?? []).filter((id) => stored.get(id) !== perRun);
      expect(missing).toEqual([]);
      expect(second.output()).toMatch(/Local store: .*traces\.sqlite \(\d+ traces\)/);
    } finally {
      await second.stop();
    }
    // A clean stop and start keeps the same data.
    const third = await startViewerProcess(['--data', data]);
    try {
      const stored = await storedRuns(third.url);
      expect(acknowledged.flatMap((line) => line.traceIds ?? []).every((id) => stored.has(id))).toBe(true);
    } finally {
      await third.stop();
    }
  });
});
