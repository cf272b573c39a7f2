import { useMemo } from 'react';
import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { countChanges, diffStates } from './diff-model.ts';
import { DiffTree } from './DiffTree.tsx';
import { recordedState, type RecordedState } from './recorded-states.ts';

const describe = (state: RecordedState, which: string): string | null =>
  state.kind === 'ok' ? null : state.kind === 'not-full' ? state.message : `The ${which} state is unavailable: ${state.message}`;

/** Recorded start vs recorded end state of a store (both exact, whatever happened to the replay). */
export function StartEndDiff({ trace, timeline, onPickPath }: { trace: Trace; timeline: StoreTimeline; onPickPath: (pointer: string) => void }) {
  const start = recordedState(trace, timeline, 'start');
  const end = recordedState(trace, timeline, 'end');
  const diff = useMemo(() => (start.kind === 'ok' && end.kind === 'ok' ? diffStates(start.value, end.value) : null), [start, end]);
  const problems = [describe(start, 'start'), describe(end, 'end')].filter((p): p is string => p !== null);
  const changes = countChanges(diff);
  return (
    <details className="st-section" open>
      <summary className="st-section-title">
        Start → end state{' '}
        <span className="muted">{problems.length > 0 ? '(incomplete)' : changes === 0 ? '(no change)' : `(${changes} change${changes === 1 ? '' : 's'})`}</span>
      </summary>
      {problems.map((p) => <p key={p} className="st-warn-text">{p}</p>)}
      {diff ? <DiffTree node={diff} onPickPath={onPickPath} /> : problems.length === 0 && <p className="muted">The end state equals the start state.</p>}
    </details>
  );
}
