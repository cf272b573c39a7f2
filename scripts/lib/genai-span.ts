import { SpanKind, type Tracer } from '@opentelemetry/api';
import type { Prng, SimClock } from './sim-clock.ts';
import type { Task } from './sim-runtime.ts';

/**
 * How the call is recorded: `events` (opentelemetry-instrumentation-openai-v2: per-message events),
 * `json` (current GenAI conventions: gen_ai.input/output.messages and gen_ai.system_instructions as
 * JSON attributes), `openinference` (flattened llm.* attributes) or `junjo-agent` (a Junjo agent's
 * `model request N` operation span with its request and response payloads).
 */
export type LlmStyle = 'events' | 'json' | 'openinference' | 'junjo-agent';

/** A tool call the model answers with (the completion text then accompanies it). */
export interface LlmToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** One chat completion, described by the node that makes it. */
export interface LlmCall {
  model: string;
  system: string;
  prompt: string;
  completion: string;
  temperature?: number;
  maxTokens?: number;
  style?: LlmStyle;
  toolCalls?: LlmToolCall[];
}

export interface GenAiEnv {
  tracer: Tracer;
  clock: SimClock;
  prng: Prng;
}

const RESPONSE_MODELS: Record<string, string> = {
  'gpt-4o': 'gpt-4o-2024-08-06',
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
};

/**
 * A `chat <model>` CLIENT span as opentelemetry-instrumentation-openai-v2 records it (GenAI
 * semantic conventions), with the prompt and completion as span events (content capture on).
 * Leaf span: its end time is known up front, so it uses startActiveSpan and then awaits.
 */
export function* chatCompletion(env: GenAiEnv, call: LlmCall): Task<string> {
  const { clock, prng } = env;
  const inputTokens = tokens(call.system) + tokens(call.prompt) + 7;
  const outputTokens = tokens(call.completion) + (call.toolCalls?.length ?? 0) * 12;
  const durationMs = prng.range(250, 420) + outputTokens * prng.range(9, 14);
  const startNs = clock.nowNs;
  const endNs = startNs + Math.round(durationMs * 1e6);
  const style = call.style ?? 'events';
  if (style !== 'events') {
    recordStyled(env, call, style, { inputTokens, outputTokens, endNs });
    yield durationMs;
    return call.completion;
  }
  env.tracer.startActiveSpan(
    `chat ${call.model}`,
    {
      kind: SpanKind.CLIENT,
      startTime: clock.hr(),
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.system': 'openai',
        'gen_ai.request.model': call.model,
        'gen_ai.request.temperature': call.temperature ?? 0.7,
        'gen_ai.request.max_tokens': call.maxTokens ?? 512,
        'server.address': 'api.openai.com',
        'server.port': 443,
      },
    },
    (span) => {
      span.addEvent('gen_ai.system.message', { 'gen_ai.system': 'openai', content: call.system }, clock.hr());
      span.addEvent('gen_ai.user.message', { 'gen_ai.system': 'openai', content: call.prompt }, clock.hr());
      span.addEvent(
        'gen_ai.choice',
        { 'gen_ai.system': 'openai', index: 0, finish_reason: 'stop', message: JSON.stringify({ role: 'assistant', content: call.completion }) },
        clock.hrAtNs(endNs - 150_000),
      );
      span.setAttributes({
        'gen_ai.response.model': RESPONSE_MODELS[call.model] ?? call.model,
        'gen_ai.response.id': `chatcmpl-${prng.hex(8)}${prng.hex(8)}${prng.hex(8)}`.slice(0, 38),
        'gen_ai.response.finish_reasons': ['stop'],
        'gen_ai.openai.response.service_tier': 'default',
        'gen_ai.usage.input_tokens': inputTokens,
        'gen_ai.usage.output_tokens': outputTokens,
      });
      span.end(clock.hrAtNs(endNs));
    },
  );
  yield durationMs;
  return call.completion;
}

const toolCallId = (i: number) => `call_${String(i + 1).padStart(3, '0')}`;

