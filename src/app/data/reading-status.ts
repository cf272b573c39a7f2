/**
 * How far the worker's read of the large file on screen is, while its first spans are shown
 * (trace-loader.ts writes it from 'partial' and 'progress' messages). A store of its own, so a
 * progress update re-renders only the status line, not the trace views.
 */
import { useSyncExternalStore } from 'react';
import type { ReadingProgress } from './load-protocol.ts';

export interface ReadingStatus extends ReadingProgress {
  readonly fileName: string;
  /** Spans on screen (the partial result's). */
  readonly shownSpans: number;
  /** What the worker does now: 'Reading', then the phases of the whole file's decode. */
  readonly phase: string;
  /** How far the whole load is, 0–1 (the worker's progress). */
  readonly fraction: number;
}

let status: ReadingStatus | undefined;
const listeners = new Set<() => void>();

export function setReadingStatus(next: ReadingStatus | undefined): void {
  if (next === status) return;
  status = next;
  for (const listener of listeners) listener();
}

export function getReadingStatus(): ReadingStatus | undefined {
  return status;
}

export function useReadingStatus(): ReadingStatus | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => status,
  );
}
