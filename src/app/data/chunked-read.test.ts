import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJunjoHeavyTrace } from '../../../scripts/lib/junjo-heavy-trace.ts';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../core/formats/decode-input.ts';
import type { SpanRecord } from '../../core/model/span.ts';
import { ChunkText, readJaegerHead, readJaegerInChunks, type ChunkProgress } from './chunked-read.ts';

const encoder = new TextEncoder();

/** Reads `bytes` in chunks of `size` bytes (every file, however small); the outcome and what each chunk reported. */
async function chunked(bytes: Uint8Array, size: number) {
  const chunks: (ChunkProgress & { previewed: readonly SpanRecord[] })[] = [];
  const outcome = await readJaegerInChunks(new Blob([bytes as Uint8Array<ArrayBuffer>]), { minBytes: 0, firstChunkBytes: size, chunkBytes: size, onChunk: (p) => void chunks.push({ ...p, previewed: p.preview() }) });
  return { outcome, chunks };
}

/** Chunked and whole-file decoding give the same outcome (spans, skips, warnings, errors). */
async function expectSameAsWhole(bytes: Uint8Array, size: number, fileName = 'f.json') {
  const outcome = await readJaegerInChunks(new Blob([bytes as Uint8Array<ArrayBuffer>]), { fileName, minBytes: 0, firstChunkBytes: size, chunkBytes: size });
  expect(outcome.kind, `chunks of ${size}`).toBe('decoded');
  if (outcome.kind === 'decoded') expect(outcome.outcome).toEqual(await decodeInput(bytes, { fileName }));
}

const jaegerSpan = (i: number, extra: Record<string, unknown> = {}) => ({
  traceID: '4bf92f3577b34da6a3ce929d0e0e4736', spanID: `00000000000000${String(i).padStart(2, '0')}`, operationName: `op ${i} — ünïcødé 🚀 "quoted" \\ }]`,
  references: i === 1 ? [] : [{ refType: 'CHILD_OF', traceID: '4bf92f3577b34da6a3ce929d0e0e4736', spanID: '0000000000000001' }],
  startTime: 1700000000000000 + i, duration: 10, processID: 'p1', tags: [{ key: 'k', type: 'string', value: `€${i}` }], ...extra,
});
const jaegerFile = (spans: unknown[], processes: unknown = { p1: { serviceName: 'svc-ü', tags: [] } }) =>
  encoder.encode(JSON.stringify({ data: [{ traceID: '4bf92f3577b34da6a3ce929d0e0e4736', spans, processes, warnings: null }], total: 0, limit: 0, offset: 0, errors: null }, null, 1));

describe('ChunkText', () => {
  it('decodes multi-byte characters cut at every position as one decoder would, dropping only a leading BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('a€b🚀c\ufeffd'), 0xff, 0x41, 0xe2, 0x82]);
    const whole = new TextDecoder('utf-8').decode(bytes);
    for (let size = 1; size <= 7; size++) {
      const text = new ChunkText();
      let out = '';
      for (let i = 0; i < bytes.length; i += size) out += text.decode(bytes.subarray(i, i + size), i + size >= bytes.length);
      expect(out, `pieces of ${size}`).toBe(whole);
    }
  });
});

