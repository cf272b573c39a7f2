import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { SourceInfo, TraceSummary } from '../../../core/backends/api-types.ts';
import { BackendRequestError } from '../../data/backend-api.ts';
import { searchQuery, searchRanges, servicesQuery, type SearchRangeId } from '../../data/backend-queries.ts';
import { navigateTo } from '../../routes/use-view-state.ts';
import { emptyViewState } from '../../routes/view-state.ts';
import { RunsTable } from './RunsTable.tsx';
import { sourceKindName, sourceLabel } from '../../data/source-label.ts';

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Recent workflow runs in one source, from the server's search API: a service and time-range
 * filter, then a table of runs; choosing one opens it. Jaeger can only search one service at a
 * time, so there the first service is preselected.
 */
export function SourceRuns({ source, onOpen }: { source: SourceInfo; onOpen?: () => void }) {
  const [service, setService] = useState('');
  const [range, setRange] = useState<SearchRangeId>('1h');
  const headingId = useId();
  const services = useQuery(servicesQuery(source.name));
  const serviceList = services.data?.services ?? [];
  const needsService = source.kind === 'jaeger';
  const effective = service !== '' ? service : needsService ? (serviceList[0] ?? '') : '';
  const search = useQuery({ ...searchQuery(source.name, effective, range), enabled: !needsService || effective !== '' });
  const rangeLabel = searchRanges.find((r) => r.id === range)?.label.toLowerCase() ?? '';

  const open = (run: TraceSummary) => {
    onOpen?.();
    navigateTo({ ...emptyViewState, source: { kind: 'backend', source: source.name, traceId: run.traceId } }, 'push');
  };

  return (
    <section className="source-runs" aria-labelledby={headingId}>
      <div className="source-runs-bar">
        <h3 id={headingId}>
          {source.name}
          {sourceLabel(source) !== source.name && <span className="muted"> ({sourceKindName(source.kind)})</span>}
        </h3>
        <label>
          Service{' '}
          <select className="input" value={effective} onChange={(event) => setService(event.target.value)} disabled={services.isPending}>
            {!needsService && <option value="">All services</option>}
            {needsService && serviceList.length === 0 && <option value="">No services</option>}
            {serviceList.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Time range{' '}
          <select className="input" value={range} onChange={(event) => setRange(event.target.value as SearchRangeId)}>
            {searchRanges.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button small" onClick={() => void search.refetch()} disabled={search.isFetching || (needsService && effective === '')}>
          {search.isFetching ? 'Searching…' : 'Refresh'}
        </button>
      </div>
      {services.isError && <p className="error-text">Services could not be listed: {errorText(services.error)}</p>}
      {needsService && services.isSuccess && serviceList.length === 0 && <p className="muted">This Jaeger has no services yet, so there is nothing to list.</p>}
      {services.data?.total !== undefined && (
        <p className="muted">
          The list shows the first {serviceList.length.toLocaleString('en-US')} of {services.data.total.toLocaleString('en-US')} services (in name order).
        </p>
      )}
      {search.isPending && search.fetchStatus === 'fetching' && <p className="muted" role="status">Searching {source.name}…</p>}
      {search.isError && (
        <div className="runs-error" role="alert">
          <strong>{errorText(search.error)}</strong>
          {search.error instanceof BackendRequestError && <span className="muted"> {search.error.apiError.hint}</span>}
        </div>
      )}
      {search.isSuccess && search.data.notice !== undefined && <p className="muted runs-notice">{search.data.notice}</p>}
      {search.isSuccess && search.data.traces.length === 0 && (
        <p className="muted">
          No workflow runs in the {rangeLabel}
          {effective !== '' ? ` for ${effective}` : ''}. Try a longer time range.
        </p>
      )}
      {search.isSuccess && search.data.traces.length > 0 && <RunsTable source={source.name} runs={search.data.traces} label={`Recent runs in ${source.name}`} onOpen={open} />}
    </section>
  );
}
