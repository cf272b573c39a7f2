/**
 * A small RFC 6902 applier for replaying Junjo `set_state` patches.
 * Contract: `applyPatchInPlace` mutates `doc` (and returns the new root, which differs only on a root
 * replace/add). On failure the document may be half-patched: callers discard it (state replay
 * re-materializes from a checkpoint). Values from the patch are copied, so stored ops never alias
 * the state. Diagnostics follow the Junjo contract vectors: `patch_test_failed`, `invalid_state_patch`.
 */
import {
  arrayIndex, cloneJson, getAtPointer, isJsonObject, jsonEqual, parsePointer, setOwn,
  type JsonValue,
} from './json-value.ts';

export type PatchOp =
  | { readonly op: 'add' | 'replace' | 'test'; readonly path: string; readonly value: JsonValue }
  | { readonly op: 'remove'; readonly path: string }
  | { readonly op: 'move' | 'copy'; readonly from: string; readonly path: string };

export type PatchDiagnostic = 'patch_test_failed' | 'invalid_state_patch';

export type ApplyResult =
  | { readonly ok: true; readonly doc: JsonValue }
  | { readonly ok: false; readonly code: PatchDiagnostic; readonly opIndex: number; readonly message: string };

export type ParsedPatch = { readonly ok: true; readonly ops: PatchOp[] } | { readonly ok: false; readonly message: string };

/** Validates a parsed JSON value as a patch. `{}` (Junjo G0–G2 no-op) reads as `[]`. */
export function toPatchOps(value: unknown): ParsedPatch {
  if (isJsonObject(value) && Object.keys(value).length === 0) return { ok: true, ops: [] };
  if (!Array.isArray(value)) return { ok: false, message: 'A JSON Patch must be an array of operations' };
  const ops: PatchOp[] = [];
  for (const [i, raw] of value.entries()) {
    if (!isJsonObject(raw) || typeof raw.path !== 'string') return { ok: false, message: `Operation ${i + 1} has no "path"` };
    const { op, path } = raw;
    if (op === 'add' || op === 'replace' || op === 'test') {
      if (!('value' in raw)) return { ok: false, message: `Operation ${i + 1} (${op}) has no "value"` };
      ops.push({ op, path, value: raw.value as JsonValue });
    } else if (op === 'remove') ops.push({ op, path });
    else if (op === 'move' || op === 'copy') {
      if (typeof raw.from !== 'string') return { ok: false, message: `Operation ${i + 1} (${op}) has no "from"` };
      ops.push({ op, from: raw.from, path });
    } else return { ok: false, message: `Operation ${i + 1} has an unknown op ${JSON.stringify(op)}` };
  }
  return { ok: true, ops };
}

class PatchError extends Error {
  constructor(readonly code: PatchDiagnostic, message: string) {
    super(message);
  }
}

const invalid = (message: string): never => {
  throw new PatchError('invalid_state_patch', message);
};

function tokensOf(pointer: string): readonly string[] {
  return parsePointer(pointer) ?? invalid(`"${pointer}" is not a JSON Pointer`);
}

function containerAt(doc: JsonValue, tokens: readonly string[], pointer: string): JsonValue[] | Record<string, JsonValue> {
  const found = getAtPointer(doc, tokens.slice(0, -1));
  if (!found.found) return invalid(`the parent of ${pointer} does not exist`);
  const parent = found.value;
  if (Array.isArray(parent) || isJsonObject(parent)) return parent;
  return invalid(`the parent of ${pointer} is not an object or array`);
}

function addAt(doc: JsonValue, pointer: string, value: JsonValue): JsonValue {
  const tokens = tokensOf(pointer);
  if (tokens.length === 0) return value;
  const parent = containerAt(doc, tokens, pointer);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) {
    if (last === '-') parent.push(value);
    else {
      const index = arrayIndex(last, parent.length) ?? invalid(`${pointer}: index out of range`);
      parent.splice(index, 0, value);
    }
  } else setOwn(parent, last, value);
  return doc;
}

function removeAt(doc: JsonValue, pointer: string): JsonValue {
  const tokens = tokensOf(pointer);
  if (tokens.length === 0) return invalid('cannot remove the whole state');
  const parent = containerAt(doc, tokens, pointer);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) {
    const index = arrayIndex(last, parent.length - 1) ?? invalid(`${pointer} does not exist`);
    parent.splice(index, 1);
  } else {
    if (!Object.prototype.hasOwnProperty.call(parent, last)) invalid(`${pointer} does not exist`);
    delete parent[last];
  }
  return doc;
}

/** Replaces in place, keeping the key's position in its object. */
function replaceAt(doc: JsonValue, pointer: string, value: JsonValue): JsonValue {
  const tokens = tokensOf(pointer);
  if (!getAtPointer(doc, tokens).found) invalid(`${pointer} does not exist`);
  if (tokens.length === 0) return value;
  const parent = containerAt(doc, tokens, pointer);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) parent[Number(last)] = value;
  else setOwn(parent, last, value);
  return doc;
}

function valueAt(doc: JsonValue, pointer: string): JsonValue {
  const found = getAtPointer(doc, tokensOf(pointer));
  return found.found ? found.value : invalid(`${pointer} does not exist`);
}

function applyOne(doc: JsonValue, op: PatchOp): JsonValue {
  switch (op.op) {
    case 'add':
      return addAt(doc, op.path, cloneJson(op.value));
    case 'remove':
      return removeAt(doc, op.path);
    case 'replace':
      return replaceAt(doc, op.path, cloneJson(op.value));
    case 'move': {
      if (op.from === op.path) return doc;
      if (op.path.startsWith(op.from + '/')) invalid(`cannot move ${op.from} into its own child ${op.path}`);
      const value = valueAt(doc, op.from);
      return addAt(removeAt(doc, op.from), op.path, value);
    }
    case 'copy':
      return addAt(doc, op.path, cloneJson(valueAt(doc, op.from)));
    case 'test': {
      const found = getAtPointer(doc, tokensOf(op.path));
      if (!found.found || !jsonEqual(found.value, op.value))
        throw new PatchError('patch_test_failed', `test failed: ${op.path || '(root)'} is not ${JSON.stringify(op.value)}`);
      return doc;
    }
  }
}

export function applyPatchInPlace(doc: JsonValue, ops: readonly PatchOp[]): ApplyResult {
  let current = doc;
  for (const [opIndex, op] of ops.entries()) {
    try {
      current = applyOne(current, op);
    } catch (error) {
      if (!(error instanceof PatchError)) throw error;
      return { ok: false, code: error.code, opIndex, message: `operation ${opIndex + 1} (${op.op}): ${error.message}` };
    }
  }
  return { ok: true, doc: current };
}

/** Pointers an op reads or writes (`from` and `path`), for "paths touched" and race detection. */
export const opPaths = (op: PatchOp): string[] => (op.op === 'move' || op.op === 'copy' ? [op.from, op.path] : [op.path]);
