import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { NOT_VALID_JSON, utf8Length } from './json-attr.ts';
import { v1ExampleGraph, V1 } from './junjo-test-traces.ts';
import { parseGraphV1 } from './parse-graph-v1.ts';
import { parseGraphV2 } from './parse-graph-v2.ts';

/** The example graphs of docs/formats.md §3 (fixtures/junjo/graphs/): [0] is the v1 example, [1] the v2 one. */
const jsonBlocks = ['v1', 'v2'].map((v) => readFileSync(`fixtures/junjo/graphs/${v}-example-graph.json`, 'utf8'));

describe('parseGraphV1 (formats.md §3.1)', () => {
  test('the doc example parses with RC children, subflow internals and derived ends', () => {
    const result = parseGraphV1(jsonBlocks[0] as string);
    if (!result.ok) throw new Error(result.error.message);
    const g = result.graph;
    expect(g.schema).toBe(1);
    expect(g.nodes).toHaveLength(12);
    expect(g.nodes.find((x) => x.id === V1.rc)).toMatchObject({ kind: 'run_concurrent', label: 'Counter Nodes', children: [V1.inc, V1.dec, V1.add] });
    expect(g.nodes.find((x) => x.id === V1.inc)?.container).toBe(V1.rc);
    expect(g.nodes.find((x) => x.id === V1.joke)?.container).toBe(V1.sub);
    // Dangling subflowSourceId/SinkId: derived from the subflow edge instead.
    expect(g.nodes.find((x) => x.id === V1.sub)?.subflow).toEqual({ graphStructuralId: null, sourceId: V1.joke, sinkIds: [V1.fact], derivedFromEdges: true });
    // A handled quirk: a note for the details, not a warning a user cannot act on.
    expect((g.notes ?? []).some((w) => w.includes('match no node'))).toBe(true);
    expect(g.warnings).toEqual([]);
    expect(g.sourceIds).toEqual([V1.count]);
    expect(g.sinkIds).toEqual([V1.final]);
    expect(g.edges.find((x) => x.target === V1.exact)?.condition).toBe('MatchesCount(15)');
    expect(g.edges.filter((x) => x.scope === 'subflow')).toEqual([expect.objectContaining({ source: V1.joke, target: V1.fact, container: V1.sub })]);
  });
  test('non-dangling source/sink ids are kept as declared', () => {
    const result = parseGraphV1(v1ExampleGraph(false));
    expect(result.ok && result.graph.nodes.find((x) => x.id === V1.sub)?.subflow).toMatchObject({ sourceId: V1.joke, derivedFromEdges: false });
    expect(result.ok && result.graph.warnings).toEqual([]);
  });
  test('edge type defaults to explicit; a bad shape is an error value', () => {
    const r = parseGraphV1('{"v":1,"nodes":[{"id":"a","type":"A","label":"A"},{"id":"b","type":"B","label":"B"}],"edges":[{"id":"e","source":"a","target":"b"}]}');
    expect(r.ok && r.graph.edges[0]).toMatchObject({ scope: 'explicit', condition: null, container: null });
    const bad = parseGraphV1('{"v":1}');
    expect(bad.ok === false && bad.error.kind).toBe('invalid-shape');
  });
});

describe('parseGraphV2 (formats.md §3.2)', () => {
  const text = (jsonBlocks[1] as string).replace(/\n/g, '');
  test('the doc example parses: first node is the source, subflow internals contained', () => {
    const result = parseGraphV2(text);
    if (!result.ok) throw new Error(result.error.message);
    const g = result.graph;
    expect(g.graphStructuralId).toBe('graph_d140d910e8feda4a8fb4b4ef9846a7d8');
    expect(g.nodes).toHaveLength(12);
    expect(g.sourceIds).toEqual([V1.count]);
    expect(g.sinkIds).toEqual([V1.final]);
    expect(g.nodes.find((x) => x.id === V1.sub)?.subflow).toMatchObject({ graphStructuralId: 'graph_75378a2fdd744b4e18c5cd9d9f93468f', sourceId: V1.joke, sinkIds: [V1.fact] });
    expect(g.nodes.find((x) => x.id === V1.fact)).toMatchObject({ container: V1.sub, structuralId: 'node_afb8b0cc1e3f7baeb4aaed430d7e5b6a' });
    expect(g.nodes.find((x) => x.id === V1.add)?.container).toBe(V1.rc);
    expect(g.edges[0]).toMatchObject({ scope: 'subflow', container: V1.sub });
    expect(g.edges.filter((x) => x.condition !== null).map((x) => x.condition)).toEqual(['MatchesCount(15)', 'CounterIsEven()']);
  });
  test('a snapshot cut at 2048 bytes says Tempo cut it and names max_attribute_bytes', () => {
    const cut = Buffer.from(text, 'utf8').subarray(0, 2048).toString('utf8');
    expect(utf8Length(cut)).toBe(2048);
    const result = parseGraphV2(cut);
    if (result.ok) throw new Error('expected an error');
    expect(result.error.kind).toBe('cut-by-tempo');
    expect(result.error.message).toContain('2048 bytes');
    expect(result.error.message).toContain('max_attribute_bytes');
    expect('raw' in result.error && result.error.raw).toBe(cut);
  });
  test('other broken JSON: "Not valid JSON (possibly cut by a length limit)", raw kept', () => {
    const cut = text.slice(0, 1000);
    const result = parseGraphV2(cut);
    expect(result.ok === false && result.error).toEqual({ kind: 'invalid-json', message: NOT_VALID_JSON, raw: cut });
  });
});
