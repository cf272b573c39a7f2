import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { applyPatchInPlace, toPatchOps } from './json-patch.ts';
import { cloneJson, type JsonValue } from './json-value.ts';

interface Vector { name: string; start: JsonValue; patch: unknown; end?: JsonValue; expected_diagnostic?: string }
const vectors = JSON.parse(readFileSync('fixtures/junjo/store/rfc6902-replay.json', 'utf8')) as { valid: Vector[]; invalid: Vector[] };

function run(start: JsonValue, patch: unknown) {
  const parsed = toPatchOps(patch);
  if (!parsed.ok) throw new Error(parsed.message);
  return applyPatchInPlace(cloneJson(start), parsed.ops);
}

describe('rfc6902-replay.json', () => {
  test.each(vectors.valid.map((v) => [v.name, v] as const))('valid: %s', (_name, v) => {
    const result = run(v.start, v.patch);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.doc).toEqual(v.end);
  });
  test.each(vectors.invalid.map((v) => [v.name, v] as const))('must fail: %s', (_name, v) => {
    const result = run(v.start, v.patch);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe(v.expected_diagnostic);
  });
  test('the fixture has both kinds', () => {
    expect(vectors.valid.length).toBeGreaterThanOrEqual(5);
    expect(vectors.invalid.length).toBeGreaterThanOrEqual(2);
  });
});

describe('patch details', () => {
  test('"{}" (G0–G2 no-op) reads as [] and "[]" is empty too', () => {
    expect(toPatchOps({})).toEqual({ ok: true, ops: [] });
    expect(toPatchOps([])).toEqual({ ok: true, ops: [] });
    expect(toPatchOps({ op: 'add' }).ok).toBe(false);
  });
  test('rejects unknown ops and missing values', () => {
    expect(toPatchOps([{ op: 'frobnicate', path: '/a' }]).ok).toBe(false);
    expect(toPatchOps([{ op: 'add', path: '/a' }]).ok).toBe(false);
  });
  test('append with "-", insert by index, remove', () => {
    const result = run({ a: [1, 3] }, [
      { op: 'add', path: '/a/-', value: 4 },
      { op: 'add', path: '/a/1', value: 2 },
      { op: 'remove', path: '/a/0' },
    ]);
    expect(result).toEqual({ ok: true, doc: { a: [2, 3, 4] } });
  });
  test('replace keeps the key position; missing targets fail', () => {
    const result = run({ a: 1, b: 2 }, [{ op: 'replace', path: '/a', value: 9 }]);
    expect(result.ok && Object.keys(result.doc as object)).toEqual(['a', 'b']);
    expect(run({ a: 1 }, [{ op: 'replace', path: '/zz', value: 1 }]).ok).toBe(false);
    expect(run({ a: 1 }, [{ op: 'remove', path: '/zz' }]).ok).toBe(false);
    expect(run({ a: [1] }, [{ op: 'add', path: '/a/5', value: 1 }]).ok).toBe(false);
  });
  test('values are copied, not aliased', () => {
    const value = { deep: [1] };
    const result = run({}, [{ op: 'add', path: '/x', value }]);
    if (!result.ok) throw new Error('failed');
    ((result.doc as { x: { deep: number[] } }).x.deep).push(2);
    expect(value.deep).toEqual([1]);
  });
  test('"__proto__" is an ordinary key', () => {
    const result = run({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]);
    expect(result.ok && Object.keys(result.doc as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
