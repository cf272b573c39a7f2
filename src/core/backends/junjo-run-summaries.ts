/**
 * Recent runs from Junjo AI Studio and the older Junjo Server (formats.md §9): both list workflow
 * spans as flat rows (Studio `…/services/<svc>/workflows`, Junjo Server `/otel/spans/type/workflow/<svc>`).
 * One summary per trace: the earliest workflow span names the run; a root workflow span (no
 * parent) also gives the root name. Times are ISO 8601 (µs) or integer nanoseconds; status is
 * "0"–"2" (Studio) or "STATUS_CODE_…" (Junjo Server). Newest first.
 */
import { normalizeId } from '../model/ids.ts';
import { parseIsoToEpochNs } from '../model/time.ts';
import type { TraceSummary } from './api-types.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function rowTime(raw: unknown): bigint | undefined {
  if (typeof raw === 'string' && /^\d{4}-/.test(raw)) return parseIsoToEpochNs(raw);
  if (typeof raw === 'string' && /^\d{1,20}$/.test(raw)) return BigInt(raw);
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return BigInt(raw);
  return undefined;
}

function rowStatus(raw: unknown): 'ok' | 'error' | 'unset' {
  const code = String(raw ?? '').trim().toUpperCase().replace(/^STATUS_CODE_/, '');
  return code === '2' || code === 'ERROR' ? 'error' : code === '1' || code === 'OK' ? 'ok' : 'unset';
}

interface Run {
  readonly traceId: string;
  start: bigint;
  end: bigint;
  name: string;
  rootName: string | null;
  service: string | null;
  status: 'ok' | 'error' | 'unset';
  workflows: number;
}

/** Rows that are not readable workflow spans are skipped; `skipped` counts them. */
export function summarizeWorkflowRows(rows: readonly unknown[]): { traces: TraceSummary[]; skipped: number } {
  const runs = new Map<string, Run>();
  let skipped = 0;
  for (const row of rows) {
    const traceId = isObject(row) ? normalizeId(row.trace_id, 'trace') : undefined;
    const start = isObject(row) ? rowTime(row.start_time) : undefined;
    const end = isObject(row) ? rowTime(row.end_time) : undefined;
    if (!isObject(row) || !traceId || start === undefined || end === undefined) {
      skipped++;
      continue;
    }
    const name = typeof row.name === 'string' ? row.name : '';
    const isRoot = row.parent_span_id === null || row.parent_span_id === undefined || row.parent_span_id === '';
    const service = typeof row.service_name === 'string' && row.service_name !== '' ? row.service_name : null;
    const status = rowStatus(row.status_code);
    const run = runs.get(traceId);
    if (run === undefined) {
      runs.set(traceId, { traceId, start, end, name, rootName: isRoot ? name : null, service, status, workflows: 1 });
      continue;
    }
    run.workflows++;
    if (isRoot) run.rootName = name;
    if (start < run.start) {
      run.start = start;
      run.name = name;
    }
    if (end > run.end) run.end = end;
    if (status === 'error') run.status = 'error';
    run.service ??= service;
  }
  const traces = [...runs.values()]
    .sort((a, b) => (b.start > a.start ? 1 : b.start < a.start ? -1 : 0))
    .map((run): TraceSummary => ({
      traceId: run.traceId,
      rootName: run.rootName,
      rootService: run.service,
      startNs: run.start.toString(),
      durationMs: Number(run.end - run.start) / 1e6,
      spanCount: null,
      workflowName: run.name === '' ? null : run.name,
      workflowSpans: run.workflows,
      status: run.status,
    }));
  return { traces, skipped };
}
