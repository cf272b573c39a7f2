import { useEffect, useRef, type ReactNode } from 'react';
import type { ConcurrencyGroup } from '../core/junjo/concurrency.ts';
import type { ImportReport, LoadedTrace } from './data/load-protocol.ts';
import { updateView, useViewState } from './routes/use-view-state.ts';
import type { ViewName } from './routes/view-state.ts';
import { viewOnScreen } from './routes/default-view.ts';
import { ImportReportBar } from './views/open/ImportReportBar.tsx';
import { TracePicker } from './views/open/TracePicker.tsx';
import { WaterfallView } from './views/waterfall/WaterfallView.tsx';
import { SpanDetails } from './views/details/SpanDetails.tsx';
import { GraphView } from './views/graph/GraphView.tsx';
import { StateView, type StudioReplay } from './views/state/StateView.tsx';
import { FlameView } from './views/flame/FlameView.tsx';
import { StatsView } from './views/stats/StatsView.tsx';
import { TraceHeader } from './TraceHeader.tsx';
import { DetailsPanel } from './DetailsPanel.tsx';
import { spanIndexOf } from './data/span-keys.ts';

const noGroups: readonly ConcurrencyGroup[] = [];

const tabs: readonly { id: ViewName; label: string }[] = [
  { id: 'waterfall', label: 'Waterfall' },
  { id: 'graph', label: 'Workflow graph' },
  { id: 'state', label: 'State' },
  { id: 'flame', label: 'Flame' },
  { id: 'stats', label: 'Statistics' },
];

function traceTitle(rootName: string | undefined, junjo: LoadedTrace['junjo'] | undefined): string {
  const workflow = junjo?.kind === 'junjo' ? junjo.runs[junjo.topLevelRuns[0] ?? 0]?.name : undefined;
  const parts = [rootName || 'Trace', workflow && workflow !== rootName ? workflow : undefined].filter(Boolean);
  return parts.join(' · ');
}

/**
 * A loaded input: pick a trace when there are several, then the views and the details panel.
 * `headerActions` renders in the trace header, given the trace on screen (source-specific actions).
 */
