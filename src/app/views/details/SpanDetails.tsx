import { useMemo, type KeyboardEvent, type ReactNode } from 'react';
import type { Trace } from '../../../core/model/trace.ts';
import { formatDuration, formatEpochNs, epochNs } from '../../../core/model/time.ts';
import { selfTime } from '../../../core/trace/self-time.ts';
import { spanIndexOf } from '../../data/span-keys.ts';
import { selectSpan } from '../../routes/select-span.ts';
import { updateView, useViewState } from '../../routes/use-view-state.ts';
import { CopyButton } from '../../ui/CopyButton.tsx';
import { AttributeTable } from './AttributeTable.tsx';
import { ConcurrencySection } from './ConcurrencySection.tsx';
import type { ConcurrencyGroup } from '../../../core/junjo/concurrency.ts';
import type { JunjoOutlineAnalysis } from '../../../core/junjo/junjo-outline.ts';
import { ExceptionBlock } from './ExceptionBlock.tsx';
import { LlmConversation } from './LlmConversation.tsx';
import { StateChanges } from './StateChanges.tsx';
import './details.css';

/** Everything about the selected span. Focusable (Enter in the waterfall moves focus here). */
export function SpanDetails({ trace, concurrency, analysis }: { trace: Trace; concurrency: readonly ConcurrencyGroup[]; analysis?: JunjoOutlineAnalysis }) {
  const key = useViewState((state) => state.span);
  const index = spanIndexOf(trace, key);
  const span = index >= 0 ? trace.spans[index] : undefined;
  const self = useMemo(() => (index >= 0 ? selfTime(trace, index) : 0), [trace, index]);
  const issues = useMemo(() => trace.issues.filter((issue) => 'spanIndex' in issue && issue.spanIndex === index), [trace, index]);

  if (!span) {
    return (
      <aside id="span-details" className="details" tabIndex={-1} aria-label="Span details">
        <p className="muted">{key ? `Span ${key} is not in this trace.` : 'Select a span to see its details.'}</p>
      </aside>
    );
  }

  const duration = span.end - span.start;
  const group = concurrency.find((candidate) => candidate.spanIndex === index);
  // Escape (and Close) hand the keyboard back to the view the panel was opened from.
  const returnFocus = () => document.querySelector<HTMLElement>('[role=treegrid], .react-flow__node[aria-current=true], .st-grid')?.focus();
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    returnFocus();
  };
  const parentIndex = trace.parent[index] ?? -1;
  return (
    <aside id="span-details" className="details" tabIndex={-1} aria-label={`Details of span ${span.name}`} onKeyDown={onKeyDown}>
      <header className="details-head">
        <h2>{span.name}</h2>
        <button
          type="button"
          className="button small"
          aria-label="Close details"
          onClick={() => {
            returnFocus();
            updateView({ span: undefined });
          }}
        >
          ✕
        </button>
      </header>
      <ExceptionBlock trace={trace} index={index} />
      {analysis?.kind === 'junjo' && <StateChanges analysis={analysis} index={index} />}
      <LlmConversation span={span} />
      <table className="kv">
        <tbody>
          <Row label="Service">{span.resource.serviceName}</Row>
          <Row label="Duration">
            {formatDuration(duration)} <span className="muted">(self {formatDuration(self)})</span>
          </Row>
          <Row label="Start">
            +{formatDuration(span.start)} <span className="muted">{formatEpochNs(epochNs(trace.startNs + BigInt(Math.round(span.start))))}</span>
          </Row>
          <Row label="Kind">{span.kind}</Row>
          <Row label="Status">
            <span className={span.status.code === 'error' ? 'error-text' : undefined}>{span.status.code}</span>
            {span.status.message && <span className="error-text">: {span.status.message}</span>}
          </Row>
          <Row label="Span id">
            <code>{span.spanId}</code> <CopyButton text={span.spanId} label="Copy span id" />
          </Row>
          <Row label="Parent">
            {parentIndex >= 0 ? (
              <button type="button" className="link-button" onClick={() => selectSpan(trace, parentIndex)}>
                {trace.spans[parentIndex]!.name}
              </button>
            ) : span.parentSpanId ? (
              <span className="warn-text">
                <code>{span.parentSpanId}</code> (not in trace)
              </span>
            ) : (
              <span className="muted">none (root)</span>
            )}
          </Row>
          <Row label="Trace id">
            <code>{span.traceId}</code> <CopyButton text={span.traceId} label="Copy trace id" />
          </Row>
          {span.traceState && <Row label="Trace state">{span.traceState}</Row>}
        </tbody>
      </table>
      {issues.length > 0 && (
        <ul className="details-issues">
          {issues.map((issue, i) => (
            <li key={i}>{issueText(issue.kind)}</li>
          ))}
        </ul>
      )}
      {group && <ConcurrencySection trace={trace} group={group} />}
      <Section title={`Attributes (${span.attributes.length})`} dropped={span.droppedAttributesCount}>
        <AttributeTable attributes={span.attributes} label="Span attributes" />
      </Section>
      <Section title={`Events (${span.events.length})`} dropped={span.droppedEventsCount}>
        {span.events.length === 0 ? (
          <p className="muted">None</p>
        ) : (
          <ol className="details-events">
            {span.events.map((event, i) => (
              <li key={i}>
                <details open={span.events.length <= 5}>
                  <summary>
                    <span className={event.name === 'exception' ? 'error-text' : undefined}>{event.name || '(unnamed event)'}</span>{' '}
                    <span className="muted">+{formatDuration(event.time - span.start)}</span>
                  </summary>
                  <AttributeTable attributes={event.attributes} label={`Attributes of event ${event.name}`} />
                </details>
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section title={`Links (${span.links.length})`} dropped={span.droppedLinksCount}>
        {span.links.length === 0 ? (
          <p className="muted">None</p>
        ) : (
          <ul className="details-links">
            {span.links.map((link, i) => {
              const target = link.traceId === trace.traceId ? spanIndexOf(trace, link.spanId) : -1;
              return (
                <li key={i}>
                  {target >= 0 ? (
                    <button type="button" className="link-button" onClick={() => selectSpan(trace, target)}>
                      {trace.spans[target]!.name} <code>{link.spanId}</code>
                    </button>
                  ) : (
                    <span>
                      <code>{link.traceId}</code> / <code>{link.spanId}</code> <span className="muted">(other trace)</span>
                    </span>
                  )}
                  {link.attributes.length > 0 && <AttributeTable attributes={link.attributes} label="Link attributes" />}
                </li>
              );
            })}
          </ul>
        )}
      </Section>
      <Section title="Resource">
        <AttributeTable attributes={span.resource.attributes} label="Resource attributes" />
      </Section>
      <Section title={`Scope: ${span.scope.name || '(unnamed)'}${span.scope.version ? ` ${span.scope.version}` : ''}`}>
        <AttributeTable attributes={span.scope.attributes} label="Scope attributes" />
      </Section>
    </aside>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

function Section({ title, dropped = 0, children }: { title: string; dropped?: number; children: ReactNode }) {
  return (
    <section className="details-section">
      <h3>
        {title}
        {dropped > 0 && <span className="warn-text"> · {dropped} dropped by the SDK</span>}
      </h3>
      {children}
    </section>
  );
}

function issueText(kind: string): string {
  switch (kind) {
    case 'orphan':
      return 'Its parent span is not in this trace.';
    case 'outside-parent':
      return 'It starts before or ends after its parent.';
    case 'ends-before-start':
      return 'It ends before it starts (drawn with zero length).';
    default:
      return kind;
  }
}
