/**
 * The "checked span" view of the official OpenTelemetry Span type, for the receivers' hot path
 * (proto-spans.ts): a copy of the official definitions (store/otlp-types.ts) derived at load time
 * in which every `string` field of Span and of the messages it holds (Event, Link, Status,
 * KeyValue, AnyValue, ArrayValue, KeyValueList) is declared `bytes`, with the same number and
 * label. A string and a bytes field are both length-delimited (wire type 2), so protobufjs'
 * decoder walks and checks the span's whole structure as the official type does (every nested
 * message, its length, the nesting limit), but gives each text as bytes instead of building a JS
 * string; read by `CheckedReader`, protobufjs' Reader handing each bytes field out as its range in
 * the span (no Buffer view either). The hot path turns into text only the span's name and the few
 * attributes the run summary reads. protobufjs reads a string that runs past the end of its
 * message as the part that is there; as bytes, such a field is refused (index out of range).
 *
 * Text is read from those bytes as protobufjs' Buffer reader reads a string field (Node's UTF-8
 * decoder, `utf8Slice`), and a summary attribute's value is given in the form the official
 * type's `toObject` gives it (`anyValueObject`), so the summary is the one the core decoder reads.
 */
import protobuf from 'protobufjs';
import { loadOfficialRoot, otlpObjectOptions } from '../store/otlp-types.ts';

const spanName = 'opentelemetry.proto.trace.v1.Span';
const keyValueName = 'opentelemetry.proto.common.v1.KeyValue';
const anyValueName = 'opentelemetry.proto.common.v1.AnyValue';

/** The official fields the hot path reads, with the types it reads them as (checked before deriving). */
const expectedFields: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [spanName]: { traceId: 'bytes', spanId: 'bytes', parentSpanId: 'bytes', name: 'string', startTimeUnixNano: 'fixed64', endTimeUnixNano: 'fixed64', attributes: 'KeyValue', status: 'Status' },
  'opentelemetry.proto.trace.v1.Status': { code: 'StatusCode' },
  [keyValueName]: { key: 'string', value: 'AnyValue' },
  [anyValueName]: { stringValue: 'string', boolValue: 'bool', intValue: 'int64', doubleValue: 'double', arrayValue: 'ArrayValue', kvlistValue: 'KeyValueList', bytesValue: 'bytes' },
  'opentelemetry.proto.common.v1.ArrayValue': { values: 'AnyValue' },
  'opentelemetry.proto.common.v1.KeyValueList': { values: 'KeyValue' },
};

/** The message types a Span holds, itself included (through its fields, transitively), by full name. */
export function typesWithin(span: protobuf.Type): protobuf.Type[] {
  const found = new Map<string, protobuf.Type>();
  const visit = (type: protobuf.Type) => {
    if (found.has(type.fullName)) return;
    found.set(type.fullName, type);
    for (const field of type.fieldsArray) {
      const resolved = field.resolve().resolvedType;
      if (resolved instanceof protobuf.Type) visit(resolved);
    }
  };
  visit(span);
  return [...found.values()];
}

/** The field descriptor of `fullName`'s field `field` in a root's JSON descriptor. */
function fieldJson(rootJson: protobuf.INamespace, fullName: string, field: string): { type: string } {
  let namespace: protobuf.INamespace | undefined = rootJson;
  for (const part of fullName.replace(/^\./, '').split('.')) namespace = namespace?.nested?.[part] as protobuf.INamespace | undefined;
  const descriptor = (namespace as protobuf.IType | undefined)?.fields?.[field];
  if (descriptor === undefined) throw new Error(`The OTLP definitions have no field ${fullName}.${field} in their descriptor; the checked span view cannot be derived.`);
  return descriptor;
}

/**
 * A copy of `official` in which every `string` field of Span and of the messages it holds is
 * `bytes` (same name, number, label and oneof). Throws, saying what changed, when the official
 * definitions no longer have the fields the hot path reads with the types it reads them as.
 * `official` itself is not changed.
 */
export function checkedSpanView(official: protobuf.Root): protobuf.Root {
  for (const [typeName, fields] of Object.entries(expectedFields)) {
    const type = official.lookup(typeName);
    if (!(type instanceof protobuf.Type)) throw new Error(`The OTLP definitions have no message ${typeName}; the checked span view cannot be derived.`);
    for (const [name, expected] of Object.entries(fields)) {
      const field = type.fields[name];
      const actual = field?.resolve().resolvedType?.name ?? field?.type;
      if (actual !== expected)
        throw new Error(`The OTLP definitions changed shape: ${typeName}.${name} is ${actual === undefined ? 'missing' : `of type ${actual}`}, not ${expected}; the checked span view cannot be derived.`);
    }
  }
  const json = official.toJSON() as protobuf.INamespace;
  for (const type of typesWithin(official.lookupType(spanName)))
    for (const field of type.fieldsArray) if (field.type === 'string') fieldJson(json, type.fullName, field.name).type = 'bytes';
  const view = protobuf.Root.fromJSON(json);
  view.resolveAll();
  return view;
}

const view = checkedSpanView(loadOfficialRoot());

/** Span of the checked view: the official structure, every text as bytes. */
export const checkedSpanType = view.lookupType(spanName);
const checkedAnyValueType = view.lookupType(anyValueName);

/**
 * A bytes (or text) field of a checked span as the checked reader gives it: its place in the
 * span's bytes, without a view object (a Buffer view costs more than reading most fields).
 */
export class ByteRange {
  readonly length: number;
  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    this.length = end - start;
  }
}

/**
 * A bytes field: a range of the span's bytes, else empty (protobufjs gives a field that is not
 * there as an empty array, and an empty one as an empty Buffer).
 */
