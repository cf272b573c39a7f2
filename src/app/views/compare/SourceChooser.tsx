import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { SourceInfo, TraceSummary } from '../../../core/backends/api-types.ts';
import { formatDuration } from '../../../core/model/time.ts';
import { localRunsQuery, noRunFilters, searchQuery } from '../../data/backend-queries.ts';
import { keepCompareFile } from '../../data/compare-loader.ts';
import { useSources } from '../../data/use-sources.ts';
import { setCompareSide } from './compare-actions.ts';

interface SampleEntry {
  readonly file: string;
  readonly title: string;
}

const samplesQuery = {
  queryKey: ['samples-index'],
  queryFn: async (): Promise<readonly SampleEntry[]> => {
    const response = await fetch('/samples/index.json');
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    const data = (await response.json()) as SampleEntry[] | { samples?: SampleEntry[] };
    return Array.isArray(data) ? data : (data.samples ?? []);
  },
  staleTime: Infinity,
};

/** Where a side's run comes from: a bundled sample, a file, or a source's recent runs. */
export function SourceChooser({ which }: { which: 'a' | 'b' }) {
  const samples = useQuery(samplesQuery);
  const { sources } = useSources();
  const [sample, setSample] = useState('');
  const name = which.toUpperCase();
  return (
    <div className="cmp-chooser">
      <div className="cmp-choose-row">
        <label htmlFor={`cmp-sample-${which}`}>Sample</label>
        <select id={`cmp-sample-${which}`} className="input" value={sample} onChange={(event) => setSample(event.target.value)}>
          <option value="">{samples.status === 'error' ? 'Samples could not be listed' : 'Choose a sample…'}</option>
          {(samples.data ?? []).map((entry) => (
            <option key={entry.file} value={entry.file}>
              {entry.title}
            </option>
          ))}
        </select>
        <button type="button" className="button small" disabled={sample === ''} onClick={() => setCompareSide(which, { source: { kind: 'sample', name: sample } })}>
          Use as {name}
        </button>
      </div>
      <div className="cmp-choose-row">
        <span>File</span>
        <label className="button small">
          Open a file as {name}…
          <input
            type="file"
            className="visually-hidden"
            data-testid={`cmp-file-${which}`}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (!file) return;
              keepCompareFile(file.name, file);
              setCompareSide(which, { source: { kind: 'file', name: file.name } });
            }}
          />
        </label>
      </div>
      {sources.map((source) => (
        <SourceRuns key={source.name} which={which} source={source} />
      ))}
    </div>
  );
}

/** A source's recent runs, read when its section is opened. */
function SourceRuns({ which, source }: { which: 'a' | 'b'; source: SourceInfo }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="cmp-source" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Recent runs in {source.name}</summary>
      {open && <RunList which={which} source={source} />}
    </details>
  );
}

function RunList({ which, source }: { which: 'a' | 'b'; source: SourceInfo }) {
  const local = useQuery({ ...localRunsQuery(source.name, noRunFilters, undefined), enabled: source.kind === 'local' });
  const remote = useQuery({ ...searchQuery(source.name, '', '24h'), enabled: source.kind !== 'local' });
  const query = source.kind === 'local' ? local : remote;
  if (query.status === 'pending') return <p className="muted">Reading the runs…</p>;
  if (query.status === 'error') return <p className="error-text">The runs could not be listed: {query.error instanceof Error ? query.error.message : String(query.error)}</p>;
  const runs: readonly TraceSummary[] = query.data.traces.slice(0, 25);
  if (runs.length === 0) return <p className="muted">No runs{source.kind === 'local' ? '' : ' in the last 24 hours'}.</p>;
  return (
    <ul className="cmp-run-list" aria-label={`Recent runs in ${source.name}`}>
      {runs.map((run) => (
        <li key={run.traceId}>
          <button type="button" className="link" onClick={() => setCompareSide(which, { source: { kind: 'backend', source: source.name, traceId: run.traceId } })}>
            {run.workflowName ?? run.rootName ?? run.traceId.slice(0, 12)}
          </button>
          <span className="muted">
            {' '}
            · {run.status ?? 'unknown'} · {formatDuration(run.durationMs * 1e6)} · {run.traceId.slice(0, 8)}
          </span>
        </li>
      ))}
    </ul>
  );
}
