import { useEffect, useRef, useState } from 'react';
import { openPastedText } from '../../data/open-input.ts';

/**
 * "Paste JSON": a native <dialog> (focus trap and Escape come with it). Pasting JSON with
 * Ctrl+V anywhere outside a text field opens it directly.
 */
export function PasteDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.closest('input, textarea, [contenteditable="true"]') || target.closest('dialog'))) return;
      const pasted = event.clipboardData?.getData('text') ?? '';
      if (/^\s*[[{]/.test(pasted)) {
        event.preventDefault();
        openPastedText(pasted);
      }
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);

  const submit = () => {
    if (text.trim() === '') return;
    dialog.current?.close();
    openPastedText(text);
    setText('');
  };

  return (
    <>
      <button type="button" className="button" onClick={() => dialog.current?.showModal()}>
        Paste JSON
      </button>
      <dialog ref={dialog} className="paste-dialog" aria-labelledby="paste-title">
        <h2 id="paste-title">Paste a trace</h2>
        <p className="muted">OTLP JSON, Tempo or Jaeger responses, Jaeger JSON, Junjo span rows, or Python console exporter output.</p>
        <textarea
          className="input mono"
          aria-label="Trace JSON"
          rows={14}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder='{"resourceSpans": [...]}'
        />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="button" className="button primary" onClick={submit} disabled={text.trim() === ''}>
            Open
          </button>
        </div>
      </dialog>
    </>
  );
}
