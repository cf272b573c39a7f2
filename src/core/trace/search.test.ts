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
