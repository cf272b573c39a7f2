/**
 * An LLM call read from a span, in any of the three ways instrumentation records one:
 * - OpenTelemetry GenAI conventions: `gen_ai.*` attributes (`gen_ai.request.model`,
 *   `gen_ai.usage.input_tokens`, `gen_ai.input.messages`/`gen_ai.output.messages`/
 *   `gen_ai.system_instructions` as JSON), the older per-message events (`gen_ai.system.message`,
 *   `gen_ai.user.message`, `gen_ai.assistant.message`, `gen_ai.tool.message`, `gen_ai.choice`),
 *   the older prompt/completion events and the flattened `gen_ai.prompt.N.*`/`gen_ai.completion.N.*`;
 * - OpenInference: flattened `llm.input_messages.N.message.role/content/tool_calls.M.tool_call.function.*`,
 *   `llm.output_messages…`, `llm.token_count.prompt/completion`, `llm.model_name`, `input.value`/`output.value`;
 * - Junjo agents: a `model request N` span with `junjo.agent.operation_type` and the request and
 *   response payloads as JSON (`junjo.agent.model.request`, `junjo.agent.model.response…`).
 * Everything stays text: the view renders it as React text, never as HTML.
 */
import { findAttr, formatAttrValue, numberAttr, stringAttr, type Attribute, type AttrValue } from '../model/attributes.ts';
import type { Span } from '../model/span.ts';
import type { Trace } from '../model/trace.ts';

export type LlmStyle = 'gen_ai' | 'openinference' | 'junjo-agent';

export interface LlmToolCall {
  readonly name: string;
  readonly arguments: string;
  readonly id?: string;
}

export interface LlmMessage {
  /** system, user, assistant, tool (or whatever the instrumentation wrote). */
  readonly role: string;
  readonly content: string;
  readonly toolCalls: readonly LlmToolCall[];
  /** The tool call a tool message answers. */
  readonly toolCallId?: string;
  /** True for the model's answer (output messages, choices). */
  readonly output: boolean;
  readonly finishReason?: string;
}

export interface LlmCall {
  readonly style: LlmStyle;
  readonly model?: string;
  readonly provider?: string;
  readonly messages: readonly LlmMessage[];
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly finishReasons: readonly string[];
}

export interface LlmTokens {
  readonly input: number;
  readonly output: number;
}

const OI_IN = 'llm.input_messages.';
const OI_OUT = 'llm.output_messages.';

/** The call's style, from a cheap attribute scan; undefined for a span that is no LLM call. */
export function llmStyleOf(span: Pick<Span, 'attributes' | 'events'>): LlmStyle | undefined {
  let genAi = false;
  for (const { key } of span.attributes) {
    if (key === 'junjo.agent.operation_type') {
      const type = stringAttr(span.attributes, key) ?? '';
      if (/model/i.test(type)) return 'junjo-agent';
    } else if (key.startsWith('llm.') || key === 'openinference.span.kind') {
      if (key === 'openinference.span.kind' ? stringAttr(span.attributes, key)?.toUpperCase() === 'LLM' : true) return 'openinference';
    } else if (key.startsWith('gen_ai.')) genAi = true;
  }
  if (genAi) return 'gen_ai';
  for (const event of span.events) if (event.name.startsWith('gen_ai.')) return 'gen_ai';
  return undefined;
}

/** The conversation of an LLM span, or undefined when the span is not one. */
export function llmCallOf(span: Pick<Span, 'attributes' | 'events'>): LlmCall | undefined {
  const style = llmStyleOf(span);
  if (style === 'gen_ai') return genAiCall(span);
  if (style === 'openinference') return openInferenceCall(span);
  if (style === 'junjo-agent') return junjoAgentCall(span);
  return undefined;
}

/** Tokens in and out of an LLM span (0 when not recorded), or undefined for other spans. */
export function llmTokensOf(span: Pick<Span, 'attributes' | 'events'>): LlmTokens | undefined {
  const style = llmStyleOf(span);
  if (!style) return undefined;
  if (style === 'gen_ai') return { input: genAiInputTokens(span.attributes) ?? 0, output: genAiOutputTokens(span.attributes) ?? 0 };
  if (style === 'openinference') return { input: numberAttr(span.attributes, 'llm.token_count.prompt') ?? 0, output: numberAttr(span.attributes, 'llm.token_count.completion') ?? 0 };
  return junjoAgentTokens(span.attributes);
}