export type SpanBytes = ByteRange | Uint8Array | readonly never[];

/**
 * protobufjs' Reader, but a bytes field comes back as its ByteRange: protobufjs' `bytes()` still
 * reads the field's length and checks that it lies within its message, then hands the range to
 * `_slice`, the hook through which protobufjs' own Buffer reader makes a Buffer view of it.
 */
class CheckedReader extends protobuf.Reader {}
Object.defineProperty(CheckedReader.prototype, '_slice', { value: (start: number, end: number) => new ByteRange(start, end) });

/** The fields of a checked span (protobufjs' decode) that the hot path reads. */
export interface CheckedSpan {
  readonly traceId: SpanBytes;
  readonly spanId: SpanBytes;
  readonly parentSpanId: SpanBytes;
  readonly name: SpanBytes;
  readonly startTimeUnixNano: number | protobuf.Long;
  readonly endTimeUnixNano: number | protobuf.Long;
  readonly attributes: readonly CheckedKeyValue[];
  readonly status: { readonly code: number } | null;
}
export interface CheckedKeyValue {
  readonly key: SpanBytes;
  readonly value: protobuf.Message | null | undefined;
}

/**
 * The span message `span` decoded by the checked view: its structure checked as the official
 * type checks it; throws as protobufjs' decode does when the bytes are not a well-formed Span.
 */
export const decodeCheckedSpan = (span: Buffer): CheckedSpan => checkedSpanType.decode(new CheckedReader(span)) as unknown as CheckedSpan;

const noBytes = new Uint8Array(0);

/** A bytes field of `span` as bytes (a view of `span`, no copy). */
export const bytesIn = (span: Buffer, bytes: SpanBytes): Uint8Array => (bytes instanceof ByteRange ? span.subarray(bytes.start, bytes.end) : bytes instanceof Uint8Array ? bytes : noBytes);

/** The bytes as a Buffer over the same memory (no copy). */
export const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

/** Node's readers of a Buffer's range as UTF-8 and hex, which Buffer's toString calls (protobufjs' Buffer reader calls `utf8Slice` itself). */
interface NodeSlices {
  utf8Slice?(start: number, end: number): string;
  hexSlice?(start: number, end: number): string;
}
const nodeSlices = Buffer.prototype as NodeSlices;
const utf8Of: (span: Buffer, start: number, end: number) => string =
  typeof nodeSlices.utf8Slice === 'function' ? (span, start, end) => (span as NodeSlices).utf8Slice!(start, end) : (span, start, end) => span.toString('utf8', start, end);
const hexOf: (span: Buffer, start: number, end: number) => string =
  typeof nodeSlices.hexSlice === 'function' ? (span, start, end) => (span as NodeSlices).hexSlice!(start, end) : (span, start, end) => span.toString('hex', start, end);

/** A text field of `span` as protobufjs' Buffer reader reads a string field (Node's UTF-8 decoder, utf8Slice). */
export const textIn = (span: Buffer, bytes: SpanBytes): string => {
  if (bytes instanceof ByteRange) return utf8Of(span, bytes.start, bytes.end);
  const inner = asBuffer(bytesIn(span, bytes));
  return utf8Of(inner, 0, inner.length);
};

/** A bytes field of `span` as lowercase hex. */
export const hexIn = (span: Buffer, bytes: SpanBytes): string => {
  if (bytes instanceof ByteRange) return hexOf(span, bytes.start, bytes.end);
  const inner = asBuffer(bytesIn(span, bytes));
  return hexOf(inner, 0, inner.length);
};

/** An id field of `span` of `size` bytes as hex; '' when missing or all zeros; undefined when of another size. */
export function idIn(span: Buffer, field: SpanBytes, size: number): string | undefined {
  if (field.length === 0) return '';
  const [bytes, start, end] = field instanceof ByteRange ? [span, field.start, field.end] : [bytesIn(span, field), 0, field.length];
  let zero = true;
  for (let i = start; i < end; i++)
    if (bytes[i] !== 0) {
      zero = false;
      break;
    }
  if (zero) return field.length !== size ? undefined : '';
  return field.length === size ? hexIn(span, field) : undefined;
}

/** The checked view's `toObject`: as the official options, but bytes (and so texts) left as the reader gave them. */
const bytesKept: protobuf.IConversionOptions = { ...otlpObjectOptions, bytes: undefined };

/** An AnyValue object of the checked view (texts and bytes still SpanBytes of `span`) as the official `toObject` gives it. */
function officialForm(span: Buffer, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value)) {
    if (field === 'stringValue') out[field] = textIn(span, inner as SpanBytes);
    else if (field === 'bytesValue') {
      const bytes = bytesIn(span, inner as SpanBytes);
      out[field] = protobuf.util.base64.encode(bytes, 0, bytes.length);
    } else if (field === 'arrayValue' || field === 'kvlistValue') {
      const list = inner as { values?: Record<string, unknown>[] };
      const values = list.values?.map((item) =>
        field === 'arrayValue'
          ? officialForm(span, item)
          : { ...(item.key !== undefined && { key: textIn(span, item.key as SpanBytes) }), ...(item.value !== undefined && { value: officialForm(span, item.value as Record<string, unknown>) }) },
      );
      out[field] = values === undefined ? {} : { values };
    } else out[field] = inner;
  }
  return out;
}

/**
 * An AnyValue message of a checked span `span` as the official type's `toObject` (with
 * otlpObjectOptions) gives the same bytes: what the core OTLP/JSON decoder reads.
 */
export function anyValueObject(span: Buffer, value: protobuf.Message): Record<string, unknown> {
  return officialForm(span, checkedAnyValueType.toObject(value, bytesKept));
}
