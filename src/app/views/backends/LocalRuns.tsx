import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import type { SourceInfo, TraceSummary } from '../../../core/backends/api-types.ts';
import { BackendRequestError } from '../../data/backend-api.ts';
import { runTitle, shortTraceId } from '../../data/backend-format.ts';
import { localRunsQuery, noRunFilters, servicesQuery, type LocalRunFilters } from '../../data/backend-queries.ts';
import { clearLocalStore, deleteLocalTrace } from '../../data/local-api.ts';
import { livePollMs, markGone, runListKey, setLiveNotice, useLiveState } from '../../data/local-live.ts';
import { pageOfRuns, type RunsCursor } from '../../data/local-runs-page.ts';
import { runStatusFilters, type RunStatusFilter } from '../../data/run-status.ts';
import { navigateTo } from '../../routes/use-view-state.ts';
import { emptyViewState } from '../../routes/view-state.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { EmptyLocalStore } from './EmptyLocalStore.tsx';
import { LiveIndicator } from './LiveIndicator.tsx';
import { RunsTable } from './RunsTable.tsx';

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Filters and page survive leaving the start page for a trace and coming back. */
let remembered: { filters: LocalRunFilters; pages: readonly RunsCursor[] } = { filters: noRunFilters, pages: [] };

type Pending = { readonly kind: 'one'; readonly run: TraceSummary } | { readonly kind: 'all' } | undefined;

/**
 * The viewer's own store: its runs newest first, live (local-live.ts refetches this list on
 * every new span batch; while the event stream is down it polls), filtered by service,
 * workflow and status, a page at a time, with delete and clear all.
 */
