/**
 * Search result rows for backends that answer a search with whole traces (Jaeger: API v3 merges
 * every trace into one `{result:{resourceSpans}}`; the internal API sends `{data:[trace…]}`).
 * The body goes through the same decoders and tree builder as any opened trace
 * (core/formats decodeInput, core/trace buildTraces/summarizeTrace), so the root and service
 * shown in the list are the ones the trace view will show. Rows are sorted newest first.
 */
import { decodeInput } from '../formats/decode-input.ts';
import { stringAttr } from '../model/attributes.ts';
import { buildTraces, summarizeTrace } from '../trace/build-traces.ts';
import type { TraceSummary } from './api-types.ts';

export type SearchSummaries = { readonly ok: true; readonly traces: TraceSummary[] } | { readonly ok: false; readonly message: string };

export async function summarizeSearchBody(body: Uint8Array): Promise<SearchSummaries> {
  const decoded = await decodeInput(body);
  if (!decoded.ok) return decoded.error.code === 'no-spans' ? { ok: true, traces: [] } : { ok: false, message: decoded.error.message };
  const rows = buildTraces(decoded.result.spans).map((trace): TraceSummary => {
    const summary = summarizeTrace(trace);
    let workflowName: string | null = null;
    let workflowStart = Infinity;
    let workflowSpans = 0;
    for (const span of trace.spans) {
      if (stringAttr(span.attributes, 'junjo.span_type') !== 'workflow') continue;
      workflowSpans++;
      if (span.start < workflowStart) {
        workflowStart = span.start;
        workflowName = span.name;
      }
    }
    return {
      traceId: summary.traceId,
      rootName: summary.rootName === '' ? null : summary.rootName,
      rootService: summary.rootService === '' ? null : summary.rootService,
      startNs: summary.startNs.toString(),
      durationMs: summary.duration / 1e6,
      spanCount: summary.spanCount,
      workflowName,
      workflowSpans,
      errorCount: summary.errorCount,
    };
  });
  return { ok: true, traces: rows.sort((a, b) => (BigInt(b.startNs) > BigInt(a.startNs) ? 1 : BigInt(b.startNs) < BigInt(a.startNs) ? -1 : 0)) };
}
