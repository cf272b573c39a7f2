import { useState } from 'react';

/** Copies text (or what a function returns at click time) to the clipboard and says so for a moment (also to screen readers). */
export function CopyButton({ text, label = 'Copy', visibleLabel = 'Copy', subtle = true }: { text: string | (() => string); label?: string; visibleLabel?: string; subtle?: boolean }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={subtle ? 'button small copy-button' : 'button small'}
      aria-label={copied ? 'Copied' : label}
      title={label}
      onClick={() => {
        void navigator.clipboard
          ?.writeText(typeof text === 'function' ? text() : text)
          .then(() => {
            setCopied(true);
            window.setTimeout(() => setCopied(false), 1200);
          })
          .catch(() => setCopied(false));
      }}
    >
      {copied ? 'Copied' : visibleLabel}
    </button>
  );
}
