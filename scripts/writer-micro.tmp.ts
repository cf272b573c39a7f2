import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { g3SampleSpans } from './lib/junjo-samples.ts';
import { preencoder } from './lib/raw-otlp-sender.ts';
import { decodeProtoSpans } from '../src/server/ingest/proto-spans.ts';
import { TraceStore } from '../src/server/store/trace-store.ts';
import { WriteQueue } from '../src/server/store/write-queue.ts';

const thread = !process.argv.includes('--inline');
const n = 300;
const next = preencoder(g3SampleSpans(), 22, 'abcdef01');
const decoded = Array.from({ length: n }, () => { const d = decodeProtoSpans(next().body); if (!d.ok) throw new Error(); return d.result.spans; });
const opened = TraceStore.open(mkdtempSync(join(tmpdir(), 'jtv-micro-')));
if (!opened.ok) throw new Error(opened.message);
const queue = new WriteQueue(opened.store, { thread });
const t0 = performance.now();
const cpu0 = process.cpuUsage();
let spans = 0;
for (let i = 0; i < n; i += 4) {
  const wave = decoded.slice(i, i + 4);
  const out = await Promise.all(wave.map((s) => queue.submit(s, 0)));
  for (const o of out) if (o.ok) spans += o.result.stored;
}
const s = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
console.log(`${thread ? 'thread' : 'inline'}: ${(spans / s).toFixed(0)} spans/s writing alone, process CPU ${((cpu.user + cpu.system) / spans).toFixed(1)} µs/span`);
queue.close();
opened.store.close();
