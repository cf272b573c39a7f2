import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { sql, type ShopTracers } from './plain-http-helpers.ts';
import { withSpan, type Task } from './sim-runtime.ts';

const PROCESSOR_URL = 'https://api.cardprocessor.example/v2/authorize';

/** payments-service (Go): validate, authorize with one failed attempt and a retry, store the charge. */
export function* paymentsCharge(t: ShopTracers): Task {
  const attributes = {
    'http.request.method': 'POST',
    'url.scheme': 'http',
    'url.path': '/v1/charges',
    'http.route': '/v1/charges',
    'server.address': 'payments-service.shop.svc',
    'server.port': 9000,
    'network.protocol.version': '1.1',
    'user_agent.original': 'node',
  };
  yield* withSpan(t.payHttp, t.clock, 'POST /v1/charges', { kind: SpanKind.SERVER, attributes }, function* (span) {
    yield* withSpan(t.payApp, t.clock, 'validate card', { attributes: { 'payment.card.brand': 'visa', 'payment.amount_cents': 12_480 } }, function* () {
      yield t.prng.range(0.2, 0.6);
    });
    yield* authorize(t);
    yield* sql(t, t.payPg, 'INSERT', 'charges', 'INSERT INTO charges (order_id, amount_cents, processor_ref) VALUES ($1, $2, $3)');
    span.setAttribute('http.response.status_code', 201);
  });
}

function* authorize(t: ShopTracers): Task {
  yield* withSpan(t.payApp, t.clock, 'authorize', { attributes: { 'payment.processor': 'cardprocessor', 'payment.amount_cents': 12_480 } }, function* (span) {
    yield* processorCall(t, 0, 503);
    const delayMs = 120;
    span.addEvent('retry', { 'retry.attempt': 1, 'retry.delay_ms': delayMs, 'retry.reason': '503 Service Unavailable' }, t.clock.hr());
    yield delayMs;
    yield* processorCall(t, 1, 200);
    span.addEvent('authorized', { 'payment.processor_ref': 'auth_3KQ9XW2T' }, t.clock.hr());
  });
}

/** A call to the (untraced) card processor; a 5xx is an error on the client span. */
function* processorCall(t: ShopTracers, resendCount: number, status: number): Task {
  const attributes = {
    'http.request.method': 'POST',
    'url.full': PROCESSOR_URL,
    'server.address': 'api.cardprocessor.example',
    'server.port': 443,
    'network.protocol.version': '2',
    ...(resendCount > 0 ? { 'http.request.resend_count': resendCount } : {}),
  };
  yield* withSpan(t.payHttp, t.clock, 'POST', { kind: SpanKind.CLIENT, attributes }, function* (span) {
    yield status >= 500 ? t.prng.range(2_900, 3_100) : t.prng.range(180, 260);
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) {
      span.setAttribute('error.type', String(status));
      span.recordException({ name: '*charge.ProcessorError', message: `processor returned ${status} Service Unavailable after 3.0s` }, t.clock.hr());
      span.setStatus({ code: SpanStatusCode.ERROR, message: `${status} Service Unavailable` });
    }
  });
}
