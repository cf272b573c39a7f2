/**
 * A Junjo-heavy synthetic trace for the benchmark, shaped like a real agent workflow's: one
 * workflow (G3, telemetry contract v2) under an HTTP server span, subflows nested up to 4 deep
 * (about 1 per 45 spans), RunConcurrent groups (about 1 per 26 spans), node spans with `set_state`
 * events carrying RFC 6902 patches, every workflow/subflow span with `junjo.workflow.state.start`/
 * `.end` of 2–3 KB and its v2 graph snapshot of 1–4 KB, LLM client spans with prompt and response
 * text (a few hundred bytes to a few KB) and an LLM gateway server span under each, 3 services, a tree
 * up to 10 deep. Exactly `count` spans.
 *
 * Built as plain span records (no OpenTelemetry SDK: 100,000 spans of this size would take minutes
 * through it), then written as OTLP JSON or Jaeger JSON by `writeJunjoHeavyTrace`, in chunks, so a
 * 220 MB file never has to be one string. The states are replayed while generating, so each end
 * state is exactly what the patches produce (the viewer's replay verifies it as a match).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Prng } from './sim-clock.ts';

export type HeavyFormat = 'otlp' | 'jaeger';

type AttrValue = string | number | boolean;

interface HeavyEvent {
  readonly name: string;
  readonly timeNs: number;
  readonly attributes: Record<string, AttrValue>;
}

interface HeavySpan {
  readonly spanId: string;
  readonly parent: number;
  readonly service: number;
  readonly scope: number;
  readonly name: string;
  readonly kind: 1 | 2 | 3;
  startNs: number;
  endNs: number;
  readonly attributes: Record<string, AttrValue>;
  readonly events: HeavyEvent[];
}

const SERVICES = ['agent-api', 'agent-worker', 'llm-gateway'];
const SCOPES = ['@opentelemetry/instrumentation-http', 'junjo', 'openinference.instrumentation.openai'];
const WORDS = ('the agent reads the ticket and plans a search over the knowledge base then drafts an answer checks every cited ' +
  'source against the policy rewrites the summary for the customer and records the outcome with its confidence score while ' +
  'the reviewer node compares the draft with previous answers flags missing steps and asks the model for a shorter version').split(' ');
const NODE_TYPES = ['PlanStep', 'SearchDocs', 'RankResults', 'DraftAnswer', 'CheckPolicy', 'Summarize', 'ExtractFacts', 'AskUser', 'ScoreAnswer', 'RouteTicket'];
const MODELS = ['gpt-4o-mini', 'claude-3-5-haiku', 'gemini-1.5-flash'];
const MAX_SUBFLOW_DEPTH = 4;
const SPANS_PER_SUBFLOW = 45;
const SPANS_PER_RC = 26;

interface GraphNodeDef {
  readonly runtimeId: string;
  readonly structuralId: string;
  readonly type: string;
  readonly kind: 'node' | 'rc' | 'subflow';
  /** RC children. */
  readonly children: GraphNodeDef[];
  /** Subflow: the structural id of its own graph. */
  readonly subflowGraphId: string | null;
}

interface FlowGraph {
  readonly structuralId: string;
  readonly plain: GraphNodeDef[];
  readonly rc: GraphNodeDef;
  readonly subflow: GraphNodeDef | null;
  readonly json: string;
}

type State = { [key: string]: unknown } & { notes: string[]; counters: Record<string, number> };

interface Store {
  readonly id: string;
  readonly name: string;
  sequence: number;
  revision: number;
  readonly state: State;
}

class Generator {
  readonly spans: HeavySpan[] = [];
  private readonly prng: Prng;
  private subflows = 0;
  private rcs = 0;
  private ids = 0;

  constructor(
    private readonly count: number,
    seed: number,
  ) {
    this.prng = new Prng(seed);
  }

  private left(): number {
    return this.count - this.spans.length;
  }

  private hex(n: number): string {
    return this.prng.hex(n);
  }

  private uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  private text(minBytes: number, maxBytes: number): string {
    const target = this.prng.int(minBytes, maxBytes);
    const parts: string[] = [];
    let length = 0;
    while (length < target) {
      const word = WORDS[this.prng.int(0, WORDS.length - 1)] ?? 'word';
      parts.push(word);
      length += word.length + 1;
    }
    return parts.join(' ');
  }

