import { useMemo, useState } from 'react';
import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { countChanges, diffStates } from './diff-model.ts';
import { DiffTree } from './DiffTree.tsx';
import { recordedState, type RecordedState } from './recorded-states.ts';
import { countOf } from '../../ui/count-of.ts';

const describe = (state: RecordedState, which: string): string | null =>
  state.kind === 'ok' ? null : state.kind === 'not-full' ? state.message : `The ${which} state is unavailable: ${state.message}`;

/** Recorded start vs recorded end state of a store (both exact, whatever happened to the replay). */
export interface StartEndDiffProps {
  readonly trace: Trace;
  readonly timeline: StoreTimeline;
  readonly onPickPath: (pointer: string) => void;
  /** Open at first (the overview); the user's toggle wins afterwards. */
  readonly initiallyOpen: boolean;
}

export function StartEndDiff({ trace, timeline, onPickPath, initiallyOpen }: StartEndDiffProps) {
  const [open, setOpen] = useState(initiallyOpen);
  const start = recordedState(trace, timeline, 'start');
  const end = recordedState(trace, timeline, 'end');
  // Computed only while open: on a large state the first open costs one full diff.
  const diff = useMemo(() => (open && start.kind === 'ok' && end.kind === 'ok' ? diffStates(start.value, end.value) : null), [open, start, end]);
  const problems = [describe(start, 'start'), describe(end, 'end')].filter((p): p is string => p !== null);
  const changes = countChanges(diff);
  return (
    <details className="st-section" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="st-section-title">
        Start → end state{' '}
        <span className="muted">{problems.length > 0 ? '(incomplete)' : !open ? '' : changes === 0 ? '(no change)' : `(${countOf(changes, 'change')})`}</span>
      </summary>
      {problems.map((p) => <p key={p} className="st-warn-text">{p}</p>)}
      {open && diff ? <DiffTree node={diff} onPickPath={onPickPath} /> : open && problems.length === 0 && <p className="muted">The end state equals the start state.</p>}
    </details>
  );
}
