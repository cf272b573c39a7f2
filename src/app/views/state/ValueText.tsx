import { useState } from 'react';

const PREVIEW_CHARS = 160;
const FULL_CHARS = 200_000;

/** A JSON value as plain text: a one-line preview, expandable to pretty-printed JSON. */
export function ValueText({ value, missing }: { value: unknown; missing?: boolean }) {
  const [open, setOpen] = useState(false);
  if (missing) return <span className="st-value st-absent">(absent)</span>;
  const compact = value === undefined ? 'undefined' : JSON.stringify(value);
  if (compact.length <= PREVIEW_CHARS || typeof value !== 'object' || value === null) {
    const limit = open ? FULL_CHARS : PREVIEW_CHARS * 2;
    const shown = compact.length > limit ? compact.slice(0, limit) + '…' : compact;
    return (
      <span className={`st-value st-${value === null ? 'null' : typeof value}`}>
        {shown}
        {shown !== compact && !open && (
          <button type="button" className="st-more" onClick={() => setOpen(true)}>show all ({compact.length} characters)</button>
        )}
      </span>
    );
  }
  if (!open) {
    return (
      <span className="st-value">
        {compact.slice(0, PREVIEW_CHARS)}…{' '}
        <button type="button" className="st-more" onClick={() => setOpen(true)}>expand</button>
      </span>
    );
  }
  const pretty = JSON.stringify(value, null, 2);
  return (
    <span className="st-value">
      <button type="button" className="st-more" onClick={() => setOpen(false)}>collapse</button>
      <pre className="st-pre">{pretty.length > FULL_CHARS ? pretty.slice(0, FULL_CHARS) + '\n… (cut for display)' : pretty}</pre>
    </span>
  );
}