/** The three other ways an LLM call reaches a trace (see LlmStyle). */
function recordStyled(env: GenAiEnv, call: LlmCall, style: Exclude<LlmStyle, 'events'>, usage: { inputTokens: number; outputTokens: number; endNs: number }): void {
  const { clock } = env;
  const calls = call.toolCalls ?? [];
  let name: string;
  let attributes: Record<string, string | number | string[]>;
  if (style === 'json') {
    name = `chat ${call.model}`;
    const outputParts: unknown[] = [{ type: 'text', content: call.completion }, ...calls.map((c, i) => ({ type: 'tool_call', id: toolCallId(i), name: c.name, arguments: c.arguments }))];
    attributes = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': call.model,
      'gen_ai.request.temperature': call.temperature ?? 0.7,
      'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: call.system }]),
      'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: call.prompt }] }]),
      'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', parts: outputParts, finish_reason: calls.length > 0 ? 'tool_calls' : 'stop' }]),
      'gen_ai.response.model': RESPONSE_MODELS[call.model] ?? call.model,
      'gen_ai.response.finish_reasons': [calls.length > 0 ? 'tool_calls' : 'stop'],
      'gen_ai.usage.input_tokens': usage.inputTokens,
      'gen_ai.usage.output_tokens': usage.outputTokens,
    };
  } else if (style === 'openinference') {
    name = 'ChatCompletion';
    attributes = {
      'openinference.span.kind': 'LLM',
      'llm.model_name': call.model,
      'llm.provider': 'anthropic',
      'llm.invocation_parameters': JSON.stringify({ temperature: call.temperature ?? 0.7, max_tokens: call.maxTokens ?? 512 }),
      'llm.input_messages.0.message.role': 'system',
      'llm.input_messages.0.message.content': call.system,
      'llm.input_messages.1.message.role': 'user',
      'llm.input_messages.1.message.content': call.prompt,
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.content': call.completion,
      'llm.token_count.prompt': usage.inputTokens,
      'llm.token_count.completion': usage.outputTokens,
      'llm.token_count.total': usage.inputTokens + usage.outputTokens,
      'input.value': call.prompt,
      'input.mime_type': 'text/plain',
      'output.value': call.completion,
      'output.mime_type': 'text/plain',
    };
    calls.forEach((c, i) => {
      attributes[`llm.output_messages.0.message.tool_calls.${i}.tool_call.function.name`] = c.name;
      attributes[`llm.output_messages.0.message.tool_calls.${i}.tool_call.function.arguments`] = JSON.stringify(c.arguments);
    });
  } else {
    name = 'model request 1';
    attributes = {
      'junjo.agent.operation_type': 'model_request',
      'junjo.agent.operation.sequence': 1,
      'junjo.agent.model.name': call.model,
      'junjo.agent.model.request': JSON.stringify({ ordinal: 1, instructions: call.system, messages: [{ role: 'user', content: call.prompt }], tools: calls.map((c) => ({ name: c.name })) }),
      'junjo.agent.model.request.mode': 'full',
      'junjo.agent.model.request.policy': 'junjo.full.v1',
      'junjo.agent.model.response': JSON.stringify(
        calls.length > 0
          ? { type: 'tool_calls', assistant_text: call.completion, tool_calls: calls.map((c, i) => ({ id: toolCallId(i), name: c.name, arguments: c.arguments })), usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens } }
          : { type: 'final_output', output: call.completion, usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens } },
      ),
      'junjo.agent.model.response.mode': 'full',
      'junjo.agent.model.response.policy': 'junjo.full.v1',
    };
  }
  env.tracer.startActiveSpan(name, { kind: style === 'junjo-agent' ? SpanKind.INTERNAL : SpanKind.CLIENT, startTime: clock.hr(), attributes }, (span) => {
    span.end(clock.hrAtNs(usage.endNs));
  });
}

/** A rough token count (about four characters a token). */
function tokens(text: string): number {
  return Math.max(1, Math.round(text.length / 4));
}
