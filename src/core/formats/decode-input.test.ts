import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findAttr } from '../model/attributes.ts';
import { decodeInput } from './decode-input.ts';
import { fixturesDir } from './test-fixtures.ts';
import type { DecodeOutcome, ImportErrorCode } from './types.ts';

const errorOf = (outcome: DecodeOutcome) => {
  if (outcome.ok) throw new Error(`expected an import error, got ${outcome.result.spans.length} spans`);
  return outcome.error;
};
const expectError = async (input: Uint8Array | string, code: ImportErrorCode, message?: RegExp) => {
  const error = errorOf(await decodeInput(input));
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(10);
  expect(error.hint.length).toBeGreaterThan(10);
  if (message) expect(error.message).toMatch(message);
  return error;
};

/** One OTLP span with overridable fields, wrapped in TracesData. */
const otlp = (...spans: Record<string, unknown>[]) =>
  JSON.stringify({
    resourceSpans: [{ resource: {}, scopeSpans: [{ scope: {}, spans: spans.map((s, i) => ({
      traceId: '4290b5877a9930de79bb428365398ecc', spanId: `00000000000000${String(i + 1).padStart(2, '0')}`,
      name: `span ${i}`, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000500000000', ...s,
    })) }] }],
  });

describe('decodeInput: bad files', () => {
  it('empty input', async () => {
    await expectError('', 'empty');
    await expectError(' \n\t ', 'empty');
    await expectError(new Uint8Array(), 'empty');
    await expectError(new Uint8Array(gzipSync('')), 'empty');
  });

  it('plain text and HTML', async () => {
    await expectError('hello, this is not a trace', 'not-json', /plain text.*hello/);
    await expectError('<!doctype html><html>login</html>', 'not-json', /HTML/);
  });

  it('truncated JSON says where it ends', async () => {
    const text = readFileSync(`${fixturesDir}/jaeger/otlp-tracesdata-rich.json`, 'utf8');
    const cut = text.slice(0, Math.floor(text.length / 2));
    const error = await expectError(cut, 'truncated-json');
    expect(error.message).toMatch(new RegExp(`line ${cut.split('\n').length}`));
    await expectError('{"resourceSpans": [{"scopeSpans": [{"spans": [{"name": "cut in a stri', 'truncated-json', /inside a string/);
  });

  it('a syntax error inside one document names the line', async () => {
    await expectError('{\n "resourceSpans": [\n  {,}\n ]\n}', 'not-json', /line 3/);
  });

  it('unknown shapes name the keys seen', async () => {
    await expectError('{"foo": 1, "bar": [2]}', 'unknown-shape', /"foo", "bar"/);
    await expectError(readFileSync(`${fixturesDir}/tempo/tempo-docs-search-response.json`, 'utf8'), 'unknown-shape', /search result/);
    await expectError('{"error": {"httpCode": 404, "message": "No traces found"}}', 'unknown-shape', /No traces found/);
    await expectError('[1, 2, 3]', 'unknown-shape');
  });

  it('files with zero spans', async () => {
    await expectError('{"resourceSpans": []}', 'no-spans');
    await expectError('[]', 'no-spans');
    await expectError('{"data": [], "total": 0}', 'no-spans', /no traces/);
    await expectError(otlp({ spanId: 'not-an-id!' }), 'no-spans', /spanId/);
  });

  it('zstd and other compressions', async () => {
    await expectError(new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0, 1, 2, 3]), 'compressed', /zstd/);
    await expectError(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 1, 2, 3]), 'compressed', /zip/);
  });

  it('damaged gzip', async () => {
    const gz = gzipSync(otlp({}));
    await expectError(new Uint8Array(gz.subarray(0, gz.length - 12)), 'compressed', /damaged|cut off/);
  });

  it('length-prefixed protobuf and binary garbage', async () => {
    const message = [0x0a, 0x05, 0x12, 0x03, 0x0a, 0x01, 0x78];
    const framed = new Uint8Array([0, 0, 0, message.length, ...message]);
    const error = await expectError(framed, 'binary-protobuf', /protobuf/);
    expect(error.hint).toMatch(/format: json/);
    expect(error.hint).toMatch(/Accept: application\/json/);
    const garbage = new Uint8Array(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
    await expectError(garbage, 'binary-protobuf', /binary/);
  });

  it('too large', async () => {
    const big = { length: 600 * 1024 * 1024 } as string; // only its length is looked at before refusing
    await expectError(big, 'too-large', /512 MB/);
  });

  it('never throws and stays bounded on deeply nested JSON', async () => {
    await expectError('['.repeat(200_000) + ']'.repeat(200_000), 'unknown-shape');
    await expectError('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000), 'unknown-shape', /"a"/);
    const deepAttr = '{"arrayValue":{"values":['.repeat(5000) + '{}' + ']}}'.repeat(5000);
    const text = otlp({ attributes: 'DEEP' }).replace('"DEEP"', `[{"key":"deep","value":${deepAttr}}]`);
    const outcome = await decodeInput(text);
    expect(outcome.ok && outcome.result.skipped[0]!.reason).toMatch(/nested deeper/);
  });
});

