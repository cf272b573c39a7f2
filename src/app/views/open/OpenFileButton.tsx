import { useRef } from 'react';
import { openFile } from '../../data/open-input.ts';

/** "Open file" — a real <input type=file> behind a button, so the keyboard and screen readers work. */
export function OpenFileButton({ label = 'Open file', primary = false }: { label?: string; primary?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={primary ? 'button primary' : 'button'} onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        data-testid="file-input"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        accept=".json,.jsonl,.ndjson,.gz,.txt,.log,application/json"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) openFile(file, file.name);
          event.target.value = '';
        }}
      />
    </>
  );
}
