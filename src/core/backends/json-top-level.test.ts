import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTopLevelValue, scanTopLevelObject } from './json-top-level.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('scanTopLevelObject', () => {
  it('finds keys, kinds and emptiness without parsing nested values', () => {
    const body = bytes('\ufeff {"trace": { },"status":"PARTIAL", "message":"cut \\"here\\"","n":-1.5e3,"ok":true,"data":[ {"a":"}]"} ]}\n');
    const scan = scanTopLevelObject(body);
    expect(scan.ok).toBe(true);
    if (!scan.ok) return;
    expect([...scan.entries.keys()]).toEqual(['trace', 'status', 'message', 'n', 'ok', 'data']);
    expect(scan.entries.get('trace')).toMatchObject({ kind: 'object', empty: true });
    expect(scan.entries.get('data')).toMatchObject({ kind: 'array', empty: false });
    expect(readTopLevelValue(body, scan.entries.get('message'))).toBe('cut "here"');
    expect(readTopLevelValue(body, scan.entries.get('n'))).toBe(-1500);
    expect(readTopLevelValue(body, scan.entries.get('data'))).toEqual([{ a: '}]' }]);
    expect(readTopLevelValue(body, scan.entries.get('data'), 3)).toBeUndefined();
    expect(scan.bodyStart).toBe(4);
  });

  it('reads the real Tempo v2 fixture', () => {
    const body = readFileSync('fixtures/tempo/tempo-docs-v2-trace-by-id-response.json');
    const scan = scanTopLevelObject(body);
    expect(scan.ok && scan.entries.get('trace')).toMatchObject({ kind: 'object', empty: false });
  });

  it.each([
    ['empty', ''],
    ['an array', '[1]'],
    ['cut off', '{"trace":{"resourceSpans":[{'],
    ['cut off after a value', '{"a":1'],
    ['an unterminated string', '{"a":"abc'],
    ['a bare word', '{"a":nope}'],
    ['trailing text', '{"a":1} x'],
    ['HTML', '<html>502 Bad Gateway</html>'],
    ['a plain-text 404', '404 page not found'],
  ])('rejects %s', (_label, text) => expect(scanTopLevelObject(bytes(text)).ok).toBe(false));

  it('accepts an empty object', () => expect(scanTopLevelObject(bytes(' {} ')).ok).toBe(true));
});