describe('decodeInput: bad span-level data', () => {
  it('wrong value types: coerced when unambiguous, else skipped with a reason', async () => {
    const outcome = await decodeInput(
      otlp(
        { startTimeUnixNano: 1700000000000000000, endTimeUnixNano: '1700000000500000000', kind: '3', droppedAttributesCount: '2', name: 42 },
        { startTimeUnixNano: 'soon' },
        { status: { code: 'STATUS_CODE_ERROR', message: 'x' }, attributes: [{ key: 'n', value: { intValue: 'twelve' } }, { key: 'ok', value: { intValue: 12 } }] },
        { kind: 'SPAN_KIND_SIDEWAYS' },
      ),
    );
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { spans, skipped } = outcome.result;
    expect(spans.map((s) => s.spanId)).toEqual(['0000000000000001', '0000000000000003', '0000000000000004']);
    expect(spans[0]).toMatchObject({ kind: 'client', name: '42', droppedAttributesCount: 2 });
    expect(spans[1]!.status).toEqual({ code: 'error', message: 'x' });
    expect(spans[1]!.attributes).toEqual([{ key: 'ok', value: { type: 'int', value: 12n } }]);
    expect(spans[2]!.kind).toBe('unspecified');
    expect(skipped.map((s) => s.path)).toEqual([
      'resourceSpans[0].scopeSpans[0].spans[1].startTimeUnixNano',
      'resourceSpans[0].scopeSpans[0].spans[2].attributes[0]',
      'resourceSpans[0].scopeSpans[0].spans[3].kind',
    ]);
    expect(skipped[0]!.reason).toMatch(/"soon"/);
  });

  it('NaN and negative times skip the span; ending before starting keeps it with a warning', async () => {
    const outcome = await decodeInput(
      otlp({ startTimeUnixNano: '-5' }, { endTimeUnixNano: 'NaN' }, { startTimeUnixNano: '1700000000500000000', endTimeUnixNano: '1700000000000000000' }, {}),
    );
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { spans, skipped, warnings } = outcome.result;
    expect(spans.map((s) => s.spanId)).toEqual(['0000000000000003', '0000000000000004']);
    expect(spans[0]!.endNs < spans[0]!.startNs).toBe(true);
    expect(skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/negative/), expect.stringMatching(/"NaN"/)]);
    expect(warnings.join()).toMatch(/1 span ends before it starts/);
  });

  it('JSON number NaN-like values in Jaeger are handled (negative duration warns)', async () => {
    const trace = { traceID: 'ab', spans: [{ traceID: 'ab', spanID: 'cd', operationName: 'x', startTime: 1000, duration: -5, references: [], tags: [], logs: [], processID: 'p1' }], processes: {} };
    const outcome = await decodeInput(JSON.stringify(trace));
    expect(outcome.ok && outcome.result.warnings.join()).toMatch(/before/);
  });

  it('a 10 MB attribute value survives intact', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const outcome = await decodeInput(otlp({ attributes: [{ key: 'big', value: { stringValue: huge } }] }));
    if (!outcome.ok) throw new Error(outcome.error.message);
    const value = findAttr(outcome.result.spans[0]!.attributes, 'big');
    expect(value?.type === 'string' && value.value.length).toBe(huge.length);
  });

  it('reports progress and finishes at 1', async () => {
    const spans = Array.from({ length: 10_000 }, () => ({}));
    const calls: number[] = [];
    const outcome = await decodeInput(otlp(...spans.map((_, i) => ({ spanId: (i + 1).toString(16).padStart(16, '0') }))), {
      onProgress: (fraction) => calls.push(fraction),
    });
    expect(outcome.ok && outcome.result.spans.length).toBe(10_000);
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.at(-1)).toBe(1);
    expect(calls.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= calls[i - 1]!))).toBe(true);
  });
});

