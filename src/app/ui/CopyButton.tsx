import { useState } from 'react';

type Outcome = 'idle' | 'copied' | 'failed';

/**
 * Copies text (or what a function returns at click time) to the clipboard and says so, also to
 * screen readers (a polite status). Where the Clipboard API is missing (plain http on a non-local
 * host) it falls back to a selection copy, and says so plainly when that fails too.
 */
export function CopyButton({ text, label = 'Copy', visibleLabel = 'Copy', subtle = true }: { text: string | (() => string); label?: string; visibleLabel?: string; subtle?: boolean }) {
  const [outcome, setOutcome] = useState<Outcome>('idle');
  const show = (next: Outcome) => {
    setOutcome(next);
    window.setTimeout(() => setOutcome('idle'), next === 'failed' ? 4000 : 2000);
  };
  const copy = async () => {
    const value = typeof text === 'function' ? text() : text;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard API');
      await navigator.clipboard.writeText(value);
      show('copied');
    } catch {
      show(copyBySelection(value) ? 'copied' : 'failed');
    }
  };
  return (
    <>
      <button
        type="button"
        className={subtle ? 'button small copy-button' : 'button small'}
        aria-label={outcome === 'copied' ? 'Copied' : label}
        title={outcome === 'failed' ? 'The browser did not allow copying here; select the text and copy it yourself.' : label}
        onClick={() => void copy()}
      >
        {outcome === 'copied' ? 'Copied' : outcome === 'failed' ? 'Copy failed' : visibleLabel}
      </button>
      <span role="status" className="visually-hidden">
        {outcome === 'copied' ? 'Copied to the clipboard' : outcome === 'failed' ? 'Copying failed: select the text and copy it yourself' : ''}
      </span>
    </>
  );
}

function copyBySelection(value: string): boolean {
  const area = document.createElement('textarea');
  area.value = value;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
