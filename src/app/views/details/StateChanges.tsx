import { useMemo } from 'react';
import type { JunjoFound } from '../../../core/junjo/analyze-junjo.ts';
import { shortJson, spanTransitions, type PathChange } from '../../../core/junjo/span-state-changes.ts';
import { updateView } from '../../routes/use-view-state.ts';
import { countOf } from '../../ui/count-of.ts';

/**
 * What the span changed in the workflow state, one line per changed path, each a link to that
 * transition in the State view. The raw set_state events stay in the Events section below.
 */
export function StateChanges({ analysis, index }: { analysis: JunjoFound; index: number }) {
  const transitions = useMemo(() => spanTransitions(analysis, index), [analysis, index]);
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
