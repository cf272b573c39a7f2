/**
 * What a span changed in the workflow state: its transitions in every store, each with one line per
 * changed path (`/counter 4 → 5`, `/draft added`, `/tmp removed`). Values are read from the replayed
 * timeline before and after the transition (stateAt), so the line shows the real values, not the
 * patch's; a transition that was not replayed keeps its paths with unknown values.
 */
import type { JunjoFound } from './analyze-junjo.ts';
import { getAtPointer, jsonEqual, parsePointer, type JsonValue } from './json-value.ts';
import type { StoreTimeline } from './state-replay.ts';
import { stateAt } from './state-timeline.ts';

export type PathChange =
  | { readonly path: string; readonly kind: 'changed'; readonly before: JsonValue; readonly after: JsonValue }
  | { readonly path: string; readonly kind: 'added'; readonly after: JsonValue }
  | { readonly path: string; readonly kind: 'removed'; readonly before: JsonValue }
  | { readonly path: string; readonly kind: 'unchanged' }
  /** Not replayed (the replay stopped before it) or a path the states cannot answer. */
  | { readonly path: string; readonly kind: 'unknown' };

export interface SpanTransition {
  readonly storeId: string;
  readonly storeName: string | null;
  /** 0-based index into the store's transitions (the URL's `tx`). */
  readonly tx: number;
  readonly step: number;
  readonly action: string | null;
  readonly changes: readonly PathChange[];
}

/** The transitions a span made (span index equal), in store order then step order; at most `limit`. */
export function spanTransitions(analysis: Pick<JunjoFound, 'stores'>, spanIndex: number, limit = 50): SpanTransition[] {
  const out: SpanTransition[] = [];
  for (const timeline of analysis.stores) {
    timeline.transitions.forEach((t, tx) => {
      if (t.spanIndex !== spanIndex || out.length >= limit) return;
      out.push({ storeId: timeline.storeId, storeName: timeline.storeName, tx, step: t.step, action: t.action, changes: pathChanges(timeline, tx) });
    });
  }
  return out;
}

function pathChanges(timeline: StoreTimeline, tx: number): PathChange[] {
  const t = timeline.transitions[tx]!;
  const paths = [...new Set(t.paths.map((path) => path.replace(/\/-$/, '')))];
  if (t.step > timeline.appliedCount) return paths.map((path) => ({ path, kind: 'unknown' }));
  let before: JsonValue | undefined;
  let after: JsonValue | undefined;
  try {
    before = stateAt(timeline, t.step - 1);
    after = stateAt(timeline, t.step);
  } catch {
    return paths.map((path) => ({ path, kind: 'unknown' }));
  }
  if (before === undefined || after === undefined) return paths.map((path) => ({ path, kind: 'unknown' }));
  return paths.map((path): PathChange => {
    const tokens = parsePointer(path);
    if (!tokens) return { path, kind: 'unknown' };
    const b = getAtPointer(before, tokens);
    const a = getAtPointer(after, tokens);
    if (b.found && a.found) return jsonEqual(b.value, a.value) ? { path, kind: 'unchanged' } : { path, kind: 'changed', before: b.value, after: a.value };
    if (a.found) return { path, kind: 'added', after: a.value };
    if (b.found) return { path, kind: 'removed', before: b.value };
    return { path, kind: 'unknown' };
  });
}

/** A value in a few characters for one line: JSON, cut with an ellipsis. */
export function shortJson(value: JsonValue, max = 40): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
