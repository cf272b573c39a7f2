/**
 * Text for backend search results, in the same form as every other screen: times as ISO 8601
 * UTC with microseconds (core/model/time.ts `formatEpochNs`), never the browser's local format.
 */
import { formatEpochNs, parseEpochNs } from '../../core/model/time.ts';

/** A run's start (decimal epoch nanoseconds from the API) as ISO UTC; "—" when unknown. */
export function runStartText(startNs: string): string {
  const ns = parseEpochNs(startNs);
  return ns === undefined || ns <= 0n ? '—' : formatEpochNs(ns);
}