  private add(parent: number, service: number, scope: number, name: string, kind: 1 | 2 | 3, startNs: number, attributes: Record<string, AttrValue>): number {
    this.spans.push({ spanId: this.hex(16), parent, service, scope, name, kind, startNs, endNs: startNs, attributes, events: [] });
    return this.spans.length - 1;
  }

  private span(i: number): HeavySpan {
    const span = this.spans[i];
    if (!span) throw new Error(`no span ${i}`);
    return span;
  }

  generate(): HeavySpan[] {
    const root = this.add(-1, 0, 0, 'POST /agent/run', 2, 0, {
      'http.request.method': 'POST', 'http.route': '/agent/run', 'url.path': '/agent/run', 'http.response.status_code': 200,
    });
    let end = 1_000_000;
    if (this.left() > 0) end = this.flow(root, 0, null, end + 200_000, Number.POSITIVE_INFINITY);
    this.span(root).endNs = end + 300_000;
    return this.spans;
  }

  private graph(depth: number, ownId: string | null): FlowGraph {
    const node = (kind: GraphNodeDef['kind'], children: GraphNodeDef[] = []): GraphNodeDef => ({
      runtimeId: this.uuid(), structuralId: this.hex(24), type: NODE_TYPES[this.prng.int(0, NODE_TYPES.length - 1)] ?? 'Node', kind, children,
      subflowGraphId: kind === 'subflow' ? this.hex(24) : null,
    });
    const plain = Array.from({ length: this.prng.int(3, 7) }, () => node('node'));
    const rc = node('rc', Array.from({ length: this.prng.int(2, 4) }, () => node('node')));
    const subflow = depth < MAX_SUBFLOW_DEPTH ? node('subflow') : null;
    const order = [plain[0], rc, ...plain.slice(1), ...(subflow ? [subflow] : [])].filter((n): n is GraphNodeDef => n !== undefined);
    const structuralId = ownId ?? this.hex(24);
    const nodes = [...order, ...rc.children].map((n) => ({
      nodeRuntimeId: n.runtimeId, nodeStructuralId: n.structuralId, nodeType: n.type, nodeLabel: n.type,
      isConcurrentSubgraph: n.kind === 'rc', isSubflow: n.kind === 'subflow',
      ...(n.kind === 'rc' ? { childNodeRuntimeIds: n.children.map((c) => c.runtimeId) } : {}),
      ...(n.kind === 'subflow' ? { subflowGraphStructuralId: n.subflowGraphId } : {}),
    }));
    const edges = order.map((from, i) => {
      const to = order[(i + 1) % order.length] as GraphNodeDef;
      return { edgeStructuralId: this.hex(24), tailNodeRuntimeId: from.runtimeId, headNodeRuntimeId: to.runtimeId, edgeScope: 'explicit', edgeConditionLabel: i === order.length - 1 ? 'needs another pass' : null };
    });
    const json = JSON.stringify({ v: 2, graphStructuralId: structuralId, nodes, edges });
    return { structuralId, plain, rc, subflow, json };
  }

  private startState(): State {
    const notes = Array.from({ length: this.prng.int(3, 6) }, () => this.text(60, 120));
    return {
      ticket_id: this.uuid(),
      task: this.text(300, 500),
      plan: this.text(400, 700),
      notes,
      counters: { searches: 0, drafts: 0, checks: 0, retries: 0 },
      last_result: this.text(200, 400),
      confidence: 0.5,
      done: false,
    };
  }

  /** One patch on `state` (applied here too), small like Junjo's: replace a field, count, or note. */
  private patch(state: State): unknown[] {
    const roll = this.prng.next();
    if (roll < 0.35) {
      const value = this.text(100, 400);
      state.last_result = value;
      return [{ op: 'replace', path: '/last_result', value }];
    }
    if (roll < 0.6) {
      const keys = Object.keys(state.counters);
      const key = keys[this.prng.int(0, keys.length - 1)] ?? 'searches';
      const value = (state.counters[key] ?? 0) + 1;
      state.counters[key] = value;
      return [{ op: 'replace', path: `/counters/${key}`, value }, { op: 'replace', path: '/confidence', value: (state.confidence = Math.round(this.prng.next() * 100) / 100) }];
    }
    const note = this.text(60, 120);
    if (state.notes.length >= 8) {
      state.notes.shift();
      state.notes.push(note);
      return [{ op: 'remove', path: '/notes/0' }, { op: 'add', path: '/notes/-', value: note }];
    }
    state.notes.push(note);
    return [{ op: 'add', path: '/notes/-', value: note }];
  }

