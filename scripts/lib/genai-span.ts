import { SpanKind, type Tracer } from '@opentelemetry/api';
import type { Prng, SimClock } from './sim-clock.ts';
import type { Task } from './sim-runtime.ts';

/** One chat completion, described by the node that makes it. */
export interface LlmCall {
  model: string;
  system: string;
  prompt: string;
  completion: string;
  temperature?: number;
  maxTokens?: number;
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
  const outputTokens = tokens(call.completion);
  const durationMs = prng.range(250, 420) + outputTokens * prng.range(9, 14);
  const startNs = clock.nowNs;
  const endNs = startNs + Math.round(durationMs * 1e6);
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

/** A rough token count (about four characters a token). */
function tokens(text: string): number {
  return Math.max(1, Math.round(text.length / 4));
}
