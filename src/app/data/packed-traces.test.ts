import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeOk, fixturesDir } from '../../core/formats/test-fixtures.ts';
import { analyzeJunjo } from '../../core/junjo/analyze-junjo.ts';
import type { AttrValue } from '../../core/model/attributes.ts';
import { epochNs } from '../../core/model/time.ts';
import type { Trace } from '../../core/model/trace.ts';
import { buildTraces } from '../../core/trace/build-traces.ts';
import { traceTokens } from '../../core/trace/llm-call.ts';
import { makeSpanRecord, span } from '../../core/trace/test-spans.ts';
import { packTraces } from './pack-traces.ts';
import { BIG_TEXT_CHARS } from './packed-traces.ts';
import { TraceSet, unpackTraces } from './unpack-traces.ts';
import { PackedSpan, plainSpan, SpanSource, StringList } from './packed-span.ts';
import { spanTypeOf, spanTypesOf } from '../../core/junjo/junjo-attrs.ts';
import { decodeInput } from '../../core/formats/decode-input.ts';
import { summarizeTrace } from '../../core/trace/summarize-trace.ts';

/** Packs, posts (structured clone with the typed arrays transferred) and unpacks, as worker and page do. */
function roundTrip(traces: readonly Trace[]): Trace[] {
  const { packed, transfer } = packTraces(traces);
  return unpackTraces(structuredClone(packed, { transfer }));
}

/** A page trace with its spans' fields as own properties, to compare with the worker's plain spans. */
const plain = (trace: Trace): Trace => ({ ...trace, spans: trace.spans.map(plainSpan) });
const plainAll = (traces: readonly Trace[]): Trace[] => traces.map(plain);

const load = async (text: string): Promise<Trace[]> => buildTraces((await decodeOk(text)).spans);

const files = [
  ...readdirSync('public/samples').filter((f) => f.endsWith('.json') && f !== 'index.json').map((f) => `public/samples/${f}`),
  ...['jaeger', 'tempo'].flatMap((dir) => readdirSync(`${fixturesDir}/${dir}`).filter((f) => f.endsWith('.json') && !f.includes('search')).map((f) => `${fixturesDir}/${dir}/${f}`)),
];

