/**
 * "This run vs the previous run of the same workflow" (issue 12 §2): among a source's run summaries,
 * the latest run of the same workflow name and service that started before this one.
 */
import type { TraceSummary } from '../backends/api-types.ts';

export interface RunIdentity {
  readonly traceId: string;
  readonly workflowName: string;
  /** The workflow span's service; a summary that names another root service is skipped. */
  readonly service: string | null;
  /** Epoch ns of the trace's start. */
  readonly startNs: bigint;
}

const epoch = (decimal: string): bigint | undefined => (/^\d{1,30}$/.test(decimal) ? BigInt(decimal) : undefined);

export function previousRunOf(runs: readonly TraceSummary[], of: RunIdentity): TraceSummary | undefined {
  let best: { run: TraceSummary; start: bigint } | undefined;
  for (const run of runs) {
    if (run.traceId === of.traceId) continue;
    if ((run.workflowName ?? run.rootName) !== of.workflowName) continue;
    if (of.service !== null && run.rootService !== null && run.rootService !== of.service) continue;
    const start = epoch(run.startNs);
    if (start === undefined || start >= of.startNs) continue;
    if (!best || start > best.start) best = { run, start };
  }
  return best?.run;
}
