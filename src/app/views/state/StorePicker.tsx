import { memo } from 'react';
import type { StoreSummary } from '../../../core/junjo/junjo-outline.ts';
import { selectStore } from './state-actions.ts';
import type { RunGroup, StoreOutline } from './store-tree.ts';
import { storeStatusLabel } from './store-tree.ts';
import { countOf } from '../../ui/count-of.ts';

/** Stores grouped by workflow run, subflow stores nested under their subflow. */
export const StorePicker = memo(function StorePicker({ outline, selected }: { outline: StoreOutline; selected: string | undefined }) {
  return (
    <nav className="st-picker" aria-label="Stores">
      <h2 className="st-heading">Stores</h2>
      <ul>
        {outline.groups.map((group) => <Group key={group.runIndex} group={group} selected={selected} />)}
        {outline.orphans.length > 0 && (
          <li>
            <span className="st-run">Without a workflow span</span>
            <ul>{outline.orphans.map((store) => <StoreItem key={store.storeId} store={store} selected={selected} />)}</ul>
          </li>
        )}
      </ul>
    </nav>
  );
});

function Group({ group, selected }: { group: RunGroup; selected: string | undefined }) {
  return (
    <li>
      <span className="st-run"><span className="st-run-kind">{group.kind}</span> {group.title}</span>
      <ul>
        {group.stores.map((store) => <StoreItem key={store.storeId} store={store} selected={selected} />)}
        {group.stores.length === 0 && <li className="muted st-none">no store recorded</li>}
        {group.children.map((child) => <Group key={child.runIndex} group={child} selected={selected} />)}
      </ul>
    </li>
  );
}

function StoreItem({ store, selected }: { store: StoreSummary; selected: string | undefined }) {
  const status = storeStatusLabel(store);
  const bad = store.status !== 'complete' || store.verified === 'mismatch';
  return (
    <li>
      <button
        type="button"
        className="st-store"
        aria-current={store.storeId === selected ? 'true' : undefined}
        onClick={() => selectStore(store.storeId)}
        title={`Store id ${store.storeId}`}
      >
        <span className="st-store-name">{store.storeName ?? 'Store'}</span>
        <span className="st-store-id mono">{store.storeId}</span>
        <span className="st-store-meta">
          {countOf(store.transitionCount, 'transition')} ·{' '}
          <span className={bad ? 'error-text' : 'st-ok'}>{status}</span>
        </span>
      </button>
    </li>
  );
}
