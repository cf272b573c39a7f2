import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { encodeOtlpJson } from '../../../core/formats/encode-otlp-json.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { BackendRequestError } from '../../data/backend-api.ts';
import { saveToLocalStore } from '../../data/local-api.ts';
import { runListKey } from '../../data/local-live.ts';
import { inputBytes } from '../../data/open-input.ts';
import { getViewState, navigateTo } from '../../routes/use-view-state.ts';

/**
 * "Save to local store" for a trace opened from a file, pasted text or a sample: sends the
 * input's bytes as they were read (or, when the page no longer has them, the trace on screen
 * as OTLP JSON) to the local store, then opens the stored trace with the same view, so its link
 * works after a reload and for anyone using this viewer.
 */
export function SaveToLocalStore({ store, trace }: { store: string; trace: Trace }) {
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; hint: string }>();

  const save = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const view = getViewState();
      const bytes = (await inputBytes(view.source)) ?? JSON.stringify(encodeOtlpJson(trace));
      const saved = await saveToLocalStore(store, bytes);
      const traceId = saved.traceIds.includes(trace.traceId) ? trace.traceId : saved.traceIds[0];
      if (traceId === undefined) throw new Error('The store answered without a trace id');
      void client.invalidateQueries({ queryKey: runListKey(store) });
      navigateTo({ ...getViewState(), source: { kind: 'backend', source: store, traceId }, trace: undefined }, 'push');
    } catch (error) {
      setFailure(
        error instanceof BackendRequestError
          ? { message: `Not saved: ${error.apiError.message}`, hint: error.apiError.hint }
          : { message: `Not saved: ${error instanceof Error ? error.message : String(error)}.`, hint: 'Try again; if it keeps failing, see the viewer server log.' },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button small" onClick={() => void save()} disabled={busy} title="Keep this trace in the viewer's store, so its link works after a reload and for others using this viewer">
        {busy ? 'Saving…' : 'Save to local store'}
      </button>
      {failure && (
        <span className="error-text save-result" role="alert">
          {failure.message} <span className="muted">{failure.hint}</span>
        </span>
      )}
    </>
  );
}