  /**
   * A workflow (depth 0) or subflow span and what runs inside it, starting at `t`; returns its end.
   * `budget` caps the spans a subflow may add (the workflow runs until the trace is full).
   */
  private flow(parent: number, depth: number, def: GraphNodeDef | null, t: number, budget: number): number {
    const graph = this.graph(depth, def?.subflowGraphId ?? null);
    const store: Store = { id: this.uuid(), name: depth === 0 ? 'AgentStore' : `SubStore${depth}`, sequence: 0, revision: 0, state: this.startState() };
    const startText = JSON.stringify(store.state);
    const self = this.add(parent, 1, 1, depth === 0 ? 'SupportAgentWorkflow' : `Subflow${depth}_${def?.type ?? 'Flow'}`, 1, t, {
      'junjo.span_type': depth === 0 ? 'workflow' : 'subflow',
      'junjo.telemetry.contract_version': 2,
      'junjo.id': this.uuid(),
      'junjo.executable_definition_id': def?.runtimeId ?? this.uuid(),
      'junjo.executable_runtime_id': def?.runtimeId ?? this.uuid(),
      'junjo.executable_structural_id': def?.subflowGraphId ?? graph.structuralId,
      'junjo.workflow.state.start': startText,
      'junjo.workflow.state.start.mode': 'full',
      'junjo.workflow.state.start.policy': 'junjo.full.v1',
      'junjo.workflow.execution_graph_snapshot': graph.json,
      'junjo.workflow.store.id': store.id,
      'junjo.store.revision.start': 0,
    });
    if (depth > 0) this.subflows++;
    const limit = this.spans.length + budget;
    let cursor = t + 50_000;
    let pass = 0;
    const room = () => Math.min(this.left(), limit - this.spans.length);
    while (room() > 0) {
      for (let i = 0; i < graph.plain.length && room() > 0; i++) {
        const spansSoFar = this.spans.length;
        if (graph.subflow && spansSoFar > (this.subflows + 1) * SPANS_PER_SUBFLOW && room() >= 8) {
          const share = Math.min(room() - 1, this.prng.int(20, 70) + (MAX_SUBFLOW_DEPTH - depth) * 25);
          cursor = this.flow(self, depth + 1, graph.subflow, cursor, share) + 40_000;
        } else if (spansSoFar > (this.rcs + 1) * SPANS_PER_RC && room() >= 3) {
          cursor = this.runConcurrent(self, graph.rc, store, cursor, room()) + 40_000;
        } else {
          cursor = this.node(self, graph.plain[i] as GraphNodeDef, store, cursor, room()) + 40_000;
        }
      }
      pass++;
      if (depth > 0 && pass >= 3) break;
    }
    const span = this.span(self);
    span.endNs = cursor + 60_000;
    Object.assign(span.attributes, {
      'junjo.workflow.state.end': JSON.stringify(store.state),
      'junjo.workflow.state.end.mode': 'full',
      'junjo.workflow.state.end.policy': 'junjo.full.v1',
      'junjo.store.revision.end': store.revision,
      'junjo.store.transition.count': store.sequence,
      'junjo.store.reconstructable': true,
    });
    return span.endNs;
  }

  private runConcurrent(parent: number, def: GraphNodeDef, store: Store, t: number, room: number): number {
    this.rcs++;
    const self = this.add(parent, 1, 1, def.type, 1, t, this.identity('run_concurrent', def));
    let end = t + 30_000;
    let left = room - 1;
    for (const child of def.children) {
      if (left <= 0) break;
      const before = this.spans.length;
      end = Math.max(end, this.node(self, child, store, t + this.prng.int(5_000, 60_000), Math.min(left, 4)));
      left -= this.spans.length - before;
    }
    this.span(self).endNs = end + 20_000;
    return end + 20_000;
  }

  private identity(type: string, def: GraphNodeDef): Record<string, AttrValue> {
    return {
      'junjo.span_type': type,
      'junjo.telemetry.contract_version': 2,
      'junjo.id': this.uuid(),
      'junjo.executable_definition_id': def.runtimeId,
      'junjo.executable_runtime_id': def.runtimeId,
      'junjo.executable_structural_id': def.structuralId,
    };
  }

