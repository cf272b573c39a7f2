import { describe, expect, it } from 'vitest';
import { str } from '../model/attributes.ts';
import { buildTraces } from './build-traces.ts';
import { parseSearchQuery, searchTrace } from './search.ts';
import { attrs, span } from './test-spans.ts';

const trace = buildTraces([
  span('00000000000000a1', null, 0, 100, { name: 'workflow run', service: 'junjo-app' }),
  span('00000000000000b2', '00000000000000a1', 10, 20, {
    name: 'LLM call',
    service: 'junjo-app',
    attributes: [...attrs({ 'gen_ai.system': 'OpenAI', 'junjo.node.name': 'Summarize' }), { key: 'tokens', value: { type: 'int', value: 123n } }],
  }),
  span('00000000000000c3', '00000000000000a1', 30, 40, {
    name: 'db query',
    service: 'postgres',
    events: [{ name: 'retry', attributes: attrs({ reason: 'deadlock' }) }],
  }),
])[0]!;

const names = (query: string): string[] => searchTrace(trace, query).map((i) => trace.spans[i]!.name);

describe('searchTrace', () => {
  it.each([
    { query: '', want: [] },
    { query: '   ', want: [] },
    { query: 'llm', want: ['LLM call'] },
    { query: 'RUN', want: ['workflow run'] },
    { query: 'postgres', want: ['db query'] },
    { query: 'junjo', want: ['workflow run', 'LLM call'] },
    { query: 'openai', want: ['LLM call'] },
    { query: 'gen_ai', want: ['LLM call'] },
    { query: '123', want: ['LLM call'] },
    { query: 'deadlock', want: ['db query'] },
    { query: 'retry', want: ['db query'] },
    { query: '00000000000000c', want: ['db query'] },
    { query: 'c3', want: [] }, // span ids match by prefix only
    { query: 'nothing like this', want: [] },
    { query: 'junjo.node.name=summarize', want: ['LLM call'] },
    { query: ' junjo.node.name = "Summarize" ', want: ['LLM call'] },
    { query: 'junjo.node.name=summ', want: [] },
    { query: 'tokens=123', want: ['LLM call'] },
    { query: 'service.name=postgres', want: ['db query'] },
  ])('"$query" matches $want', ({ query, want }) => {
    expect(names(query)).toEqual(want);
  });

  it('returns indexes in row order', () => {
    expect(searchTrace(trace, 'a')).toEqual([0, 1, 2]);
  });

  it('handles 100,000 spans', () => {
    const n = 100_000;
    const records = [span('root', null, 0, n)];
    for (let i = 1; i < n; i++)
      records.push(span(`s${i}`, 'root', i, i + 1, { attributes: [{ key: 'i', value: str(String(i)) }] }));
    const big = buildTraces(records)[0]!;
    expect(searchTrace(big, 'i=99999')).toHaveLength(1);
    expect(searchTrace(big, '99999')).toHaveLength(1);
    expect(searchTrace(big, 's9999')).toHaveLength(11);
  });
});

describe('searchTrace filters on the span itself', () => {
  const failing = buildTraces([
    span('00000000000000d1', null, 0, 500_000_000, { name: 'POST /run', kind: 'server', status: { code: 'error', message: 'failed' } }),
    span('00000000000000d2', '00000000000000d1', 0, 150_000_000, { name: 'chat gpt-4o', kind: 'client' }),
    span('00000000000000d3', '00000000000000d1', 200_000_000, 250_000_000, { name: 'DecrementNode', status: { code: 'error', message: 'x' } }),
    span('00000000000000d4', '00000000000000d1', 300_000_000, 300_500_000, { name: 'cache get', kind: 'client', status: { code: 'ok', message: '' } }),
  ])[0]!;
  const found = (query: string): string[] => searchTrace(failing, query).map((i) => failing.spans[i]!.name);
  it.each([
    { query: 'status=error', want: ['POST /run', 'DecrementNode'] },
    { query: 'STATUS = Error', want: ['POST /run', 'DecrementNode'] },
    { query: 'error', want: ['POST /run', 'DecrementNode'] },
    { query: 'status=ok', want: ['cache get'] },
    { query: 'status=unset', want: ['chat gpt-4o'] },
    { query: 'kind=client', want: ['chat gpt-4o', 'cache get'] },
    { query: 'duration>100ms', want: ['POST /run', 'chat gpt-4o'] },
    { query: 'duration > 0.2s', want: ['POST /run'] },
    { query: 'duration<=50ms', want: ['DecrementNode', 'cache get'] },
    { query: 'duration<1ms', want: ['cache get'] },
    { query: 'duration>100', want: ['POST /run', 'chat gpt-4o'] },
    { query: 'status=error duration<100ms', want: ['DecrementNode'] },
    { query: 'kind=client duration>1s', want: [] },
  ])('"$query" finds $want', ({ query, want }) => {
    expect(found(query)).toEqual(want);
  });

  it('reads an unknown status or kind as an attribute search, not a filter', () => {
    expect(parseSearchQuery('status=broken')).toEqual({ kind: 'attribute', key: 'status', value: 'broken' });
    expect(parseSearchQuery('kind=llm')).toEqual({ kind: 'attribute', key: 'kind', value: 'llm' });
    expect(parseSearchQuery('duration>10ms')).toEqual({ kind: 'filters', filters: [{ kind: 'duration', op: '>', ns: 10_000_000 }] });
  });
});

describe('parseSearchQuery', () => {
  it.each([
    { query: '', want: { kind: 'empty' } },
    { query: ' Foo ', want: { kind: 'text', text: 'foo' } },
    { query: 'a=b', want: { kind: 'attribute', key: 'a', value: 'b' } },
    { query: "k = 'v w'", want: { kind: 'attribute', key: 'k', value: 'v w' } },
    { query: '=x', want: { kind: 'text', text: '=x' } },
  ])('$query', ({ query, want }) => {
    expect(parseSearchQuery(query)).toEqual(want);
  });
});
