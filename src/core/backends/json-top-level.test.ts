import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { partsFrom, readTopLevelValue, scanTopLevelObject } from './json-top-level.ts';

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

describe('scanTopLevelObject on a body in parts', () => {
  const splitAt = (body: Uint8Array, cuts: number[]): Uint8Array[] => {
    const parts: Uint8Array[] = [];
    let from = 0;
    for (const cut of [...cuts, body.length]) {
      parts.push(body.subarray(from, cut));
      from = cut;
    }
    return parts;
  };

  it('finds the same keys and offsets wherever the parts are cut (inside strings, escapes, keys)', () => {
    const body = bytes('\ufeff {"trace": {"a":"x\\\\\\"}"},"status":"PARTIAL", "message":"cut \\"here\\"","n":-1.5e3,"data":[ {"a":"}]"} ]}\n');
    const whole = scanTopLevelObject(body);
    expect(whole.ok).toBe(true);
    if (!whole.ok) return;
    for (let a = 0; a <= body.length; a++)
      for (const b of [a, a + 1, a + 7]) {
        const scan = scanTopLevelObject(splitAt(body, [a, Math.min(b, body.length)]));
        expect(scan).toEqual(whole);
      }
    const oneByteParts = splitAt(body, [...Array(body.length).keys()].slice(1));
    expect(scanTopLevelObject(oneByteParts)).toEqual(whole);
    expect(readTopLevelValue(oneByteParts, whole.entries.get('message'))).toBe('cut "here"');
    expect(readTopLevelValue(oneByteParts, whole.entries.get('trace'))).toEqual({ a: 'x\\"}' });
  });

  it('rejects a body cut off in its last part', () => {
    const body = bytes('{"trace":{"resourceSpans":[{"a":"}');
    expect(scanTopLevelObject(splitAt(body, [5, 12, 20])).ok).toBe(false);
    expect(scanTopLevelObject([]).ok).toBe(false);
  });

  it('gives the parts from an offset without copying', () => {
    const body = bytes('0123456789');
    const parts = splitAt(body, [3, 6]);
    const from = partsFrom(parts, 4);
    expect(from.map((p) => new TextDecoder().decode(p))).toEqual(['45', '6789']);
    expect(from[1]).toBe(parts[2]);
    expect(partsFrom(parts, 3)[0]).toBe(parts[1]);
  });
});
