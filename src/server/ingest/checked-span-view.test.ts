import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { loadOfficialRoot, otlpObjectOptions, otlpTypes } from '../store/otlp-types.ts';
import { anyValueObject, ByteRange, checkedSpanType, checkedSpanView, decodeCheckedSpan, hexIn, textIn, typesWithin, type CheckedKeyValue } from './checked-span-view.ts';

const spanName = 'opentelemetry.proto.trace.v1.Span';
const id = (hex: string) => Buffer.from(hex, 'hex');
/** JSON text with object keys sorted (so the order fields were declared in does not count). */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
const encodeSpan = (span: object): Buffer => Buffer.from(otlpTypes.span.encode(otlpTypes.span.fromObject(span)).finish());
const str = (stringValue: string) => ({ stringValue });

/** Every AnyValue kind, nested lists and maps, empty values and keys. */
const everyKind = [
  { key: 'text', value: str('quotes " and \\ and ünïcödé ✓') },
  { key: 'empty text', value: str('') },
  { key: 'yes', value: { boolValue: true } },
  { key: 'no', value: { boolValue: false } },
  { key: 'past 2^53', value: { intValue: '9007199254740993' } },
  { key: 'min int64', value: { intValue: '-9223372036854775808' } },
  { key: 'double', value: { doubleValue: 1.5 } },
  { key: 'nan', value: { doubleValue: NaN } },
  { key: 'bytes', value: { bytesValue: Buffer.from([0, 1, 2, 250, 255]) } },
  { key: 'list', value: { arrayValue: { values: [str('a'), { intValue: '7' }, { arrayValue: { values: [{ boolValue: true }, str('ö')] } }, {}] } } },
  { key: 'empty list', value: { arrayValue: {} } },
  { key: 'map', value: { kvlistValue: { values: [{ key: 'inner', value: str('x') }, { key: '', value: { kvlistValue: { values: [{ key: 'n', value: { doubleValue: 2.25 } }, { key: 'no value' }] } } }] } } },
  { key: 'empty value', value: {} },
];

