/**
 * Span search for the waterfall ("find in trace").
 *
 * A query is one or more filters on the span itself, all of which must hold:
 * `status=error` (`ok`, `unset`), `kind=client` (any span kind), `duration>100ms` (operators
 * > >= < <= =, units ns µs/us ms s m; a bare number is ms), e.g. `status=error duration>1s`;
 * or free text (the word `error` also finds every span whose status is error), matched case-insensitively as a substring of the span name, the
 * service name, any attribute key or value (span, resource, events) or an event name, and as a
 * prefix of the span id; or `key=value`, which matches an attribute (span or resource) whose key
 * equals `key` and whose value text equals `value`, both ignoring case and surrounding spaces
 * (quotes around the value are dropped). Results are span indexes in ascending order, which is
 * row order because spans are pre-ordered.
 *
 * The lower-case text of each span is built on first search and kept per trace (WeakMap), so
 * typing in the search box scans strings instead of re-walking attributes.
 */
import { formatAttrValue, type Attribute } from '../model/attributes.ts';
import type { Resource, Span, SpanKind, StatusCode } from '../model/span.ts';
import type { Trace } from '../model/trace.ts';

export type SpanFilter =
  | { readonly kind: 'status'; readonly code: StatusCode }
  | { readonly kind: 'span-kind'; readonly spanKind: SpanKind }
  | { readonly kind: 'duration'; readonly op: '>' | '>=' | '<' | '<=' | '='; readonly ns: number };

export type SearchQuery =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'attribute'; readonly key: string; readonly value: string }
  | { readonly kind: 'filters'; readonly filters: readonly SpanFilter[] };

const keyValuePattern = /^\s*([^=\s][^=]*?)\s*=\s*(.*?)\s*$/;
const statusCodes: readonly StatusCode[] = ['unset', 'ok', 'error'];
const spanKinds: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const durationPattern = /^(?:duration|dur)\s*(>=|<=|>|<|=)\s*(\d+(?:\.\d+)?|\.\d+)\s*(ns|µs|us|ms|s|m|min)?$/;
const unitNs: Record<string, number> = { ns: 1, µs: 1e3, us: 1e3, ms: 1e6, s: 1e9, m: 6e10, min: 6e10 };
const errorWords = new Set(['error', 'errors', 'failed', 'failure', 'failures']);

/** One structured filter (`status=error`, `kind=client`, `duration>100ms`), or undefined. */
export function parseSpanFilter(term: string): SpanFilter | undefined {
  const text = term.trim().toLowerCase();
  const duration = durationPattern.exec(text);
  if (duration) {
    const ns = Number(duration[2]) * unitNs[duration[3] ?? 'ms']!;
    return Number.isFinite(ns) ? { kind: 'duration', op: duration[1] as '>', ns } : undefined;
  }
  const match = keyValuePattern.exec(text);
  if (!match) return undefined;
  const value = match[2]!.replace(/^(["'])(.*)\1$/, '$2');
  if (match[1] === 'status' && statusCodes.includes(value as StatusCode)) return { kind: 'status', code: value as StatusCode };
  if (match[1] === 'kind' && spanKinds.includes(value as SpanKind)) return { kind: 'span-kind', spanKind: value as SpanKind };
  return undefined;
}

export function parseSearchQuery(query: string): SearchQuery {
  const text = query.trim().toLowerCase();
  if (text === '') return { kind: 'empty' };
  // Filters may be written with spaces around the operator ("duration > 100ms"): join them first.
  const terms = text.replace(/\s*(>=|<=|>|<|=)\s*/g, '$1').split(/\s+/);
  const filters = terms.map(parseSpanFilter);
  if (filters.every((filter) => filter !== undefined)) return { kind: 'filters', filters: filters as SpanFilter[] };
  const match = keyValuePattern.exec(text);
  if (match) return { kind: 'attribute', key: match[1]!, value: match[2]!.replace(/^(["'])(.*)\1$/, '$2') };
  return { kind: 'text', text };
}

interface Haystacks {
  /** Per span: name, attributes, events, joined by newlines, lower case. */
  readonly spans: string[];
  /** Per shared resource: service name and attributes, lower case. */
  readonly resources: Map<Resource, string>;
}

const cache = new WeakMap<Trace, Haystacks>();

function haystacksOf(trace: Trace): Haystacks {
  let haystacks = cache.get(trace);
  if (haystacks) return haystacks;
  const resources = new Map<Resource, string>();
  const spans = trace.spans.map((span) => {
    if (!resources.has(span.resource))
      resources.set(span.resource, `${span.resource.serviceName}\n${attributesText(span.resource.attributes)}`.toLowerCase());
    let text = `${span.name}\n${attributesText(span.attributes)}`;
    for (const event of span.events) text += `\n${event.name}\n${attributesText(event.attributes)}`;
    return text.toLowerCase();
  });
  haystacks = { spans, resources };
  cache.set(trace, haystacks);
  return haystacks;
}

function attributesText(attributes: readonly Attribute[]): string {
  let text = '';
  for (const attribute of attributes) text += `${attribute.key}\n${formatAttrValue(attribute.value)}\n`;
  return text;
}

/** Indexes of the spans matching `query`, ascending. An empty query matches nothing. */
export function searchTrace(trace: Trace, query: string): number[] {
  const parsed = parseSearchQuery(query);
  const matches: number[] = [];
  if (parsed.kind === 'empty') return matches;
  if (parsed.kind === 'filters') {
    for (const span of trace.spans) if (parsed.filters.every((filter) => passes(span, filter))) matches.push(span.index);
    return matches;
  }
  if (parsed.kind === 'attribute') {
    for (const span of trace.spans)
      if (hasAttribute(span.attributes, parsed.key, parsed.value) || hasAttribute(span.resource.attributes, parsed.key, parsed.value))
        matches.push(span.index);
    return matches;
  }
  const { spans, resources } = haystacksOf(trace);
  const needle = parsed.text;
  const errorWord = errorWords.has(needle);
  const resourceMatches = new Map<Resource, boolean>();
  for (const span of trace.spans) {
    let hit = resourceMatches.get(span.resource);
    if (hit === undefined) {
      hit = resources.get(span.resource)!.includes(needle);
      resourceMatches.set(span.resource, hit);
    }
    if (hit || spans[span.index]!.includes(needle) || span.spanId.startsWith(needle) || (errorWord && span.status.code === 'error')) matches.push(span.index);
  }
  return matches;
}

function hasAttribute(attributes: readonly Attribute[], key: string, value: string): boolean {
  for (const attribute of attributes)
    if (attribute.key.toLowerCase() === key && formatAttrValue(attribute.value).trim().toLowerCase() === value) return true;
  return false;
}

function passes(span: Span, filter: SpanFilter): boolean {
  switch (filter.kind) {
    case 'status':
      return span.status.code === filter.code;
    case 'span-kind':
      return span.kind === filter.spanKind;
    case 'duration': {
      const d = Math.max(0, span.end - span.start);
      switch (filter.op) {
        case '>': return d > filter.ns;
        case '>=': return d >= filter.ns;
        case '<': return d < filter.ns;
        case '<=': return d <= filter.ns;
        case '=': return d === filter.ns;
      }
    }
  }
}
