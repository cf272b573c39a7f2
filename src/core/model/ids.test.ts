import { describe, expect, it } from 'vitest';
import { hexToBase64, normalizeId } from './ids.ts';

describe('normalizeId', () => {
  const cases: [unknown, 'trace' | 'span', string | undefined][] = [
    ['5b8efff798038103d269b633813fc60c', 'trace', '5b8efff798038103d269b633813fc60c'],
    ['5B8EFFF798038103D269B633813FC60C', 'trace', '5b8efff798038103d269b633813fc60c'],
    ['W47/95gDgQPSabYzgT/HAA==', 'trace', '5b8efff798038103d269b633813fc700'],
    ['7uGbfsPBsQA=', 'span', 'eee19b7ec3c1b100'],
    ['EEE19B7EC3C1B174', 'span', 'eee19b7ec3c1b174'],
    ['0x051581bf3cb55c13', 'span', '051581bf3cb55c13'],
    ['0X5B8AA5A2D2C872E8321CF37308D69DF2', 'trace', '5b8aa5a2d2c872e8321cf37308d69df2'],
    // Jaeger's unpadded 31-digit ids and 64-bit trace ids.
    ['b8efff798038103d269b633813fc60c', 'trace', '0b8efff798038103d269b633813fc60c'],
    ['0000000000000001', 'trace', '00000000000000000000000000000001'],
    ['abc', 'span', '0000000000000abc'],
    // A 64-bit id left-padded to 16 bytes in base64 (Grafana's Tempo mock).
    ['AAAAAAAAAABguiq7RPE+rg==', 'trace', '000000000000000060ba2abb44f13eae'],
    ['AAAAAAAAAABguiq7RPE-rg', 'trace', '000000000000000060ba2abb44f13eae'],
    ['', 'span', ''],
    ['  ', 'span', ''],
    [null, 'span', ''],
    [undefined, 'trace', ''],
    ['00000000000000000000000000000000', 'trace', ''],
    ['AAAAAAAAAAA=', 'span', ''],
    ['0000000000000000', 'span', ''],
    ['spanId', 'span', undefined],
    ['not an id!', 'trace', undefined],
    ['5b8efff798038103d269b633813fc60c', 'span', undefined],
    ['W47/95gDgQPSabYzgT/HAA==', 'span', undefined],
    [12345, 'span', undefined],
    [{}, 'trace', undefined],
  ];
  it.each(cases)('%j as %s id → %j', (raw, kind, expected) => {
    expect(normalizeId(raw, kind)).toBe(expected);
  });

  it('round-trips through base64', () => {
    const hex = '4290b5877a9930de79bb428365398ecc';
    expect(normalizeId(hexToBase64(hex), 'trace')).toBe(hex);
  });
});
