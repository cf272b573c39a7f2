/**
 * JSON Pointer (RFC 6901) helpers for the state trees: a child's pointer from its parent's, a short
 * label for people, and the subtrees a transition's diff needs to cover.
 */
import { formatPointer, parsePointer } from '../../../core/junjo/json-value.ts';

/** Pointer of `key` under `parent` ("~" → "~0", "/" → "~1"). */
export const childPointer = (parent: string, key: string | number): string => parent + formatPointer([String(key)]);

/** Pointer from a path of keys from the root. */
export const pointerOfPath = (path: readonly (string | number)[]): string => formatPointer(path.map(String));

/** "/a/b~1c/0" → "a › b/c › 0"; the root is "(whole state)". */
export function pointerLabel(pointer: string): string {
  if (pointer === '') return '(whole state)';
  const tokens = parsePointer(pointer);
  return tokens ? tokens.join(' › ') : pointer;
}

/** True when `pointer` is `ancestor` or lies under it. */
export function isUnder(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(ancestor + '/');
}

/**
 * The smallest set of subtrees covering `paths` (no pointer under another one). An array element's
 * pointer is widened to its array (`isArray` tells), since an insert or remove shifts
 * its siblings.
 */
export function coveringPointers(paths: readonly string[], isArray: (pointer: string) => boolean): string[] {
  const widened = paths.map((path) => {
    const tokens = parsePointer(path);
    if (!tokens || tokens.length === 0) return '';
    const parent = formatPointer(tokens.slice(0, -1));
    return isArray(parent) ? parent : path;
  });
  const unique = [...new Set(widened)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const pointer of unique) if (!kept.some((k) => isUnder(pointer, k))) kept.push(pointer);
  return kept.sort();
}
