import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../core/junjo/json-value.ts';
import { countChanges, diffStates, diffTouched, type DiffNode } from './diff-model.ts';

const nested = (node: DiffNode | null) => {
  if (node?.kind !== 'nested') throw new Error(`expected nested, got ${node?.kind}`);
  return node;
};

describe('diff model', () => {
  it('is null for equal states', () => expect(diffStates({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBeNull());

  it('lists added, removed and changed keys with pointers', () => {
    const root = nested(diffStates({ keep: 1, old: 'x', n: 1 }, { keep: 1, n: 2, fresh: true }));
    expect(root.unchanged).toBe(1);
    expect(root.children).toEqual([
      { kind: 'changed', key: 'n', pointer: '/n', before: 1, after: 2 },
      { kind: 'added', key: 'fresh', pointer: '/fresh', value: true },
      { kind: 'removed', key: 'old', pointer: '/old', value: 'x' },
    ]);
    expect(countChanges(root)).toBe(3);
  });

  it('recognises unchanged objects in arrays and items by id', () => {
    const before: JsonValue = { items: [{ id: 'a', v: 1 }, { text: 'same' }] };
    const after: JsonValue = { items: [{ id: 'a', v: 2 }, { text: 'same' }, { text: 'new' }] };
    const items = nested(nested(diffStates(before, after)).children[0] ?? null);
    expect(items.container).toBe('array');
    expect(items.unchanged).toBe(1);
    expect(items.children.map((c) => [c.kind, c.pointer])).toEqual([['nested', '/items/0'], ['added', '/items/2']]);
  });

  it('keeps hostile strings as plain values (rendered as text)', () => {
    const root = nested(diffStates({ note: 'a' }, { note: '<script>alert(1)</script>' }));
    expect(root.children[0]).toMatchObject({ kind: 'changed', after: '<script>alert(1)</script>' });
  });

  it('restricts a transition diff to the touched subtrees', () => {
    const before = { big: { x: 1 }, list: [1, 2], counter: 1 };
    const after = { big: { x: 1 }, list: [0, 1, 2], counter: 2 };
    const parts = diffTouched(before, after, ['/counter', '/list/0']);
    expect(parts.map((p) => p.pointer)).toEqual(['/counter', '/list']);
    expect(parts[0]?.node).toEqual({ kind: 'changed', key: '/counter', pointer: '/counter', before: 1, after: 2 });
    expect(countChanges(parts[1]?.node ?? null)).toBe(1);
  });

  it('reports a key that appears or disappears', () => {
    expect(diffTouched({}, { a: 1 }, ['/a'])[0]?.node.kind).toBe('added');
    expect(diffTouched({ a: 1 }, {}, ['/a'])[0]?.node.kind).toBe('removed');
  });
});
