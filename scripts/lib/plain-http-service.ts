import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import type { Sample } from './junjo-samples.ts';
import { OtelHarness } from './otel-harness.ts';
import { drive, withSpan, type Task } from './sim-runtime.ts';
import { checkoutHandler } from './plain-http-checkout.ts';
import { expressAttrs, middleware, type ShopTracers } from './plain-http-helpers.ts';

/**
 * An ordinary, non-Junjo trace: a checkout request crossing three services (three resources),
 * with HTTP server/client, PostgreSQL, Redis and Kafka spans, one failed upstream call that is
 * retried, and events. Shows that the viewer handles any OpenTelemetry trace.
 */
const nodeResource = (name: string, version: string): Attributes => ({
  'service.name': name,
  'service.version': version,
  'service.namespace': 'shop',
  'deployment.environment.name': 'production',
  'telemetry.sdk.language': 'nodejs',
  'telemetry.sdk.name': 'opentelemetry',
  'telemetry.sdk.version': '2.12.1',
  'process.runtime.name': 'nodejs',
  'process.runtime.version': '20.19.2',
  'host.name': `${name}-6d8f9c7b5-k2v7p`,
});

const goResource: Attributes = {
  'service.name': 'payments-service',
  'service.version': '3.2.0',
  'service.namespace': 'shop',
  'deployment.environment.name': 'production',
  'telemetry.sdk.language': 'go',
  'telemetry.sdk.name': 'opentelemetry',
  'telemetry.sdk.version': '1.36.0',
  'host.name': 'payments-service-5b7c4d9f8-q8hzt',
};

function shopTracers(h: OtelHarness): ShopTracers {
  const web = nodeResource('storefront-web', '2.18.0');
  const orders = nodeResource('orders-api', '1.9.3');
  return {
    webHttp: h.tracer(web, '@opentelemetry/instrumentation-http', '0.203.0'),
    webExpress: h.tracer(web, '@opentelemetry/instrumentation-express', '0.52.0'),
    webRedis: h.tracer(web, '@opentelemetry/instrumentation-ioredis', '0.51.0'),
    webApp: h.tracer(web, 'storefront-web'),
    ordersHttp: h.tracer(orders, '@opentelemetry/instrumentation-http', '0.203.0'),
    ordersExpress: h.tracer(orders, '@opentelemetry/instrumentation-express', '0.52.0'),
    ordersPg: h.tracer(orders, '@opentelemetry/instrumentation-pg', '0.55.0'),
    ordersKafka: h.tracer(orders, '@opentelemetry/instrumentation-kafkajs', '0.12.0'),
    payHttp: h.tracer(goResource, 'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp', '0.61.0'),
    payApp: h.tracer(goResource, 'payments-service/charge'),
    payPg: h.tracer(goResource, 'github.com/XSAM/otelsql', '0.39.0'),
    clock: h.clock,
    prng: h.prng,
  };
}

export function plainHttpServiceSample(): Sample {
  const harness = new OtelHarness(505);
  const t = shopTracers(harness);
  drive(harness.clock, storefrontCheckout(t));
  return {
    file: 'plain-http-service.json',
    title: 'Plain OpenTelemetry trace: checkout across three services',
    description:
      'No Junjo spans: POST /checkout on storefront-web → orders-api → payments-service, with Express, PostgreSQL, Redis and Kafka spans, an N+1 query pattern, and a 503 from the card processor that is recorded as an error and retried.',
    generation: null,
    data: harness.toOtlpJson(),
  };
}

function* storefrontCheckout(t: ShopTracers): Task {
  const attributes = {
    'http.request.method': 'POST',
    'url.scheme': 'https',
    'url.path': '/checkout',
    'http.route': '/checkout',
    'server.address': 'shop.example.com',
    'server.port': 443,
    'network.protocol.version': '1.1',
    'client.address': '203.0.113.42',
    'user_agent.original': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  };
  yield* withSpan(t.webHttp, t.clock, 'POST /checkout', { kind: SpanKind.SERVER, attributes }, function* (span) {
    yield* middleware(t.webExpress, t, 'session');
    yield* middleware(t.webExpress, t, 'jsonParser');
    yield* withSpan(t.webExpress, t.clock, 'request handler - /checkout', { attributes: expressAttrs('request_handler', '/checkout') }, () => checkoutHandler(t));
    span.setAttributes({ 'http.response.status_code': 303, 'http.response.body.size': 0 });
    span.setStatus({ code: SpanStatusCode.UNSET });
  });
}
