/**
 * The CPU-heavy readings of upstream answers, by name, so they can run on a worker thread
 * (off-thread.ts) as well as inline: scanning a trace body's top level, summarizing a Jaeger search
 * answer (whole traces through the shared decoders), reading a Tempo search answer, and removing
 * secrets from an answer. A body is given as its parts in order (an upstream answer's chunks, not
 * joined: body-collector.ts). Inputs and outputs are structured-cloneable.
 */
import { partsFrom, scanTopLevelObject, type TopLevelScan } from '../../core/backends/json-top-level.ts';
import { summarizeSearchBody, type SearchSummaries } from '../../core/backends/search-summaries.ts';
import { parseTempoSearchResponse } from '../../core/backends/tempo-search.ts';
import type { TraceSummary } from '../../core/backends/api-types.ts';
import { redactParts } from '../redact.ts';

export interface BodyTasks {
  /** The top-level keys of a JSON object body and where their values are (offsets into the whole body). */
  'scan-top-level': TopLevelScan;
  'summarize-search': SearchSummaries;
  /** undefined: not valid JSON or not a Tempo search answer. */
  'tempo-search': TraceSummary[] | undefined;
  /** The body without secrets: null when nothing had to change (the common case), else its new bytes. */
  redact: Uint8Array[] | null;
  /**
   * A trace answer in one visit to a thread: its top level scanned, and the value from `bodyStart`
   * on without secrets (`redacted`: null when nothing had to change or the scan failed).
   */
  'read-trace': { readonly scan: TopLevelScan; readonly redacted: Uint8Array[] | null };
}

export type BodyTask = keyof BodyTasks;

/** What a task needs besides the body. */
export interface BodyTaskInput {
  /** For `redact` and `read-trace`: every configured secret. */
  readonly secrets?: readonly string[];
}

/** The parts as one buffer: a view of the only part, else a copy. */
export function joinParts(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}

export async function runBodyTask<T extends BodyTask>(task: T, body: Uint8Array | readonly Uint8Array[], input: BodyTaskInput = {}): Promise<BodyTasks[T]> {
  const parts = body instanceof Uint8Array ? [body] : body;
  switch (task) {
    case 'scan-top-level':
      return scanTopLevelObject(parts) as BodyTasks[T];
    case 'summarize-search':
      return (await summarizeSearchBody(joinParts(parts))) as BodyTasks[T];
    case 'tempo-search':
      return readTempoSearch(parts) as BodyTasks[T];
    case 'redact': {
      const redacted = redactParts(parts, input.secrets ?? []);
      return (redacted === parts ? null : redacted) as BodyTasks[T];
    }
    case 'read-trace': {
      const scan = scanTopLevelObject(parts);
      const secrets = input.secrets ?? [];
      if (!scan.ok || secrets.length === 0) return { scan, redacted: null } as BodyTasks[T];
      const body = partsFrom(parts, scan.bodyStart);
      const redacted = redactParts(body, secrets);
      return { scan, redacted: redacted === body ? null : [...redacted] } as BodyTasks[T];
    }
    default:
      throw new Error(`unknown body task ${String(task)}`);
  }
}

function readTempoSearch(parts: readonly Uint8Array[]): TraceSummary[] | undefined {
  let value: unknown;
  try {
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const text = parts.map((part) => decoder.decode(part, { stream: true })).join('') + decoder.decode();
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  return parseTempoSearchResponse(value);
}
