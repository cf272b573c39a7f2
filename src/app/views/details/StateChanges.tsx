import { useMemo } from 'react';
import { storesWrittenBy, type JunjoOutline } from '../../../core/junjo/junjo-outline.ts';
import { shortJson, spanTransitions, type PathChange } from '../../../core/junjo/span-state-changes.ts';
import { useStoreTimelines } from '../../data/store-details.ts';
import { updateView } from '../../routes/use-view-state.ts';
import { countOf } from '../../ui/count-of.ts';

/**
 * What the span changed in the workflow state, one line per changed path, each a link to that
 * transition in the State view. The raw set_state events stay in the Events section below. The
 * values come from the written stores' timelines, fetched from the trace worker when first shown.
 */
export function StateChanges({ analysis, index }: { analysis: JunjoOutline; index: number }) {
  const written = useMemo(() => storesWrittenBy(analysis, index), [analysis, index]);
  if (written.length === 0) return null;
  return <StateChangesOf analysis={analysis} storeIds={written} index={index} />;
}

function StateChangesOf({ analysis, storeIds, index }: { analysis: JunjoOutline; storeIds: readonly string[]; index: number }) {
  const load = useStoreTimelines(analysis, storeIds);
  const timelines = load.status === 'ready' ? load.timelines : undefined;
  const transitions = useMemo(() => (timelines ? spanTransitions({ stores: timelines }, index) : []), [timelines, index]);
  if (load.status !== 'ready') {
    return (
      <section className="details-section details-state" aria-label="State changes" aria-busy={load.status === 'loading'}>
        <h3>State changes</h3>
        <p className={load.status === 'error' ? 'error-text' : 'muted'} role="status">
          {load.status === 'error' ? `The state changes could not be read: ${load.message}` : 'Reading the state changes…'}
        </p>
      </section>
    );
  }
  if (transitions.length === 0) return null;
  const stores = new Set(transitions.map((t) => t.storeId));
  return (
    <section className="details-section details-state" aria-label="State changes">
      <h3>State changes ({countOf(transitions.length, 'transition')})</h3>
      <ul className="state-changes">
        {transitions.map((t) => {
          const open = () => updateView({ view: 'state', store: t.storeId, tx: t.tx }, 'push');
          const changes = t.changes.length > 0 ? t.changes : [undefined];
          return changes.map((change, i) => (
            <li key={`${t.storeId}-${t.tx}-${i}`}>
              <button type="button" className="link-button state-change" onClick={open} title={`Transition ${t.step}${t.action ? ` (${t.action})` : ''} in ${t.storeName ?? t.storeId}: open it in the State view`}>
                {change ? <ChangeText change={change} /> : <span className="muted">{t.action ?? 'set_state'}: no change</span>}
              </button>
              {stores.size > 1 && i === 0 && <span className="muted"> · {t.storeName ?? t.storeId}</span>}
            </li>
          ));
        })}
      </ul>
    </section>
  );
}

function ChangeText({ change }: { change: PathChange }) {
  const path = <code>{change.path === '' ? '(whole state)' : change.path}</code>;
  switch (change.kind) {
    case 'changed':
      return <>{path} {shortJson(change.before)} → {shortJson(change.after)}</>;
    case 'added':
      return <>{path} added: {shortJson(change.after)}</>;
    case 'removed':
      return <>{path} removed</>;
    case 'unchanged':
      return <>{path} <span className="muted">unchanged</span></>;
    case 'unknown':
      return <>{path} <span className="muted">(not replayed)</span></>;
  }
}
