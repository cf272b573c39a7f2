/**
 * The subset of OTLP/JSON (TracesData) that the generators write and the tests read.
 * int64 fields may be strings or numbers: the SDK serializer writes `intValue` as a number,
 * the big-trace generator writes it as a string (as the Collector does).
 */
export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
  bytesValue?: string;
}

export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

export interface OtlpEvent {
  name: string;
  timeUnixNano: string;
  attributes?: OtlpKeyValue[];
  droppedAttributesCount?: number;
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: OtlpKeyValue[];
  events?: OtlpEvent[];
  links?: unknown[];
  status?: { code?: number; message?: string };
  droppedAttributesCount?: number;
  droppedEventsCount?: number;
  droppedLinksCount?: number;
  flags?: number;
}

export interface OtlpScopeSpans {
  scope?: { name: string; version?: string };
  spans: OtlpSpan[];
  schemaUrl?: string;
}

export interface OtlpResourceSpans {
  resource?: { attributes?: OtlpKeyValue[]; droppedAttributesCount?: number };
  scopeSpans: OtlpScopeSpans[];
  schemaUrl?: string;
}

export interface OtlpTracesData {
  resourceSpans: OtlpResourceSpans[];
}

/** Every span of a TracesData with its resource and scope. */
export function flattenSpans(data: OtlpTracesData): Array<{ span: OtlpSpan; resource: OtlpResourceSpans; scope: OtlpScopeSpans }> {
  const out: Array<{ span: OtlpSpan; resource: OtlpResourceSpans; scope: OtlpScopeSpans }> = [];
  for (const resource of data.resourceSpans) {
    for (const scope of resource.scopeSpans) for (const span of scope.spans) out.push({ span, resource, scope });
  }
  return out;
}

/** A plain JS value of an attribute (ints as numbers, arrays as arrays). */
export function anyValueToJs(value: OtlpAnyValue): unknown {
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return value.doubleValue;
  if ('arrayValue' in value) return (value.arrayValue?.values ?? []).map(anyValueToJs);
  return undefined;
}

export function attrMap(attributes: OtlpKeyValue[] | undefined): Map<string, OtlpAnyValue> {
  return new Map((attributes ?? []).map((kv) => [kv.key, kv.value]));
}
