import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../../core/junjo/graph-model.ts';
import { distinctNodeNames } from './node-names.ts';

const node = (id: string, label: string, kind: GraphNode['kind'] = 'node', container: string | null = null): GraphNode =>
  ({ id, label, type: label, kind, structuralId: null, children: [], subflow: null, container });

describe('distinctNodeNames', () => {
  it('keeps a label that no other node has', () => {
    expect(distinctNodeNames([node('a', 'ExtractFacts'), node('b', 'PlanStep')])).toEqual(new Map([['a', 'ExtractFacts'], ['b', 'PlanStep']]));
  });

  it('adds the kind when that tells two nodes apart, and the group when that does', () => {
    const names = distinctNodeNames([
      node('n1', 'ScoreAnswer'),
      node('s1', 'ScoreAnswer', 'subflow'),
      node('rc', 'SearchDocs', 'run_concurrent'),
      node('p1', 'PlanStep'),
      node('p2', 'PlanStep', 'node', 'rc'),
    ]);
    expect(names.get('n1')).toBe('ScoreAnswer');
    expect(names.get('s1')).toBe('ScoreAnswer (subflow)');
    expect(names.get('p1')).toBe('PlanStep');
    expect(names.get('p2')).toBe('PlanStep in SearchDocs');
    expect(names.get('rc')).toBe('SearchDocs');
  });

  it('falls back to the start of the id when nothing else differs', () => {
    const names = distinctNodeNames([node('aaaaaaaa-1', 'Retry'), node('bbbbbbbb-2', 'Retry')]);
    expect(names.get('aaaaaaaa-1')).toBe('Retry [aaaaaaaa]');
    expect(names.get('bbbbbbbb-2')).toBe('Retry [bbbbbbbb]');
  });
});
