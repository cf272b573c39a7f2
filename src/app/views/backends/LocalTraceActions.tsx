import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { BackendRequestError } from '../../data/backend-api.ts';
import { deleteLocalTrace } from '../../data/local-api.ts';
import { markGone, runListKey, useLiveState } from '../../data/local-live.ts';
import { navigateTo } from '../../routes/use-view-state.ts';
import { emptyViewState } from '../../routes/view-state.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import './runs.css';

/**
 * The trace header's part for a trace from the local store: "in progress" while its spans are
 * still arriving (the screen reloads in place as they do), "incomplete" when its root span never
 * arrived (no new span for the store's quiet period), and Delete, which asks first and
 * then goes back to the start page, where the list says what happened.
 */
export function LocalTraceActions({ source, traceId, inProgress, incomplete = false }: { source: string; traceId: string; inProgress: boolean; incomplete?: boolean }) {
  const client = useQueryClient();
  const gone = useLiveState((live) => live.gone.has(traceId));
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const remove = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const outcome = await deleteLocalTrace(source, traceId);
      markGone(traceId, outcome === 'deleted' ? `Deleted trace ${traceId}.` : `Trace ${traceId} was already deleted.`);
      void client.invalidateQueries({ queryKey: runListKey(source) });
      client.removeQueries({ queryKey: ['api', 'trace', source, traceId], exact: true });
      setAsking(false);
      navigateTo(emptyViewState, 'push');
    } catch (error) {
      setFailure(`${error instanceof Error ? error.message : String(error)}${error instanceof BackendRequestError && error.apiError.hint ? ` ${error.apiError.hint}` : ''}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="local-trace-bar">
      <span role="status">
        {inProgress && !gone && (
          <span className="run-status run-status-in-progress" title="Spans of this run are still arriving; the screen updates as they do.">
            In progress
          </span>
        )}
        {incomplete && !inProgress && !gone && (
          <span className="run-status run-status-incomplete" title="No root or workflow span arrived, and no new spans for a while: the run is shown from the spans received.">
            Incomplete: root span never arrived
          </span>
        )}
      </span>
      {!gone && (
        <button type="button" className="button small" onClick={() => setAsking(true)}>
          Delete…
        </button>
      )}
      <ConfirmDialog
        open={asking}
        title="Delete this trace from the local store?"
        confirmLabel="Delete"
        busy={busy}
        error={failure}
        onCancel={() => {
          setAsking(false);
          setFailure(undefined);
        }}
        onConfirm={() => void remove()}
      >
        <p>
          Trace <code>{traceId}</code> is removed for everyone using this viewer, and links to it stop working.
        </p>
      </ConfirmDialog>
    </span>
  );
}
