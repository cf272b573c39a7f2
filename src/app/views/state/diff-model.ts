/**
 * State diffs for people: jsondiffpatch computes the delta, `buildDiffModel` turns it into a plain tree
 * that React renders as text (no HTML strings). Array items match by an `id`/`key`/`name` field, else
 * by their JSON text (so unchanged items are recognised even though before and after are separate
 * copies); moves are detected. Pointers: added, changed and nested entries point into the new value,
 * removed entries and move sources into the old one.
 */
import { create, type Delta } from 'jsondiffpatch';
import { getAtPointer, parsePointer, type JsonValue } from '../../../core/junjo/json-value.ts';
import { childPointer, coveringPointers } from './json-pointer.ts';

export type DiffNode =
  | { readonly kind: 'added'; readonly key: string; readonly pointer: string; readonly value: unknown }
  | { readonly kind: 'removed'; readonly key: string; readonly pointer: string; readonly value: unknown }
  | { readonly kind: 'changed'; readonly key: string; readonly pointer: string; readonly before: unknown; readonly after: unknown }
  | { readonly kind: 'moved'; readonly key: string; readonly pointer: string; readonly from: number; readonly to: number; readonly value: unknown }
  | { readonly kind: 'nested'; readonly key: string; readonly pointer: string; readonly container: 'object' | 'array'; readonly children: readonly DiffNode[]; readonly unchanged: number };

function itemHash(item: object): string {
  const record = item as Record<string, unknown>;
  for (const field of ['id', 'key', 'name']) {
    const value = record[field];
    if (typeof value === 'string' || typeof value === 'number') return `${field}:${value}`;
  }
  return JSON.stringify(item);
}

const differ = create({ objectHash: itemHash, arrays: { detectMove: true, includeValueOnMove: false } });

const computeDelta = (before: unknown, after: unknown): Delta => differ.diff(before, after);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Builds the node for `delta` at `key`/`pointer`; `after` is the new value there (for unchanged counts and moves). */
function buildDiffModel(delta: Delta, after: unknown, key = '', pointer = ''): DiffNode | null {
  if (delta === undefined) return null;
  if (Array.isArray(delta)) {
    if (delta.length === 1) return { kind: 'added', key, pointer, value: delta[0] };
    if (delta.length === 2) return { kind: 'changed', key, pointer, before: delta[0], after: delta[1] };
    if (delta[2] === 0) return { kind: 'removed', key, pointer, value: delta[0] };
    // Text diffs (code 2) are not enabled; a move (code 3) only appears inside an array delta.
    return { kind: 'changed', key, pointer, before: '(text diff)', after };
  }
  if ((delta as { _t?: unknown })._t === 'a') return arrayNode(delta as Record<string, Delta>, after, key, pointer);
  const record = isPlainObject(after) ? after : {};
  const children: DiffNode[] = [];
  const entries = Object.entries(delta as Record<string, Delta>);
  // Keys in the new value's order first, then removed keys.
  const order = new Map(Object.keys(record).map((k, i) => [k, i]));
  entries.sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
  for (const [childKey, childDelta] of entries) {
    const node = buildDiffModel(childDelta, record[childKey], childKey, childPointer(pointer, childKey));
    if (node) children.push(node);
  }
  return { kind: 'nested', key, pointer, container: 'object', children, unchanged: Object.keys(record).length - entries.filter(([k]) => order.has(k)).length };
}

function arrayNode(delta: Record<string, Delta>, after: unknown, key: string, pointer: string): DiffNode {
  const list = Array.isArray(after) ? after : [];
  const children: { index: number; node: DiffNode }[] = [];
  const touched = new Set<number>();
  for (const [rawKey, itemDelta] of Object.entries(delta)) {
    if (rawKey === '_t') continue;
    if (rawKey.startsWith('_')) {
      const from = Number(rawKey.slice(1));
      const d = itemDelta as unknown[];
      if (d[2] === 3) {
        const to = d[1] as number;
        touched.add(to);
        children.push({ index: to, node: { kind: 'moved', key: `[${from}] → [${to}]`, pointer: childPointer(pointer, to), from, to, value: list[to] } });
      } else children.push({ index: from - 0.5, node: { kind: 'removed', key: `[${from}]`, pointer: childPointer(pointer, from), value: d[0] } });
      continue;
    }
    const index = Number(rawKey);
    touched.add(index);
    const node = buildDiffModel(itemDelta, list[index], `[${index}]`, childPointer(pointer, index));
    if (node) children.push({ index, node });
  }
  children.sort((a, b) => a.index - b.index);
  return { kind: 'nested', key, pointer, container: 'array', children: children.map((c) => c.node), unchanged: list.length - touched.size };
}

/** Number of leaf changes (added, removed, changed, moved) in a model. */
export function countChanges(node: DiffNode | null): number {
  if (!node) return 0;
  if (node.kind !== 'nested') return 1;
  return node.children.reduce((sum, child) => sum + countChanges(child), 0);
}

/** Diff of two whole states. */
export function diffStates(before: JsonValue, after: JsonValue): DiffNode | null {
  return buildDiffModel(computeDelta(before, after), after);
}

/**
 * Diff of one transition, restricted to the subtrees its patch touched (fast on a large state): one
 * entry per covering pointer, each a model rooted at that pointer.
 */
export function diffTouched(before: JsonValue, after: JsonValue, paths: readonly string[]): { pointer: string; node: DiffNode }[] {
  const at = (doc: JsonValue, pointer: string): unknown => {
    const tokens = parsePointer(pointer);
    if (!tokens) return undefined;
    const found = getAtPointer(doc, tokens);
    return found.found ? found.value : undefined;
  };
  const isArray = (pointer: string) => Array.isArray(at(before, pointer)) || Array.isArray(at(after, pointer));
  const out: { pointer: string; node: DiffNode }[] = [];
  for (const pointer of coveringPointers(paths, isArray)) {
    const a = at(before, pointer);
    const b = at(after, pointer);
    const label = pointer === '' ? '' : pointer;
    const node = a === undefined && b === undefined ? null
      : a === undefined ? { kind: 'added' as const, key: label, pointer, value: b }
      : b === undefined ? { kind: 'removed' as const, key: label, pointer, value: a }
      : buildDiffModel(computeDelta(a, b), b, label, pointer);
    if (node) out.push({ pointer, node });
  }
  return out;
}
