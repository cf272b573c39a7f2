/**
 * Page side of packed-traces.ts: columns → the `Trace`/`Span` shapes the views read.
 *
 * Each distinct attribute is rebuilt once and shared by every span that had it in the worker;
 * spans without attributes share one frozen empty list. `Trace.children` is rebuilt from `parent`.
 */
import type { Attribute, AttrValue } from '../../core/model/attributes.ts';
import type { Resource, Scope, Span, SpanEvent, SpanLink, SpanStatus } from '../../core/model/span.ts';
import type { Trace } from '../../core/model/trace.ts';
import { childrenFromParents } from '../../core/trace/span-tree.ts';
import type { LoadedTrace } from './load-protocol.ts';
import { kinds, T_BOOL, T_DOUBLE, T_INT, T_STRING, type PackedSpans, type PackedTrace } from './packed-traces.ts';

const noAttributes: readonly Attribute[] = Object.freeze([]);

/** Rebuilds the traces on the page, with the shapes the views read. */
export function unpackTraces(packed: readonly PackedTrace[]): LoadedTrace[] {
  return packed.map((p) => {
    const trace: Trace = {
      traceId: p.traceId,
      startNs: p.startNs,
      duration: p.duration,
      spans: unpackSpans(p.spans, p.parent),
      parent: p.parent,
      depth: p.depth,
      descendants: p.descendants,
      children: childrenFromParents(p.parent),
      roots: p.roots,
      issues: p.issues,
      services: p.services,
    };
    return { trace, junjo: p.junjo };
  });
}

function unpackSpans(packed: PackedSpans, parentIndex: Int32Array): Span[] {
  const { count: n, strings, objects } = packed;
  const attributes = unpackAttributes(packed);
  const { attrStart, attrList, dropped } = packed;
  const spans = new Array<Span>(n);
  for (let i = 0; i < n; i++) {
    const from = attrStart[i]!;
    const to = attrStart[i + 1]!;
    let list: readonly Attribute[] = noAttributes;
    if (to > from) {
      const own = new Array<Attribute>(to - from);
      for (let j = from; j < to; j++) own[j - from] = attributes[attrList[j]!]!;
      list = own;
    }
    const parentId = packed.parentSpanId[i]!;
    const spanId = packed.spanId[i]!;
    // Field by field in the order core/trace/to-span.ts uses, so page and worker spans share one shape.
    spans[i] = {
      traceId: strings[packed.traceId[i]!]!,
      spanId,
      parentSpanId: parentId === -1 ? null : parentId === -2 ? spans[parentIndex[i]!]!.spanId : strings[parentId]!,
      name: strings[packed.name[i]!]!,
      kind: kinds[packed.kind[i]!]!,
      attributes: list,
      links: objects[packed.links[i]!] as readonly SpanLink[],
      status: objects[packed.status[i]!] as SpanStatus,
      resource: objects[packed.resource[i]!] as Resource,
      scope: objects[packed.scope[i]!] as Scope,
      traceState: strings[packed.traceState[i]!]!,
      droppedAttributesCount: dropped[3 * i]!,
      droppedEventsCount: dropped[3 * i + 1]!,
      droppedLinksCount: dropped[3 * i + 2]!,
      index: i,
      inputIndex: packed.inputIndex[i]!,
      start: packed.start[i]!,
      end: packed.end[i]!,
      events: objects[packed.events[i]!] as readonly SpanEvent[],
    };
  }
  return spans;
}

function unpackAttributes(packed: PackedSpans): Attribute[] {
  const { strings, objects, attrKey, attrType, attrNumber, attrInt } = packed;
  const m = attrKey.length;
  const out = new Array<Attribute>(m);
  for (let k = 0; k < m; k++) {
    let value: AttrValue;
    switch (attrType[k]) {
      case T_STRING:
        value = { type: 'string', value: strings[attrNumber[k]!]! };
        break;
      case T_BOOL:
        value = { type: 'bool', value: attrNumber[k] === 1 };
        break;
      case T_DOUBLE:
        value = { type: 'double', value: attrNumber[k]! };
        break;
      case T_INT:
        value = { type: 'int', value: attrInt[k]! };
        break;
      default:
        value = objects[attrNumber[k]!] as AttrValue;
    }
    out[k] = { key: strings[attrKey[k]!]!, value };
  }
  return out;
}