/** The model name of an LLM span (response model first; `short`: the requested name, usually shorter), for labels. */
export function llmModelOf(span: Pick<Span, 'attributes'>, short = false): string | undefined {
  const a = span.attributes;
  const response = stringAttr(a, 'gen_ai.response.model');
  const request = stringAttr(a, 'gen_ai.request.model');
  return (short ? request ?? response : response ?? request) ?? stringAttr(a, 'llm.model_name') ?? junjoModel(a);
}

export interface TraceTokens {
  /** Per span: tokens of the LLM calls in its subtree (itself included). */
  readonly subtree: Float64Array;
  readonly subtreeOut: Float64Array;
  readonly calls: number;
  readonly input: number;
  readonly output: number;
}

const tokenCache = new WeakMap<Trace, TraceTokens>();

/** Token totals of the whole trace and per subtree (pre-order: one backward pass). */
export function traceTokens(trace: Trace): TraceTokens {
  const cached = tokenCache.get(trace);
  if (cached) return cached;
  const n = trace.spans.length;
  const subtree = new Float64Array(n);
  const subtreeOut = new Float64Array(n);
  let calls = 0, input = 0, output = 0;
  for (let i = n - 1; i >= 0; i--) {
    const tokens = llmTokensOf(trace.spans[i]!);
    if (tokens) {
      calls++;
      input += tokens.input;
      output += tokens.output;
      subtree[i] = subtree[i]! + tokens.input;
      subtreeOut[i] = subtreeOut[i]! + tokens.output;
    }
    const parent = trace.parent[i]!;
    if (parent >= 0) {
      subtree[parent] = subtree[parent]! + subtree[i]!;
      subtreeOut[parent] = subtreeOut[parent]! + subtreeOut[i]!;
    }
  }
  const result = { subtree, subtreeOut, calls, input, output };
  tokenCache.set(trace, result);
  return result;
}

/**
 * Gives `traceTokens` a result computed elsewhere for this trace (the trace worker computes them
 * while it still holds the long prompt texts, so the page does not parse them for its header).
 */
export function rememberTraceTokens(trace: Trace, tokens: TraceTokens): void {
  tokenCache.set(trace, tokens);
}

