/**
 * Where the across-runs screen leads: a run opened in its source (the graph view of that run), and the
 * screen itself for another N. Built with the one module that knows the URL (routes/view-state.ts).
 */
import type { RunDigest } from '../../../core/runs/run-digest.ts';
import { emptyViewState, serializeViewState, type SourceRef, type ViewState } from '../../routes/view-state.ts';

export type RunsSource = Extract<SourceRef, { kind: 'runs' }>;

export const runViewState = (source: string, run: RunDigest): ViewState => ({
  ...emptyViewState,
  source: { kind: 'backend', source, traceId: run.traceId },
  view: 'graph',
  run: run.runSpanId,
});

export const runHref = (source: string, run: RunDigest): string => serializeViewState(runViewState(source, run));

export const runsViewState = (source: RunsSource, patch: Partial<RunsSource> = {}): ViewState => ({ ...emptyViewState, source: { ...source, ...patch } });
