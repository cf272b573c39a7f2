/**
 * The OTLP trace messages as protobufjs types, loaded from the official OpenTelemetry .proto files
 * (vendored in proto/, see proto/README.md), and a "lazy" view of them derived from those types at
 * load time: in the view, ScopeSpans' `spans` field is `repeated bytes` instead of `repeated Span`
 * (the same field number, taken from the official type; a length-delimited field either way), so
 * protobufjs' own decoder gives each span as the exact bytes it arrived in, a view of the body
 * without a copy. The receivers keep those bytes (ingest/proto-spans.ts); the store decodes them
 * with the official Span type when a trace is read (span-protobuf.ts).
 *
 * protobufjs gives 64-bit integers as Long objects (the `long` package) from `decode`, and as
 * exact decimal strings through `toObject` with `longs: String`.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

export const otlpProtoDir = fileURLToPath(new URL('./proto', import.meta.url));

// Without the `long` package protobufjs decodes 64-bit integers as numbers, which lose nanoseconds.
if (!protobuf.util.Long) throw new Error('protobufjs found no Long library (the `long` package); 64-bit times would not stay exact.');

const tracePackage = 'opentelemetry.proto.trace.v1';
const requestName = 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest';
const scopeSpansName = `${tracePackage}.ScopeSpans`;

/** The official definitions: the trace collector service and every message it uses. */
export function loadOfficialRoot(): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(otlpProtoDir, target);
  root.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto', { keepCase: false });
  root.resolveAll();
  return root;
}

/**
 * A copy of `official` in which ScopeSpans' `spans` is declared `repeated bytes` with the number
 * the official ScopeSpans gives it. `official` itself is not changed.
 */
export function lazySpansView(official: protobuf.Root): protobuf.Root {
  const spans = official.lookupType(scopeSpansName).fields.spans;
  if (spans === undefined || !spans.repeated || spans.resolvedType?.fullName !== `.${tracePackage}.Span`)
    throw new Error('The OTLP definitions have no ScopeSpans.spans of type Span; the lazy view cannot be derived.');
  const view = protobuf.Root.fromJSON(official.toJSON());
  const scopeSpans = view.lookupType(scopeSpansName);
  scopeSpans.remove(scopeSpans.fields.spans!);
  scopeSpans.add(new protobuf.Field('spans', spans.id, 'bytes', 'repeated'));
  view.resolveAll();
  return view;
}

const official = loadOfficialRoot();
const lazy = lazySpansView(official);

/** The official message types the server decodes. */
export const otlpTypes = {
  request: official.lookupType(requestName),
  scopeSpans: official.lookupType(scopeSpansName),
  span: official.lookupType(`${tracePackage}.Span`),
  resource: official.lookupType('opentelemetry.proto.resource.v1.Resource'),
  scope: official.lookupType('opentelemetry.proto.common.v1.InstrumentationScope'),
  anyValue: official.lookupType('opentelemetry.proto.common.v1.AnyValue'),
};

/** ExportTraceServiceRequest of the lazy view: everything decoded officially but the spans, kept as bytes. */
export const lazyRequestType = lazy.lookupType(requestName);
/** ScopeSpans of the lazy view (a chunk of stored spans is one). */
export const lazyScopeSpansType = lazy.lookupType(scopeSpansName);

/** The number of ScopeSpans' `spans` field (the official one; the lazy view has the same). */
export const spansFieldNumber = otlpTypes.scopeSpans.fields.spans!.id;

/**
 * `toObject` options giving what @grpc/proto-loader gives the OTLP/JSON decoder (ingest/otlp-proto.ts):
 * OTLP/JSON camelCase names, 64-bit integers as exact decimal strings, bytes as base64, enums as
 * numbers, fields left at their default omitted.
 */
export const otlpObjectOptions: protobuf.IConversionOptions = { longs: String, enums: Number, bytes: String, defaults: false, oneofs: false };

/** The decoded form of the lazy view's messages (protobufjs message objects). */
export interface LazyRequest {
  readonly resourceSpans?: readonly LazyResourceSpans[];
}
export interface LazyResourceSpans {
  readonly resource?: protobuf.Message | null;
  readonly scopeSpans?: readonly LazyScopeSpans[];
}
export interface LazyScopeSpans {
  readonly scope?: protobuf.Message | null;
  readonly spans?: readonly Buffer[];
}

/** A 64-bit integer as protobufjs' decode gives it (a Long, or a number without the Long library) as an exact bigint. */
export function bigintOfLong(value: number | protobuf.Long | null | undefined, unsigned: boolean): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'number') return BigInt(value);
  const bits = (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
  return unsigned ? bits : BigInt.asIntN(64, bits);
}
