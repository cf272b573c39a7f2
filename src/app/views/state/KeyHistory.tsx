import { useEffect, useMemo, useRef } from 'react';
import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';
import { keyHistory } from '../../../core/junjo/state-timeline.ts';
import { formatDuration } from '../../../core/model/time.ts';
import { pointerLabel } from './json-pointer.ts';
import { txOfStep } from './state-selection.ts';
import { ValueText } from './ValueText.tsx';

export interface KeyHistoryProps {
  readonly timeline: StoreTimeline;
  readonly path: string;
  readonly tx: number | undefined;
  readonly onGoTo: (tx: number) => void;
  readonly onClose: () => void;
  /** Changes each time the user picks this path: scroll the history into view and focus its heading. */
  readonly focusRequest?: number;
  /** Step → why it is a concurrent write. */
  readonly concurrent?: ReadonlyMap<number, string>;
}

/** Every replayed transition that changed one key, old → new, with its node and time. */
export function KeyHistory({ timeline, path, tx, onGoTo, onClose, focusRequest = 0, concurrent }: KeyHistoryProps) {
  const changes = useMemo(() => keyHistory(timeline, path).filter((c) => c.changed), [timeline, path]);
  const incomplete = timeline.appliedCount < timeline.transitions.length;
  const sectionRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Not on a page load with ?path= (nothing was picked): only when the user picks a key.
    if (focusRequest === 0) return;
    sectionRef.current?.scrollIntoView({ block: 'nearest' });
    headingRef.current?.focus({ preventScroll: true });
  }, [focusRequest]);
  return (
    <section ref={sectionRef} className="st-section st-history" aria-label={`History of ${pointerLabel(path)}`}>
      <div className="st-history-head">
        <h3 ref={headingRef} className="st-section-title st-history-title" tabIndex={-1}>
          History of <code>{path === '' ? '(whole state)' : path}</code>
        </h3>
        <button type="button" className="button small" onClick={onClose} aria-label="Close key history">Close</button>
      </div>
      {incomplete && (
        <p className="st-warn-text">Only transitions 1–{timeline.appliedCount} could be replayed; later changes to this key are not known.</p>
      )}
      {changes.length === 0 ? (
        <p className="muted">No replayed transition changed this key.</p>
      ) : (
        <ol className="st-history-list">
          {changes.map((c) => (
            <li key={c.step} className={txOfStep(c.step) === tx ? 'st-history-current' : undefined}>
              <button type="button" className="button small" onClick={() => onGoTo(txOfStep(c.step))} aria-label={`Go to transition ${c.step}`}>
                #{c.step}
              </button>{' '}
              <span className="mono">{c.action ?? 'set_state'}</span>{' '}
              <span className="muted">by {c.node?.label ?? 'no graph node'} at +{formatDuration(c.time)}</span>
              {concurrent?.get(c.step) && <div className="st-race-note">⚠ Concurrent write: {concurrent.get(c.step)}</div>}
              <div className="st-history-values">
                <del className="st-old"><ValueText value={c.before.exists ? c.before.value : undefined} missing={!c.before.exists} /></del>
                <span className="st-arrow" aria-label="becomes"> → </span>
                <ins className="st-new"><ValueText value={c.after.exists ? c.after.value : undefined} missing={!c.after.exists} /></ins>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
