/**
 * Sends SDK spans with the real OpenTelemetry JS exporters (OTLP/gRPC, OTLP/HTTP protobuf,
 * OTLP/HTTP JSON), as an application would; used by the receiver tests and `npm run bench:ingest`
 * from a process of their own. `withTraceId` copies a run under a fresh trace id, so one sample
 * run can stand for many.
 */
import { Metadata } from '@grpc/grpc-js';
import type { SpanContext } from '@opentelemetry/api';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as HttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as HttpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

export type Protocol = 'grpc' | 'http-proto' | 'http-json';

export interface SenderOptions {
  readonly protocol: Protocol;
  /** gRPC: http://host:port; HTTP: http://host:port (the exporter adds /v1/traces). */
  readonly url: string;
  readonly apiKey?: string;
  readonly gzip?: boolean;
  readonly timeoutMillis?: number;
}

export function makeExporter(options: SenderOptions): SpanExporter {
  const timeoutMillis = options.timeoutMillis ?? 30_000;
  const compression = (options.gzip ? 'gzip' : 'none') as never;
  if (options.protocol === 'grpc') {
    const metadata = new Metadata();
    if (options.apiKey !== undefined) metadata.set('x-junjo-api-key', options.apiKey);
    return new GrpcExporter({ url: options.url, metadata, timeoutMillis, compression });
  }
  const headers: Record<string, string> = options.apiKey !== undefined ? { 'x-junjo-api-key': options.apiKey } : {};
  const url = `${options.url}/v1/traces`;
  return options.protocol === 'http-proto'
    ? new HttpProtoExporter({ url, headers, timeoutMillis, compression })
    : new HttpJsonExporter({ url, headers, timeoutMillis, compression });
}

/** Exports once; resolves with null on success or the error message. */
export function exportOnce(exporter: SpanExporter, spans: ReadableSpan[]): Promise<string | null> {
  return new Promise((resolve) => {
    exporter.export(spans, (result) => resolve(result.code === 0 ? null : (result.error?.message ?? 'export failed')));
  });
}

/** The spans of one run under another trace id (32 hex digits). */
export function withTraceId(spans: readonly ReadableSpan[], traceId: string): ReadableSpan[] {
  return spans.map((span) => {
    const context: SpanContext = { ...span.spanContext(), traceId };
    const parent = span.parentSpanContext ? { ...span.parentSpanContext, traceId } : undefined;
    return {
      name: span.name,
      kind: span.kind,
      spanContext: () => context,
      parentSpanContext: parent,
      startTime: span.startTime,
      endTime: span.endTime,
      status: span.status,
      attributes: span.attributes,
      links: span.links,
      events: span.events,
      duration: span.duration,
      ended: span.ended,
      resource: span.resource,
      instrumentationScope: span.instrumentationScope,
      droppedAttributesCount: span.droppedAttributesCount,
      droppedEventsCount: span.droppedEventsCount,
      droppedLinksCount: span.droppedLinksCount,
    };
  });
}
