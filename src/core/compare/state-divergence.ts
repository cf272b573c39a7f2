/**
 * Where two runs' states part ways (issue 12 §2): both stores are replayed side by side, transition
 * by transition, and the first step after which the states differ is named with the node that made
 * it ("the runs first differ after ReviewNode, at /score"). Also the end states, for a diff.
 */
import type { JunjoFound } from '../junjo/analyze-junjo.ts';
import { applyPatchInPlace } from '../junjo/json-patch.ts';
import { firstDifference, type JsonValue } from '../junjo/json-value.ts';
import type { StateTransition, StoreTimeline } from '../junjo/state-replay.ts';
import { stateAt } from '../junjo/state-timeline.ts';
import { diffLeaves, type LeafDiff } from './state-leaf-diff.ts';

export interface StoreSide {
  readonly analysis: JunjoFound;
  readonly runIndex: number;
}

export interface Divergence {
  /** 1-based transition after which the states first differ; 0 when the start states already differ. */
  readonly step: number;
  /** Where in the state (JSON pointer, '' for the whole state). */
  readonly pointer: string;
  /** Who made transition `step` in each run (node label or span name), when step > 0. */
  readonly byA: string | null;
  readonly byB: string | null;
  /** The last transition both runs made alike (its node), when step > 1. */
  readonly after: string | null;
  /** A sentence for a person. */
  readonly message: string;
}

export type StateComparison =
  | { readonly kind: 'unavailable'; readonly reason: string }
  | {
      readonly kind: 'compared';
      readonly stepsA: number;
      readonly stepsB: number;
      readonly endA: JsonValue;
      readonly endB: JsonValue;
      readonly endDiff: LeafDiff;
      /** Null when every transition left both runs in the same state and they made as many. */
      readonly divergence: Divergence | null;
      /** Either replay stopped early: the comparison covers the replayed part only. */
      readonly partial: boolean;
    };

export function storeOfRun(side: StoreSide): StoreTimeline | string {
  const run = side.analysis.runs[side.runIndex];
  if (!run) return 'the run is not in the trace';
  if (run.storeId === null) return `"${run.name}" names no store`;
  const store = side.analysis.stores.find((timeline) => timeline.storeId === run.storeId);
  if (!store) return `no state events for store ${run.storeId}`;
  if (store.checkpoints.length === 0) return `the state of store ${run.storeId} could not be replayed`;
  return store;
}

const who = (t: StateTransition | undefined): string | null => (t ? (t.node?.label ?? t.spanName) : null);

export function compareStates(sideA: StoreSide, sideB: StoreSide): StateComparison {
  const a = storeOfRun(sideA);
  const b = storeOfRun(sideB);
  if (typeof a === 'string' || typeof b === 'string') {
    const reason = [typeof a === 'string' ? `A: ${a}` : '', typeof b === 'string' ? `B: ${b}` : ''].filter(Boolean).join('; ');
    return { kind: 'unavailable', reason };
  }
  const endA = stateAt(a, a.appliedCount) as JsonValue;
  const endB = stateAt(b, b.appliedCount) as JsonValue;
  return {
    kind: 'compared',
    stepsA: a.appliedCount,
    stepsB: b.appliedCount,
    endA,
    endB,
    endDiff: diffLeaves(endA, endB),
    divergence: findDivergence(a, b),
    partial: a.status !== 'complete' || b.status !== 'complete',
  };
}

function findDivergence(a: StoreTimeline, b: StoreTimeline): Divergence | null {
  let docA = stateAt(a, 0) as JsonValue;
  let docB = stateAt(b, 0) as JsonValue;
  const start = firstDifference(docA, docB);
  if (start !== undefined) return { step: 0, pointer: start, byA: null, byB: null, after: null, message: `The runs differ from the start state, at ${start || '/'}.` };
  const shared = Math.min(a.appliedCount, b.appliedCount);
  for (let step = 1; step <= shared; step++) {
    const ta = a.transitions[step - 1] as StateTransition;
    const tb = b.transitions[step - 1] as StateTransition;
    const nextA = applyPatchInPlace(docA, ta.ops);
    const nextB = applyPatchInPlace(docB, tb.ops);
    if (!nextA.ok || !nextB.ok) return null;
    docA = nextA.doc;
    docB = nextB.doc;
    const pointer = firstDifference(docA, docB);
    if (pointer === undefined) continue;
    const after = step > 1 ? who(a.transitions[step - 2]) : null;
    const byA = who(ta);
    const byB = who(tb);
    const place = pointer || '/';
    const by = byA === byB ? `${byA ?? 'a transition'}` : `${byA ?? '?'} in A, ${byB ?? '?'} in B`;
    const message = after !== null
      ? `The runs first differ after ${after}, at ${place} (transition ${step}, by ${by}).`
      : `The runs first differ at transition 1, at ${place} (by ${by}).`;
    return { step, pointer, byA, byB, after, message };
  }
  if (a.appliedCount === b.appliedCount) return null;
  const longer = a.appliedCount > b.appliedCount ? a : b;
  const extra = longer.transitions[shared];
  const side = longer === a ? 'A' : 'B';
  const pointer = extra?.paths[0] ?? '';
  return {
    step: shared + 1,
    pointer,
    byA: side === 'A' ? who(extra) : null,
    byB: side === 'B' ? who(extra) : null,
    after: shared > 0 ? who(a.transitions[shared - 1]) : null,
    message: `The states agree for ${shared} transition(s); then ${side} makes ${Math.abs(a.appliedCount - b.appliedCount)} more, first by ${who(extra) ?? '?'}${pointer ? ` at ${pointer}` : ''}.`,
  };
}