describe('packTraces / unpackTraces', () => {
  it.each(files)('round-trips %s', async (file) => {
    const loaded = await load(readFileSync(file, 'utf8'));
    expect(loaded.length).toBeGreaterThan(0);
    expect(plainAll(roundTrip(loaded))).toEqual(loaded);
    // The Junjo analysis is posted on its own, by structured clone.
    for (const trace of loaded) expect(structuredClone(analyzeJunjo(trace))).toEqual(analyzeJunjo(trace));
  });

  it('sends long string values as bytes and decodes each when read', () => {
    const long = 'état ✓ 🙂 '.repeat(BIG_TEXT_CHARS);
    const ascii = 'x'.repeat(BIG_TEXT_CHARS);
    const records = [
      span('a', null, 0, 100, { attributes: [{ key: 'state', value: { type: 'string', value: long } }, { key: 'short', value: { type: 'string', value: 'y' } }] }),
      span('b', 'a', 10, 20, { attributes: [{ key: 'graph', value: { type: 'string', value: ascii } }], events: [{ name: 'set_state', at: 12, attributes: [{ key: 'patch', value: { type: 'string', value: long.slice(3) } }] }] }),
    ];
    const traces = buildTraces(records);
    const { packed } = packTraces(traces);
    expect((packed.spans.strings as { text: Uint8Array }).text.byteLength).toBeLessThan(long.length); // the long values are not in the string table
    expect(packed.spans.bigText.byteLength).toBeGreaterThan(ascii.length + long.length);
    const back = roundTrip(traces);
    const [a, b] = back[0]!.spans;
    expect(a!.attributes[0]!.value).toEqual({ type: 'string', value: long });
    expect(b!.attributes[0]!.value).toEqual({ type: 'string', value: ascii });
    expect(b!.events[0]!.attributes[0]!.value).toEqual({ type: 'string', value: long.slice(3) });
    expect(plainAll(back)).toEqual(traces);
  });

  it('posts the long string values after the spans when asked, and a value read before they come is read again', () => {
    const long = 'état ✓ 🙂 '.repeat(BIG_TEXT_CHARS);
    const ascii = 'x'.repeat(BIG_TEXT_CHARS);
    const traces = buildTraces([
      span('a', null, 0, 100, { attributes: [{ key: 'state', value: { type: 'string', value: long } }, { key: 'short', value: { type: 'string', value: 'y' } }] }),
      span('b', 'a', 10, 20, { attributes: [{ key: 'graph', value: { type: 'string', value: ascii } }] }),
    ]);
    const { packed, transfer, bigText } = packTraces(traces, { deferBigText: true });
    expect(packed.spans.bigTextLater).toBe(true);
    expect(packed.spans.bigText.byteLength).toBeLessThan(ascii.length); // not in the first message
    if (!bigText) throw new Error('no big text to post later');
    const set = new TraceSet(structuredClone(packed, { transfer }));
    expect(set.awaitsBigText).toBe(true);
    const early = set.trace(0);
    expect(early.spans[0]!.attributes[1]!.value).toEqual({ type: 'string', value: 'y' }); // short values are there at once
    expect(early.spans[0]!.attributes[0]!.value).toEqual({ type: 'string', value: '' }); // not come yet
    const big = bigText();
    const { bigText: bytes, bigTextStart: starts } = structuredClone(big, { transfer: [big.bigText.buffer as ArrayBuffer, big.bigTextStart.buffer as ArrayBuffer] });
    expect(set.receiveBigText(bytes, starts)).toBe(true); // a value was read early: the trace is given again
    expect(set.awaitsBigText).toBe(false);
    const late = set.trace(0);
    expect(late).not.toBe(early);
    expect(plain(late)).toEqual(traces[0]);
    expect(early.spans[1]!.attributes[0]!.value).toEqual({ type: 'string', value: ascii }); // the same value objects now read the text
  });

  it("sends the worker's token totals with deferred long values, so the page reads no prompt before they come", async () => {
    const traces = await load(readFileSync('public/samples/junjo-g1-two-runs.json', 'utf8'));
    const expected = traceTokens(traces[0]!);
    expect(expected.calls).toBeGreaterThan(0);
    const { packed, bigText } = packTraces(traces, { deferBigText: true });
    expect(bigText).toBeDefined();
    const set = new TraceSet(structuredClone(packed));
    const tokens = traceTokens(set.trace(0));
    expect({ ...tokens, subtree: [...tokens.subtree], subtreeOut: [...tokens.subtreeOut] }).toEqual({ ...expected, subtree: [...expected.subtree], subtreeOut: [...expected.subtreeOut] });
    const big = bigText!();
    expect(set.receiveBigText(big.bigText, big.bigTextStart)).toBe(false); // nothing read a long value early
  });

  it('keeps the traces as they are when no long value was read before it came', () => {
    const traces = buildTraces([span('a', null, 0, 100, { attributes: [{ key: 'state', value: { type: 'string', value: 'z'.repeat(BIG_TEXT_CHARS) } }] })]);
    const { packed, bigText } = packTraces(traces, { deferBigText: true });
    const set = new TraceSet(packed);
    const first = set.trace(0);
    const big = bigText!();
    expect(set.receiveBigText(big.bigText, big.bigTextStart)).toBe(false);
    expect(set.trace(0)).toBe(first);
    expect(plain(first)).toEqual(traces[0]);
  });

  it('posts one status object per distinct status and one empty link list, however many spans', () => {
    const records = Array.from({ length: 200 }, (_, i) => span(`s${i}`, i === 0 ? null : 's0', i, i + 1));
    const traces = buildTraces(records);
    const { packed } = packTraces(traces);
    expect(packed.spans.objects.length).toBeLessThan(10);
    const back = roundTrip(traces);
    expect(plainAll(back)).toEqual(traces);
  });

  it('keeps orphans, cycles, duplicate ids, events, links and every attribute type', () => {
    const values: AttrValue[] = [
      { type: 'string', value: 'text' },
      { type: 'bool', value: false },
      { type: 'int', value: -(2n ** 63n) },
      { type: 'int', value: 2n ** 70n },
      { type: 'double', value: -0 },
      { type: 'double', value: NaN },
      { type: 'bytes', base64: 'AQI=' },
      { type: 'array', values: [{ type: 'string', value: 'a' }, { type: 'empty' }] },
      { type: 'map', entries: [{ key: 'k', value: { type: 'int', value: 1n } }] },
      { type: 'empty' },
    ];
    const records = [
      span('a', null, 0, 100, { attributes: values.map((value, i) => ({ key: `k${i}`, value })) }),
      span('b', 'a', 10, 50, { kind: 'client', status: { code: 'error', message: 'boom' }, traceState: 'x=1' }),
      span('b', 'a', 20, 30, { droppedAttributesCount: 3, droppedEventsCount: 4, droppedLinksCount: 2 ** 40 }),
      span('c', 'b', 12, 14, { events: [{ name: 'log', at: 13, attributes: [{ key: 'm', value: { type: 'string', value: 'hi' } }] }] }),
      span('d', 'missing', 5, 6, { links: [{ traceId: 'f'.repeat(32), spanId: 'e'.repeat(16), traceState: '', attributes: [] }] }),
      span('e', 'f', 7, 8),
      span('f', 'e', 9, 10),
      makeSpanRecord({ spanId: 'g', startNs: epochNs(1_700_000_000_000_000_000n - 5n), endNs: epochNs(1_700_000_000_000_000_000n - 9n) }),
    ];
    const loaded = buildTraces(records);
    const back = roundTrip(loaded);
    expect(plainAll(back)).toEqual(loaded);
    const spans = back[0]!.spans;
    expect(Object.is((spans.find((s) => s.spanId === 'a')!.attributes.find((a) => a.key === 'k4')!.value as { value: number }).value, -0)).toBe(true);
    expect(back[0]!.children.map((list) => [...list])).toEqual(loaded[0]!.children.map((list) => [...list]));
  });

  it('keeps attributes shared between spans shared', async () => {
    const text = JSON.stringify({
      resourceSpans: [{
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 's' } }] },
        scopeSpans: [{
          spans: [1, 2].map((n) => ({
            traceId: '0af7651916cd43dd8448eb211c80319c',
            spanId: `00000000000000${n}0`,
            startTimeUnixNano: '1700000000000000000',
            endTimeUnixNano: '1700000000000001000',
            attributes: [{ key: 'http.request.method', value: { stringValue: 'GET' } }, { key: 'n', value: { intValue: String(n) } }],
          })),
        }],
      }],
    });
    const [first, second] = roundTrip(await load(text))[0]!.spans;
    expect(first!.attributes[0]).toBe(second!.attributes[0]);
    expect(first!.attributes[1]).not.toBe(second!.attributes[1]);
    expect(first!.resource).toBe(second!.resource);
  });

  it('posts many traces as a few buffers, and rebuilds a trace only when it is read', async () => {
    const n = 2000;
    const spans = Array.from({ length: n }, (_, i) => ({
      traceId: `a${(i + 1).toString(16).padStart(31, '0')}`,
      spanId: `b${(i + 1).toString(16).padStart(15, '0')}`,
      name: `run ${i}`,
      startTimeUnixNano: String(1700000000000000000n + BigInt(i) * 1000n),
      endTimeUnixNano: String(1700000000000000000n + BigInt(i) * 1000n + 500n),
      attributes: [{ key: 'n', value: { intValue: String(i) } }, { key: 'ok', value: { boolValue: i % 2 === 0 } }],
    }));
    const decoded = await decodeInput(JSON.stringify({ resourceSpans: [{ resource: {}, scopeSpans: [{ scope: {}, spans }] }] }));
    if (!decoded.ok) throw new Error(decoded.error.message);
    const loaded = buildTraces(decoded.result.spans);
    expect(loaded).toHaveLength(n);
    const { packed, transfer } = packTraces(loaded);
    expect(transfer.length).toBeLessThan(60); // a fixed few dozen; before: about twenty per trace
    const table = packed.spans.strings as { text: Uint8Array; starts: Float64Array };
    expect(table.text.byteLength).toBeGreaterThan(0);
    const received = structuredClone(packed, { transfer });
    expect(transfer.every((buffer) => buffer.byteLength === 0)).toBe(true); // moved, not copied
    expect(table.text.byteLength + table.starts.byteLength).toBe(0); // the string table too (it is one level down)
    const set = new TraceSet(received);
    expect(set.count).toBe(n);
    expect(set.traceId(1234)).toBe(loaded[1234]!.traceId);
    expect(plain(set.trace(1234))).toEqual(loaded[1234]);
    expect(set.trace(1234)).toBe(set.trace(1234)); // rebuilt once, then kept
    expect(plain(set.trace(n - 1))).toEqual(loaded[n - 1]);
    expect(set.trace(0).spans[0]!.attributes).toEqual(loaded[0]!.spans[0]!.attributes);
  });

  it('keeps strings that UTF-8 cannot carry (lone surrogates) exactly', () => {
    const odd = 'a\uD800b';
    const traces = buildTraces([span('a', null, 0, 10, { attributes: [{ key: 'k', value: { type: 'string', value: odd } }] }), span('b', 'a', 1, 2, { name: odd })]);
    const back = roundTrip(traces);
    expect(plainAll(back)).toEqual(traces);
    expect(back[0]!.spans[0]!.attributes[0]!.value).toEqual({ type: 'string', value: odd });
  });

  it('gives spans that read their fields from the columns, with each attribute list built once, and span types without building any', async () => {
    const loaded = await load(readFileSync('public/samples/junjo-g3-contract-v2.json', 'utf8'));
    const [trace] = roundTrip(loaded);
    const spans = trace!.spans;
    expect(spans[0]).toBeInstanceOf(PackedSpan);
    // The types come from the columns at unpack; they match what spanTypeOf reads from the attributes.
    const seeded = spanTypesOf(spans);
    expect(seeded.filter(Boolean).length).toBeGreaterThan(3);
    expect(seeded).toEqual(spans.map((s) => spanTypeOf(s)));
    expect(seeded).toEqual(spanTypesOf(loaded[0]!.spans));
    expect(spans[1]!.attributes).toBe(spans[1]!.attributes);
    expect(spans[1]!.events).toBe(spans[1]!.events);
    expect(spans.map((s) => s.parentSpanId)).toEqual(loaded[0]!.spans.map((s) => s.parentSpanId));
  });

  it('finds an attribute key by its text, not a longer string that contains it, and reads span types by it', () => {
    const traces = buildTraces([
      span('a', null, 0, 10, { name: 'xjunjo.span_typex', attributes: [{ key: 'junjo.span_type.not', value: { type: 'string', value: '' } }, { key: '', value: { type: 'string', value: 'junjo.span_type' } }] }),
      span('b', 'a', 1, 2, { attributes: [{ key: 'junjo.span_type', value: { type: 'string', value: 'node' } }] }),
      span('c', 'a', 3, 4, { attributes: [{ key: 'junjo.span_type', value: { type: 'int', value: 3n } }] }),
    ]);
    const { packed } = packTraces(traces);
    const strings = new StringList(packed.spans.strings);
    const source = new SpanSource(packed.spans, strings, { bytes: packed.spans.bigText, starts: packed.spans.bigTextStart, readEarly: false });
    expect(strings.at(source.keyIndex('junjo.span_type'))).toBe('junjo.span_type');
    expect(source.keyIndex('span_type')).toBe(-1);
    expect(source.keyIndex('name-only')).toBe(-1);
    expect(spanTypesOf(roundTrip(traces)[0]!.spans)).toEqual([undefined, 'node', undefined]);
  });

  it('rebuilds a large trace in steps, the same as at once, with its failed spans counted from the columns', () => {
    const n = 20_000;
    const records = Array.from({ length: n }, (_, i) =>
      span(`s${i}`, i === 0 ? null : `s${Math.floor((i - 1) / 4)}`, i, i + 10, {
        name: `op-${i % 7}`,
        status: i % 1000 === 3 ? { code: 'error', message: 'boom' } : { code: 'unset', message: '' },
        attributes: i % 3 ? [{ key: 'junjo.span_type', value: { type: 'string', value: 'node' } }] : [],
      }),
    );
    const traces = buildTraces(records);
    const { packed, transfer } = packTraces(traces);
    const stepped = new TraceSet(structuredClone(packed, { transfer }));
    const steps = stepped.buildSteps(0);
    let pauses = 0;
    for (let step = steps.next(); !step.done; step = steps.next()) pauses++;
    expect(pauses).toBeGreaterThan(3); // 20,000 spans: several steps of 8,192
    expect(stepped.buildSteps(0).next().done).toBe(true); // built: nothing left to do
    const trace = stepped.trace(0);
    expect(plain(trace)).toEqual(traces[0]);
    expect(spanTypesOf(trace.spans)).toEqual(traces[0]!.spans.map(spanTypeOf));
    expect(summarizeTrace(trace).errorCount).toBe(20);
    expect(summarizeTrace(trace)).toEqual(summarizeTrace(traces[0]!));
  });

  it('reads the strings of an ASCII table one by one, then a block at a time, with the same results', () => {
    const names = Array.from({ length: 40 }, (_, i) => `span-${i}-${'x'.repeat(i * 3)}`);
    const traces = buildTraces(names.map((name, i) => span(`s${i}`, i === 0 ? null : 's0', i, i + 1, { name })));
    const { packed } = packTraces(traces);
    const singles = new StringList(packed.spans.strings, 5);
    const whole = new StringList(packed.spans.strings, 0);
    const blocks = new StringList(packed.spans.strings, 3, 7);
    for (let i = 0; i < singles.count; i++) expect(singles.at(i)).toBe(whole.at(i));
    for (let i = singles.count - 1; i >= 0; i--) expect(blocks.at(i)).toBe(whole.at(i));
    expect(singles.count).toBeGreaterThan(40);
    const odd = new StringList(packTraces(buildTraces([span('a', null, 0, 1, { name: 'état ✓' })])).packed.spans.strings);
    expect(Array.from({ length: odd.count }, (_, i) => odd.at(i))).toContain('état ✓');
  });
});

