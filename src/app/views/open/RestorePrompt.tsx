import { OpenFileButton } from './OpenFileButton.tsx';

/**
 * A link to a local file cannot carry the file. After a reload the page asks for it again,
 * then restores the rest of the view from the URL.
 */
export function RestorePrompt({ fileName }: { fileName: string }) {
  if (fileName === 'pasted.json') {
    return (
      <div className="start">
        <div className="dropzone" role="region" aria-label="Paste the trace again">
          <p>
            This view was opened from <strong>pasted text</strong>, which is not part of a link. Paste the same trace again (Ctrl+V anywhere on this page) to restore the
            view.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="start">
      <div className="dropzone" role="region" aria-label="Open the file again">
        <p>
          This link shows the local file <strong>{fileName}</strong>. Files never leave your browser, so open it again to restore the view.
        </p>
        <OpenFileButton label={`Open ${fileName}…`} primary />
        <p className="muted">Or drop it anywhere on this page.</p>
      </div>
    </div>
  );
}
