import { SpanKind, SpanStatusCode, type Attributes, type Tracer } from '@opentelemetry/api';
import type { Prng, SimClock } from './sim-clock.ts';
import { withSpan, type Task } from './sim-runtime.ts';

/** The tracers of the three shop services, one per instrumentation scope. */
export interface ShopTracers {
  webHttp: Tracer;
  webExpress: Tracer;
  webRedis: Tracer;
  webApp: Tracer;
  ordersHttp: Tracer;
  ordersExpress: Tracer;
  ordersPg: Tracer;
  ordersKafka: Tracer;
  payHttp: Tracer;
  payApp: Tracer;
  payPg: Tracer;
  clock: SimClock;
  prng: Prng;
}

/** An HTTP client span whose `server` body runs in the callee (its SERVER span becomes a child). */
export function* httpClient(t: ShopTracers, tracer: Tracer, method: string, url: string, status: number, server: () => Task): Task {
  const { hostname, port } = new URL(url);
  const attributes = { 'http.request.method': method, 'url.full': url, 'server.address': hostname, 'server.port': Number(port || 443), 'network.protocol.version': '1.1' };
  yield* withSpan(tracer, t.clock, method, { kind: SpanKind.CLIENT, attributes }, function* (span) {
    yield t.prng.range(0.4, 1.1); // network
    yield* server();
    yield t.prng.range(0.4, 1.1);
    span.setAttribute('http.response.status_code', status);
    if (status >= 400) {
      span.setAttribute('error.type', String(status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
  });
}

export function expressAttrs(type: string, name: string): Attributes {
  return { 'express.type': type, 'express.name': name, 'http.route': name.startsWith('/') ? name : '/' };
}

export function* middleware(tracer: Tracer, t: ShopTracers, name: string): Task {
  yield* withSpan(tracer, t.clock, `middleware - ${name}`, { attributes: expressAttrs('middleware', name) }, function* () {
    yield t.prng.range(0.05, 0.4);
  });
}

export function* sql(t: ShopTracers, tracer: Tracer, op: string, table: string | undefined, query: string, extra: Attributes = {}): Task {
  const db = tracer === t.payPg ? 'payments' : 'shop';
  const attributes: Attributes = { 'db.system.name': 'postgresql', 'db.namespace': db, 'db.operation.name': op, 'db.query.text': query, 'server.address': `${db}-db.shop.svc`, 'server.port': 5432, ...extra };
  if (table) attributes['db.collection.name'] = table;
  yield* withSpan(tracer, t.clock, table ? `${op} ${db}.${table}` : op, { kind: SpanKind.CLIENT, attributes }, function* () {
    yield t.prng.range(0.4, op === 'SELECT' ? 3.5 : 2);
  });
  yield t.prng.range(0.02, 0.1);
}

