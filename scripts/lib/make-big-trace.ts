import { writeFileSync } from 'node:fs';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { planTree, type PlanNode } from './big-trace-plan.ts';
import { OtelHarness } from './otel-harness.ts';
import type { OtlpTracesData } from './otlp-json.ts';
import type { Prng } from './sim-clock.ts';

/**
 * A big synthetic trace of exactly `count` spans for benchmarks, built through the real SDK.
 * Measured for 100,000 spans: about 1.3 s for the SDK and its OTLP/JSON serializer, 2.5–4.5 s
 * end to end including writing the 55 MB file, so no hand-built JSON shortcut is needed.
 * Eight services, a tree up to 19 deep (median fan-out 1–2, at most 40), HTTP server/client,
 * PostgreSQL, Kafka and internal spans, `log` events on ~4 % of spans, ~0.5 % of client spans
 * failing with an `exception` event.
 */
/** The sizes the benchmark uses. */
export const BIG_TRACE_SIZES = [1_000, 10_000, 100_000] as const;

export interface BigTraceOptions {
  seed?: number;
}

const SERVICES = ['api-gateway', 'orders', 'inventory', 'payments', 'search', 'recommendations', 'users', 'notifications'];
const RESOURCES = ['orders', 'carts', 'products', 'users', 'invoices', 'sessions'];
const TABLES = ['orders', 'order_items', 'products', 'users', 'stock_levels', 'events'];
const FUNCTIONS = ['validate', 'load_profile', 'price_items', 'apply_discounts', 'serialize', 'check_limits', 'render', 'merge_results'];

export function makeBigTrace(count: number, options: BigTraceOptions = {}): OtlpTracesData {
  if (!Number.isInteger(count) || count < 1) throw new Error(`makeBigTrace needs a positive span count, got ${count}`);
  const harness = new OtelHarness(options.seed ?? 7);
  const { prng, clock } = harness;
  const plan = planTree(count, SERVICES.length, prng);
  const tracers = SERVICES.map((service) => {
    const resource = { 'service.name': service, 'service.namespace': 'bench', 'telemetry.sdk.language': 'nodejs', 'telemetry.sdk.name': 'opentelemetry' };
    return {
      http: harness.tracer(resource, '@opentelemetry/instrumentation-http', '0.203.0'),
      db: harness.tracer(resource, '@opentelemetry/instrumentation-pg', '0.55.0'),
      app: harness.tracer(resource, service),
    };
  });
  const spans: Span[] = [];
  plan.forEach((node, i) => {
    const t = tracers[node.service];
    if (!t) throw new Error(`no tracer for service ${node.service}`);
    const parentSpan = spans[node.parent];
    const ctx = parentSpan ? trace.setSpan(ROOT_CONTEXT, parentSpan) : ROOT_CONTEXT;
    const { name, kind, tracer, attributes } = describe(node, i, t, prng);
    const span = tracer.startSpan(name, { kind, attributes, startTime: clock.hrAtNs(node.startNs) }, ctx);
    decorate(span, node, prng, (ns) => clock.hrAtNs(ns));
    spans.push(span);
  });
  plan.forEach((node, i) => spans[i]?.end(clock.hrAtNs(node.endNs)));
  return harness.toOtlpJson();
}

/** Writes the trace as compact OTLP JSON and returns the byte count. */
export function writeBigTrace(count: number, path: string, options: BigTraceOptions = {}): number {
  const text = JSON.stringify(makeBigTrace(count, options));
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}

interface Described {
  name: string;
  kind: SpanKind;
  tracer: Tracer;
  attributes: Attributes;
}

function describe(node: PlanNode, i: number, t: { http: Tracer; db: Tracer; app: Tracer }, prng: Prng): Described {
  const resource = RESOURCES[i % RESOURCES.length] ?? 'items';
  switch (node.role) {
    case 'server': {
      const method = prng.chance(0.7) ? 'GET' : 'POST';
      const route = `/api/${resource}/:id`;
      return { name: `${method} ${route}`, kind: SpanKind.SERVER, tracer: t.http, attributes: { 'http.request.method': method, 'http.route': route, 'url.path': `/api/${resource}/${i}`, 'http.response.status_code': 200 } };
    }
    case 'http-client': {
      const method = prng.chance(0.7) ? 'GET' : 'POST';
      return { name: method, kind: SpanKind.CLIENT, tracer: t.http, attributes: { 'http.request.method': method, 'url.full': `http://svc.internal/api/${resource}/${i}`, 'server.address': 'svc.internal', 'http.response.status_code': 200 } };
    }
    case 'db': {
      const table = TABLES[i % TABLES.length] ?? 'rows';
      return { name: `SELECT app.${table}`, kind: SpanKind.CLIENT, tracer: t.db, attributes: { 'db.system.name': 'postgresql', 'db.namespace': 'app', 'db.operation.name': 'SELECT', 'db.collection.name': table, 'db.query.text': `SELECT * FROM ${table} WHERE id = $1` } };
    }
    case 'producer':
      return { name: `send ${resource}.changed`, kind: SpanKind.PRODUCER, tracer: t.app, attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.destination.name': `${resource}.changed` } };
    case 'internal':
      return { name: FUNCTIONS[i % FUNCTIONS.length] ?? 'work', kind: SpanKind.INTERNAL, tracer: t.app, attributes: { 'code.function.name': FUNCTIONS[i % FUNCTIONS.length] ?? 'work', 'app.item.index': i } };
  }
}

function decorate(span: Span, node: PlanNode, prng: Prng, at: (ns: number) => [number, number]): void {
  if (prng.chance(0.04)) span.addEvent('log', { 'log.severity': 'info', 'log.message': `step ${node.depth} done` }, at(node.startNs + Math.floor((node.endNs - node.startNs) / 2)));
  if ((node.role === 'db' || node.role === 'http-client') && prng.chance(0.005)) {
    span.recordException({ name: node.role === 'db' ? 'DatabaseError' : 'FetchError', message: 'upstream timed out after 5000 ms' }, at(node.endNs));
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'timeout' });
    span.setAttribute('error.type', 'timeout');
  }
}
