/**
 * Reading a replayed store timeline (plain data, usable after a worker posts it):
 * - `stateAt(timeline, step)`: a fresh copy of the state after `step` transitions (0 = start), from the
 *   nearest checkpoint at or before it plus at most checkpointEvery - 1 patches. The caller owns it.
 * - `keyHistory(timeline, pointer)`: every replayed transition that touched that path, an ancestor or a
 *   descendant of it, with the value at the path before and after.
 */
import { applyPatchInPlace } from './json-patch.ts';
import { cloneJson, getAtPointer, parsePointer, pointersOverlap, type JsonValue } from './json-value.ts';
import type { StateTransition, StoreTimeline, TransitionNode } from './state-replay.ts';

/** Undefined when the store could not be replayed at all. Steps are clamped to 0..appliedCount. */
export function stateAt(timeline: StoreTimeline, step: number): JsonValue | undefined {
  if (timeline.checkpoints.length === 0) return undefined;
  const target = Math.max(0, Math.min(Math.floor(step), timeline.appliedCount));
  const slot = Math.min(Math.floor(target / timeline.checkpointEvery), timeline.checkpoints.length - 1);
  let doc = JSON.parse(timeline.checkpoints[slot] as string) as JsonValue;
  for (let i = slot * timeline.checkpointEvery; i < target; i++) {
    const result = applyPatchInPlace(doc, (timeline.transitions[i] as StateTransition).ops);
    if (!result.ok) throw new Error(`Replayed transition ${i + 1} no longer applies: ${result.message}`);
    doc = result.doc;
  }
  return doc;
}

export type KeyValue = { readonly exists: true; readonly value: JsonValue } | { readonly exists: false };

export interface KeyChange {
  readonly step: number;
  readonly action: string | null;
  readonly spanIndex: number;
  readonly node: TransitionNode | null;
  readonly time: number;
  readonly before: KeyValue;
  readonly after: KeyValue;
  /** False when the transition touched the path's neighbourhood but left its value equal. */
  readonly changed: boolean;
}

function read(doc: JsonValue, tokens: readonly string[]): KeyValue {
  const found = getAtPointer(doc, tokens);
  return found.found ? { exists: true, value: cloneJson(found.value) } : { exists: false };
}

const same = (a: KeyValue, b: KeyValue): boolean =>
  a.exists === b.exists && (!a.exists || (b.exists && JSON.stringify(a.value) === JSON.stringify(b.value)));

export function keyHistory(timeline: StoreTimeline, pointer: string): KeyChange[] {
  const tokens = parsePointer(pointer);
  if (!tokens || timeline.checkpoints.length === 0) return [];
  let doc = JSON.parse(timeline.checkpoints[0] as string) as JsonValue;
  const changes: KeyChange[] = [];
  for (let i = 0; i < timeline.appliedCount; i++) {
    const t = timeline.transitions[i] as StateTransition;
    const relevant = t.paths.some((path) => pointersOverlap(path, pointer));
    const before = relevant ? read(doc, tokens) : undefined;
    const result = applyPatchInPlace(doc, t.ops);
    if (!result.ok) break;
    doc = result.doc;
    if (before) {
      const after = read(doc, tokens);
      changes.push({ step: t.step, action: t.action, spanIndex: t.spanIndex, node: t.node, time: t.time, before, after, changed: !same(before, after) });
    }
  }
  return changes;
}
