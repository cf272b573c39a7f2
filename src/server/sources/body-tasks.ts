/**
 * The CPU-heavy readings of upstream answers, by name, so they can run on a worker thread
 * (off-thread.ts) as well as inline: scanning a trace body's top level, summarizing a Jaeger search
 * answer (whole traces through the shared decoders), and reading a Tempo search answer. Inputs and
 * outputs are structured-cloneable.
 */
import { scanTopLevelObject, type TopLevelScan } from '../../core/backends/json-top-level.ts';
import { summarizeSearchBody, type SearchSummaries } from '../../core/backends/search-summaries.ts';
import { parseTempoSearchResponse } from '../../core/backends/tempo-search.ts';
import type { TraceSummary } from '../../core/backends/api-types.ts';

export interface BodyTasks {
  /** The top-level keys of a JSON object body and where their values are. */
  'scan-top-level': TopLevelScan;
  'summarize-search': SearchSummaries;
  /** undefined: not valid JSON or not a Tempo search answer. */
  'tempo-search': TraceSummary[] | undefined;
}

export type BodyTask = keyof BodyTasks;

export async function runBodyTask<T extends BodyTask>(task: T, body: Uint8Array): Promise<BodyTasks[T]> {
  switch (task) {
    case 'scan-top-level':
      return scanTopLevelObject(body) as BodyTasks[T];
    case 'summarize-search':
      return (await summarizeSearchBody(body)) as BodyTasks[T];
    case 'tempo-search':
      return readTempoSearch(body) as BodyTasks[T];
    default:
      throw new Error(`unknown body task ${String(task)}`);
  }
}

function readTempoSearch(body: Uint8Array): TraceSummary[] | undefined {
  let value: unknown;
  try {
    const text = new TextDecoder().decode(body);
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  return parseTempoSearchResponse(value);
}
