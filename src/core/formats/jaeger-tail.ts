/**
 * The `processes` of the last Jaeger trace in a file, read from the file's tail: Jaeger writes them
 * after the spans, so a chunked read learns the service names only at the end. The spans read before
 * that are shown with these (a preview; the final decode uses the processes of the whole document).
 *
 * Only a tail that shows them plainly counts: an unescaped `,"processes":{` key whose object parses,
 * and a `"traceID":"…"` before it (the last span's trace, which the processes belong to).
 */
import { normalizeId } from '../model/ids.ts';
import { isRecord } from './wire-values.ts';

export interface TailProcesses {
  readonly traceId: string;
  readonly processes: Record<string, unknown>;
}

export function processesFromTail(tail: string): TailProcesses | undefined {
  const key = tail.lastIndexOf('"processes"');
  if (key <= 0 || tail.charCodeAt(key - 1) === 92) return undefined;
  let before = key - 1;
  while (before >= 0 && isSpace(tail.charCodeAt(before))) before--;
  if (before < 0 || (tail.charCodeAt(before) !== 44 && tail.charCodeAt(before) !== 123)) return undefined;
  let open = key + '"processes"'.length;
  while (open < tail.length && isSpace(tail.charCodeAt(open))) open++;
  if (tail.charCodeAt(open) !== 58) return undefined;
  open++;
  while (open < tail.length && isSpace(tail.charCodeAt(open))) open++;
  if (tail.charCodeAt(open) !== 123) return undefined;
  const close = objectEnd(tail, open);
  if (close < 0) return undefined;
  let processes: unknown;
  try {
    processes = JSON.parse(tail.slice(open, close));
  } catch {
    return undefined;
  }
  if (!isRecord(processes)) return undefined;
  const idKey = tail.lastIndexOf('"traceID"', key);
  if (idKey < 0) return undefined;
  const match = /^"traceID"\s*:\s*"([0-9a-fA-F]{1,32})"/.exec(tail.slice(idKey, idKey + 60));
  const traceId = match ? normalizeId(match[1], 'trace') : '';
  return traceId ? { traceId, processes } : undefined;
}

/** Index just past the object that opens at `open`, or -1 when it does not close in the text. */
function objectEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 92) i++;
        else if (s === 34) break;
      }
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
