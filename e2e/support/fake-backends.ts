/**
 * Fake Tempo and Jaeger for the end-to-end tests: real HTTP servers on 127.0.0.1 (port 0)
 * answering the read endpoints the viewer server calls, with real-format bodies built from
 * fixtures/ and public/samples (ids as each backend sends them: Tempo base64, Jaeger v3
 * hex). The fake Tempo demands the bearer token and echoes it into one span attribute, so the
 * specs can prove the viewer server keeps it from the browser; two more ids answer 503 every
 * other time and 401 always, for the browser's retry policy.
 */
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import { fixtureJson, json, startFakeUpstream, type FakeUpstream } from '../../src/server/test-support.ts';
import { seedJunjoServer, seedStudio, startFakeJunjoServer, startFakeStudio } from '../../src/server/junjo-fakes.ts';
import * as data from './backend-data.ts';

type Json = Record<string, unknown>;
type OtlpSpan = Json & { traceId: string; spanId: string; parentSpanId?: string; name: string; attributes?: Json[]; links?: Json[] };
type ResourceSpans = { resource?: Json; scopeSpans: { scope?: Json; spans: OtlpSpan[] }[] };

const b64 = (hex: string): string => Buffer.from(hex, 'hex').toString('base64');
const resourceSpansOf = (value: unknown): ResourceSpans[] => (value as { resourceSpans: ResourceSpans[] }).resourceSpans;

/** OTLP JSON with hex ids (as the SDK exports) → the ids Tempo's JSON API uses (base64). */
function toTempoIds(resourceSpans: ResourceSpans[]): ResourceSpans[] {
  const clone = structuredClone(resourceSpans);
  for (const span of clone.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans))) {
    span.traceId = b64(span.traceId);
    span.spanId = b64(span.spanId);
    if (span.parentSpanId) span.parentSpanId = b64(span.parentSpanId);
    for (const link of span.links ?? []) {
      if (typeof link.traceId === 'string') link.traceId = b64(link.traceId);
      if (typeof link.spanId === 'string') link.spanId = b64(link.spanId);
    }
  }
  return clone;
}

const v2 = (resourceSpans: ResourceSpans[], extra: Json = {}) => ({ trace: { resourceSpans }, metrics: { inspectedBytes: '4096' }, ...extra });

const junjo = toTempoIds(resourceSpansOf(JSON.parse(readFileSync('public/samples/junjo-g3-contract-v2.json', 'utf8'))));

/** A Tempo v2 trace of one span that ended a minute ago. */
function oneSpanTrace(traceId: string, name: string, attributes: [string, string][]): ResourceSpans[] {
  const start = BigInt(Date.now() - 60_000) * 1_000_000n;
  const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
  const span = {
    traceId: b64(traceId),
    spanId: b64('1111222233334444'),
    name,
    kind: 'SPAN_KIND_SERVER',
    startTimeUnixNano: String(start),
    endTimeUnixNano: String(start + 4_200_000n),
    attributes: attributes.map(([key, value]) => str(key, value)),
    status: {},
  };
  return [{ resource: { attributes: [str('service.name', 'comment-service')] }, scopeSpans: [{ scope: { name: 'e2e' }, spans: [span] }] }];
}

let flakyHits = 0;

function tempoHandler(req: http.IncomingMessage, res: http.ServerResponse, path: string): void {
  const authorization = req.headers.authorization ?? '';
  if (authorization !== `Bearer ${data.tempoToken}`) return void res.writeHead(401, { 'Content-Type': 'text/plain' }).end('Unauthorized');
  const query = new URL(req.url ?? '/', 'http://tempo').searchParams;
  const v2Id = /^\/api\/v2\/traces\/([0-9a-f]{32})$/.exec(path)?.[1];
  if (v2Id !== undefined) {
    if (v2Id === data.junjoTraceId) return json(res, 200, v2(junjo));
    if (v2Id === data.xssTraceId)
      return json(res, 200, v2(oneSpanTrace(v2Id, data.xssSpanName, [['comment.body', data.xssValue], ['http.request.header.authorization', authorization]])));
    if (v2Id === data.flakyTraceId)
      return ++flakyHits % 2 === 1 ? void res.writeHead(503, { 'Content-Type': 'text/plain' }).end('ingester not ready') : json(res, 200, v2(oneSpanTrace(v2Id, 'flaky but fine', [])));
    if (v2Id === data.deniedTraceId) return void res.writeHead(401, { 'Content-Type': 'text/plain' }).end('token has no access to this tenant');
    if (v2Id === data.partialTraceId)
      return json(res, 200, v2(resourceSpansOf(fixtureJson('tempo/tempo-vulture-trace-with-events.resourceSpans.json')), { status: 'PARTIAL', message: 'trace exceeds max size (max bytes: 5000000); only part of it is shown' }));
    if (v2Id === data.tempoV1TraceId) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found');
    return json(res, 200, { trace: {}, metrics: {} }); // Tempo v2: unknown id is 200 with an empty trace
  }
  const v1Id = /^\/api\/traces\/([0-9a-f]{32})$/.exec(path)?.[1];
  if (v1Id !== undefined) {
    if (v1Id === data.tempoV1TraceId) return json(res, 200, { batches: resourceSpansOf(fixtureJson('tempo/tempo-trace-queue-database.resourceSpans.json')) });
    return void res.writeHead(404).end();
  }
  if (path === '/api/search') {
    const q = query.get('q') ?? '';
    const service = /resource\.service\.name = "([^"]*)"/.exec(q)?.[1];
    if (service !== undefined && service !== 'joke-workflow-api') return json(res, 200, { traces: [], metrics: {} });
    const spans = junjo.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const root = spans.find((s) => !s.parentSpanId);
    const workflow = spans.find((s) => s.name === data.junjoWorkflowName);
    const start = BigInt(String(root?.startTimeUnixNano ?? '0'));
    const end = BigInt(String(root?.endTimeUnixNano ?? '0'));
    const trace = {
      traceID: data.junjoTraceId.replace(/^0+/, ''),
      rootServiceName: 'joke-workflow-api',
      rootTraceName: data.junjoRootName,
      startTimeUnixNano: String(start),
      durationMs: Number((end - start) / 1_000_000n),
      spanSets: [{ spans: [{ spanID: Buffer.from(workflow?.spanId ?? '', 'base64').toString('hex'), name: data.junjoWorkflowName, startTimeUnixNano: String(start), durationNanos: '1000' }], matched: 1 }],
      // Tempo 2.2+: span and error counts per service (errorCount left out when 0).
      serviceStats: serviceStatsOf(spans),
    };
    return json(res, 200, { traces: [trace], metrics: { inspectedTraces: 1 } });
  }
  if (path === '/api/v2/search/tag/resource.service.name/values')
    return json(res, 200, { tagValues: [{ type: 'string', value: 'joke-workflow-api' }, { type: 'string', value: 'comment-service' }] });
  res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found');
}

