import { updateView } from '../../routes/use-view-state.ts';

/** Opens a subflow's own graph (sets `graph` in the URL; the breadcrumb leads back). */
export function OpenSubflowButton({ spanKey, label }: { spanKey: string; label: string }) {
  return (
    <button
      type="button"
      className="gf-open nodrag nopan"
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
