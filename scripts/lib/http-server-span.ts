import { SpanKind, SpanStatusCode, type Span, type Tracer } from '@opentelemetry/api';
import { asPythonError, recordPythonException } from './python-error.ts';
import type { Prng, SimClock } from './sim-clock.ts';
import { withSpan, type Task } from './sim-runtime.ts';

export interface HttpEnv {
  /** A tracer for the `opentelemetry.instrumentation.fastapi` scope. */
  tracer: Tracer;
  clock: SimClock;
  prng: Prng;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  route: string;
  requestId: string;
}

/**
 * A FastAPI request as the Python ASGI instrumentation traces it: a SERVER span named
 * `<method> <route>` with stable HTTP semantic-convention attributes, an `http receive` child
 * before the handler and two `http send` children after it. An exception in the handler becomes
 * a 500: ERROR status, `error.type` and an `exception` event; it does not propagate further.
 */
export function* fastApiRequest(env: HttpEnv, request: HttpRequest, handler: (span: Span) => Task): Task {
  const name = `${request.method} ${request.route}`;
  const attributes = {
    'http.request.method': request.method,
    'url.scheme': 'http',
    'url.path': request.route,
    'http.route': request.route,
    'server.address': 'workflow-api.internal',
    'server.port': 8000,
    'network.protocol.version': '1.1',
    'client.address': '10.42.3.17',
    'client.port': 51_324,
    'user_agent.original': 'python-httpx/0.28.1',
    'http.request.header.x-request-id': [request.requestId],
  };
  yield* withSpan(env.tracer, env.clock, name, { kind: SpanKind.SERVER, attributes }, function* (span) {
    yield* asgiEvent(env, `${name} http receive`, { 'asgi.event.type': 'http.request' });
    let status = 200;
    try {
      yield* handler(span);
    } catch (error) {
      const pyError = asPythonError(error);
      status = 500;
      recordPythonException(span, pyError, env.clock.hr());
      span.setStatus({ code: SpanStatusCode.ERROR, message: `${pyError.shortType}: ${pyError.message}` });
      span.setAttribute('error.type', pyError.type);
    }
    yield env.prng.range(0.1, 0.3);
    yield* asgiEvent(env, `${name} http send`, { 'asgi.event.type': 'http.response.start', 'http.response.status_code': status });
    yield* asgiEvent(env, `${name} http send`, { 'asgi.event.type': 'http.response.body' });
    span.setAttribute('http.response.status_code', status);
  });
}

function* asgiEvent(env: HttpEnv, name: string, attributes: Record<string, string | number>): Task {
  yield* withSpan(env.tracer, env.clock, name, { kind: SpanKind.INTERNAL, attributes }, function* () {
    yield env.prng.range(0.02, 0.09);
  });
  yield env.prng.range(0.01, 0.05);
}
