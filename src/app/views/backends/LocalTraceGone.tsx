import { useLiveState } from '../../data/local-live.ts';
import { navigateTo } from '../../routes/use-view-state.ts';
import { emptyViewState } from '../../routes/view-state.ts';

/** Above a local trace that was deleted while open (in another tab, by someone else, or cleared). */
export function LocalTraceGone({ traceId }: { traceId: string }) {
  const gone = useLiveState((live) => live.gone.has(traceId));
  if (!gone) return null;
  return (
    <div className="banner" role="alert">
      <strong>This trace was deleted from the local store.</strong> What is on screen stays until you leave, but its link no longer opens it.{' '}
      <button type="button" className="button small" onClick={() => navigateTo(emptyViewState, 'push')}>
        Start page
      </button>
    </div>
  );
}
