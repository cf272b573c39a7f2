import type { TraceHead } from '../../data/backend-api.ts';
import './backends.css';

/** What the backend said about the trace on screen (Tempo PARTIAL, Jaeger errors), above it. */
export function BackendNotices({ head }: { head: TraceHead }) {
  if (head.partial === null && head.warnings.length === 0) return null;
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
    </div>
  );
}
