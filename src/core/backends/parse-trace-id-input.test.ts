import { describe, expect, it } from 'vitest';
import { parseTraceIdInput, parseTraceIdParam } from './parse-trace-id-input.ts';

const id32 = '4290b5877a9930de79bb428365398ecc';
const explorePanes = {
  abc: { datasource: 'tempo-uid', queries: [{ refId: 'A', datasource: { type: 'tempo', uid: 'tempo-uid' }, queryType: 'traceql', query: id32 }], range: { from: 'now-1h', to: 'now' } },
};
const exploreLeft = { datasource: 'Tempo', queries: [{ refId: 'A', query: '5b8efff798038103d269b633813fc700' }], range: { from: 'now-1h', to: 'now' } };

describe('parseTraceIdInput accepts', () => {
  const cases: [string, string, string][] = [
    ['32 hex', id32, id32],
    ['upper-case hex', id32.toUpperCase(), id32],
    ['surrounding spaces and quotes', `  "${id32}" `, id32],
    ['16 hex (64-bit id)', '79bb428365398ecc', '000000000000000079bb428365398ecc'],
    ['hex with leading zeros trimmed', '90b5877a9930de79bb428365398ecc', '0090b5877a9930de79bb428365398ecc'],
    ['0x prefix', `0x${id32}`, id32],
    ['base64 (Tempo JSON)', 'W47/95gDgQPSabYzgT/HAA==', '5b8efff798038103d269b633813fc700'],
    ['traceparent', `00-${id32}-00f067aa0ba902b7-01`, id32],
    ['Jaeger trace URL', `http://localhost:16686/trace/${id32}?uiFind=00f067aa0ba902b7`, id32],
    ['Jaeger URL with base path and short id', 'https://tracing.example.com/jaeger/trace/79bb428365398ecc', '000000000000000079bb428365398ecc'],
    ['Grafana trace URL', `https://grafana.example.com/trace/${id32}`, id32],
    ['Grafana Explore URL, panes param', `https://grafana.example.com/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(explorePanes))}&orgId=1`, id32],
    ['Grafana Explore URL, old left param', `https://grafana.example.com/explore?orgId=1&left=${encodeURIComponent(JSON.stringify(exploreLeft))}`, '5b8efff798038103d269b633813fc700'],
    ['Tempo API URL', `http://tempo:3200/api/v2/traces/${id32}`, id32],
    ['?traceId= parameter', `https://example.com/view?traceId=${id32}`, id32],
    ['Junjo AI Studio workflow URL', `http://localhost:26153/workflows/joke-api/${id32}/00f067aa0ba902b7`, id32],
    ['Junjo AI Studio workflow URL with a span', `https://studio.example.com/workflows/joke-api/${id32}/00f067aa0ba902b7/1111222233334444`, id32],
    ['Junjo AI Studio trace URL', `http://localhost:26153/traces/joke-api/${id32}`, id32],
    ['Junjo AI Studio trace URL, service named like hex', `http://localhost:26153/traces/cafe/${id32}/00f067aa0ba902b7`, id32],
    ['Junjo AI Studio URL, encoded service name', `http://localhost:26153/workflows/team%20a%2Fchat/${id32}/00f067aa0ba902b7`, id32],
  ];
  it.each(cases)('%s', (_label, input, expected) => {
    const result = parseTraceIdInput(input);
    expect(result).toMatchObject({ ok: true, traceId: expected });
  });

  it('says where the id came from', () => {
    expect(parseTraceIdInput(`http://localhost:16686/trace/${id32}`)).toMatchObject({ from: 'jaeger-url' });
    expect(parseTraceIdInput(`00-${id32}-00f067aa0ba902b7-01`)).toMatchObject({ from: 'traceparent' });
    expect(parseTraceIdInput(`http://localhost:26153/traces/cafe/${id32}`)).toMatchObject({ from: 'studio-url' });
    expect(parseTraceIdInput(`https://g.example.com/explore?panes=${encodeURIComponent(JSON.stringify(explorePanes))}`)).toMatchObject({ from: 'grafana-url' });
  });
});

describe('parseTraceIdInput rejects, with a message', () => {
  it('a Junjo AI Studio link by runtime id (no trace id in it)', () => {
    const result = parseTraceIdInput('http://localhost:26153/resolve/executable?service_name=a&executable_type=workflow&runtime_id=xyz&destination=detail');
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/runtime ID, not a trace ID/) });
  });

  const cases: [string, string, RegExp][] = [
    ['empty', '   ', /Enter a trace ID/],
    ['all zeros', '00000000000000000000000000000000', /all zeros/],
    ['33 hex digits', `${id32}a`, /at most 32/],
    ['non-hex letters', 'xyz123', /not hex digits/],
    ['traceparent version ff', `ff-${id32}-00f067aa0ba902b7-01`, /version ff/],
    ['garbage', 'hello world!', /Not a trace ID/],
    ['URL without an id', 'http://localhost:16686/search?service=a', /No trace ID found/],
    ['Grafana TraceQL search', `https://grafana.example.com/explore?panes=${encodeURIComponent(JSON.stringify({ a: { queries: [{ query: '{ span.junjo.span_type = "workflow" }' }] } }))}`, /search query/],
    ['path traversal text', '../../etc/passwd', /Not a trace ID/],
  ];
  it.each(cases)('%s', (_label, input, message) => {
    const result = parseTraceIdInput(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('parseTraceIdParam (server, strict)', () => {
  it.each([
    [id32, id32],
    ['ABC', '00000000000000000000000000000abc'],
  ])('accepts %s', (input, expected) => expect(parseTraceIdParam(input)).toBe(expected));
  it.each(['', '0', 'g1', `${id32}0`, '..', '%2e%2e', 'abc/def', 'abc\\def', ' abc', 'W47/95gDgQPSabYzgT/HAA=='])('refuses %j', (input) =>
    expect(parseTraceIdParam(input)).toBeUndefined(),
  );
});