describe('decodeInput: options', () => {
  it('prefixes error messages with the file name', async () => {
    const outcome = await decodeInput('', { fileName: 'trace.json' });
    expect(!outcome.ok && outcome.error.message).toMatch(/^trace\.json: /);
  });

  it('reads UTF-8 with a byte-order mark and UTF-16', async () => {
    const text = readFileSync(`${fixturesDir}/tempo/tempopb-trace.batches.json`, 'utf8');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect((await decodeInput(bom)).ok).toBe(true);
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + i * 2] = text.charCodeAt(i);
    const outcome = await decodeInput(utf16);
    expect(outcome.ok && outcome.result.spans[0]!.name).toBe("I'm a server span");
  });
});

describe('text that only looks binary', () => {
  const doc = otlp({ name: 'only span' });
  const warningsOf = (outcome: DecodeOutcome) => (outcome.ok ? outcome.result.warnings : []);

  it('UTF-16 without a byte order mark is read as UTF-16, with a note', async () => {
    const le = new Uint8Array(Buffer.from(doc, 'utf16le'));
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
    for (const [bytes, endian] of [[le, 'little'], [be, 'big']] as const) {
      const outcome = await decodeInput(bytes);
      expect(outcome.ok, endian).toBe(true);
      if (outcome.ok) expect(outcome.result.spans.map((s) => s.name)).toEqual(['only span']);
      expect(warningsOf(outcome).join(' ')).toMatch(new RegExp(`UTF-16.*${endian}-endian`));
    }
  });

  it('NUL bytes after valid JSON are ignored, with a note saying how many', async () => {
    const bytes = new Uint8Array([...Buffer.from(doc), ...new Uint8Array(4096)]);
    const outcome = await decodeInput(bytes);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.result.spans).toHaveLength(1);
    expect(warningsOf(outcome).join(' ')).toMatch(/4,096 NUL bytes after the content were ignored/);
  });

  it('JSON Lines with one line of control characters: only that line is skipped, wherever it is', async () => {
    const lines = [otlp({ name: 'a' }), otlp({ name: 'b', spanId: '00000000000000aa' }), otlp({ name: 'c', spanId: '00000000000000bb' })];
    for (const badAt of [0, 1, 2]) {
      const withBad = [...lines];
      withBad.splice(badAt, 0, `{"resourceSpans":"\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000b\u000e\u000f\u0010\u0011"}`);
      const outcome = await decodeInput(new Uint8Array(Buffer.from(withBad.join('\n'))));
      expect(outcome.ok, `bad line ${badAt + 1}`).toBe(true);
      if (!outcome.ok) continue;
      expect(outcome.result.spans.map((s) => s.name).sort()).toEqual(['a', 'b', 'c']);
      expect(outcome.result.skipped).toHaveLength(1);
      expect(outcome.result.skipped[0]).toMatchObject({ line: badAt + 1, reason: expect.stringContaining('skipped') });
    }
  });

  it('real binary stays binary: NULs inside the content, or control characters on most lines', async () => {
    await expectError(new Uint8Array([...Buffer.from(doc.slice(0, 40)), 0, 0, 0, ...Buffer.from(doc.slice(40))]), 'binary-protobuf');
    await expectError(new Uint8Array(Buffer.from(['{"a":"\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000b"}', '{"a":"\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000b"}', '{"ok":1}'].join('\n'))), 'binary-protobuf');
  });
});
