import { useQueryClient } from '@tanstack/react-query';
import type { ImportError } from '../../../core/formats/types.ts';
import { backendTraceQuery } from '../../data/backend-queries.ts';
import { navigateTo } from '../../routes/use-view-state.ts';
import { emptyViewState } from '../../routes/view-state.ts';

/** A backend trace that could not be opened: the server's message and hint, and a way to try again. */
export function BackendFailure({ source, traceId, error }: { source: string; traceId: string; error: ImportError }) {
  const client = useQueryClient();
  return (
    <div className="alert" role="alert">
      <h2>
        Could not open trace {traceId} from {source}
      </h2>
      <p>{error.message}</p>
      <p className="muted">{error.hint}</p>
      <p>
        <button type="button" className="button" onClick={() => void client.resetQueries({ queryKey: backendTraceQuery(source, traceId).queryKey, exact: true })}>
          Try again
        </button>{' '}
        <button type="button" className="button" onClick={() => navigateTo(emptyViewState)}>
          Start page
        </button>
      </p>
    </div>
  );
}
