import { stringAttr } from '../../../core/model/attributes.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { traceFailures } from '../../../core/trace/failures.ts';
import { selectSpan } from '../../routes/select-span.ts';

/**
 * The failure of a span, first thing in its details: each `exception` event as type, message and
 * stack trace (text, never HTML), and for a span that failed only because a span below it did,
 * a link to that root cause.
 */
export function ExceptionBlock({ trace, index }: { trace: Trace; index: number }) {
  const span = trace.spans[index]!;
  const exceptions = span.events.filter((event) => event.name === 'exception');
  const failures = span.status.code === 'error' ? traceFailures(trace) : undefined;
  const cause = failures?.echoes[index] ? rootCauseBelow(trace, failures.rootCauses, index) : -1;
  if (exceptions.length === 0 && span.status.code !== 'error') return null;
  return (
    <section className="details-exceptions" aria-label="Failure">
      {cause >= 0 && (
        <p className="exception-echo">
          Failed because a span below it failed; root cause:{' '}
          <button type="button" className="link-button" onClick={() => selectSpan(trace, cause, 'push')}>
            {trace.spans[cause]!.name}
          </button>
        </p>
      )}
      {exceptions.length === 0 && span.status.message && (
        <p className="exception-head">
          <span className="exception-type">Error</span>: {span.status.message}
        </p>
      )}
      {exceptions.map((event, i) => {
        const type = stringAttr(event.attributes, 'exception.type');
        const message = stringAttr(event.attributes, 'exception.message');
        const stack = stringAttr(event.attributes, 'exception.stacktrace');
        return (
          <div key={i} className="exception">
            <p className="exception-head">
              <span className="exception-type">{type ?? 'Exception'}</span>
              {message ? `: ${message}` : ''}
            </p>
            {stack && (
              <details open={exceptions.length === 1}>
                <summary className="muted">Stack trace</summary>
                <pre className="json-block exception-stack">{stack}</pre>
              </details>
            )}
          </div>
        );
      })}
    </section>
  );
}

/** The first root cause (in failure order) inside the subtree of `index`. */
function rootCauseBelow(trace: Trace, rootCauses: readonly number[], index: number): number {
  const end = index + (trace.descendants[index] ?? 0);
  return rootCauses.find((cause) => cause > index && cause <= end) ?? -1;
}