/** "1,234 tokens" style short form: "1.2k". */
export function formatTokens(count: number): string {
  if (count < 1000) return String(Math.round(count));
  if (count < 100_000) return `${(count / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return `${Math.round(count / 1000)}k`;
}

// ---- GenAI semantic conventions ----

const genAiInputTokens = (a: readonly Attribute[]) => numberAttr(a, 'gen_ai.usage.input_tokens') ?? numberAttr(a, 'gen_ai.usage.prompt_tokens');
const genAiOutputTokens = (a: readonly Attribute[]) => numberAttr(a, 'gen_ai.usage.output_tokens') ?? numberAttr(a, 'gen_ai.usage.completion_tokens');

function genAiCall(span: Pick<Span, 'attributes' | 'events'>): LlmCall {
  const a = span.attributes;
  const messages: LlmMessage[] = [];
  const finishReasons = stringList(findAttr(a, 'gen_ai.response.finish_reasons'));
  // Newest first: structured JSON messages (attributes, or the inference details event).
  const details = span.events.find((event) => event.name === 'gen_ai.client.inference.operation.details');
  const source = (key: string) => stringAttr(a, key) ?? (details ? stringAttr(details.attributes, key) : undefined);
  const system = source('gen_ai.system_instructions');
  if (system !== undefined) messages.push(message('system', partsText(parseJson(system) ?? system), [], false));
  const input = parseJson(source('gen_ai.input.messages'));
  const output = parseJson(source('gen_ai.output.messages'));
  if (Array.isArray(input)) for (const m of input) messages.push(genAiMessage(m, false));
  if (Array.isArray(output)) for (const m of output) messages.push(genAiMessage(m, true));
  if (!Array.isArray(input) && !Array.isArray(output)) {
    // Older events, one per message.
    for (const event of span.events) {
      const e = event.attributes;
      const role = /^gen_ai\.(system|user|assistant|tool)\.message$/.exec(event.name)?.[1];
      if (role) {
        const content = stringAttr(e, 'content') ?? '';
        const calls = toolCallsOf(parseJson(stringAttr(e, 'tool_calls')));
        messages.push(message(role, partsText(parseJson(content) ?? content), calls, false, { toolCallId: stringAttr(e, 'id') }));
      } else if (event.name === 'gen_ai.choice') {
        const raw = stringAttr(e, 'message');
        const parsed = parseJson(raw);
        const reason = stringAttr(e, 'finish_reason');
        if (isObject(parsed)) messages.push(message(str(parsed.role) ?? 'assistant', partsText(parsed.content), toolCallsOf(parsed.tool_calls), true, { finishReason: reason }));
        else messages.push(message('assistant', raw ?? '', [], true, { finishReason: reason }));
        if (reason && !finishReasons.includes(reason)) finishReasons.push(reason);
      } else if (event.name === 'gen_ai.content.prompt') {
        const prompt = stringAttr(e, 'gen_ai.prompt');
        if (prompt !== undefined) messages.push(...promptMessages(prompt, false));
      } else if (event.name === 'gen_ai.content.completion') {
        const completion = stringAttr(e, 'gen_ai.completion');
        if (completion !== undefined) messages.push(...promptMessages(completion, true));
      }
    }
    // Flattened gen_ai.prompt.N.role / gen_ai.completion.N.content (OpenLLMetry).
    if (messages.length === 0) {
      messages.push(...flattened(a, 'gen_ai.prompt.', '', false), ...flattened(a, 'gen_ai.completion.', '', true));
    }
  }
  for (const m of messages) if (m.finishReason && !finishReasons.includes(m.finishReason)) finishReasons.push(m.finishReason);
  return {
    style: 'gen_ai',
    model: llmModelOf(span),
    provider: stringAttr(a, 'gen_ai.provider.name') ?? stringAttr(a, 'gen_ai.system'),
    messages,
    inputTokens: genAiInputTokens(a),
    outputTokens: genAiOutputTokens(a),
    finishReasons,
  };
}

function genAiMessage(raw: unknown, output: boolean): LlmMessage {
  if (!isObject(raw)) return message(output ? 'assistant' : 'user', partsText(raw), [], output);
  const parts = Array.isArray(raw.parts) ? raw.parts : undefined;
  const calls: LlmToolCall[] = [];
  let toolCallId: string | undefined;
  const texts: string[] = [];
  for (const part of parts ?? []) {
    if (!isObject(part)) continue;
    if (part.type === 'tool_call') calls.push({ name: str(part.name) ?? '(tool)', arguments: jsonText(part.arguments), ...(str(part.id) ? { id: str(part.id) } : {}) });
    else if (part.type === 'tool_call_response') {
      toolCallId = str(part.id);
      texts.push(jsonText(part.response ?? part.result));
    } else texts.push(partsText(part.content ?? part));
  }
  const content = parts ? texts.join('\n') : partsText(raw.content);
  return message(str(raw.role) ?? (output ? 'assistant' : 'user'), content, parts ? calls : toolCallsOf(raw.tool_calls), output, {
    finishReason: str(raw.finish_reason),
    toolCallId: toolCallId ?? str(raw.tool_call_id),
  });
}

function promptMessages(text: string, output: boolean): LlmMessage[] {
  const parsed = parseJson(text);
  if (Array.isArray(parsed)) return parsed.map((m) => genAiMessage(m, output));
  return [message(output ? 'assistant' : 'user', text, [], output)];
}

// ---- OpenInference ----

function openInferenceCall(span: Pick<Span, 'attributes'>): LlmCall {
  const a = span.attributes;
  const messages = [...flattened(a, OI_IN, 'message.', false), ...flattened(a, OI_OUT, 'message.', true)];
  if (messages.length === 0) {
    const input = stringAttr(a, 'input.value');
    const output = stringAttr(a, 'output.value');
    if (input !== undefined) messages.push(message('user', input, [], false));
    if (output !== undefined) messages.push(message('assistant', output, [], true));
  }
  return {
    style: 'openinference',
    model: stringAttr(a, 'llm.model_name'),
    provider: stringAttr(a, 'llm.provider') ?? stringAttr(a, 'llm.system'),
    messages,
    inputTokens: numberAttr(a, 'llm.token_count.prompt'),
    outputTokens: numberAttr(a, 'llm.token_count.completion'),
    finishReasons: messages.flatMap((m) => (m.finishReason ? [m.finishReason] : [])),
  };
}

/**
 * Messages from flattened attributes `<prefix>N.<inner>role`, `…content`, `…finish_reason`,
 * `…tool_calls.M.tool_call.function.name/arguments` (OpenInference) or `…tool_calls.M.name/arguments`.
 */
function flattened(attributes: readonly Attribute[], prefix: string, inner: string, output: boolean): LlmMessage[] {
  const byIndex = new Map<number, Map<string, AttrValue>>();
  for (const { key, value } of attributes) {
    if (!key.startsWith(prefix)) continue;
    const match = /^(\d+)\.(.*)$/.exec(key.slice(prefix.length));
    if (!match) continue;
    const rest = match[2]!.startsWith(inner) ? match[2]!.slice(inner.length) : match[2]!;
    const n = Number(match[1]);
    let fields = byIndex.get(n);
    if (!fields) byIndex.set(n, (fields = new Map()));
    fields.set(rest, value);
  }
  const text = (fields: Map<string, AttrValue>, key: string) => {
    const value = fields.get(key);
    return value === undefined ? undefined : formatAttrValue(value);
  };
  return [...byIndex.entries()].sort(([x], [y]) => x - y).map(([, fields]) => {
    const calls = new Map<number, { name?: string; arguments?: string; id?: string }>();
    for (const [key, value] of fields) {
      const match = /^tool_calls\.(\d+)\.(?:tool_call\.)?(?:function\.)?(name|arguments|id)$/.exec(key);
      if (!match) continue;
      const n = Number(match[1]);
      const call = calls.get(n) ?? {};
      call[match[2] as 'name'] = formatAttrValue(value);
      calls.set(n, call);
    }
    const toolCalls = [...calls.entries()].sort(([x], [y]) => x - y).map(([, c]) => ({ name: c.name ?? '(tool)', arguments: prettyArguments(c.arguments ?? ''), ...(c.id ? { id: c.id } : {}) }));
    const content = text(fields, 'content') ?? contentsOf(fields);
    return message(text(fields, 'role') ?? (output ? 'assistant' : 'user'), content, toolCalls, output, {
      finishReason: text(fields, 'finish_reason'),
      toolCallId: text(fields, 'tool_call_id'),
    });
  });
}

/** OpenInference multi-part content: `contents.K.message_content.text`. */
function contentsOf(fields: Map<string, AttrValue>): string {
  const parts: string[] = [];
  for (const [key, value] of fields) if (/^contents\.\d+\.message_content\.text$/.test(key)) parts.push(formatAttrValue(value));
  return parts.join('\n');
}

// ---- Junjo agent operations ----

function junjoModel(a: readonly Attribute[]): string | undefined {
  return stringAttr(a, 'junjo.agent.model.name') ?? stringAttr(a, 'junjo.agent.model_name') ?? stringAttr(a, 'junjo.agent.model');
}

const junjoInputKeys = ['input_tokens', 'prompt_tokens'];
const junjoOutputKeys = ['output_tokens', 'completion_tokens'];
const junjoInputAttrs = ['junjo.agent.model.usage.input_tokens', 'junjo.agent.usage.input_tokens'];
const junjoOutputAttrs = ['junjo.agent.model.usage.output_tokens', 'junjo.agent.usage.output_tokens'];

/**
 * The tokens `junjoAgentCall` reports, without building the conversation: the request is not read,
 * and the response only when the usage attributes do not say (every span of a trace is counted for its header).
 */
function junjoAgentTokens(a: readonly Attribute[]): LlmTokens {
  let input = firstNumberAttr(a, junjoInputAttrs);
  let output = firstNumberAttr(a, junjoOutputAttrs);
  if (input === undefined || output === undefined) {
    const response = parseJson(stringAttr(a, 'junjo.agent.model.response') ?? stringAttr(a, 'junjo.agent.model.response_candidate'));
    const usage = isObject(response) && isObject(response.usage) ? response.usage : parseJson(stringAttr(a, 'junjo.agent.model.usage'));
    if (isObject(usage)) {
      input ??= firstNumberIn(usage, junjoInputKeys);
      output ??= firstNumberIn(usage, junjoOutputKeys);
    }
  }
  return { input: input ?? 0, output: output ?? 0 };
}

function firstNumberAttr(a: readonly Attribute[], keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const value = numberAttr(a, key);
    if (value !== undefined) return value;
  }
  return undefined;
}

function firstNumberIn(object: Record<string, unknown>, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'number') return value;
  }
  return undefined;
}

function junjoAgentCall(span: Pick<Span, 'attributes'>): LlmCall {
  const a = span.attributes;
  const messages: LlmMessage[] = [];
  const request = parseJson(stringAttr(a, 'junjo.agent.model.request'));
  if (isObject(request)) {
    const instructions = request.instructions ?? request.system;
    if (instructions !== undefined && instructions !== null) messages.push(message('system', partsText(instructions), [], false));
    if (Array.isArray(request.messages)) for (const m of request.messages) messages.push(junjoMessage(m, false));
  }
  const responseText = stringAttr(a, 'junjo.agent.model.response') ?? stringAttr(a, 'junjo.agent.model.response_candidate');
  const response = parseJson(responseText);
  let usage: unknown;
  let finish: string | undefined;
  if (isObject(response)) {
    usage = response.usage;
    finish = str(response.finish_reason) ?? str(response.type);
    const calls = toolCallsOf(response.tool_calls);
    const content = response.output !== undefined ? jsonText(response.output) : partsText(response.assistant_text ?? response.content ?? response.text ?? '');
    messages.push(message('assistant', content, calls, true, { finishReason: finish }));
  } else if (responseText !== undefined) messages.push(message('assistant', responseText, [], true));
  const usageObject = isObject(usage) ? usage : parseJson(stringAttr(a, 'junjo.agent.model.usage'));
  const usageNumber = (keys: string[], attrKeys: string[]) => {
    for (const key of attrKeys) {
      const value = numberAttr(a, key);
      if (value !== undefined) return value;
    }
    if (isObject(usageObject)) for (const key of keys) if (typeof usageObject[key] === 'number') return usageObject[key];
    return undefined;
  };
  return {
    style: 'junjo-agent',
    model: junjoModel(a) ?? (isObject(response) ? str(response.model) : undefined),
    provider: stringAttr(a, 'junjo.agent.model.provider'),
    messages,
    inputTokens: usageNumber(['input_tokens', 'prompt_tokens'], ['junjo.agent.model.usage.input_tokens', 'junjo.agent.usage.input_tokens']),
    outputTokens: usageNumber(['output_tokens', 'completion_tokens'], ['junjo.agent.model.usage.output_tokens', 'junjo.agent.usage.output_tokens']),
    finishReasons: finish ? [finish] : [],
  };
}

function junjoMessage(raw: unknown, output: boolean): LlmMessage {
  if (!isObject(raw)) return message(output ? 'assistant' : 'user', partsText(raw), [], output);
  const role = str(raw.role) ?? (raw.tool_calls ? 'assistant' : raw.tool_call_id ? 'tool' : output ? 'assistant' : 'user');
  const content = raw.content ?? raw.text ?? raw.assistant_text ?? raw.output ?? raw.result ?? '';
  return message(role, partsText(content), toolCallsOf(raw.tool_calls), output, { toolCallId: str(raw.tool_call_id) });
}

// ---- helpers ----

function message(role: string, content: string, toolCalls: readonly LlmToolCall[], output: boolean, extra: { finishReason?: string | undefined; toolCallId?: string | undefined } = {}): LlmMessage {
  return {
    role,
    content,
    toolCalls,
    output,
    ...(extra.finishReason ? { finishReason: extra.finishReason } : {}),
    ...(extra.toolCallId ? { toolCallId: extra.toolCallId } : {}),
  };
}

function toolCallsOf(raw: unknown): LlmToolCall[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).map((call) => {
    const fn = isObject(call.function) ? call.function : call;
    return { name: str(fn.name) ?? '(tool)', arguments: jsonText(fn.arguments ?? fn.input ?? call.arguments), ...(str(call.id) ? { id: str(call.id) } : {}) };
  });
}

/** Text of a message content: a string, an array of parts ({type:'text', content|text}), or JSON. */
function partsText(raw: unknown): string {
  if (raw === undefined || raw === null) return '';
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw)) return raw.map(partsText).join('\n');
  if (isObject(raw)) {
    if (typeof raw.content === 'string') return raw.content;
    if (typeof raw.text === 'string') return raw.text;
  }
  return jsonText(raw);
}

function jsonText(raw: unknown): string {
  if (raw === undefined) return '';
  if (typeof raw === 'string') return prettyArguments(raw);
  return JSON.stringify(raw, null, 2) ?? '';
}

/** Tool arguments are usually JSON text: pretty-printed when they parse, kept as they are otherwise. */
function prettyArguments(text: string): string {
  const parsed = parseJson(text);
  return parsed !== undefined && typeof parsed === 'object' && parsed !== null ? JSON.stringify(parsed, null, 2) : text;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

function stringList(value: AttrValue | undefined): string[] {
  if (!value) return [];
  if (value.type === 'array') return value.values.map(formatAttrValue);
  const text = formatAttrValue(value);
  const parsed = parseJson(text);
  return Array.isArray(parsed) ? parsed.map(String) : text ? [text] : [];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
