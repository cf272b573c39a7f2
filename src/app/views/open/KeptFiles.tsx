import { useEffect, useState } from 'react';
import type { KeptFileInfo } from '../../data/kept-files-budget.ts';
import { megabytes } from '../../data/kept-files-budget.ts';
import { forgetKeptFiles, listKeptFiles, useKeptFilesVersion } from '../../data/kept-files.ts';
import { navigateTo } from '../../routes/use-view-state.ts';
import { emptyViewState } from '../../routes/view-state.ts';
import { relativeTime } from '../../ui/relative-time.ts';

/**
 * The local files this browser keeps so their links survive a reload: open one again, forget
 * one, or forget them all. Nothing is shown when none are kept.
 */
export function KeptFiles() {
  const version = useKeptFilesVersion();
  const [files, setFiles] = useState<readonly KeptFileInfo[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    let cancelled = false;
    void listKeptFiles().then((listed) => {
      if (cancelled) return;
      if (listed.ok) setFiles(listed.value);
      else setProblem(`The files kept in this browser cannot be listed: ${listed.message}.`);
    });
    return () => {
      cancelled = true;
    };
  }, [version]);

  const forget = async (name?: string) => {
    const outcome = await forgetKeptFiles(name);
    setProblem(outcome.ok ? undefined : `The kept files could not be forgotten: ${outcome.message}.`);
  };

  if (problem) return <p className="muted kept-files-problem">{problem}</p>;
  if (!files || files.length === 0) return null;
  const now = Date.now();
  const total = files.reduce((sum, file) => sum + file.size, 0);
  return (
    <section className="kept-files" aria-labelledby="kept-files-title">
      <h2 id="kept-files-title">Files kept in this browser</h2>
      <p className="muted">
        Opened files stay in this browser ({megabytes(total)}) so their links survive a reload; they are never sent anywhere.{' '}
        <button type="button" className="button small" onClick={() => void forget()}>
          Forget all kept files
        </button>
      </p>
      <ul aria-label="Files kept in this browser">
        {files.map((file) => (
          <li key={file.name}>
            <button type="button" className="link-button" aria-label={`Open ${file.name}`} onClick={() => navigateTo({ ...emptyViewState, source: { kind: 'file', name: file.name } }, 'push')}>
              {file.name}
            </button>{' '}
            <span className="muted">
              {megabytes(file.size)}, opened <span title={new Date(file.savedAt).toISOString()}>{relativeTime(file.savedAt, now)}</span>
            </span>{' '}
            <button type="button" className="button small" aria-label={`Forget ${file.name}`} onClick={() => void forget(file.name)}>
              Forget
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