describe('readJaegerInChunks', () => {
  it('gives the same result as the whole-file decode on the Jaeger fixtures, at several chunk sizes', async () => {
    for (const name of ['v1-response-envelope.json', 'v1-trace-57spans-10services.json', 'v1-trace-logs-refs-types.json']) {
      const bytes = new Uint8Array(readFileSync(`fixtures/jaeger/${name}`));
      for (const size of name.includes('57spans') ? [7, 333, 1 << 20] : [1, 5, 333]) await expectSameAsWhole(bytes, size, name);
    }
  });

  it('gives the same result, skips and warnings included, on a file with bad spans and multi-byte text', async () => {
    const spans = [jaegerSpan(1), jaegerSpan(2, { startTime: 'soon' }), jaegerSpan(3, { spanID: 7 }), jaegerSpan(4, { duration: -5 }), 'not a span', jaegerSpan(5)];
    for (const size of [1, 2, 3, 17, 4096]) await expectSameAsWhole(jaegerFile(spans), size);
  });

  it('reports progress per chunk, and a preview of the spans read so far with service names from the tail', async () => {
    const spans = Array.from({ length: 40 }, (_, i) => jaegerSpan(i + 1));
    const { outcome, chunks } = await chunked(jaegerFile(spans), 1024);
    expect(outcome.kind).toBe('decoded');
    expect(chunks.length).toBeGreaterThan(3);
    const middle = chunks[Math.floor(chunks.length / 2)]!;
    const preview = middle.previewed;
    expect(preview.length).toBe(middle.spanCount);
    expect(preview.length).toBeGreaterThan(0);
    expect(preview.length).toBeLessThan(40);
    expect(preview[0]!.resource.attributes).toContainEqual({ key: 'service.name', value: { type: 'string', value: 'svc-ü' } });
    expect(chunks.at(-1)!.bytesRead).toBe(chunks.at(-1)!.totalBytes);
  });

  it('falls back to the whole-file path for what it does not take or cannot follow, so errors keep their message', async () => {
    const good = jaegerFile([jaegerSpan(1), jaegerSpan(2)]);
    const text = new TextDecoder().decode(good);
    const cases: [string, Uint8Array][] = [
      ['cut off mid-span', good.subarray(0, Math.floor(good.length * 0.6))],
      ['invalid JSON mid-file', encoder.encode(text.replace('"spanID": "0000000000000002"', '@@"spanID": "0000000000000002"'))],
      ['a list of documents', encoder.encode(`[${text}]`)],
      ['concatenated documents', encoder.encode(`${text}\n${text}`)],
      ['NUL padding', new Uint8Array([...good, 0, 0, 0])],
      ['gzip magic', new Uint8Array([0x1f, 0x8b, 8, 0])],
      ['UTF-16', new Uint8Array([0xff, 0xfe, 0x7b, 0])],
    ];
    for (const [name, bytes] of cases) {
      const { outcome } = await chunked(bytes, 64);
      expect(outcome.kind, name).toBe('whole');
    }
  });

  it('gives the same result on a generated Junjo-heavy Jaeger file (as the bench writes), in 1 MB chunks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chunked-read-'));
    try {
      const path = join(dir, 'heavy.json');
      writeJunjoHeavyTrace(1500, 'jaeger', path);
      const bytes = new Uint8Array(readFileSync(path));
      const { outcome, chunks } = await chunked(bytes, 1 << 20);
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks[0]!.previewed.length).toBeGreaterThan(0);
      expect(outcome.kind).toBe('decoded');
      const whole = await decodeInput(bytes);
      if (outcome.kind === 'decoded') expect(outcome.outcome).toEqual(whole);
      // The head preview: the first spans of the file, as the whole decode has them (service names from the tail).
      const head = await readJaegerHead(new Blob([bytes as Uint8Array<ArrayBuffer>]), { minBytes: 0 });
      expect(head).toBeDefined();
      expect(head!.bytesRead).toBeLessThanOrEqual(4 << 20);
      expect(head!.spans.length).toBeGreaterThanOrEqual(200);
      if (whole.ok) expect(head!.spans).toEqual(whole.result.spans.slice(0, head!.spans.length));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves OTLP and Jaeger v3 documents to the whole-file path at their first key', async () => {
    for (const name of ['otlp-tracesdata-rich.json', 'v3-gettrace-response.json']) {
      const { outcome, chunks } = await chunked(new Uint8Array(readFileSync(`fixtures/jaeger/${name}`)), 100);
      expect(outcome.kind, name).toBe('whole');
      expect(chunks.length, name).toBe(0);
    }
  });

  it('gives no head preview for small files, other shapes and text the scanner cannot follow', async () => {
    const good = jaegerFile([jaegerSpan(1), jaegerSpan(2)]);
    expect(await readJaegerHead(new Blob([good as Uint8Array<ArrayBuffer>]))).toBeUndefined();
    const otlp = new Uint8Array(readFileSync('fixtures/jaeger/otlp-tracesdata-rich.json'));
    expect(await readJaegerHead(new Blob([otlp as Uint8Array<ArrayBuffer>]), { minBytes: 0 })).toBeUndefined();
    const broken = encoder.encode(new TextDecoder().decode(good).replace('"spanID": "0000000000000001"', '@@'));
    expect(await readJaegerHead(new Blob([broken as Uint8Array<ArrayBuffer>]), { minBytes: 0 })).toBeUndefined();
    expect((await readJaegerHead(new Blob([good as Uint8Array<ArrayBuffer>]), { minBytes: 0 }))?.spans.length).toBe(2);
  });

  it('leaves small files to the whole-file path by default', async () => {
    const outcome = await readJaegerInChunks(new Blob([jaegerFile([jaegerSpan(1)])]));
    expect(outcome).toEqual({ kind: 'whole', reason: 'small file' });
  });
});
