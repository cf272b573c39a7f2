import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeSearchBody } from './search-summaries.ts';

const fixture = (path: string): { [key: string]: unknown } => JSON.parse(readFileSync(`fixtures/${path}`, 'utf8')) as { [key: string]: unknown };
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('summarizeSearchBody', () => {
  it('separates the traces a Jaeger v3 search merges into one resourceSpans, newest first', async () => {
    const rich = fixture('jaeger/otlp-tracesdata-rich.json').resourceSpans as unknown[];
    const queue = fixture('tempo/tempo-trace-queue-database.resourceSpans.json').resourceSpans as unknown[];
    const result = await summarizeSearchBody(bytes({ result: { resourceSpans: [...rich, ...queue] } }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.traces.map((t) => t.traceId)).toEqual(['4290b5877a9930de79bb428365398ecc', '00000000000000010000000000000000', '00000000000000020000000000000000']);
    expect(result.traces[0]).toMatchObject({ rootName: 'requester', rootService: 'mythical-requester', spanCount: 19, workflowName: null, workflowSpans: 0 });
    expect(result.traces.every((t) => typeof t.errorCount === 'number')).toBe(true);
    expect(result.traces[0]?.durationMs).toBeCloseTo(85.769472, 6);
  });

  it('summarizes the internal API envelope', async () => {
    const result = await summarizeSearchBody(bytes({ data: [fixture('jaeger/v1-trace-57spans-10services.json')] }));
    expect(result).toMatchObject({ ok: true, traces: [{ traceId: '4a1b2c3d4e5f60718293a4b5c6d7e8f9', rootName: 'POST /api/graphql', rootService: 'api-edge', spanCount: 57 }] });
  });

  it('names the first Junjo workflow span', async () => {
    const span = (spanId: string, name: string, start: string, type?: string, parentSpanId?: string) => ({
      traceId: '0af7651916cd43dd8448eb211c80319c', spanId, name, parentSpanId, startTimeUnixNano: start, endTimeUnixNano: '2000000000000000000',
      attributes: type ? [{ key: 'junjo.span_type', value: { stringValue: type } }] : [],
    });
    const body = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'app' } }] }, scopeSpans: [{ spans: [
      span('00000000000000a1', 'POST /run', '1000000000000000000'),
      span('00000000000000a3', 'inner_flow', '1000000000200000000', 'workflow', '00000000000000a2'),
      span('00000000000000a2', 'demo_base_workflow', '1000000000100000000', 'workflow', '00000000000000a1'),
    ] }] }] };
    const result = await summarizeSearchBody(bytes(body));
    expect(result).toMatchObject({ ok: true, traces: [{ rootName: 'POST /run', rootService: 'app', workflowName: 'demo_base_workflow', workflowSpans: 2 }] });
  });

  it('reads "no traces" as an empty list and anything unknown as a message', async () => {
    expect(await summarizeSearchBody(bytes({ data: [] }))).toEqual({ ok: true, traces: [] });
    const junk = await summarizeSearchBody(bytes({ hello: 'world' }));
    expect(junk.ok).toBe(false);
  });
});
