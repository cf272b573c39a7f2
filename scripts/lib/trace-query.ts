import fastJsonPatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { anyValueToJs, attrMap, flattenSpans, type OtlpSpan, type OtlpTracesData } from './otlp-json.ts';

/**
 * Read-side helpers for tests: a flat view of generated spans with plain attribute values, and
 * an independent state replay following formats.md §2 (group set_state events by store id over
 * the whole trace; order G3 by sequence, G1 by time with ties in document order).
 */
export interface SpanView {
  span: OtlpSpan;
  service: string;
  scope: string;
  attrs: Map<string, unknown>;
  start: bigint;
  end: bigint;
}

export function spanViews(data: OtlpTracesData): SpanView[] {
  return flattenSpans(data).map(({ span, resource, scope }) => ({
    span,
    service: String(anyValueToJs(attrMap(resource.resource?.attributes).get('service.name') ?? {})),
    scope: scope.scope?.name ?? '',
    attrs: new Map([...attrMap(span.attributes)].map(([k, v]) => [k, anyValueToJs(v)])),
    start: BigInt(span.startTimeUnixNano),
    end: BigInt(span.endTimeUnixNano),
  }));
}

export interface StateEventView {
  span: OtlpSpan;
  time: bigint;
  attrs: Map<string, unknown>;
  order: number;
}

export function stateEvents(views: SpanView[], storeId: string): StateEventView[] {
  const out: StateEventView[] = [];
  for (const view of views) {
    for (const event of view.span.events ?? []) {
      if (event.name !== 'set_state') continue;
      const attrs = new Map([...attrMap(event.attributes)].map(([k, v]) => [k, anyValueToJs(v)]));
      if (attrs.get('junjo.store.id') === storeId) out.push({ span: view.span, time: BigInt(event.timeUnixNano), attrs, order: out.length });
    }
  }
  return out;
}

/** Replays a W/S span's store from `state.start`; returns the result and the events used. */
export function replayStore(views: SpanView[], workflow: SpanView): { state: unknown; events: StateEventView[] } {
  const storeId = String(workflow.attrs.get('junjo.workflow.store.id'));
  const events = stateEvents(views, storeId);
  const bySequence = events.every((e) => e.attrs.has('junjo.store.transition.sequence'));
  events.sort((a, b) =>
    bySequence
      ? Number(a.attrs.get('junjo.store.transition.sequence')) - Number(b.attrs.get('junjo.store.transition.sequence'))
      : a.time < b.time ? -1 : a.time > b.time ? 1 : a.order - b.order,
  );
  let state: unknown = JSON.parse(String(workflow.attrs.get('junjo.workflow.state.start')));
  for (const event of events) {
    const raw = JSON.parse(String(event.attrs.get('junjo.state_json_patch'))) as unknown;
    const ops = Array.isArray(raw) ? (raw as Operation[]) : []; // "{}" is a G0–G2 no-op
    state = fastJsonPatch.applyPatch(state, ops, true, false).newDocument;
  }
  return { state, events };
}