  /** A node span: 1–2 set_state events, then LLM calls (client + gateway server) and maybe a tool span. */
  private node(parent: number, def: GraphNodeDef, store: Store, t: number, room: number): number {
    const self = this.add(parent, 1, 1, def.type, 1, t, this.identity('node', def));
    let cursor = t + this.prng.int(20_000, 200_000);
    let left = room - 1;
    const calls = this.prng.int(1, 2);
    for (let c = 0; c < calls && left > 0; c++) {
      cursor = this.llmCall(self, cursor, left) + this.prng.int(10_000, 100_000);
      left = room - (this.spans.length - self);
    }
    if (left > 0 && this.prng.chance(0.3)) {
      const tool = this.add(self, 1, 1, `tool ${def.type.toLowerCase()}`, 1, cursor, { 'tool.name': def.type.toLowerCase(), 'tool.arguments': this.text(40, 200) });
      cursor += this.prng.int(200_000, 3_000_000);
      this.span(tool).endNs = cursor;
    }
    const span = this.span(self);
    const updates = this.prng.int(1, 2);
    for (let u = 0; u < updates; u++) {
      const ops = this.patch(store.state);
      store.sequence++;
      span.events.push({
        name: 'set_state',
        timeNs: cursor + u * 1_000,
        attributes: {
          id: this.uuid(),
          'junjo.store.name': store.name,
          'junjo.store.id': store.id,
          'junjo.store.action': `set_${String((ops[0] as { path: string }).path.split('/')[1])}`,
          'junjo.state_json_patch': JSON.stringify(ops),
          'junjo.state_json_patch.mode': 'full',
          'junjo.state_json_patch.policy': 'junjo.full.v1',
          'junjo.store.transition.sequence': store.sequence,
          'junjo.store.revision.before': store.revision,
          'junjo.store.revision.after': ++store.revision,
        },
      });
    }
    span.endNs = cursor + 20_000;
    return span.endNs;
  }

  private llmCall(parent: number, t: number, room: number): number {
    const model = MODELS[this.prng.int(0, MODELS.length - 1)] ?? 'gpt-4o-mini';
    const prompt = this.text(300, 3000);
    const response = this.text(200, 2000);
    const client = this.add(parent, 1, 2, `chat ${model}`, 3, t, {
      'gen_ai.operation.name': 'chat',
      'gen_ai.system': 'openai',
      'gen_ai.request.model': model,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.prompt': prompt,
      'gen_ai.completion': response,
      'gen_ai.usage.input_tokens': Math.round(prompt.length / 4),
      'gen_ai.usage.output_tokens': Math.round(response.length / 4),
    });
    const duration = this.prng.int(300_000_000, 4_000_000_000);
    if (room > 1) {
      const server = this.add(client, 2, 0, 'POST /v1/chat/completions', 2, t + 2_000_000, {
        'http.request.method': 'POST', 'http.route': '/v1/chat/completions', 'http.response.status_code': 200, 'llm.model': model,
      });
      this.span(server).endNs = t + duration - 2_000_000;
    }
    this.span(client).endNs = t + duration;
    return t + duration;
  }
}

/** The span records of a Junjo-heavy trace of exactly `count` spans (deterministic for a seed). */
export function makeJunjoHeavySpans(count: number, seed = 11): HeavySpan[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`makeJunjoHeavySpans needs a positive span count, got ${count}`);
  return new Generator(count, seed).generate();
}

const BASE_NS = 1_767_000_000_000_000_000n;
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

/** Writes the trace as compact OTLP JSON or Jaeger JSON; returns the byte count. */
export function writeJunjoHeavyTrace(count: number, format: HeavyFormat, path: string, seed = 11): number {
  const spans = makeJunjoHeavySpans(count, seed);
  const fd = openSync(path, 'w');
  let bytes = 0;
  let chunk: string[] = [];
  let chunkLength = 0;
  const out = (text: string) => {
    chunk.push(text);
    chunkLength += text.length;
    if (chunkLength > 4_000_000) flush();
  };
  const flush = () => {
    const buffer = Buffer.from(chunk.join(''));
    writeSync(fd, buffer);
    bytes += buffer.length;
    chunk = [];
    chunkLength = 0;
  };
  try {
    if (format === 'otlp') writeOtlp(spans, out);
    else writeJaeger(spans, out);
    flush();
  } finally {
    closeSync(fd);
  }
  return bytes;
}

