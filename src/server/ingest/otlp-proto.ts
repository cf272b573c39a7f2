/**
 * The OTLP trace messages through the official OpenTelemetry .proto files (vendored in store/proto/,
 * see its README.md) and @grpc/proto-loader (protobufjs): 64-bit integers as decimal strings
 * so nanosecond times stay exact, bytes (ids) as base64, enums as numbers, field names in the
 * OTLP/JSON camelCase, which the core OTLP/JSON decoder reads as it is.
 */
import { loadSync } from '@grpc/proto-loader';
import type { MethodDefinition } from '@grpc/proto-loader';
import { otlpProtoDir } from '../store/otlp-types.ts';

const definition = loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto', {
  includeDirs: [otlpProtoDir],
  keepCase: false,
  longs: String,
  enums: Number,
  bytes: String,
  defaults: false,
  oneofs: false,
});

type ServiceMethods = Record<string, MethodDefinition<unknown, unknown>>;
const traceService = definition['opentelemetry.proto.collector.trace.v1.TraceService'] as unknown as ServiceMethods;
const exportMethod = traceService.Export!;

export const traceExportPath = exportMethod.path;

export interface ExportResponse {
  readonly partialSuccess?: { readonly rejectedSpans: string; readonly errorMessage: string };
}

export type DecodedRequest = { readonly ok: true; readonly request: Record<string, unknown> } | { readonly ok: false; readonly message: string };

/** An ExportTraceServiceRequest from protobuf bytes, or why it is not one. Never throws. */
export function decodeTraceRequest(bytes: Buffer): DecodedRequest {
  try {
    const request = exportMethod.requestDeserialize(bytes);
    if (typeof request !== 'object' || request === null) return { ok: false, message: 'The body is not an ExportTraceServiceRequest.' };
    return { ok: true, request: request as Record<string, unknown> };
  } catch (error) {
    return { ok: false, message: `The body is not a protobuf ExportTraceServiceRequest (${(error as Error).message}).` };
  }
}

export const encodeTraceResponse = (response: ExportResponse): Buffer => exportMethod.responseSerialize(response);
