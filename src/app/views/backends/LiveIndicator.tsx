import type { LiveConnection } from '../../data/local-live.ts';
import { livePollMs } from '../../data/local-live.ts';

/** Whether the local run list follows the store live, or polls because the event stream is down. */
export function LiveIndicator({ connection }: { connection: LiveConnection }) {
  if (connection === 'live') return <span className="live-state live">Live</span>;
  if (connection === 'off') return null;
  if (connection === 'connecting') return <span className="live-state">Connecting…</span>;
  return (
    <span className="live-state down" title="The viewer's event stream is not connected; the list is checked for new runs instead.">
      Live updates interrupted: checking every {livePollMs / 1000} s
    </span>
  );
}
