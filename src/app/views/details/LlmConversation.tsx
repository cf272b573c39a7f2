import { useMemo } from 'react';
import type { Span } from '../../../core/model/span.ts';
import { llmCallOf, type LlmMessage } from '../../../core/trace/llm-call.ts';

const styleName = { gen_ai: 'OpenTelemetry GenAI', openinference: 'OpenInference', 'junjo-agent': 'Junjo agent' } as const;

/**
 * An LLM call as a conversation: model, tokens in and out, finish reason, then system, user,
 * assistant and tool messages with tool calls and their arguments. All of it is text.
 */
export function LlmConversation({ span }: { span: Span }) {
  const call = useMemo(() => llmCallOf(span), [span]);
  if (!call || (call.messages.length === 0 && call.model === undefined && call.inputTokens === undefined)) return null;
  const facts = [
    call.model && `model ${call.model}`,
    call.provider,
    (call.inputTokens !== undefined || call.outputTokens !== undefined) && `${(call.inputTokens ?? 0).toLocaleString()} tokens in → ${(call.outputTokens ?? 0).toLocaleString()} out`,
    call.finishReasons.length > 0 && `finished: ${call.finishReasons.join(', ')}`,
  ].filter(Boolean);
  return (
    <section className="details-section llm" aria-label="LLM conversation">
      <h3>
        LLM conversation <span className="muted">({styleName[call.style]})</span>
      </h3>
      <p className="llm-facts">{facts.join(' · ')}</p>
      {call.messages.length === 0 ? (
        <p className="muted">No messages were recorded (content capture may be off).</p>
      ) : (
        <ol className="llm-messages">
          {call.messages.map((message, i) => (
            <Message key={i} message={message} />
          ))}
        </ol>
      )}
    </section>
  );
}

function Message({ message }: { message: LlmMessage }) {
  const role = message.role.toLowerCase();
  const known = ['system', 'user', 'assistant', 'tool'].includes(role) ? role : 'other';
  return (
    <li className={`llm-message llm-${known}${message.output ? ' llm-output' : ''}`}>
      <div className="llm-role">
        {message.role}
        {message.output && <span className="muted"> · response</span>}
        {message.toolCallId && <span className="muted"> · answers {message.toolCallId}</span>}
        {message.finishReason && <span className="muted"> · {message.finishReason}</span>}
      </div>
      {message.content !== '' && <div className="llm-text">{message.content}</div>}
      {message.toolCalls.map((call, i) => (
        <div key={i} className="llm-tool-call">
          <span className="llm-tool-name">→ {call.name}</span>
          {call.id && <span className="muted"> ({call.id})</span>}
          {call.arguments && <pre className="json-block">{call.arguments}</pre>}
        </div>
      ))}
    </li>
  );
}
