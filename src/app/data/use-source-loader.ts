import { useEffect } from 'react';
import type { SourceRef } from '../routes/view-state.ts';
import { loadSample, sourceKey } from './open-input.ts';
import { getLoadState, resetLoad } from './trace-loader.ts';

/**
 * Keeps what is loaded in step with the source in the URL: a sample is fetched when the
 * URL names it. A file cannot be fetched — the page asks for it again (see RestorePrompt).
 * Backend traces are loaded by their own hook.
 */
export function useSourceLoader(source: SourceRef): void {
  const key = sourceKey(source);
  useEffect(() => {
    const loaded = getLoadState();
    const loadedKey = loaded.status === 'idle' ? '' : loaded.key;
    if (key === loadedKey) return;
    if (source.kind === 'sample') void loadSample(source.name);
    else if (source.kind === 'none') resetLoad();
    // The source object is re-created per URL parse; the key identifies it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