describe('the checked span view of the official Span type', () => {
  it('declares every text field of Span and of the messages it holds as bytes, with the official numbers, and changes nothing else', () => {
    const official = loadOfficialRoot();
    const before = canonical(official.toJSON());
    const view = checkedSpanView(official);
    const within = typesWithin(official.lookupType(spanName));
    expect(within.map((type) => type.name).sort()).toEqual(['AnyValue', 'ArrayValue', 'Event', 'KeyValue', 'KeyValueList', 'Link', 'Span', 'Status']);
    const changed: string[] = [];
    for (const type of within) {
      const viewType = view.lookupType(type.fullName);
      expect(viewType.fieldsArray.map((field) => [field.name, field.id, field.repeated])).toEqual(type.fieldsArray.map((field) => [field.name, field.id, field.repeated]));
      for (const field of type.fieldsArray) {
        const viewField = viewType.fields[field.name]!;
        expect(viewField.partOf?.name).toBe(field.partOf?.name);
        if (field.type === 'string') {
          expect(viewField.type).toBe('bytes');
          changed.push(`${type.name}.${field.name}`);
        } else expect(viewField.type).toBe(field.type);
      }
    }
    expect(changed.sort()).toEqual(['AnyValue.stringValue', 'Event.name', 'KeyValue.key', 'Link.traceState', 'Span.name', 'Span.traceState', 'Status.message']);
    // The official root is left as it was; the view turned back into strings is the official definitions.
    expect(canonical(official.toJSON())).toBe(before);
    const back = JSON.parse(canonical(view.toJSON())) as protobuf.INamespace;
    for (const name of changed) {
      const [typeName, fieldName] = name.split('.') as [string, string];
      const type = within.find((t) => t.name === typeName)!;
      let json: protobuf.INamespace | undefined = back;
      for (const part of type.fullName.slice(1).split('.')) json = json?.nested?.[part] as protobuf.INamespace;
      (json as protobuf.IType).fields[fieldName]!.type = 'string';
    }
    expect(canonical(back)).toBe(before);
  });

  it('refuses to derive the view from definitions of another shape, saying which field changed', () => {
    interface Descriptor {
      nested?: Record<string, Descriptor>;
      fields?: Record<string, { type: string }>;
    }
    /** The official definitions with one change made to their JSON descriptor. */
    const reshaped = (change: (json: Descriptor) => void): protobuf.Root => {
      const json = JSON.parse(JSON.stringify(loadOfficialRoot().toJSON())) as Descriptor;
      change(json);
      const root = protobuf.Root.fromJSON(json as protobuf.INamespace);
      root.resolveAll();
      return root;
    };
    /** The descriptor of a field, by the full name of its message and its own name. */
    const field = (json: Descriptor, fullName: string): { type: string } => {
      const path = fullName.split('.');
      const fields = path.slice(0, -1).reduce((at, part) => at.nested![part]!, json).fields!;
      return fields[path.at(-1)!]!;
    };
    const span = 'opentelemetry.proto.trace.v1.Span';
    expect(() => checkedSpanView(reshaped((json) => (field(json, 'opentelemetry.proto.common.v1.KeyValue.key').type = 'int32')))).toThrow(
      /OTLP definitions changed shape: opentelemetry.proto.common.v1.KeyValue.key is of type int32, not string; the checked span view cannot be derived/,
    );
    expect(() => checkedSpanView(reshaped((json) => (field(json, `${span}.endTimeUnixNano`).type = 'uint64')))).toThrow(/Span.endTimeUnixNano is of type uint64, not fixed64/);
    expect(() => checkedSpanView(reshaped((json) => (field(json, 'opentelemetry.proto.trace.v1.Status.code').type = 'int32')))).toThrow(/Status.code is of type int32, not StatusCode/);
    // A field renamed (same number): the view's reader would not find it.
    expect(() =>
      checkedSpanView(
        reshaped((json) => {
          const fields = (span.split('.').reduce((at, part) => at.nested![part]!, json).fields ??= {});
          fields.spanName = fields.name!;
          delete fields.name;
        }),
      ),
    ).toThrow(/Span.name is missing, not string/);
  });

  it('gives each AnyValue kind in the form the official type gives it, and texts as protobufjs reads them, valid UTF-8 or not', () => {
    const invalidUtf8 = Buffer.from([0x61, 0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]);
    const attributes = [...everyKind, { key: 'bad text', value: { arrayValue: { values: [{ bytesValue: Buffer.from('placeholder') }] } } }];
    const bytes = encodeSpan({ traceId: id('0123456789abcdef0123456789abcdef'), spanId: id('1111111111111111'), name: 'späñ ✓', attributes });
    // An attribute whose text is not UTF-8 (protobufjs will not encode one): the placeholder's bytes are rewritten in place.
    const at = bytes.indexOf('placeholder');
    const withBadText = Buffer.from(bytes);
    invalidUtf8.copy(withBadText, at);
    withBadText.fill(0x7a, at + invalidUtf8.length, at + 'placeholder'.length);
    // The bytes_value field (tag 7 << 3 | 2) becomes a string_value (tag 1 << 3 | 2): same length, same framing.
    expect(withBadText[at - 2]).toBe(0x3a);
    withBadText[at - 2] = 0x0a;

    for (const body of [bytes, withBadText]) {
      const official = otlpTypes.span.decode(body) as unknown as { name: string; attributes: { key: string; value: protobuf.Message | null }[] };
      const checked = decodeCheckedSpan(body);
      expect(textIn(body, checked.name)).toBe(official.name);
      expect(checked.attributes).toHaveLength(official.attributes.length);
      checked.attributes.forEach((attribute: CheckedKeyValue, i) => {
        const expected = official.attributes[i]!;
        expect(textIn(body, attribute.key)).toBe(expected.key);
        const want = expected.value === null ? undefined : otlpTypes.anyValue.toObject(expected.value, otlpObjectOptions);
        expect(attribute.value === null || attribute.value === undefined ? undefined : anyValueObject(body, attribute.value), expected.key).toEqual(want);
      });
    }
    const official = otlpTypes.span.decode(withBadText) as unknown as { attributes: { value: protobuf.Message }[] };
    expect(otlpTypes.anyValue.toObject(official.attributes.at(-1)!.value, otlpObjectOptions)).toEqual({ arrayValue: { values: [{ stringValue: expect.stringContaining('\ufffd') }] } });
  });

  it('gives bytes and text fields as ranges of the span, and refuses one that runs past the end of its message', () => {
    const body = encodeSpan({ traceId: id('0123456789abcdef0123456789abcdef'), spanId: id('1111111111111111'), name: 'n', traceState: 'k=v', events: [{ name: 'an event' }] });
    const span = decodeCheckedSpan(body);
    expect(span.traceId).toBeInstanceOf(ByteRange);
    expect(span.name).toBeInstanceOf(ByteRange);
    expect(hexIn(body, span.traceId)).toBe('0123456789abcdef0123456789abcdef');
    expect(hexIn(body, span.parentSpanId)).toBe('');
    expect(textIn(body, span.parentSpanId)).toBe('');
    // The event's name claims 20 bytes where its event has 8: the official type reads the 8
    // that are there, the view refuses the span as a field running past its message.
    const at = body.indexOf('an event');
    const cut = Buffer.from(body);
    expect(cut[at - 1]).toBe(8);
    cut[at - 1] = 20;
    expect((otlpTypes.span.decode(cut) as unknown as { events: { name: string }[] }).events[0]!.name).toBe('an event');
    expect(() => decodeCheckedSpan(cut)).toThrow(/index out of range/);
    expect(() => checkedSpanType.decode(cut)).toThrow(/index out of range/);
  });
});
