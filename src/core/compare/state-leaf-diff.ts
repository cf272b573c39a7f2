/**
 * The differences between two JSON states as a flat list of changed places (JSON pointers), for a
 * side-by-side "end state A vs B". Objects are compared key by key and arrays index by index; a value
 * of another type (or an array of another length, past the shorter one) is one change. At most
 * `limit` changes are listed; `truncated` says more were left out.
 */
import { formatPointer, isJsonObject, jsonEqual, type JsonValue } from '../junjo/json-value.ts';

export type LeafChange =
  | { readonly kind: 'added'; readonly pointer: string; readonly after: JsonValue }
  | { readonly kind: 'removed'; readonly pointer: string; readonly before: JsonValue }
  | { readonly kind: 'changed'; readonly pointer: string; readonly before: JsonValue; readonly after: JsonValue };

export interface LeafDiff {
  readonly changes: readonly LeafChange[];
  readonly truncated: boolean;
}

export function diffLeaves(a: JsonValue, b: JsonValue, limit = 500): LeafDiff {
  const changes: LeafChange[] = [];
  let truncated = false;
  const push = (change: LeafChange) => {
    if (changes.length >= limit) truncated = true;
    else changes.push(change);
  };
  const walk = (x: JsonValue, y: JsonValue, at: string, depth: number) => {
    if (truncated || x === y) return;
    if (depth < 64 && isJsonObject(x) && isJsonObject(y)) {
      for (const key of Object.keys(x)) {
        const pointer = `${at}${formatPointer([key])}`;
        if (Object.prototype.hasOwnProperty.call(y, key)) walk(x[key] as JsonValue, y[key] as JsonValue, pointer, depth + 1);
        else push({ kind: 'removed', pointer, before: x[key] as JsonValue });
      }
      for (const key of Object.keys(y)) if (!Object.prototype.hasOwnProperty.call(x, key)) push({ kind: 'added', pointer: `${at}${formatPointer([key])}`, after: y[key] as JsonValue });
      return;
    }
    if (depth < 64 && Array.isArray(x) && Array.isArray(y)) {
      const shared = Math.min(x.length, y.length);
      for (let i = 0; i < shared; i++) walk(x[i] as JsonValue, y[i] as JsonValue, `${at}/${i}`, depth + 1);
      for (let i = shared; i < x.length; i++) push({ kind: 'removed', pointer: `${at}/${i}`, before: x[i] as JsonValue });
      for (let i = shared; i < y.length; i++) push({ kind: 'added', pointer: `${at}/${i}`, after: y[i] as JsonValue });
      return;
    }
    if (!jsonEqual(x, y)) push({ kind: 'changed', pointer: at, before: x, after: y });
  };
  walk(a, b, '', 0);
  return { changes, truncated };
}
