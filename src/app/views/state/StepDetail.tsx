import { useMemo } from 'react';
import type { JunjoRuns } from '../../../core/junjo/analyze-junjo.ts';
import type { StateTransition, StoreTimeline } from '../../../core/junjo/state-replay.ts';
import { formatDuration } from '../../../core/model/time.ts';
import { countChanges, diffTouched } from './diff-model.ts';
import { DiffTree } from './DiffTree.tsx';
import { JsonTree } from './JsonTree.tsx';
import { cachedStateAt } from './state-cache.ts';
import { crossStoreWrite } from './subflow-writes.ts';
import { countOf } from '../../ui/count-of.ts';

export interface StepDetailProps {
  readonly analysis: JunjoRuns;
  readonly timeline: StoreTimeline;
  readonly transition: StateTransition;
  readonly path: string | undefined;
  readonly onPickPath: (pointer: string) => void;
}

/** One transition: who made it, what it changed, and the state before and after. */
export function StepDetail({ analysis, timeline, transition: t, path, onPickPath }: StepDetailProps) {
  const replayed = t.step <= timeline.appliedCount;
  const states = useMemo(() => {
    if (!replayed) return null;
    const before = cachedStateAt(timeline, t.step - 1);
    const after = cachedStateAt(timeline, t.step);
    if (before === undefined || after === undefined) return null;
    return { before, after, diff: diffTouched(before, after, t.paths) };
  }, [timeline, t, replayed]);
  const crossing = crossStoreWrite(analysis, t);
  const changes = states ? states.diff.reduce((sum, part) => sum + countChanges(part.node), 0) : 0;
  const store = timeline.storeName ?? timeline.storeId;

  return (
    <section className="st-step" aria-label={`Transition ${t.step}`}>
      <h3 className="st-step-title">
        {t.step}. <span className="mono">{t.action ?? 'set_state'}</span> on {store}
        <span className="muted"> by {t.node ? <>node <strong>{t.node.label}</strong></> : 'no graph node'} (span “{t.spanName}”) at +{formatDuration(t.time)}</span>
      </h3>
      {crossing && (
        <p className="st-crossing">
          Written by subflow <strong>{crossing.subflowName}</strong> to {crossing.toParent ? 'its parent store' : 'another store'} {store}
          {crossing.subflowStoreId && <> (the subflow’s own store is <span className="mono">{crossing.subflowStoreId}</span>)</>}: a subflow pre-/post-run action.
        </p>
      )}
      {!replayed ? (
        <p className="st-warn-text">
          {t.patchMode !== 'full'
            ? `This update was recorded as "${t.patchMode}", not in full, so its change cannot be shown.`
            : t.patchError !== null
              ? `The patch could not be read: ${t.patchError}.`
              : `The replay stopped before this transition, so the state around it is unknown.`}{' '}
          {t.ops.length > 0 && 'Its recorded patch is below.'}
        </p>
      ) : states === null ? (
        <p className="st-warn-text">The state could not be rebuilt for this transition.</p>
      ) : states.diff.length === 0 ? (
        <p className="muted">No change: this update left the state as it was{t.ops.length === 0 ? ' (empty patch)' : ''}.</p>
      ) : (
        <div className="st-step-diff">
          <h4 className="st-sub">Changes ({changes})</h4>
          {states.diff.map((part) => <DiffTree key={part.pointer} node={part.node} onPickPath={onPickPath} />)}
        </div>
      )}
      {t.ops.length > 0 && (
        <details className="st-ops">
          <summary>Patch ({countOf(t.ops.length, 'operation')})</summary>
          <pre className="st-pre">{JSON.stringify(t.ops, null, 1).slice(0, 50_000)}</pre>
        </details>
      )}
      {states && (
        <div className="st-before-after">
          <div>
            <h4 className="st-sub">Before</h4>
            <JsonTree key={`b${t.step}`} value={states.before} label={`State before transition ${t.step}`} marked={t.paths} selectedPath={path} onPickPath={onPickPath} />
          </div>
          <div>
            <h4 className="st-sub">After</h4>
            <JsonTree key={`a${t.step}`} value={states.after} label={`State after transition ${t.step}`} marked={t.paths} selectedPath={path} onPickPath={onPickPath} />
          </div>
        </div>
      )}
    </section>
  );
}
