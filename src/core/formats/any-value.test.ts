import { describe, expect, it } from 'vitest';
import { decodeAnyValue, decodeKeyValues } from './any-value.ts';
import { DecodeSink } from './decode-sink.ts';

describe('decodeAnyValue', () => {
  const cases: [string, unknown, unknown][] = [
    ['string', { stringValue: 'x' }, { type: 'string', value: 'x' }],
    ['empty string', { stringValue: '' }, { type: 'string', value: '' }],
    ['bool false (key present)', { boolValue: false }, { type: 'bool', value: false }],
    ['int as string beyond 2^53', { intValue: '9223372036854775807' }, { type: 'int', value: 9223372036854775807n }],
    ['negative int', { intValue: '-42' }, { type: 'int', value: -42n }],
    ['int as number', { intValue: 4 }, { type: 'int', value: 4n }],
    ['double', { doubleValue: 72.5 }, { type: 'double', value: 72.5 }],
    ['double NaN string', { doubleValue: 'NaN' }, { type: 'double', value: NaN }],
    ['double Infinity string', { doubleValue: 'Infinity' }, { type: 'double', value: Infinity }],
    ['double -Infinity string', { doubleValue: '-Infinity' }, { type: 'double', value: -Infinity }],
    ['double numeric string', { doubleValue: '1.5' }, { type: 'double', value: 1.5 }],
    ['bytes stay base64', { bytesValue: 'AAAwOQ==' }, { type: 'bytes', base64: 'AAAwOQ==' }],
    ['empty object', {}, { type: 'empty' }],
    ['empty array', { arrayValue: {} }, { type: 'array', values: [] }],
    [
      'array of mixed values',
      { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }, { boolValue: true }, {}] } },
      { type: 'array', values: [{ type: 'string', value: 'a' }, { type: 'int', value: 1n }, { type: 'bool', value: true }, { type: 'empty' }] },
    ],
    ['empty kvlist', { kvlistValue: {} }, { type: 'map', entries: [] }],
    [
      'nested kvlist',
      { kvlistValue: { values: [{ key: 'k', value: { arrayValue: { values: [{ doubleValue: 2 }] } } }] } },
      { type: 'map', entries: [{ key: 'k', value: { type: 'array', values: [{ type: 'double', value: 2 }] } }] },
    ],
    ['snake_case string_value', { string_value: 'x' }, { type: 'string', value: 'x' }],
    ['snake_case int_value', { int_value: 7 }, { type: 'int', value: 7n }],
  ];
  it.each(cases)('%s', (_name, raw, expected) => {
    expect(decodeAnyValue(raw)).toEqual(expected);
  });

  const bad: [string, unknown, RegExp][] = [
    ['int with a fraction', { intValue: '1.5' }, /not an integer/],
    ['bool as a number', { boolValue: 1 }, /not true or false/],
    ['double as text', { doubleValue: 'lots' }, /not a number/],
    ['unknown field', { fooValue: 1 }, /unknown AnyValue field "fooValue"/],
    ['not an object', 'plain', /expected an AnyValue object/],
  ];
  it.each(bad)('rejects %s with a reason', (_name, raw, reason) => {
    expect(decodeAnyValue(raw)).toMatch(reason);
  });

  it('caps nesting instead of recursing without bound', () => {
    let value: unknown = { stringValue: 'deep' };
    for (let i = 0; i < 10_000; i++) value = { arrayValue: { values: [value] } };
    expect(decodeAnyValue(value)).toMatch(/nested deeper/);
  });
});

describe('decodeKeyValues', () => {
  it('skips a bad entry with its path and keeps the rest', () => {
    const sink = new DecodeSink();
    const attributes = decodeKeyValues(
      [{ key: 'a', value: { intValue: 'x' } }, { value: { stringValue: 'no key' } }, { key: 'b', value: { boolValue: false } }],
      sink,
      'spans[0]',
      'attributes',
    );
    expect(attributes).toEqual([{ key: 'b', value: { type: 'bool', value: false } }]);
    expect(sink.skipped.map((s) => s.path)).toEqual(['spans[0].attributes[0]', 'spans[0].attributes[1]']);
  });
});
