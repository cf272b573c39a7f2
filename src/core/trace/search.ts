/**
 * Span search for the waterfall ("find in trace").
 *
 * A query is either free text, matched case-insensitively as a substring of the span name, the
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
import type { Resource } from '../model/span.ts';
import type { Trace } from '../model/trace.ts';

export type SearchQuery =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'attribute'; readonly key: string; readonly value: string };

const keyValuePattern = /^\s*([^=\s][^=]*?)\s*=\s*(.*?)\s*$/;

export function parseSearchQuery(query: string): SearchQuery {
  const text = query.trim().toLowerCase();
  if (text === '') return { kind: 'empty' };
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
  if (parsed.kind === 'attribute') {
    for (const span of trace.spans)
      if (hasAttribute(span.attributes, parsed.key, parsed.value) || hasAttribute(span.resource.attributes, parsed.key, parsed.value))
        matches.push(span.index);
    return matches;
  }
  const { spans, resources } = haystacksOf(trace);
  const needle = parsed.text;
  const resourceMatches = new Map<Resource, boolean>();
  for (const span of trace.spans) {
    let hit = resourceMatches.get(span.resource);
    if (hit === undefined) {
      hit = resources.get(span.resource)!.includes(needle);
      resourceMatches.set(span.resource, hit);
    }
    if (hit || spans[span.index]!.includes(needle) || span.spanId.startsWith(needle)) matches.push(span.index);
  }
  return matches;
}

function hasAttribute(attributes: readonly Attribute[], key: string, value: string): boolean {
  for (const attribute of attributes)
    if (attribute.key.toLowerCase() === key && formatAttrValue(attribute.value).trim().toLowerCase() === value) return true;
  return false;
}
