/**
 * Integrity checks of one store's history before and beside replay (formats.md §2 "Verify", §5):
 * dropped events (`droppedEventsCount` on a span carrying this store's events), G3 sequence gaps and
 * duplicates, `transition.count` above the events found, and the G3 revision chain. Returns the issues
 * and the first transition (0-based) that must not be replayed because updates before it are missing.
 */
import { numberAttr } from '../model/attributes.ts';
import type { Span } from '../model/span.ts';
import type { PatchDiagnostic } from './json-patch.ts';
import { K } from './junjo-attrs.ts';
import type { StateTransition } from './state-replay.ts';

type Severity = 'error' | 'warning' | 'info';

export type ReplayIssue =
  | { readonly kind: 'missing-start-state'; readonly severity: Severity; readonly message: string }
  | { readonly kind: 'not-full-payload'; readonly severity: Severity; readonly step: number; readonly mode: string; readonly message: string }
  | { readonly kind: 'unreadable-json'; readonly severity: Severity; readonly field: 'start' | 'end' | 'patch'; readonly step?: number; readonly message: string; readonly raw: string }
  | { readonly kind: 'updates-missing'; readonly severity: Severity; readonly missing: number; readonly fromStep: number; readonly cause: 'dropped-events' | 'sequence-gap' | 'count-mismatch'; readonly message: string }
  | { readonly kind: 'duplicate-sequence'; readonly severity: Severity; readonly step: number; readonly message: string }
  | { readonly kind: 'patch-failed'; readonly severity: Severity; readonly step: number; readonly code: PatchDiagnostic; readonly message: string }
  | { readonly kind: 'end-mismatch'; readonly severity: Severity; readonly path: string; readonly message: string }
  | { readonly kind: 'revision-chain'; readonly severity: Severity; readonly step: number; readonly message: string }
  | { readonly kind: 'approximate-order'; readonly severity: Severity; readonly message: string };

export interface IntegrityResult {
  readonly issues: ReplayIssue[];
  /** 0-based index of the first transition not to replay (= transitions.length when all may be). */
  readonly stopBefore: number;
  /** Updates known to be missing (0 when none). */
  readonly missing: number;
}

export const missingUpdatesMessage = (missing: number, fromStep: number): string =>
  `${missing} state updates missing (SDK limit, 128 events per span); history incomplete from step ${fromStep}; start and end are exact.`;

/** `droppedPerTransition[i]`: droppedEventsCount of the span carrying transitions[i]. */
export function checkStoreIntegrity(owner: Span, transitions: readonly StateTransition[], droppedPerTransition: readonly number[]): IntegrityResult {
  const issues: ReplayIssue[] = [];
  let stopBefore = transitions.length;
  let cause: 'dropped-events' | 'sequence-gap' | 'count-mismatch' = 'count-mismatch';
  let gapMissing = 0;
  const bySequence = transitions.length > 0 && transitions.every((t) => t.sequence !== null);
  if (bySequence) {
    let expected = 1;
    for (const [i, t] of transitions.entries()) {
      const sequence = t.sequence as number;
      if (sequence < expected) {
        issues.push({ kind: 'duplicate-sequence', severity: 'error', step: t.step, message: `Transition sequence ${sequence} appears twice; the state is shown up to transition ${t.step - 1}.` });
        stopBefore = Math.min(stopBefore, i);
        break;
      }
      if (sequence > expected) {
        gapMissing += sequence - expected;
        if (stopBefore === transitions.length) {
          stopBefore = i;
          cause = 'sequence-gap';
        }
      }
      expected = sequence + 1;
    }
  }
  let dropped = 0;
  const seen = new Set<number>();
  transitions.forEach((t, i) => {
    const count = droppedPerTransition[i] ?? 0;
    if (count <= 0) return;
    if (!seen.has(t.spanIndex)) dropped += count;
    seen.add(t.spanIndex);
    // The Python SDK keeps the newest events: the lost ones came before this span's first kept one.
    if (i < stopBefore) {
      stopBefore = i;
      cause = 'dropped-events';
    }
  });
  const declared = numberAttr(owner.attributes, K.transitionCount);
  const countMissing = declared !== undefined && declared > transitions.length ? declared - transitions.length : 0;
  const missing = Math.max(gapMissing, dropped, countMissing);
  if (missing > 0) {
    const fromStep = stopBefore + 1;
    issues.push({ kind: 'updates-missing', severity: 'error', missing, fromStep, cause, message: missingUpdatesMessage(missing, fromStep) });
  } else if (declared !== undefined && declared < transitions.length) {
    issues.push({ kind: 'revision-chain', severity: 'warning', step: 0, message: `The workflow declares ${declared} transitions but ${transitions.length} were found.` });
  }
  if (missing === 0 && stopBefore === transitions.length) checkRevisions(owner, transitions, issues);
  return { issues, stopBefore, missing };
}

function checkRevisions(owner: Span, transitions: readonly StateTransition[], issues: ReplayIssue[]): void {
  const start = numberAttr(owner.attributes, K.revisionStart);
  const end = numberAttr(owner.attributes, K.revisionEnd);
  if (start === undefined) return;
  let previous: number | null = start;
  for (const t of transitions) {
    if (t.revisionBefore !== null && previous !== null && t.revisionBefore !== previous) {
      issues.push({ kind: 'revision-chain', severity: 'warning', step: t.step, message: `Transition ${t.step} starts at revision ${t.revisionBefore}, but the previous one ended at ${previous}.` });
      return;
    }
    if (t.ops.length === 0 && t.revisionBefore !== null && t.revisionAfter !== null && t.revisionBefore !== t.revisionAfter) {
      issues.push({ kind: 'revision-chain', severity: 'warning', step: t.step, message: `Transition ${t.step} changed nothing but moved the revision from ${t.revisionBefore} to ${t.revisionAfter}.` });
      return;
    }
    previous = t.revisionAfter ?? previous;
  }
  if (end !== undefined && previous !== null && previous !== end)
    issues.push({ kind: 'revision-chain', severity: 'warning', step: transitions.length, message: `The last transition ends at revision ${previous}, but the store ends at ${end}.` });
}
