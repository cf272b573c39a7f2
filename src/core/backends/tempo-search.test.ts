import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJunjoRunsQuery, parseTempoSearchResponse, tempoSearchQuery, traceQlString } from './tempo-search.ts';

const fixture = JSON.parse(readFileSync('fixtures/tempo/tempo-docs-search-response.json', 'utf8')) as unknown;

describe('Tempo search query', () => {
  it('asks for Junjo workflow spans, optionally of one service', () => {
    expect(buildJunjoRunsQuery()).toBe('{ span.junjo.span_type = "workflow" }');
    expect(buildJunjoRunsQuery('checkout')).toBe('{ span.junjo.span_type = "workflow" && resource.service.name = "checkout" }');
  });
  it('escapes quotes and backslashes in TraceQL strings', () => {
    expect(traceQlString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(buildJunjoRunsQuery('x" } || { true')).toBe('{ span.junjo.span_type = "workflow" && resource.service.name = "x\\" } || { true" }');
  });
  it('always sends start and end in seconds', () => {
    expect(tempoSearchQuery({ start: 1000.7, end: 2000.2, limit: 20 })).toEqual([
      ['q', '{ span.junjo.span_type = "workflow" }'],
      ['start', '1000'],
      ['end', '2001'],
      ['limit', '20'],
    ]);
  });
});

describe('parseTempoSearchResponse', () => {
  it('reads the documented search response', () => {
    expect(parseTempoSearchResponse(fixture)).toEqual([
      {
        traceId: '5b8efff798038103d269b633813fc700',
        rootName: 'I am a span!',
        rootService: 'my.service',
        startNs: '1694718625557000000',
        durationMs: 10000,
        spanCount: null,
        errorCount: null,
        workflowName: null,
        workflowSpans: 1,
      },
    ]);
  });
  it('pads trimmed ids, hides the missing-root placeholder, defaults an absent duration to 0', () => {
    const [summary] = parseTempoSearchResponse({
      traces: [{ traceID: '2f3e0cee77ae5dc9c17ade3689eb2e54'.slice(3), rootServiceName: '<root span not yet received>', startTimeUnixNano: '1' }],
    }) ?? [];
    expect(summary).toMatchObject({ traceId: '000e0cee77ae5dc9c17ade3689eb2e54', rootService: null, rootName: null, durationMs: 0 });
  });
  it('reads span and error counts from serviceStats (errorCount left out when 0)', () => {
    const trace = (serviceStats: unknown) => parseTempoSearchResponse({ traces: [{ traceID: 'ab', startTimeUnixNano: '1', serviceStats }] })?.[0];
    expect(trace({ api: { spanCount: 5, errorCount: 2 }, worker: { spanCount: 3, errorCount: 1 } })).toMatchObject({ spanCount: 8, errorCount: 3 });
    expect(trace({ api: { spanCount: 4 } })).toMatchObject({ spanCount: 4, errorCount: 0 });
    expect(trace(undefined)).toMatchObject({ spanCount: null, errorCount: null });
    expect(trace({ api: { spanCount: 'x' } })).toMatchObject({ spanCount: null, errorCount: null });
  });
  it('treats an empty body as no results and a non-search body as unreadable', () => {
    expect(parseTempoSearchResponse({})).toEqual([]);
    expect(parseTempoSearchResponse({ traces: 'x' })).toBeUndefined();
    expect(parseTempoSearchResponse([])).toBeUndefined();
  });
});
