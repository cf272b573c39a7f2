/**
 * Opening inputs: a local file, pasted text, a bundled sample. Each starts a load and
 * navigates to the source's URL; the rest of the view state starts empty, except when a
 * file is opened again to restore a reloaded link (then the rest of the URL is kept).
 */
import { emptyViewState, type SourceRef } from '../routes/view-state.ts';
import { getViewState, navigateTo } from '../routes/use-view-state.ts';
import { failLoad, loadInput } from './trace-loader.ts';
import { keepFile, readKeptFile } from './kept-files.ts';

export const sourceKey = (source: SourceRef): string => {
  switch (source.kind) {
    case 'none':
    case 'invalid':
    case 'runs':
      return '';
    case 'sample':
      return `sample:${source.name}`;
    case 'file':
      return `file:${source.name}`;
    case 'backend':
      return `backend:${source.source}:${source.traceId}`;
  }
};

/**
 * The bytes of the file on screen, kept so that "Save to local store" can send them as they
 * were read. One at a time: opening another input replaces it.
 */
let opened: { readonly key: string; readonly bytes: Blob } | undefined;

/** The bytes behind a file or sample source, when this page or the browser's kept copy still has them. */
export async function inputBytes(source: SourceRef): Promise<Blob | undefined> {
  const key = sourceKey(source);
  if (opened !== undefined && opened.key === key) return opened.bytes;
  if (source.kind === 'file') {
    const kept = await readKeptFile(source.name);
    return kept.ok ? kept.value : undefined;
  }
  if (source.kind !== 'sample') return undefined;
  const response = await fetch(`/samples/${encodeURIComponent(source.name)}`);
  return response.ok ? response.blob() : undefined;
}

export function openFile(file: Blob, name: string): void {
  const source: SourceRef = { kind: 'file', name };
  opened = { key: sourceKey(source), bytes: file };
  const current = getViewState();
  const restoring = current.source.kind === 'file' && current.source.name === name;
  loadInput(sourceKey(source), name, file);
  // Kept in the browser so a reload of this link restores the screen (failures are noted on screen).
  void keepFile(name, file);
  navigateTo(restoring ? current : { ...emptyViewState, source }, restoring ? 'replace' : 'push');
}

export function openPastedText(text: string): void {
  openFile(new Blob([text], { type: 'application/json' }), 'pasted.json');
}

export function openSample(name: string): void {
  navigateTo({ ...emptyViewState, source: { kind: 'sample', name } }, 'push');
}

/** Fetches a bundled sample and hands it to the worker. */
export async function loadSample(name: string): Promise<void> {
  const key = sourceKey({ kind: 'sample', name });
  if (!/^[\w.-]+$/.test(name)) {
    failLoad(key, name, { code: 'unknown-shape', message: `"${name}" is not a sample name.`, hint: 'Pick one of the samples on the start page.' });
    return;
  }
  try {
    const response = await fetch(`/samples/${name}`);
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    loadInput(key, name, await response.arrayBuffer());
  } catch (error) {
    failLoad(key, name, {
      code: 'empty',
      message: `The sample "${name}" could not be fetched (${error instanceof Error ? error.message : String(error)}).`,
      hint: 'Check that the viewer is running (npm start) and pick a sample from the start page.',
    });
  }
}
