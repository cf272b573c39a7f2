import { useEffect } from 'react';
import type { SourceRef } from '../routes/view-state.ts';
import { loadSample, sourceKey } from './open-input.ts';
import { getLoadState, loadInput, markLoading, resetLoad } from './trace-loader.ts';
import { restoreKeptFile } from './kept-files.ts';

/**
 * Keeps what is loaded in step with the source in the URL: a sample is fetched when the
 * URL names it. A file is read from the copy kept in this browser (kept-files.ts); without one
 * the page asks for it again (see RestorePrompt).
 * Backend traces are loaded by their own hook.
 */
export function useSourceLoader(source: SourceRef): void {
  const key = sourceKey(source);
  useEffect(() => {
    const loaded = getLoadState();
    const loadedKey = loaded.status === 'idle' ? '' : loaded.key;
    if (key === loadedKey) return;
    if (source.kind === 'sample') void loadSample(source.name);
    else if (source.kind === 'file') void restoreFile(key, source.name);
    else if (source.kind === 'none') resetLoad();
    // The source object is re-created per URL parse; the key identifies it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}

async function restoreFile(key: string, name: string): Promise<void> {
  markLoading(key, name, 'Reading the copy kept in this browser');
  const bytes = await restoreKeptFile(name);
  const now = getLoadState();
  // Something else was opened meanwhile: leave it.
  if (now.status !== 'loading' || now.key !== key) return;
  if (bytes) loadInput(key, name, bytes);
  else resetLoad();
}