export function TraceScreen({
  report,
  traces: loaded,
  studio,
  headerActions,
  partial = false,
}: {
  report: ImportReport;
  /** Only the spans read so far of a file still being read: a selected span not read yet waits for the rest. */
  partial?: boolean;
  traces: readonly LoadedTrace[];
  studio?: StudioReplay | undefined;
  headerActions?: (trace: LoadedTrace['trace']) => ReactNode;
}) {
  const traceId = useViewState((state) => state.trace);
  const urlView = useViewState((state) => state.view);
  const viewGiven = useViewState((state) => state.viewGiven === true);
  const spanKey = useViewState((state) => state.span);
  const hasSpan = spanKey !== undefined;
  const entry = loaded.length === 1 ? loaded[0] : traceId === undefined ? undefined : loaded.find((candidate) => candidate.traceId === traceId);
  const trace = entry?.trace;
  const concurrency = entry?.junjo.kind === 'junjo' ? entry.junjo.concurrency : noGroups;
  const junjo = entry?.junjo;
  const analysis = junjo?.kind === 'pending' ? undefined : junjo;
  // The file whose first rows were shown while it was being read (its whole trace then replaces them).
  const readKey = `${report.fileName}\u0000${report.byteLength}`;
  const readingKey = useRef<string | undefined>(undefined);
  if (partial) readingKey.current = readKey;
  const view = trace ? viewOnScreen(urlView, viewGiven, trace, junjo, readingKey.current === readKey) : urlView;
  // A trace without a workflow offers no empty Junjo tabs: they stay, disabled, with the reason.
  const noWorkflow = junjo?.kind === 'none' ? junjo.reason : undefined;
  const unavailable = (id: ViewName) => noWorkflow !== undefined && (id === 'graph' || id === 'state');
  const reachable = tabs.filter((tab) => !unavailable(tab.id) || tab.id === view);
  // The browser tab names the trace (root span and workflow), so several open tabs can be told apart.
  const tabTitle = trace ? traceTitle(trace.spans[trace.roots[0] ?? 0]?.name, entry?.junjo) : undefined;
  useEffect(() => {
    if (!tabTitle) return;
    const previous = document.title;
    document.title = `${tabTitle} — Junjo Trace Viewer`;
    return () => {
      document.title = previous;
    };
  }, [tabTitle]);
  const selectedName = trace ? (trace.spans[spanIndexOf(trace, spanKey)]?.name ?? 'span') : 'span';

  if (!trace) {
    return (
      <>
        <ImportReportBar report={report} />
        {traceId && (
          <div className="alert" role="alert">
            <h2>Trace {traceId} is not in this input</h2>
            <p>Pick one of the traces below.</p>
          </div>
        )}
        <TracePicker traces={loaded} />
      </>
    );
  }

  return (
    <>
      <TraceHeader trace={trace} traces={loaded} actions={headerActions?.(trace)} />
      <div className="tabs-row">
      <div className="tabs" role="tablist" aria-label="Views">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            className="tab"
            aria-selected={view === tab.id}
            aria-busy={tab.id !== 'waterfall' && junjo?.kind === 'pending' ? true : undefined}
            aria-controls={view === tab.id ? `panel-${tab.id}` : undefined}
            tabIndex={view === tab.id ? 0 : -1}
            disabled={unavailable(tab.id) && view !== tab.id}
            title={unavailable(tab.id) ? `No Junjo workflow in this trace: ${noWorkflow}` : undefined}
            onClick={() => updateView({ view: tab.id }, 'push')}
            onKeyDown={(event) => {
              const i = reachable.findIndex((t) => t.id === view);
              const keys: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: reachable.length - 1 };
              const target = keys[event.key];
              if (target === undefined) return;
              event.preventDefault();
              const next = reachable[(target + reachable.length) % reachable.length]!;
              updateView({ view: next.id }, 'push');
              document.getElementById(`tab-${next.id}`)?.focus();
            }}
          >
            {tab.label}
            {tab.id !== 'waterfall' && junjo?.kind === 'pending' && (
              <span className="tab-busy" aria-hidden="true" title={junjo.phase}>
                …
              </span>
            )}
          </button>
        ))}
      </div>
      <ImportReportBar report={report} />
      </div>
      <div className="split">
        <div className="split-main" role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`} tabIndex={-1}>
          {view === 'waterfall' && <WaterfallView trace={trace} concurrency={concurrency} runs={junjo?.kind === 'junjo' ? junjo.runs : undefined} />}
          {(view === 'graph' || view === 'state') && junjo?.kind === 'pending' && <JunjoPendingPanel phase={junjo.phase} />}
          {view === 'graph' && junjo && junjo.kind !== 'pending' && <GraphView trace={trace} analysis={junjo} />}
          {view === 'state' && junjo && junjo.kind !== 'pending' && <StateView trace={trace} analysis={junjo} studio={studio} />}
          {view === 'flame' && <FlameView trace={trace} />}
          {view === 'stats' && <StatsView trace={trace} />}
        </div>
        {hasSpan && !(partial && spanIndexOf(trace, spanKey) < 0) && (
          <DetailsPanel view={view} title={selectedName}>
            <SpanDetails trace={trace} concurrency={concurrency} analysis={analysis} />
          </DetailsPanel>
        )}
      </div>
    </>
  );
}

/** Shown in the graph and state tabs while the worker still reads the Junjo workflows (the waterfall is ready). */
function JunjoPendingPanel({ phase }: { phase: string }) {
  return (
    <div className="junjo-pending" role="status" aria-busy="true">
      <progress aria-label={phase} />
      <p>{phase}…</p>
    </div>
  );
}
