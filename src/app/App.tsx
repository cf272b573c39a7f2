import { useEffect, useMemo } from 'react';
import { useSourceLoader } from './data/use-source-loader.ts';
import { useSources } from './data/use-sources.ts';
import { useLocalLive } from './data/local-live.ts';
import { useBackendTrace } from './data/use-backend-trace.ts';
import { useLoadState } from './data/trace-loader.ts';
import { sourceKey } from './data/open-input.ts';
import { navigateTo, useViewState } from './routes/use-view-state.ts';
import { emptyViewState } from './routes/view-state.ts';
import { ThemeToggle } from './ui/ThemeToggle.tsx';
import { useApplyTheme } from './ui/theme.ts';
import { OpenFileButton } from './views/open/OpenFileButton.tsx';
import { PasteDialog } from './views/open/PasteDialog.tsx';
import { DropOverlay } from './views/open/DropOverlay.tsx';
import { StartScreen } from './views/open/StartScreen.tsx';
import { LoadProgress } from './views/open/LoadProgress.tsx';
import { ImportFailure } from './views/open/ImportFailure.tsx';
import { RestorePrompt } from './views/open/RestorePrompt.tsx';
import { BadLink } from './views/open/BadLink.tsx';
import { KeepFailureNotice } from './views/open/KeepFailureNotice.tsx';
import { TraceIdBox } from './views/backends/TraceIdBox.tsx';
import { RecentRuns } from './views/backends/RecentRuns.tsx';
import { RecentRunsDialog } from './views/backends/RecentRunsDialog.tsx';
import { BackendNotices } from './views/backends/BackendNotices.tsx';
import { BackendFailure } from './views/backends/BackendFailure.tsx';
import { LocalTraceActions } from './views/backends/LocalTraceActions.tsx';
import { LocalTraceGone } from './views/backends/LocalTraceGone.tsx';
import { SaveToLocalStore } from './views/backends/SaveToLocalStore.tsx';
import { TraceScreen } from './TraceScreen.tsx';
import { AcrossRunsView } from './views/runs/AcrossRunsView.tsx';
import { CompareButton } from './views/compare/CompareButton.tsx';
import { CompareScreen } from './views/compare/CompareScreen.tsx';
import { warmLayoutWorker } from './graph/graph-layout-client.ts';
import './views/open/open.css';
import { ReadingStatusBar } from './views/open/ReadingStatusBar.tsx';

/** The frame: header with the open controls, then whatever the URL's source calls for. */
export function App() {
  useApplyTheme();
  const source = useViewState((state) => state.source);
  useSourceLoader(source);
  // A trace is on its way: start the graph layout worker now, so the graph opens without its cold start.
  const opening = source.kind !== 'none' && source.kind !== 'invalid';
  useEffect(() => {
    if (opening) warmLayoutWorker();
  }, [opening]);
  const backendHead = useBackendTrace(source);
  const localStore = useSources().sources.find((candidate) => candidate.kind === 'local')?.name;
  useLocalLive(localStore);
  const localTrace = source.kind === 'backend' && source.source === localStore ? source : undefined;
  // One object per fetched head, so the state view compares with Studio once, not on every render.
  const studio = useMemo(
    () => (backendHead?.studioEvidence ? { source: backendHead.source, traceId: backendHead.traceId, evidence: backendHead.studioEvidence } : undefined),
    [backendHead],
  );
  const load = useLoadState();
  const key = sourceKey(source);
  const current = load.status !== 'idle' && load.key === key ? load : undefined;

  const comparing = useViewState((state) => state.compare !== undefined);
  let body;
  if (comparing) body = <CompareScreen />;
  else if (source.kind === 'runs') body = <AcrossRunsView source={source} />;
  else if (source.kind === 'none')
    body = (
      <StartScreen>
        <p className="start-compare">
          <CompareButton /> two runs side by side: from samples, files or any source's recent runs.
        </p>
        <RecentRuns />
      </StartScreen>
    );
  else if (current?.status === 'loading') body = <LoadProgress fileName={current.fileName} fraction={current.fraction} phase={current.phase} />;
  else if (current?.status === 'error')
    body =
      source.kind === 'backend' ? (
        <BackendFailure source={source.source} traceId={source.traceId} error={current.error} />
      ) : (
        <ImportFailure fileName={current.fileName} error={current.error} />
      );
  else if (current?.status === 'loaded')
    body = (
      <>
        {backendHead && <BackendNotices head={backendHead} />}
        {localTrace && <LocalTraceGone traceId={localTrace.traceId} />}
        {source.kind === 'file' && <KeepFailureNotice fileName={source.name} />}
        {current.partial && <ReadingStatusBar />}
        <TraceScreen
          report={current.report}
          traces={current.traces}
          partial={current.partial === true}
          studio={studio}
          headerActions={(trace) => (
            <>
              <CompareButton />
              {localTrace ? (
                <LocalTraceActions source={localTrace.source} traceId={localTrace.traceId} inProgress={backendHead?.inProgress === true} incomplete={backendHead?.incomplete === true} />
              ) : (
                localStore !== undefined && (source.kind === 'file' || source.kind === 'sample') && <SaveToLocalStore store={localStore} trace={trace} />
              )}
            </>
          )}
        />
      </>
    );
  else if (source.kind === 'file') body = <RestorePrompt fileName={source.name} />;
  else if (source.kind === 'invalid') body = <BadLink path={source.path} />;
  else body = <LoadProgress fileName={source.kind === 'sample' ? source.name : `${source.source}: ${source.traceId}`} fraction={0} phase="Starting" />;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to the trace
      </a>
      <header className="app-header">
        <p className="app-title">
          <a
            href="/"
            onClick={(event) => {
              event.preventDefault();
              navigateTo(emptyViewState);
            }}
          >
            Junjo Trace Viewer
          </a>
        </p>
        <OpenFileButton />
        <PasteDialog />
        <TraceIdBox />
        {source.kind !== 'none' && <RecentRunsDialog />}
        <span className="spacer" />
        <ThemeToggle />
      </header>
      <main className="app-main" id="main" tabIndex={-1}>{body}</main>
      <DropOverlay />
    </div>
  );
}
