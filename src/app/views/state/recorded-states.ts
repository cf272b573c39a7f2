/**
 * The start and end states as recorded on the store's W/S span (`junjo.workflow.state.start`/`.end`):
 * exact even when the replay between them stopped. Parsed once per timeline.
 */
import { stringAttr } from '../../../core/model/attributes.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { parseJsonAttr } from '../../../core/junjo/json-attr.ts';
import { K } from '../../../core/junjo/junjo-attrs.ts';
import type { JsonValue } from '../../../core/junjo/json-value.ts';
import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';

export type RecordedState =
  | { readonly kind: 'ok'; readonly value: JsonValue }
  | { readonly kind: 'absent'; readonly message: string }
  | { readonly kind: 'not-full'; readonly mode: string; readonly message: string }
  | { readonly kind: 'unreadable'; readonly message: string; readonly raw: string };

const cache = new WeakMap<StoreTimeline, { start?: RecordedState; end?: RecordedState }>();

export function recordedState(trace: Trace, timeline: StoreTimeline, which: 'start' | 'end'): RecordedState {
  const entry = cache.get(timeline) ?? {};
  cache.set(timeline, entry);
  const hit = entry[which];
  if (hit) return hit;
  const result = readState(trace, timeline, which);
  entry[which] = result;
  return result;
}

function readState(trace: Trace, timeline: StoreTimeline, which: 'start' | 'end'): RecordedState {
  const owner = timeline.ownerSpanIndex !== null ? trace.spans[timeline.ownerSpanIndex] : undefined;
  if (!owner) return { kind: 'absent', message: `No workflow or subflow span declares store ${timeline.storeId}.` };
  const key = which === 'start' ? K.stateStart : K.stateEnd;
  const text = stringAttr(owner.attributes, key);
  if (text === undefined) return { kind: 'absent', message: `"${owner.name}" has no ${key}.` };
  const mode = stringAttr(owner.attributes, `${key}.mode`) ?? 'full';
  if (mode !== 'full') return { kind: 'not-full', mode, message: `The ${which} state was recorded as "${mode}", not in full.` };
  const parsed = parseJsonAttr(text);
  if (!parsed.ok) return { kind: 'unreadable', message: parsed.error.message, raw: parsed.error.raw };
  return { kind: 'ok', value: parsed.value as JsonValue };
}
