import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { WorkflowRunsResponse } from '../../../core/backends/workflow-runs-api.ts';
import { formatDuration } from '../../../core/model/time.ts';
import { unreadableVersion, type RunDigest } from '../../../core/runs/run-digest.ts';
import { summarizeRuns } from '../../../core/runs/summarize-runs.ts';
import { BackendRequestError } from '../../data/backend-api.ts';
import { useSources } from '../../data/use-sources.ts';
import { workflowRunsQuery } from '../../data/workflow-runs-query.ts';
import { navigateTo } from '../../routes/use-view-state.ts';
import { countOf } from '../../ui/count-of.ts';
import { HeatGraph } from './HeatGraph.tsx';
import { RunsList } from './RunsList.tsx';
import { runsViewState, type RunsSource } from './run-links.ts';
import { percentText } from './heat-overlay.ts';
import { writeCompare } from '../../routes/compare-link.ts';
import './runs-view.css';

const limits = [20, 50, 100, 200, 500, 1000] as const;

/** The compare screen's link for two runs of a source (routes/compare-link.ts): A is the earlier run. */
function compareHref(source: string, first: RunDigest, second: RunDigest): string {
  const [a, b] = first.startMs <= second.startMs ? [first, second] : [second, first];
  const side = (run: RunDigest) => ({ source: { kind: 'backend' as const, source, traceId: run.traceId }, run: run.runSpanId });
  const params = new URLSearchParams();
  writeCompare({ a: side(a), b: side(b) }, params);
  return `/compare?${params.toString()}`;
}

/**
 * One workflow across its last N runs in a source with history (issue 12 §3): the figures per node and
 * edge on the declared graph, and the runs as a sortable list. The server reads and digests the runs;
 * this screen adds the digests up (core/runs) and stays responsive while they come.
 */
export function AcrossRunsView({ source }: { source: RunsSource }) {
  const sources = useSources();
  const known = sources.sources.find((candidate) => candidate.name === source.source);
  const title = (
    <h1 className="ar-title">
      {source.workflow || 'A workflow'} <span className="muted">across runs</span>
    </h1>
  );
  if (!source.workflow) {
    return (
      <div className="alert" role="alert">
        <h2>This link names no workflow</h2>
        <p>Open “across runs” from a run of the workflow (its graph, or the recent runs list), or add <code>?workflow=&lt;name&gt;</code> to the link.</p>
      </div>
    );
  }
  if (sources.status === 'pending') return <p className="muted pad" role="status">Reading the sources…</p>;
  if (!known) {
    return (
      <div className="alert" role="alert">
        <h2>“{source.source}” is not a source with history</h2>
        <p>
          Runs across time come from a source that keeps them: the built-in local store{sources.sources.length > 1 ? ', or one of the configured sources' : ''}
          {sources.sources.length > 0 ? ` (${sources.sources.map((s) => s.name).join(', ')})` : ''}. Files and samples hold one trace each; save them to the local store to see them here.
        </p>
      </div>
    );
  }
  return (
    <section className="ar-view" aria-labelledby="ar-heading">
      <header className="ar-header" id="ar-heading">
        {title}
        <span className="muted">
          from <strong>{known.name}</strong>
          {source.service ? (
            <>
              {' '}· service <strong>{source.service}</strong>
            </>
          ) : null}
        </span>
        <label className="ar-limit">
          Last{' '}
          <select className="input" value={source.limit} onChange={(event) => navigateTo(runsViewState(source, { limit: Number(event.target.value) }))}>
            {[...new Set([...limits, source.limit])].sort((a, b) => a - b).map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString('en')}
              </option>
            ))}
          </select>{' '}
          runs
        </label>
      </header>
      <RunsBody source={source} />
    </section>
  );
}

function RunsBody({ source }: { source: RunsSource }) {
  const client = useQueryClient();
  const options = workflowRunsQuery(source.source, source.workflow, source.service, source.limit);
  const query = useQuery(options);
  if (query.isPending) {
    return (
      <div className="ar-loading" role="status" aria-busy="true">
        <progress aria-label="Reading runs" />
        <p>
          Reading the last {source.limit.toLocaleString('en')} runs of {source.workflow} from {source.source}… The page stays usable meanwhile.
        </p>
      </div>
    );
  }
  if (query.isError) {
    const error = query.error as Error;
    const hint = error instanceof BackendRequestError ? error.apiError.hint : '';
    return (
      <div className="alert" role="alert">
        <h2>The runs could not be read</h2>
        <p>{error.message}</p>
        {hint && <p className="muted">{hint}</p>}
        <button type="button" className="button" onClick={() => void client.resetQueries({ queryKey: options.queryKey, exact: true })}>
          Try again
        </button>
      </div>
    );
  }
  return <RunsSummaryScreen source={source} data={query.data} />;
}

