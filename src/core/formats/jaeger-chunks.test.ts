import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JaegerChunkReader } from './jaeger-chunks.ts';
import { processesFromTail } from './jaeger-tail.ts';
import { fixturesDir } from './test-fixtures.ts';

/** Feeds `text` in pieces of `size` characters; the document, or the reason it gave up. */
function readInPieces(text: string, size: number): { doc?: unknown; reason?: string } {
  const reader = new JaegerChunkReader();
  for (let i = 0; i < text.length; i += size) {
    const step = reader.push(text.slice(i, i + size));
    if (!step.ok) return { reason: step.reason };
  }
  const end = reader.end();
  return end.ok ? { doc: end.doc } : { reason: end.reason };
}

const span = (i: number, extra: Record<string, unknown> = {}) => ({
  traceID: 'abc', spanID: `s${i}`, operationName: `op "${i}" \\ {[`, startTime: 1, duration: 2,
  tags: [{ key: 'k', type: 'string', value: `v}]\\"${i}` }], nested: { a: [1, { b: [] }] }, ...extra,
});
const doc = { data: [{ traceID: 'abc', spans: [span(1), span(2), span(3)], processes: { p1: { serviceName: 'svc' } }, warnings: null }], total: 0, errors: null };

describe('JaegerChunkReader', () => {
  it('builds the same document as JSON.parse at every piece size, with strings, escapes and brackets inside strings', () => {
    for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2)]) {
      for (const size of [1, 2, 3, 5, 7, 16, 64, 1000, text.length]) expect(readInPieces(text, size), `piece size ${size}`).toEqual({ doc: JSON.parse(text) });
    }
  });

  it('reads every Jaeger fixture the same as JSON.parse (envelopes and bare traces)', () => {
    for (const name of ['v1-response-envelope.json', 'v1-trace-57spans-10services.json', 'v1-trace-logs-refs-types.json']) {
      const text = readFileSync(`${fixturesDir}/jaeger/${name}`, 'utf8');
      for (const size of [1, 13, 4096]) expect(readInPieces(text, size), `${name} in pieces of ${size}`).toEqual({ doc: JSON.parse(text) });
    }
  });

  it('keeps JSON.parse order and last-duplicate-wins, empty lists and odd elements', () => {
    const text = '{"data":[{"spans":[],"traceID":"a","spans":[{"spanID":"1"},null,7]},"x"],"data2":{"z":[1,2]},"total":-1.5e3,"ok":true}';
    expect(readInPieces(text, 3)).toEqual({ doc: JSON.parse(text) });
    expect(Object.keys(readInPieces(text, 3).doc as object)).toEqual(Object.keys(JSON.parse(text) as object));
  });

  it('counts spans as runs of them are parsed', () => {
    const reader = new JaegerChunkReader();
    const text = JSON.stringify(doc);
    const cut = text.indexOf('"spanID":"s3"');
    expect(reader.push(text.slice(0, cut)).ok).toBe(true);
    expect(reader.spanCount).toBe(2);
    expect(reader.push(text.slice(cut)).ok).toBe(true);
    expect(reader.spanCount).toBe(3);
  });

  it('gives up on what it cannot follow, so the caller reads the whole file', () => {
    const cases: [string, RegExp][] = [
      ['[{"data":[]}]', /not a JSON object/],
      ['{"data":[{"spans":[{"a":1},,{"b":2}]}]}', /expected a value/],
      ['{"data":[{"spans":[{"a":1} {"b":2}]}]}', /expected ","/],
      ['{"data":[{"spans":[{"a":tru}]}]}', /not valid JSON/],
      ['{"data":[]} {"data":[]}', /text follows/],
      ['{"data":[],}', /expected a key/],
      ['{"__proto__":{"x":1}}', /__proto__/],
      ['{"resourceSpans":[]}', /not Jaeger JSON/],
      ['{"data":[],"result":{}}', /not Jaeger JSON/],
      ['{"data":[{"spans":[{"a":"cut off', /cut off/],
      ['{"data":[{"spans":[{"a":1}', /cut off/],
      ['', /no JSON object/],
    ];
    for (const [text, reason] of cases) expect(readInPieces(text, 4).reason, text).toMatch(reason);
  });

  it('gives up on a large value that is not a spans list, instead of cutting it out slowly', () => {
    const big = JSON.stringify({ data: [], other: [{ scopeSpans: [{ spans: Array.from({ length: 3 }, () => ({ name: 'x'.repeat(4 << 20) })) }] }] });
    expect(readInPieces(big, 1 << 20).reason).toMatch(/large value outside the spans/);
  });
});

describe('processesFromTail', () => {
  it('reads the processes of the last trace and its trace id', () => {
    const text = JSON.stringify(doc);
    expect(processesFromTail(text.slice(text.indexOf(`"spanID":"s3"`) - 20))).toEqual({ traceId: '00000000000000000000000000000abc', processes: { p1: { serviceName: 'svc' } } });
  });

  it('ignores a processes key inside a string, a cut-off object and a tail without a span', () => {
    expect(processesFromTail('{"traceID":"abc","tags":[{"value":"a \\"processes\\":{}"}]}')).toBeUndefined();
    expect(processesFromTail('"traceID":"abc"}],"processes":{"p1":{"serviceName":"s"')).toBeUndefined();
    expect(processesFromTail('ans":[],"processes":{"p1":{}}}')).toBeUndefined();
  });
});
