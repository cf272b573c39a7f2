/**
 * One parsed JSON document → spans in the sink, by shape (formats.md §6, §8, §9).
 * Recognises every envelope (OTLP, Tempo v1/v2, Jaeger v3 and internal, Junjo rows, console
 * spans) and arrays of them. Returns the format and envelope it saw, or why it saw none.
 * Never recurses into the document beyond one level of array.
 */
import type { DecodeSink } from './decode-sink.ts';
import type { FormatId } from './types.ts';
import { decodeJaegerTraces, looksLikeJaegerTrace } from './jaeger-json.ts';
import { decodeJunjoRows, looksLikeJunjoEnvelope, looksLikeJunjoRow } from './junjo-rows.ts';
import { decodeSpanList, decodeTracesData, looksLikeTracesData } from './otlp-json.ts';
import { decodeConsoleSpans, looksLikeConsoleSpan } from './python-console.ts';
import { emptyScope, unknownResource } from './resource-scope.ts';
import { isRecord, safeStringify } from './wire-values.ts';

export type DocumentOutcome =
  | { readonly ok: true; readonly format: FormatId; readonly envelope: string; readonly emptyNote?: string }
  | { readonly ok: false; readonly keys: readonly string[]; readonly note: string };

export function decodeDocument(doc: unknown, sink: DecodeSink, path = '', line?: number): DocumentOutcome {
  if (Array.isArray(doc)) return decodeArray(doc, sink, path, line);
  if (!isRecord(doc)) return { ok: false, keys: [], note: `The document is a single ${typeof doc} value, not an object or a list.` };

  if (looksLikeTracesData(doc)) {
    decodeTracesData(doc, sink, path, line);
    return { ok: true, format: 'otlp-json', envelope: 'batches' in doc ? 'Tempo v1 response (batches)' : 'OTLP TracesData' };
  }
  if (isRecord(doc.trace)) {
    if (doc.status === 'PARTIAL' || (typeof doc.status === 'string' && doc.status !== 'COMPLETE' && doc.status !== ''))
      sink.warn(`Tempo returned a ${doc.status} trace${typeof doc.message === 'string' && doc.message ? `: ${doc.message}` : ''}. Some spans are missing (Tempo's max_bytes_per_trace).`);
    decodeTracesData(doc.trace, sink, `${path}trace.`, line);
    return { ok: true, format: 'otlp-json', envelope: 'Tempo v2 response', emptyNote: 'Tempo returned an empty trace ("trace": {}): the trace id was not found in the searched time range.' };
  }
  if (isRecord(doc.result) && looksLikeTracesData(doc.result)) {
    decodeTracesData(doc.result, sink, `${path}result.`, line);
    return { ok: true, format: 'otlp-json', envelope: 'Jaeger API v3 response' };
  }
  if (Array.isArray(doc.data) && (doc.data.length === 0 || looksLikeJaegerTrace(doc.data[0]))) {
    if (Array.isArray(doc.errors))
      for (const error of doc.errors) sink.warn(`Jaeger reported: ${isRecord(error) && typeof error.msg === 'string' ? error.msg : safeStringify(error)}`);
    decodeJaegerTraces(doc.data, sink, `${path}data`);
    return { ok: true, format: 'jaeger-json', envelope: 'Jaeger API response ({data})', emptyNote: 'Jaeger returned no traces ("data": []).' };
  }
  if (looksLikeJunjoEnvelope(doc)) {
    const spans = doc.spans as unknown[];
    decodeJunjoRows(spans, sink, `${path}spans`, typeof doc.service_name === 'string' ? doc.service_name : '');
    return { ok: true, format: 'junjo-rows', envelope: 'contract_version' in doc ? 'Junjo telemetry fixture' : 'Junjo span rows' };
  }
  if (looksLikeJaegerTrace(doc)) {
    decodeJaegerTraces([doc], sink, `${path}`);
    return { ok: true, format: 'jaeger-json', envelope: 'Jaeger trace object' };
  }
  if (looksLikeConsoleSpan(doc)) {
    decodeConsoleSpans([doc], sink, path, line === undefined ? [1] : [line]);
    return { ok: true, format: 'python-console', envelope: 'Python ConsoleSpanExporter output' };
  }
  const keys = Object.keys(doc);
  return { ok: false, keys, note: noteFor(doc) };
}

function decodeArray(list: unknown[], sink: DecodeSink, path: string, line?: number): DocumentOutcome {
  const first = list.find(isRecord);
  if (first === undefined)
    return list.length === 0
      ? { ok: true, format: 'otlp-json', envelope: 'empty list', emptyNote: 'The file holds an empty list.' }
      : { ok: false, keys: [], note: 'The document is a list without objects in it.' };
  if (looksLikeJunjoRow(first)) {
    decodeJunjoRows(list, sink, path);
    return { ok: true, format: 'junjo-rows', envelope: 'list of Junjo span rows' };
  }
  if (looksLikeConsoleSpan(first)) {
    decodeConsoleSpans(list, sink, path);
    return { ok: true, format: 'python-console', envelope: 'list of ConsoleSpanExporter spans' };
  }
  if ('spanId' in first || 'span_id' in first) {
    decodeSpanList(list, unknownResource, emptyScope, sink, path || '(list)', line);
    sink.warn('The file is a bare list of spans: their resource (service) is unknown.');
    return { ok: true, format: 'otlp-json', envelope: 'list of OTLP spans' };
  }
  // A list of documents: TracesData (e.g. Docker Desktop export), Tempo or Jaeger responses.
  let outcome: DocumentOutcome | undefined;
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (Array.isArray(item)) {
      sink.skip(`${path}[${i}]`, 'a list inside a list of trace documents', line);
      continue;
    }
    const result = decodeDocument(item, sink, `${path}[${i}].`, line);
    if (result.ok) outcome ??= result;
    else if (i === 0 && !outcome) return result;
    else sink.skip(`${path}[${i}]`, `not a trace document (${result.keys.slice(0, 5).join(', ') || result.note})`, line);
  }
  if (!outcome) return { ok: false, keys: [], note: 'No element of the list is a trace document.' };
  return outcome.ok ? { ...outcome, envelope: `list of ${outcome.envelope}` } : outcome;
}

function noteFor(doc: Record<string, unknown>): string {
  if (isRecord(doc.error) && typeof doc.error.message === 'string') return `The server answered with an error: "${doc.error.message}".`;
  if (Array.isArray(doc.traces)) return 'This looks like a search result (a list of trace ids), not a trace: open one trace by its id.';
  if (isRecord(doc.trace) || isRecord(doc.result)) return 'It wraps an object without resourceSpans.';
  return '';
}