function jaegerHandler(req: http.IncomingMessage, res: http.ServerResponse, path: string): void {
  const query = new URL(req.url ?? '/', 'http://jaeger').searchParams;
  const rich = resourceSpansOf(fixtureJson('jaeger/otlp-tracesdata-rich.json'));
  const noTraces = () => json(res, 404, { error: { httpCode: 404, message: 'No traces found' } });
  const v3Id = /^\/api\/v3\/traces\/([0-9a-f]{32})$/.exec(path)?.[1];
  if (v3Id !== undefined) {
    if (v3Id === data.jaegerInternalTraceId) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found');
    const only = rich
      .map((r) => ({ ...r, scopeSpans: r.scopeSpans.map((s) => ({ ...s, spans: s.spans.filter((span) => span.traceId === v3Id) })).filter((s) => s.spans.length > 0) }))
      .filter((r) => r.scopeSpans.length > 0);
    return only.length > 0 ? json(res, 200, { result: { resourceSpans: only } }) : noTraces();
  }
  const internalId = /^\/api\/traces\/([0-9a-f]{32})$/.exec(path)?.[1];
  if (internalId !== undefined) {
    if (internalId !== data.jaegerInternalTraceId) return json(res, 404, { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: 'trace not found' }] });
    return json(res, 200, { data: [fixtureJson('jaeger/v1-trace-57spans-10services.json')], total: 0, limit: 0, offset: 0, errors: null });
  }
  if (path === '/api/v3/traces') return query.get('query.service_name') === 'service-x' ? json(res, 200, { result: { resourceSpans: rich } }) : noTraces();
  if (path === '/api/v3/services') return json(res, 200, { services: ['service-x'] });
  res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found');
}

export async function startFakeBackends(): Promise<{ tempo: FakeUpstream; jaeger: FakeUpstream }> {
  const tempo = await startFakeUpstream(tempoHandler);
  const jaeger = await startFakeUpstream(jaegerHandler);
  return { tempo, jaeger };
}

/**
 * A fake Junjo AI Studio 0.82.1 and a fake Junjo Server (src/server/junjo-fakes.ts: real HTTP, the
 * real response shapes, cookie sessions, CSRF for the Junjo Server), their runs moved to a minute ago.
 */
export async function startFakeJunjoBackends(): Promise<{ studio: FakeUpstream; junjoServer: FakeUpstream }> {
  const studio = await startFakeStudio({ email: data.studioEmail, password: data.studioPassword });
  seedStudio(studio, { shiftToNow: true, traceId: data.studioDisagreeTraceId, evidence: 'disagree' });
  seedStudio(studio, { shiftToNow: true, traceId: data.studioTraceId });
  const junjoServer = await startFakeJunjoServer({ email: data.studioEmail, password: data.studioPassword });
  seedJunjoServer(junjoServer, { shiftToNow: true });
  return { studio, junjoServer };
}

/** Tempo's `serviceStats` for a list of OTLP JSON spans (all of the fake's Junjo trace is one service). */
function serviceStatsOf(spans: readonly object[]): Record<string, { spanCount: number; errorCount?: number }> {
  const errors = spans.filter((span) => {
    const code = (span as { status?: { code?: unknown } }).status?.code;
    return code === 2 || code === 'STATUS_CODE_ERROR';
  }).length;
  return { 'joke-workflow-api': { spanCount: spans.length, ...(errors > 0 ? { errorCount: errors } : {}) } };
}
