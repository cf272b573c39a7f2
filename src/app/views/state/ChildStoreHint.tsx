import type { JunjoOutline } from '../../../core/junjo/junjo-outline.ts';
import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';
import { countOf } from '../../ui/count-of.ts';
import { changedChildStores } from './child-stores.ts';
import { selectStore } from './state-actions.ts';

/** Under a store with no transitions: the subflow stores inside its run that did change, each a link. */
export function ChildStoreHint({ analysis, timeline }: { analysis: JunjoOutline; timeline: StoreTimeline }) {
  if (timeline.transitions.length > 0) return null;
  const children = changedChildStores(analysis, timeline);
  if (children.length === 0) return null;
  return (
    <p className="st-notice st-info" role="note">
      This store did not change, but {children.length === 1 ? 'a subflow inside this run changed its own store' : 'subflows inside this run changed their own stores'}:{' '}
      {children.map((child, n) => (
        <span key={child.storeId}>
          {n > 0 && ', '}
          <button type="button" className="link-button" onClick={() => selectStore(child.storeId)}>
            {child.storeName}
          </button>{' '}
          <span className="muted">
            ({child.subflowName}, {countOf(child.transitions, 'transition')})
          </span>
        </span>
      ))}
      .
    </p>
  );
}
