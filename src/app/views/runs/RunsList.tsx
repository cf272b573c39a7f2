import { useMemo, useState } from 'react';
import { formatDuration } from '../../../core/model/time.ts';
import type { RunDigest } from '../../../core/runs/run-digest.ts';
import { runId, sortRuns, type RunsSortColumn } from '../../../core/runs/summarize-runs.ts';
import { shortTraceId } from '../../data/backend-format.ts';
import { navigateTo, updateView, useViewState } from '../../routes/use-view-state.ts';
import { runHref, runViewState } from './run-links.ts';

const columns: readonly { id: RunsSortColumn; label: string }[] = [
  { id: 'start', label: 'Started' },
  { id: 'duration', label: 'Duration' },
  { id: 'status', label: 'Status' },
];

const statusText = { ok: '✓ ok', error: '✕ failed', cancelled: '⊘ cancelled' } as const;

/** `sort` in the URL: start, duration or status, `-` first for descending; newest first by default. */
function readSort(raw: string | undefined): { column: RunsSortColumn; descending: boolean } {
  const descending = raw === undefined || raw.startsWith('-');
  const name = (raw ?? '-start').replace(/^-/, '');
  const column = columns.some((c) => c.id === name) ? (name as RunsSortColumn) : 'start';
  return { column, descending };
}

/**
 * The runs as a table sortable by start, duration and status (the order is in the URL), outliers
 * marked, each run a link that opens it; two ticked runs can be compared.
 */
export function RunsList({ source, runs, outliers, versionOf, onCompare }: {
  source: string;
  runs: readonly RunDigest[];
  outliers: ReadonlySet<string>;
  /** A short name of each run's graph version, when the runs have several. */
  versionOf?: (run: RunDigest) => string;
  onCompare: (a: RunDigest, b: RunDigest) => string;
}) {
  const sortRaw = useViewState((state) => state.sort);
  const { column, descending } = readSort(sortRaw);
  const sorted = useMemo(() => sortRuns(runs, column, descending), [runs, column, descending]);
  const [picked, setPicked] = useState<readonly string[]>([]);
  const pickedRuns = picked.map((id) => runs.find((run) => runId(run) === id)).filter((run): run is RunDigest => run !== undefined);
  const compareHref = pickedRuns.length === 2 ? onCompare(pickedRuns[0]!, pickedRuns[1]!) : undefined;
  const toggle = (id: string) => setPicked((now) => (now.includes(id) ? now.filter((x) => x !== id) : [...now.slice(-1), id]));

  return (
    <section className="ar-runs" aria-label="Runs">
      <div className="ar-runs-bar">
        <span>
          {pickedRuns.length === 0 ? 'Tick two runs to compare them.' : pickedRuns.length === 1 ? 'Tick one more run to compare.' : 'Two runs ticked.'}
        </span>
        {compareHref && (
          <a className="button small" href={compareHref}>
            Compare these two
          </a>
        )}
      </div>
      <div className="ar-table-wrap">
        <table className="ar-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Compare</span>
              </th>
              <th scope="col">Run</th>
              {columns.map((c) => (
                <th key={c.id} scope="col" aria-sort={column === c.id ? (descending ? 'descending' : 'ascending') : 'none'}>
                  <button
                    type="button"
                    className="ar-sort"
                    onClick={() => updateView({ sort: `${column === c.id && descending ? '' : '-'}${c.id}` }, 'replace')}
                  >
                    {c.label}
                    <span aria-hidden="true">{column === c.id ? (descending ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                </th>
              ))}
              {versionOf && <th scope="col">Graph version</th>}
              <th scope="col">Trace</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((run) => {
              const id = runId(run);
              const outlier = outliers.has(id);
              const href = runHref(source, run);
              return (
                <tr key={id} data-status={run.status} className={outlier ? 'is-outlier' : undefined}>
                  <td>
                    <input type="checkbox" checked={picked.includes(id)} onChange={() => toggle(id)} aria-label={`Compare the run of ${new Date(run.startMs).toISOString()}`} />
                  </td>
                  <td>
                    <a
                      href={href}
                      onClick={(event) => {
                        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
                        event.preventDefault();
                        navigateTo(runViewState(source, run));
                      }}
                    >
                      {run.workflow}
                    </a>
                    {outlier && (
                      <span className="ar-outlier" title="Duration above Q3 + 1.5 × IQR of these runs">
                        {' '}▲ outlier
                      </span>
                    )}
                  </td>
                  <td className="mono">{new Date(run.startMs).toISOString().slice(0, 23).replace('T', ' ')}</td>
                  <td className="num">{formatDuration(run.durationNs)}</td>
                  <td className={`ar-status is-${run.status}`}>{statusText[run.status]}</td>
                  {versionOf && <td className="mono">{versionOf(run)}</td>}
                  <td className="mono" title={run.traceId}>
                    {shortTraceId(run.traceId)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
