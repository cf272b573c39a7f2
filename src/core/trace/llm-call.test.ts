import { describe, expect, it } from 'vitest';
import type { Attribute } from '../model/attributes.ts';
import { buildTraces } from './build-traces.ts';
import { formatTokens, llmCallOf, llmModelOf, llmTokensOf, traceTokens } from './llm-call.ts';
import { attrs, span } from './test-spans.ts';

const int = (key: string, value: number): Attribute => ({ key, value: { type: 'int', value: BigInt(value) } });
const one = (attributes: readonly Attribute[], events: { name: string; attributes: readonly Attribute[] }[] = []) =>
  buildTraces([span('00000000000000a1', null, 0, 10, { name: 'llm', attributes, events })])[0]!.spans[0]!;

describe('llmCallOf', () => {
  it('reads GenAI JSON messages with system instructions, tool calls and finish reasons', () => {
    const call = llmCallOf(one([
      ...attrs({
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.provider.name': 'openai',
        'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'Be brief.' }]),
        'gen_ai.input.messages': JSON.stringify([
          { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
          { role: 'assistant', parts: [{ type: 'tool_call', id: 'c1', name: 'get_weather', arguments: { city: 'Paris' } }] },
          { role: 'tool', parts: [{ type: 'tool_call_response', id: 'c1', response: 'rainy, 57°F' }] },
        ]),
        'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: 'Rainy, <b>57°F</b>.' }], finish_reason: 'stop' }]),
      }),
      int('gen_ai.usage.input_tokens', 97),
      int('gen_ai.usage.output_tokens', 52),
    ]))!;
    expect(call.style).toBe('gen_ai');
    expect(call.model).toBe('gpt-4o');
    expect(call.provider).toBe('openai');
    expect(call.messages.map((m) => [m.role, m.output])).toEqual([['system', false], ['user', false], ['assistant', false], ['tool', false], ['assistant', true]]);
    expect(call.messages[0]!.content).toBe('Be brief.');
    expect(call.messages[2]!.toolCalls).toEqual([{ name: 'get_weather', arguments: '{\n  "city": "Paris"\n}', id: 'c1' }]);
    expect(call.messages[3]).toMatchObject({ content: 'rainy, 57°F', toolCallId: 'c1' });
    expect(call.messages[4]!.content).toBe('Rainy, <b>57°F</b>.');
    expect(call.finishReasons).toEqual(['stop']);
    expect([call.inputTokens, call.outputTokens]).toEqual([97, 52]);
  });

  it('reads the older GenAI events (system/user message, choice)', () => {
    const call = llmCallOf(one(
      [...attrs({ 'gen_ai.system': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.response.model': 'gpt-4o-mini-2024-07-18' }), int('gen_ai.usage.input_tokens', 10)],
      [
        { name: 'gen_ai.system.message', attributes: attrs({ content: 'You are terse.' }) },
        { name: 'gen_ai.user.message', attributes: attrs({ content: 'Hi' }) },
        { name: 'gen_ai.choice', attributes: attrs({ finish_reason: 'stop', message: JSON.stringify({ role: 'assistant', content: 'Hello.' }) }) },
      ],
    ))!;
    expect(call.model).toBe('gpt-4o-mini-2024-07-18');
    expect(call.messages.map((m) => `${m.role}:${m.content}`)).toEqual(['system:You are terse.', 'user:Hi', 'assistant:Hello.']);
    expect(call.messages[2]!.output).toBe(true);
    expect(call.finishReasons).toEqual(['stop']);
    expect(call.outputTokens).toBeUndefined();
  });

  it('reads OpenInference flattened messages and tool calls', () => {
    const call = llmCallOf(one([
      ...attrs({
        'openinference.span.kind': 'LLM',
        'llm.model_name': 'claude-3-5-sonnet',
        'llm.input_messages.0.message.role': 'system',
        'llm.input_messages.0.message.content': 'Plan trips.',
        'llm.input_messages.1.message.role': 'user',
        'llm.input_messages.1.message.content': 'Book Rome',
        'llm.output_messages.0.message.role': 'assistant',
        'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'book_flight',
        'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': '{"to":"FCO"}',
      }),
      int('llm.token_count.prompt', 40),
      int('llm.token_count.completion', 12),
    ]))!;
    expect(call.style).toBe('openinference');
    expect(call.model).toBe('claude-3-5-sonnet');
    expect(call.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
    expect(call.messages[2]!.toolCalls).toEqual([{ name: 'book_flight', arguments: '{\n  "to": "FCO"\n}' }]);
    expect(llmTokensOf(one([int('llm.token_count.prompt', 5)]))).toEqual({ input: 5, output: 0 });
  });

  it('falls back to input.value/output.value for OpenInference without messages', () => {
    const call = llmCallOf(one(attrs({ 'llm.model_name': 'm', 'input.value': 'question', 'output.value': 'answer' })))!;
    expect(call.messages.map((m) => m.content)).toEqual(['question', 'answer']);
  });

  it('reads a Junjo agent model request with its request and response payloads', () => {
    const call = llmCallOf(one(attrs({
      'junjo.agent.operation_type': 'model_request',
      'junjo.agent.model.name': 'scripted-model',
      'junjo.agent.model.request': JSON.stringify({ instructions: 'Find places.', messages: [{ role: 'user', content: 'Cafés near me' }] }),
      'junjo.agent.model.response': JSON.stringify({ type: 'tool_calls', tool_calls: [{ id: 't1', name: 'search', arguments: { q: 'cafe' } }], usage: { input_tokens: 30, output_tokens: 8 } }),
    })))!;
    expect(call.style).toBe('junjo-agent');
    expect(call.model).toBe('scripted-model');
    expect(call.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
    expect(call.messages[2]!.toolCalls[0]).toMatchObject({ name: 'search', id: 't1' });
    expect([call.inputTokens, call.outputTokens]).toEqual([30, 8]);
  });

  it("counts a Junjo agent call's tokens as its conversation reports them: usage attributes first, then the response's usage, then the usage attribute", () => {
    const agent = (more: Record<string, string>, extra: Attribute[] = []) =>
      one([...attrs({ 'junjo.agent.operation_type': 'model_request', ...more }), ...extra]);
    const cases = [
      agent({ 'junjo.agent.model.response': JSON.stringify({ usage: { prompt_tokens: 12, completion_tokens: 4 } }) }),
      agent({ 'junjo.agent.model.response': JSON.stringify({ usage: { input_tokens: 30 } }) }, [int('junjo.agent.usage.output_tokens', 9)]),
      agent({ 'junjo.agent.model.response': 'plain text', 'junjo.agent.model.usage': JSON.stringify({ input_tokens: 7, output_tokens: 2 }) }),
      agent({ 'junjo.agent.model.response_candidate': JSON.stringify({ usage: { output_tokens: 5 } }) }, [int('junjo.agent.model.usage.input_tokens', 40)]),
      agent({}),
    ];
    const expected = [{ input: 12, output: 4 }, { input: 30, output: 9 }, { input: 7, output: 2 }, { input: 40, output: 5 }, { input: 0, output: 0 }];
    expect(cases.map((span) => llmTokensOf(span))).toEqual(expected);
    expect(cases.map((span) => llmCallOf(span)!).map((call) => ({ input: call.inputTokens ?? 0, output: call.outputTokens ?? 0 }))).toEqual(expected);
  });

  it('is undefined for spans that are no LLM call, and a tool operation is none either', () => {
    expect(llmCallOf(one(attrs({ 'http.method': 'GET' })))).toBeUndefined();
    expect(llmCallOf(one(attrs({ 'junjo.agent.operation_type': 'tool' })))).toBeUndefined();
  });
});

describe('traceTokens', () => {
  it('sums tokens per subtree and for the trace', () => {
    const trace = buildTraces([
      span('00000000000000b1', null, 0, 100, { name: 'workflow' }),
      span('00000000000000b2', '00000000000000b1', 0, 50, { name: 'node' }),
      span('00000000000000b3', '00000000000000b2', 0, 10, { name: 'chat', attributes: [int('gen_ai.usage.input_tokens', 100), int('gen_ai.usage.output_tokens', 20)] }),
      span('00000000000000b4', '00000000000000b1', 60, 70, { name: 'oi', attributes: [int('llm.token_count.prompt', 5), int('llm.token_count.completion', 1)] }),
    ])[0]!;
    const tokens = traceTokens(trace);
    expect([tokens.calls, tokens.input, tokens.output]).toEqual([2, 105, 21]);
    const node = trace.spans.findIndex((s) => s.name === 'node');
    expect([tokens.subtree[node], tokens.subtreeOut[node]]).toEqual([100, 20]);
    expect(llmModelOf(trace.spans[0]!)).toBeUndefined();
    expect([formatTokens(950), formatTokens(1234), formatTokens(123_456)]).toEqual(['950', '1.2k', '123k']);
  });
});
