import { describe, expect, test } from 'vitest';
import { parseGraphV1 } from '../junjo/parse-graph-v1.ts';
import { graphKeys } from './graph-keys.ts';

/** A v1 graph (Junjo's graph_structure) with runtime ids `prefix-…`: the same workflow in another process. */
function v1Graph(prefix: string, extraEdge = false) {
  const node = (id: string, label: string) => ({ id: `${prefix}-${id}`, type: label, label });
  const edge = (id: string, a: string, b: string) => ({ id: `${prefix}-${id}`, source: `${prefix}-${a}`, target: `${prefix}-${b}` });
  const parsed = parseGraphV1(
    JSON.stringify({
      v: 1,
      nodes: [node('a', 'Start'), node('b', 'Work'), node('c', 'Work'), node('d', 'End')],
      edges: [edge('e1', 'a', 'b'), edge('e2', 'b', 'c'), edge('e3', 'c', 'd'), ...(extraEdge ? [edge('e4', 'c', 'b')] : [])],
    }),
  );
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.graph;
}

describe('graph keys across runs', () => {
  test('v1: the same workflow with other runtime ids has the same keys and version', () => {
    const one = graphKeys(v1Graph('p1'));
    const two = graphKeys(v1Graph('p2'));
    expect(one.version).toBe(two.version);
    expect(one.version).toMatch(/^v1-[0-9a-f]{8}$/);
    expect([...one.nodeKey.values()]).toEqual(['Start:Start', 'Work:Work', 'Work:Work#2', 'End:End']);
    expect(one.edgeKey.get('p1-e2')).toBe('Work:Work→Work:Work#2');
    expect([...two.edgeKey.values()]).toEqual([...one.edgeKey.values()]);
  });

  test('v1: an added edge is another version', () => {
    expect(graphKeys(v1Graph('p1', true)).version).not.toBe(graphKeys(v1Graph('p1')).version);
  });
});
