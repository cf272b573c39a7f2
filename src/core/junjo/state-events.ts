/**
 * Collects `set_state` events per store (formats.md §2): grouped by `junjo.store.id`, never by span
 * (a subflow span carries events of two stores). Events without a store id (G0) are grouped by their
 * workflow span. Every W/S span contributes its store even when it has no events.
 */
import { numberAttr, stringAttr } from '../model/attributes.ts';
import type { Span } from '../model/span.ts';
import type { EpochNs } from '../model/time.ts';
import type { Trace } from '../model/trace.ts';
import { E } from './junjo-attrs.ts';
import type { WorkflowRun } from './workflow-runs.ts';

export interface StateEventRef {
  readonly spanIndex: number;
  readonly eventIndex: number;
  /** Position among all set_state events in document order: spans in input order, then their events. */
  readonly docOrder: number;
  readonly storeName: string | null;
  readonly action: string | null;
  readonly patchText: string | undefined;
  /** `junjo.state_json_patch.mode`; absent before G3 (read as full). */
  readonly patchMode: string;
  readonly sequence: number | null;
  readonly revisionBefore: number | null;
  readonly revisionAfter: number | null;
  readonly time: number;
  readonly timeNs: EpochNs;
  /** G0 `junjo.node.id`. */
  readonly nodeId: string | null;
}

export interface StoreSource {
  /** The store id, or `workflow-span:<index>` for a G0 workflow without one. */
  readonly storeKey: string;
  readonly hasRealId: boolean;
  /** The run whose W/S span declares this store; null when no span does. */
  readonly ownerRun: number | null;
  readonly events: StateEventRef[];
}

const g0StoreKey = (spanIndex: number): string => `workflow-span:${spanIndex}`;
const storeKeyOfRun = (run: WorkflowRun): string => run.storeId ?? g0StoreKey(run.spanIndex);

export function collectStateEvents(trace: Trace, runs: readonly WorkflowRun[], ownerRun: readonly number[]): StoreSource[] {
  const stores = new Map<string, StoreSource>();
  const runBySpan = new Map(runs.map((run) => [run.spanIndex, run]));
  const storeFor = (key: string, hasRealId: boolean): StoreSource => {
    let store = stores.get(key);
    if (!store) {
      store = { storeKey: key, hasRealId, ownerRun: null, events: [] };
      stores.set(key, store);
    }
    return store;
  };
  for (const run of runs) {
    const store = storeFor(storeKeyOfRun(run), run.storeId !== null);
    if (store.ownerRun === null) stores.set(store.storeKey, { ...store, ownerRun: run.index });
  }
  // Document order: spans as the input listed them (not the tree's pre-order), then events in span order.
  // Only spans with a set_state event are sorted (a fraction of a big trace's spans).
  const inInputOrder = trace.spans.filter((span) => span.events.some((event) => event.name === E.setState)).sort((x, y) => x.inputIndex - y.inputIndex);
  let docOrder = 0;
  for (const span of inInputOrder) {
    span.events.forEach((event, eventIndex) => {
      if (event.name !== E.setState) return;
      const a = event.attributes;
      let key = stringAttr(a, E.storeId);
      const hasRealId = key !== undefined;
      if (key === undefined) {
        const run = runBySpan.get(span.index) ?? runs[ownerRun[span.index] ?? -1];
        key = run ? storeKeyOfRun(run) : `span:${span.index}`;
      }
      storeFor(key, hasRealId).events.push({
        spanIndex: span.index,
        eventIndex,
        docOrder: docOrder++,
        storeName: stringAttr(a, E.storeName) ?? null,
        action: stringAttr(a, E.action) ?? null,
        patchText: stringAttr(a, E.patch),
        patchMode: stringAttr(a, E.patchMode) ?? 'full',
        sequence: numberAttr(a, E.sequence) ?? null,
        revisionBefore: numberAttr(a, E.revisionBefore) ?? null,
        revisionAfter: numberAttr(a, E.revisionAfter) ?? null,
        time: event.time,
        timeNs: event.timeNs,
        nodeId: stringAttr(a, E.nodeId) ?? null,
      });
    });
  }
  return [...stores.values()];
}

/**
 * Replay order: by sequence when every event has one (G3); otherwise by exact event time, ties in
 * document order. Returns whether equal times occurred (the order of those is approximate).
 */
export function orderEvents(events: readonly StateEventRef[]): { ordered: StateEventRef[]; by: 'sequence' | 'time'; ties: boolean } {
  if (events.length > 0 && events.every((event) => event.sequence !== null)) {
    const ordered = [...events].sort((x, y) => (x.sequence as number) - (y.sequence as number) || x.docOrder - y.docOrder);
    return { ordered, by: 'sequence', ties: false };
  }
  const ordered = [...events].sort((x, y) => (x.timeNs < y.timeNs ? -1 : x.timeNs > y.timeNs ? 1 : x.docOrder - y.docOrder));
  const ties = ordered.some((event, i) => i > 0 && ordered[i - 1]?.timeNs === event.timeNs);
  return { ordered, by: 'time', ties };
}

export const droppedOn = (span: Span | undefined): number => span?.droppedEventsCount ?? 0;
