import { useRestoreFailure } from '../../data/kept-files.ts';
import { OpenFileButton } from './OpenFileButton.tsx';

/**
 * A link to a local file cannot carry the file. When the browser kept no copy of it (see
 * kept-files.ts), the page asks for it again, then restores the rest of the view from the URL.
 */
export function RestorePrompt({ fileName }: { fileName: string }) {
  const failure = useRestoreFailure(fileName);
  const problem = failure && (
    <p className="error-text" role="alert">
      {failure}
    </p>
  );
  if (fileName === 'pasted.json') {
    return (
      <div className="start">
        <div className="dropzone" role="region" aria-label="Paste the trace again">
          {problem}
          <p>
            This view was opened from <strong>pasted text</strong>, which is not part of a link and is no longer kept in this browser. Paste the same trace again (Ctrl+V anywhere on this
            page) to restore the view.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="start">
      <div className="dropzone" role="region" aria-label="Open the file again">
        {problem}
        <p>
          This link shows the local file <strong>{fileName}</strong>, which is not kept in this browser (it was forgotten, or was never opened here). Files never leave your browser, so open
          it again to restore the view.
        </p>
        <OpenFileButton label={`Open ${fileName}…`} primary />
        <p className="muted">Or drop it anywhere on this page.</p>
      </div>
    </div>
  );
}