const ns = (offset: number): string => (BASE_NS + BigInt(Math.round(offset))).toString();

function otlpValue(value: AttrValue): object {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
}

const otlpAttributes = (attributes: Record<string, AttrValue>) => Object.entries(attributes).map(([key, value]) => ({ key, value: otlpValue(value) }));

function writeOtlp(spans: readonly HeavySpan[], out: (text: string) => void): void {
  out('{"resourceSpans":[');
  let firstResource = true;
  SERVICES.forEach((service, s) => {
    const resource = { attributes: otlpAttributes({ 'service.name': service, 'service.namespace': 'support', 'telemetry.sdk.language': 'python', 'telemetry.sdk.name': 'opentelemetry' }) };
    out(`${firstResource ? '' : ','}{"resource":${JSON.stringify(resource)},"scopeSpans":[`);
    firstResource = false;
    let firstScope = true;
    SCOPES.forEach((scope, c) => {
      const mine = spans.filter((span) => span.service === s && span.scope === c);
      if (mine.length === 0) return;
      out(`${firstScope ? '' : ','}{"scope":${JSON.stringify({ name: scope, version: '1.0.0' })},"spans":[`);
      firstScope = false;
      mine.forEach((span, i) => {
        const parent = span.parent >= 0 ? spans[span.parent]?.spanId : undefined;
        out(
          (i ? ',' : '') +
            JSON.stringify({
              traceId: TRACE_ID,
              spanId: span.spanId,
              ...(parent ? { parentSpanId: parent } : {}),
              name: span.name,
              kind: span.kind,
              startTimeUnixNano: ns(span.startNs),
              endTimeUnixNano: ns(span.endNs),
              attributes: otlpAttributes(span.attributes),
              events: span.events.map((event) => ({ timeUnixNano: ns(event.timeNs), name: event.name, attributes: otlpAttributes(event.attributes) })),
              status: {},
            }),
        );
      });
      out(']}');
    });
    out(']}');
  });
  out(']}');
}

function jaegerTag(key: string, value: AttrValue): object {
  if (typeof value === 'string') return { key, type: 'string', value };
  if (typeof value === 'boolean') return { key, type: 'bool', value };
  return Number.isInteger(value) ? { key, type: 'int64', value } : { key, type: 'float64', value };
}

const KIND_TAG: Record<number, string> = { 1: 'internal', 2: 'server', 3: 'client' };

function writeJaeger(spans: readonly HeavySpan[], out: (text: string) => void): void {
  const us = (offset: number): number => Number((BASE_NS + BigInt(Math.round(offset))) / 1000n);
  out(`{"data":[{"traceID":"${TRACE_ID}","spans":[`);
  spans.forEach((span, i) => {
    const parent = span.parent >= 0 ? spans[span.parent]?.spanId : undefined;
    const start = us(span.startNs);
    out(
      (i ? ',' : '') +
        JSON.stringify({
          traceID: TRACE_ID,
          spanID: span.spanId,
          operationName: span.name,
          references: parent ? [{ refType: 'CHILD_OF', traceID: TRACE_ID, spanID: parent }] : [],
          startTime: start,
          duration: Math.max(0, us(span.endNs) - start),
          tags: [
            ...Object.entries(span.attributes).map(([key, value]) => jaegerTag(key, value)),
            { key: 'otel.scope.name', type: 'string', value: SCOPES[span.scope] },
            { key: 'span.kind', type: 'string', value: KIND_TAG[span.kind] },
          ],
          logs: span.events.map((event) => ({
            timestamp: us(event.timeNs),
            fields: [{ key: 'event', type: 'string', value: event.name }, ...Object.entries(event.attributes).map(([key, value]) => jaegerTag(key, value))],
          })),
          processID: `p${span.service + 1}`,
          warnings: null,
        }),
    );
  });
  const processes = Object.fromEntries(SERVICES.map((service, s) => [`p${s + 1}`, { serviceName: service, tags: [{ key: 'telemetry.sdk.language', type: 'string', value: 'python' }] }]));
  out(`],"processes":${JSON.stringify(processes)},"warnings":null}],"total":0,"limit":0,"offset":0,"errors":null}`);
}
