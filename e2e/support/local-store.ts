/**
 * Runs for the local store in end-to-end tests: a bundled sample (public/samples, written by
 * the real OpenTelemetry JS SDK) given a new trace id, service and start time, so one sample
 * yields as many distinct, current runs as a test needs. Sent through the server's real API
 * (POST /api/sources/local/traces), the same path "Save to local store" takes.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Json = Record<string, unknown>;
interface OtlpSpan extends Json {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: { key: string; value: Json }[];
  events?: { timeUnixNano: string }[];
}
interface OtlpDocument {
  resourceSpans: { resource: { attributes: { key: string; value: Json }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
}

export interface RunOptions {
  readonly traceId: string;
  /** Start of the run, epoch milliseconds (default: now). */
  readonly startMs?: number;
  readonly service?: string;
}

export const writeHeaders = { 'X-Requested-With': 'junjo-trace-viewer' };

const readSample = (name: string): OtlpDocument => JSON.parse(readFileSync(resolve('public/samples', name), 'utf8')) as OtlpDocument;

const isWorkflowOrRoot = (span: OtlpSpan): boolean =>
  span.parentSpanId === undefined || span.parentSpanId === '' || (span.attributes ?? []).some((a) => a.key === 'junjo.span_type' && a.value.stringValue === 'workflow');

/**
 * The sample as a new run. `part` 'nodes' keeps only what arrives first in a real export (every
 * span but the root and the workflow span: the run is "in progress"), 'rest' the others.
 */
export function sampleRun(sample: string, options: RunOptions, part: 'all' | 'nodes' | 'rest' = 'all'): string {
  const doc = readSample(sample);
  const spans = doc.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
  const first = spans.reduce((min, span) => (BigInt(span.startTimeUnixNano) < min ? BigInt(span.startTimeUnixNano) : min), BigInt(spans[0]!.startTimeUnixNano));
  const shift = BigInt(options.startMs ?? Date.now()) * 1_000_000n - first;
  const moved = (ns: string) => String(BigInt(ns) + shift);
  for (const resource of doc.resourceSpans) {
    if (options.service !== undefined)
      resource.resource.attributes = resource.resource.attributes.map((a) => (a.key === 'service.name' ? { key: a.key, value: { stringValue: options.service } } : a));
    for (const scope of resource.scopeSpans) {
      scope.spans = scope.spans.filter((span) => part === 'all' || (part === 'nodes') !== isWorkflowOrRoot(span));
      for (const span of scope.spans) {
        span.traceId = options.traceId;
        span.startTimeUnixNano = moved(span.startTimeUnixNano);
        span.endTimeUnixNano = moved(span.endTimeUnixNano);
        for (const event of span.events ?? []) event.timeUnixNano = moved(event.timeUnixNano);
      }
    }
  }
  return JSON.stringify(doc);
}

/** A trace id for test run `n` of a test file `tag` (2 hex digits); ids differ in their first 8 digits, as random ones do. */
export const runId = (tag: string, n: number): string => `${(0x10000000 + n * 0x01010101).toString(16)}${tag}${'0'.repeat(22)}`;

/** POSTs a trace file to the local store; resolves with the answer (status and JSON). */
export async function postTrace(baseURL: string, body: string): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${baseURL}/api/sources/local/traces`, { method: 'POST', headers: writeHeaders, body });
  return { status: response.status, json: (await response.json()) as Json };
}

export async function clearStore(baseURL: string): Promise<void> {
  const response = await fetch(`${baseURL}/api/sources/local/traces?all=true`, { method: 'DELETE', headers: writeHeaders });
  if (!response.ok) throw new Error(`clearing the local store answered ${response.status}`);
}
