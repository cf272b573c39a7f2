import { updateView } from '../routes/use-view-state.ts';

/** Opens a subflow's own graph (sets `graph` in the URL; the breadcrumb leads back). */
export function OpenSubflowButton({ spanKey, label, tabbable }: { spanKey: string; label: string; tabbable: boolean }) {
  return (
    <button
      type="button"
      className="gf-open nodrag nopan"
      tabIndex={tabbable ? 0 : -1}
      onClick={(event) => {
        event.stopPropagation();
        updateView({ graph: spanKey, node: undefined, iter: undefined }, 'push');
      }}
      onKeyDown={(event) => event.stopPropagation()}
      aria-label={`Open the graph of subflow ${label}`}
      title="Open this subflow's own graph"
    >
      Open ↗
    </button>
  );
}
