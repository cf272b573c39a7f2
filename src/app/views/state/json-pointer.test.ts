import { describe, expect, it } from 'vitest';
import { childPointer, coveringPointers, isUnder, pointerLabel, pointerOfPath } from './json-pointer.ts';

describe('pointers from tree paths', () => {
  it.each([
    [[], ''],
    [['counter'], '/counter'],
    [['items', 0, 'name'], '/items/0/name'],
    [['a/b', 'm~n'], '/a~1b/m~0n'],
    [[''], '/'],
  ] as const)('%j → %s', (path, pointer) => expect(pointerOfPath(path)).toBe(pointer));
  it('builds a child pointer with escaping', () => {
    expect(childPointer('', 'x')).toBe('/x');
    expect(childPointer('/a', 'b/c')).toBe('/a/b~1c');
    expect(childPointer('/list', 3)).toBe('/list/3');
  });
  it('labels pointers for people', () => {
    expect(pointerLabel('')).toBe('(whole state)');
    expect(pointerLabel('/a/b~1c/0')).toBe('a › b/c › 0');
  });
  it('knows descendants', () => {
    expect(isUnder('/a/b', '/a')).toBe(true);
    expect(isUnder('/ab', '/a')).toBe(false);
    expect(isUnder('/a', '')).toBe(true);
  });
});

describe('coveringPointers', () => {
  const arrays = new Set(['/items']);
  const isArray = (p: string) => arrays.has(p);
  it('keeps the outermost pointers and widens array elements to their array', () => {
    expect(coveringPointers(['/a/b', '/a', '/c'], isArray)).toEqual(['/a', '/c']);
    expect(coveringPointers(['/items/2', '/items/3/name'], isArray)).toEqual(['/items']);
    expect(coveringPointers(['', '/x'], isArray)).toEqual(['']);
  });
});
