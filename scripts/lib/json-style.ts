/**
 * The two JSON spellings Junjo uses for payloads:
 * - G1 (Python `json.dumps` defaults): `", "` and `": "` separators, keys in insertion order,
 *   non-ASCII escaped; used for patches. G1 state is Pydantic's compact `model_dump_json`.
 * - G3: compact, keys sorted, used for every payload and the v2 graph.
 */

/** Python `json.dumps(value)` with default separators and `ensure_ascii=True`. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || typeof value !== 'object') return asciiJson(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${asciiJson(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
}

/** Python `json.dumps(value, indent=2)` (pretty-printed; empty containers stay `[]`/`{}`). */
export function pythonJsonIndent(value: unknown, indent = 2, depth = 0): string {
  if (value === null || typeof value !== 'object') return asciiJson(value);
  const pad = ' '.repeat(indent * (depth + 1));
  const end = ' '.repeat(indent * depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => pad + pythonJsonIndent(v, indent, depth + 1)).join(',\n')}\n${end}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const body = entries.map(([k, v]) => `${pad}${asciiJson(k)}: ${pythonJsonIndent(v, indent, depth + 1)}`);
  return `{\n${body.join(',\n')}\n${end}}`;
}

/** Compact JSON in field order (Pydantic `model_dump_json`). */
export function compactJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Compact JSON with object keys sorted recursively (`sort_keys=True, separators=(",", ":")`). */
export function sortedCompactJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value));
}

function sortKeysDeep(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
  return out;
}

function asciiJson(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