function SkippedNote({ data }: { data: WorkflowRunsResponse }) {
  if (data.skippedCount === 0) return null;
  return (
    <details className="ar-note is-warning" role="note">
      <summary>
        {countOf(data.skippedCount, 'trace')} of {data.traces.toLocaleString('en')} skipped: {data.skippedCount === 1 ? 'it' : 'they'} could not be loaded or held no run of this workflow.
      </summary>
      <ul>
        {data.skipped.map((s) => (
          <li key={s.traceId}>
            <code>{s.traceId}</code>: {s.reason}
          </li>
        ))}
        {data.skipped.length < data.skippedCount && <li>… and {data.skippedCount - data.skipped.length} more</li>}
      </ul>
    </details>
  );
}

function RunsSummaryScreen({ source, data }: { source: RunsSource; data: WorkflowRunsResponse }) {
  const summary = useMemo(() => summarizeRuns(data.runs), [data.runs]);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const group = summary.groups.find((g) => g.version === picked) ?? summary.groups[0];
  const versionName = useMemo(() => {
    const names = new Map(summary.groups.map((g, i) => [g.version, g.version === unreadableVersion ? 'unreadable graph' : `v${i + 1}`]));
    return (run: RunDigest) => names.get(run.version) ?? run.version;
  }, [summary.groups]);

  if (data.runs.length === 0) {
    return (
      <>
        <div className="ar-empty" role="status">
          <h2>No runs of {source.workflow} found in {source.source}</h2>
          <p className="muted">
            {data.traces === 0
              ? `The source holds no trace whose workflow is named “${source.workflow}”${source.service ? ` from the service ${source.service}` : ''}. Check the name, or send runs to it.`
              : 'Every trace found was skipped (below).'}
          </p>
        </div>
        <SkippedNote data={data} />
      </>
    );
  }
  const graph = group ? data.graphs[group.version] : undefined;
  const fences = summary.fences;
  return (
    <>
      <p className="ar-figures" aria-label="Figures over all runs">
        <strong>{countOf(summary.runCount, 'run')}</strong>
        {' · '}
        <span className={summary.failedRuns > 0 ? 'ar-failed' : undefined}>
          {summary.failedRuns} failed ({percentText(summary.failedRuns / summary.runCount)})
        </span>
        {' · '}duration p50 {formatDuration(summary.p50)} · p95 {formatDuration(summary.p95)}
        {' · '}
        {fences ? (
          <span title="Tukey's fence: Q3 + 1.5 × (Q3 − Q1) of the run durations">
            {countOf(summary.outliers.size, 'outlier')} (longer than Q3 + 1.5 IQR = {formatDuration(fences.upper)})
          </span>
        ) : (
          <span className="muted">outliers need at least 4 runs</span>
        )}
      </p>
      <SkippedNote data={data} />
      {summary.groups.length > 1 && (
        <div className="ar-note is-warning" role="note">
          <span>
            These runs used {summary.groups.length} different graph versions; figures are added up per version, never across. Showing{' '}
          </span>
          <select className="input" aria-label="Graph version" value={group?.version} onChange={(event) => setPicked(event.target.value)}>
            {summary.groups.map((g) => (
              <option key={g.version} value={g.version}>
                {versionName({ version: g.version } as RunDigest)} — {countOf(g.runCount, 'run')}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="ar-body">
        {group && graph ? (
          <HeatGraph graph={graph} group={group} label={`Workflow graph of ${source.workflow} across ${countOf(group.runCount, 'run')}`} />
        ) : (
          <p className="ar-note is-warning" role="note">
            The graph of {countOf(group?.runCount ?? 0, 'run')} could not be read (no graph attribute on the workflow span), so only the list is shown.
          </p>
        )}
        <RunsList source={source.source} runs={data.runs} outliers={summary.outliers} versionOf={summary.groups.length > 1 ? versionName : undefined} onCompare={(first, second) => compareHref(source.source, first, second)} />
      </div>
    </>
  );
}
