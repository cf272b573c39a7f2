import type { TraceHead } from '../../data/backend-api.ts';
import './backends.css';

/** Only http(s) links are rendered (the address comes from the server's config, but is checked anyway). */
const safeHref = (url: string): string | undefined => (/^https?:\/\//i.test(url) ? url : undefined);

/**
 * What the backend said about the trace on screen (Tempo PARTIAL, Jaeger errors, Junjo AI Studio
 * still assembling its evidence), above it, and a link to the same run in the backend's own UI.
 */
export function BackendNotices({ head }: { head: TraceHead }) {
  const link = head.uiLink !== undefined ? safeHref(head.uiLink.url) : undefined;
  if (head.partial === null && head.warnings.length === 0 && link === undefined) return null;
  return (
    <div className="banner backend-notices" role="status">
      {head.partial !== null && (
        <p>
          <strong>Incomplete trace from {head.source}:</strong> {head.partial.message}
        </p>
      )}
      {head.warnings.map((warning, i) => (
        <p key={i}>
          <strong>{head.source} warns:</strong> {warning}
        </p>
      ))}
      {link !== undefined && head.uiLink !== undefined && (
        <p>
          This run in {head.source}:{' '}
          <a href={link} target="_blank" rel="noopener noreferrer">
            {head.uiLink.label}
          </a>
        </p>
      )}
    </div>
  );
}