export function LocalRuns({ source, onOpen }: { source: SourceInfo; onOpen?: () => void }) {
  const client = useQueryClient();
  const headingId = useId();
  const workflowListId = useId();
  const [filters, setFiltersState] = useState(remembered.filters);
  const [workflowDraft, setWorkflowDraft] = useState(filters.workflow);
  const [pages, setPagesState] = useState(remembered.pages);
  const [pending, setPending] = useState<Pending>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [seenWorkflows, setSeenWorkflows] = useState<readonly string[]>([]);
  const notice = useLiveState((live) => live.notice);
  const connection = useLiveState((live) => live.connection);

  const setFilters = (next: LocalRunFilters) => {
    remembered = { filters: next, pages: [] };
    setFiltersState(next);
    setPagesState([]);
  };
  const setPages = (next: readonly RunsCursor[]) => {
    remembered = { ...remembered, pages: next };
    setPagesState(next);
  };

  // A notice ("Deleted …") stays long enough to read, then goes.
  useEffect(() => {
    if (notice === '') return;
    const timer = window.setTimeout(() => setLiveNotice(''), 10_000);
    return () => window.clearTimeout(timer);
  }, [notice]);

  // The workflow box searches when typing pauses, not on every key.
  useEffect(() => {
    if (workflowDraft.trim() === filters.workflow) return;
    const timer = window.setTimeout(() => setFilters({ ...filters, workflow: workflowDraft.trim() }), 350);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workflowDraft]);

  const cursor = pages[pages.length - 1];
  const services = useQuery(servicesQuery(source.name));
  const search = useQuery({ ...localRunsQuery(source.name, filters, cursor), refetchInterval: connection !== 'live' && cursor === undefined ? livePollMs : false });
  const page = search.data ? pageOfRuns(search.data.traces, cursor) : undefined;
  const filtered = filters.service !== '' || filters.workflow !== '' || filters.status !== '';

  // Workflow names seen so far, offered as suggestions in the workflow box.
  const pageWorkflows = page?.rows.map((run) => run.workflowName).filter((name): name is string => name !== null) ?? [];
  const newWorkflows = pageWorkflows.filter((name) => !seenWorkflows.includes(name));
  if (newWorkflows.length > 0) setSeenWorkflows([...seenWorkflows, ...new Set(newWorkflows)].slice(-200));

  const open = (run: TraceSummary) => {
    onOpen?.();
    navigateTo({ ...emptyViewState, source: { kind: 'backend', source: source.name, traceId: run.traceId } }, 'push');
  };

  const confirm = async () => {
    if (pending === undefined) return;
    setBusy(true);
    setFailure(undefined);
    try {
      if (pending.kind === 'one') {
        const outcome = await deleteLocalTrace(source.name, pending.run.traceId);
        const name = `${runTitle(pending.run)} (${shortTraceId(pending.run.traceId)})`;
        markGone(pending.run.traceId, outcome === 'deleted' ? `Deleted ${name}.` : `${name} was already deleted.`);
      } else {
        await clearLocalStore(source.name);
        setPages([]);
        setLiveNotice('Deleted every trace in the local store.');
      }
      setPending(undefined);
      void client.invalidateQueries({ queryKey: runListKey(source.name) });
      void client.invalidateQueries({ queryKey: ['api', 'services', source.name] });
    } catch (error) {
      setFailure(`${errorText(error)}${error instanceof BackendRequestError && error.apiError.hint ? ` ${error.apiError.hint}` : ''}`);
    } finally {
      setBusy(false);
    }
  };

  const serviceList = services.data?.services ?? [];
  return (
    <section className="source-runs local-runs" aria-labelledby={headingId}>
      <div className="source-runs-bar">
        <h3 id={headingId}>
          Local store <span className="muted">(this viewer's receivers)</span>
        </h3>
        <LiveIndicator connection={connection} />
        <button type="button" className="button small" onClick={() => setPending({ kind: 'all' })} disabled={page !== undefined && page.rows.length === 0 && cursor === undefined && !filtered}>
          Clear all…
        </button>
      </div>
      <div className="local-runs-filters" role="group" aria-label="Filter local runs">
        <label>
          Service{' '}
          <select className="input" value={filters.service} onChange={(event) => setFilters({ ...filters, service: event.target.value })}>
            <option value="">All services</option>
            {filters.service !== '' && !serviceList.includes(filters.service) && <option value={filters.service}>{filters.service}</option>}
            {serviceList.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Workflow{' '}
          <input className="input" type="search" list={workflowListId} value={workflowDraft} placeholder="Any workflow" onChange={(event) => setWorkflowDraft(event.target.value)} />
          <datalist id={workflowListId}>
            {seenWorkflows.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </label>
        <label>
          Status{' '}
          <select className="input" value={filters.status} onChange={(event) => setFilters({ ...filters, status: event.target.value as RunStatusFilter })}>
            {runStatusFilters.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <button
            type="button"
            className="button small"
            onClick={() => {
              setWorkflowDraft('');
              setFilters(noRunFilters);
            }}
          >
            Clear filters
          </button>
        )}
      </div>
      <p role="status" className={notice ? 'runs-notice' : 'visually-hidden'}>
        {notice}
      </p>
      {services.isError && !search.isError && <p className="error-text">Services could not be listed: {errorText(services.error)}</p>}
      {search.isPending && <p className="muted">Loading runs…</p>}
      {search.isError && (
        <div className="runs-error" role="alert">
          <strong>The local runs could not be listed: {errorText(search.error)}</strong>
          {search.error instanceof BackendRequestError && <span className="muted"> {search.error.apiError.hint}</span>}
          {cursor === undefined && <span className="muted"> Trying again every {livePollMs / 1000} s.</span>}{' '}
          <button type="button" className="button small" onClick={() => void search.refetch()}>
            Try now
          </button>
        </div>
      )}
      {page !== undefined && page.rows.length === 0 && !filtered && cursor === undefined && <EmptyLocalStore />}
      {page !== undefined && page.rows.length === 0 && (filtered || cursor !== undefined) && (
        <p className="muted runs-empty">{filtered ? 'No runs match these filters.' : 'No older runs.'}</p>
      )}
      {page !== undefined && page.rows.length > 0 && (
        <RunsTable source={source.name} runs={page.rows} label={`Runs in the local store${pages.length > 0 ? `, page ${pages.length + 1}` : ''}`} onOpen={open} onDelete={(run) => setPending({ kind: 'one', run })} />
      )}
      {page !== undefined && (pages.length > 0 || page.next !== undefined) && (
        <nav className="runs-pager" aria-label="Pages of local runs">
          <button type="button" className="button small" disabled={pages.length === 0} onClick={() => setPages([])}>
            Newest
          </button>
          <button type="button" className="button small" disabled={pages.length === 0} onClick={() => setPages(pages.slice(0, -1))}>
            ‹ Newer
          </button>
          <span className="muted">Page {pages.length + 1}</span>
          <button type="button" className="button small" disabled={page.next === undefined} onClick={() => page.next && setPages([...pages, page.next])}>
            Older ›
          </button>
        </nav>
      )}
      <ConfirmDialog
        open={pending !== undefined}
        title={pending?.kind === 'all' ? 'Delete every trace in the local store?' : 'Delete this run?'}
        confirmLabel={pending?.kind === 'all' ? 'Delete all' : 'Delete'}
        busy={busy}
        error={failure}
        onCancel={() => {
          setPending(undefined);
          setFailure(undefined);
        }}
        onConfirm={() => void confirm()}
      >
        {pending?.kind === 'one' && (
          <p>
            <strong>{runTitle(pending.run)}</strong> (trace <code>{pending.run.traceId}</code>) is removed from the store, for everyone using this viewer. Links to it stop working.
          </p>
        )}
        {pending?.kind === 'all' && <p>Every run received or saved so far is removed from the store, for everyone using this viewer. This cannot be undone.</p>}
      </ConfirmDialog>
    </section>
  );
}
