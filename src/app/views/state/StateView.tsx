import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { firstTransitionOf, type JunjoOutline, type JunjoOutlineAnalysis, type StoreSummary } from '../../../core/junjo/junjo-outline.ts';
import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';
import { compareWithStudio, type StudioComparison, type StudioEvidence } from '../../../core/junjo/studio-evidence.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { selectSpan } from '../../routes/select-span.ts';
import { spanIndexOf } from '../../data/span-keys.ts';
import { traceFailures } from '../../../core/trace/failures.ts';
import { useViewState } from '../../routes/use-view-state.ts';
import { useStoreTimelines } from '../../data/store-details.ts';
import { KeyHistory } from './KeyHistory.tsx';
import { concurrentWrites } from './concurrent-writes.ts';
import { replayNotices } from './replay-notices.ts';
import { storeRun } from './run-outcome.ts';
import { revealDelta } from './scroll-reveal.ts';
import { StartEndDiff } from './StartEndDiff.tsx';
import { ChildStoreHint } from './ChildStoreHint.tsx';
import { StateProblems } from './StateProblems.tsx';
import { selectPath, selectTx } from './state-actions.ts';
import { chooseStore, clampTx, moveTx, tiedSteps } from './state-selection.ts';
import { StepDetail } from './StepDetail.tsx';
import { stepKeyOf } from './step-keys.ts';
import { Stepper } from './Stepper.tsx';
import { buildStoreOutline } from './store-tree.ts';
import { StorePicker } from './StorePicker.tsx';
import { StudioCheck } from './StudioCheck.tsx';
import { StoreRunLine } from './StoreRunLine.tsx';
import { TransitionList } from './TransitionList.tsx';
import './state.css';

/** Junjo AI Studio's verified replay of this trace, from the source it was read from. */
export interface StudioReplay {
  readonly source: string;
  readonly traceId: string;
  readonly evidence: StudioEvidence;
}

/** The "State" tab: a store's state from start to end, transition by transition (selection in the URL). */
export function StateView({ trace, analysis, studio }: { trace: Trace; analysis: JunjoOutlineAnalysis; studio?: StudioReplay | undefined }) {
  if (analysis.kind === 'none') {
    return (
      <section className="st-view" aria-label="Workflow state">
        <div className="st-empty" role="status">
          <h2>This trace has no Junjo workflow state; the waterfall works as usual.</h2>
          <p className="muted">{analysis.reason}</p>
        </div>
      </section>
    );
  }
  return <JunjoStateView trace={trace} analysis={analysis} studio={studio?.traceId === trace.traceId ? studio : undefined} />;
}

function JunjoStateView({ trace, analysis, studio }: { trace: Trace; analysis: JunjoOutline; studio: StudioReplay | undefined }) {
  // Studio's replay is compared with ours for every store both have (their timelines are fetched for it).
  const studioStores = useMemo(() => (studio ? studio.evidence.stores.map((s) => s.storeId).filter((id) => analysis.stores.some((s) => s.storeId === id)) : []), [studio, analysis]);
  const studioLoad = useStoreTimelines(analysis, studioStores);
  const studioTimelines = studioLoad.status === 'ready' ? studioLoad.timelines : undefined;
  const comparisons = useMemo(() => (studio && studioTimelines ? compareWithStudio(studio.evidence, studioTimelines) : []), [studio, studioTimelines]);
  const urlStore = useViewState((state) => state.store);
  const urlTx = useViewState((state) => state.tx);
  const path = useViewState((state) => state.path);
  const spanKey = useViewState((state) => state.span);
  const selectedSpan = spanIndexOf(trace, spanKey);
  const outline = useMemo(() => buildStoreOutline(analysis, trace.spans), [analysis, trace]);
  // The selection follows from other views: a span selected elsewhere shows its first transition.
  const follow = useMemo(() => followSpan(analysis, selectedSpan, urlStore, urlTx), [analysis, selectedSpan, urlStore, urlTx]);
  const storeId = follow.kind === 'transition' ? follow.storeId : urlStore;
  const rawTx = follow.kind === 'transition' ? follow.tx : urlTx;
  const choice = useMemo(() => chooseStore(analysis, storeId), [analysis, storeId]);
  const summary = choice.kind === 'found' ? choice.timeline : choice.kind === 'unknown' ? choice.fallback : null;

  if (!summary) {
    return (
      <section className="st-view" aria-label="Workflow state">
        <div className="st-empty" role="status">
          <h2>This workflow recorded no state stores.</h2>
          <p className="muted">No workflow or subflow span declares a store and no set_state events were found.</p>
        </div>
      </section>
    );
  }
  return (
    <section className="st-view st-layout" aria-label="Workflow state">
      <StorePicker outline={outline} selected={summary.storeId} />
      <FetchedStoreState key={summary.storeId} summary={summary} trace={trace} analysis={analysis} rawTx={rawTx} path={path}
        unknownStore={choice.kind === 'unknown' ? choice.requested : undefined}
        noTransitionSpan={follow.kind === 'none' ? follow.spanIndex : undefined}
        comparisons={comparisons} studioSource={studio?.source ?? ''} />
    </section>
  );
}

/** The store's timeline is fetched from the trace worker the first time it is shown; meanwhile, a status. */
function FetchedStoreState({ summary, ...props }: Omit<StoreStateProps, 'timeline'> & { summary: StoreSummary }) {
  const load = useStoreTimelines(props.analysis, [summary.storeId]);
  if (load.status === 'ready') return <StoreState {...props} timeline={load.timelines[0]!} />;
  const name = summary.storeName ?? summary.storeId;
  return (
    <div className="st-main st-fetching" role="status" aria-busy={load.status === 'loading'}>
      {load.status === 'error' ? (
        <p className="st-notice st-error">The states of {name} could not be read: {load.message}</p>
      ) : (
        <p className="muted">Reading the {summary.transitionCount.toLocaleString('en')} transition{summary.transitionCount === 1 ? '' : 's'} of {name}…</p>
      )}
    </div>
  );
}

interface StoreStateProps {
  readonly trace: Trace;
  readonly analysis: JunjoOutline;
  readonly timeline: StoreTimeline;
  readonly rawTx: number | undefined;
  readonly path: string | undefined;
  readonly unknownStore?: string;
  /** A span selected in another view that made no transition. */
  readonly noTransitionSpan?: number | undefined;
  readonly comparisons: readonly StudioComparison[];
  readonly studioSource: string;
}

type Follow = { readonly kind: 'url' } | { readonly kind: 'transition'; readonly storeId: string; readonly tx: number } | { readonly kind: 'none'; readonly spanIndex: number };

/**
 * Which transition the selected span stands for: the URL's when it is the span's own (or no span is
 * selected, or the span owns the store), else the span's first transition, else none ("made no transition").
 */
function followSpan(analysis: JunjoOutline, span: number, storeId: string | undefined, tx: number | undefined): Follow {
  if (span < 0) return { kind: 'url' };
  const store = storeId !== undefined ? analysis.stores.find((s) => s.storeId === storeId) : chooseStoreTimeline(analysis);
  const current = store && tx !== undefined ? store.transitionSpans[clampTx(tx, store.transitionCount) ?? -1] : undefined;
  if (current === span) return { kind: 'url' };
  if (tx === undefined && analysis.stores.some((s) => s.ownerSpanIndex === span)) return { kind: 'url' };
  const first = firstTransitionOf(analysis, span, store?.storeId);
  return first ? { kind: 'transition', ...first } : { kind: 'none', spanIndex: span };
}

function chooseStoreTimeline(analysis: JunjoOutline): StoreSummary | undefined {
  const choice = chooseStore(analysis, undefined);
  return choice.kind === 'found' ? choice.timeline : undefined;
}

function StoreState({ trace, analysis, timeline, rawTx, path, unknownStore, noTransitionSpan, comparisons, studioSource }: StoreStateProps) {
  const count = timeline.transitions.length;
  const tx = clampTx(rawTx, count);
  const notices = useMemo(() => replayNotices(timeline), [timeline]);
  const tied = useMemo(() => tiedSteps(timeline), [timeline]);
  const run = useMemo(() => storeRun(trace.spans, analysis, timeline.ownerRunIndex), [trace, analysis, timeline]);
  const concurrent = useMemo(() => concurrentWrites(trace, analysis.concurrency, timeline.storeId), [trace, analysis, timeline]);
  const rootCause = useMemo(() => {
    if (!run || run.outcome.status !== 'error') return -1;
    const end = run.spanIndex + (trace.descendants[run.spanIndex] ?? 0);
    return traceFailures(trace).rootCauses.find((cause) => cause >= run.spanIndex && cause <= end) ?? -1;
  }, [trace, run]);
  const go = useCallback((next: number | undefined) => selectTx(trace, timeline, next), [trace, timeline]);
  const transition = tx === undefined ? undefined : timeline.transitions[tx];
  const mainRef = useRef<HTMLDivElement>(null);
  const workspaceRef = useRef<HTMLDivElement>(null);
  const detailRef = useRef<HTMLDivElement>(null);

  // A key picked by the user (not one restored from the URL): its history takes the focus.
  const [pick, setPick] = useState<{ path: string; n: number } | null>(null);
  const pickPath = useCallback((pointer: string) => {
    setPick((last) => ({ path: pointer, n: (last?.n ?? 0) + 1 }));
    selectPath(pointer);
  }, []);
  const closeHistory = useCallback(() => {
    selectPath(undefined);
    mainRef.current?.focus({ preventScroll: true });
  }, []);

  // Stepping keeps the stepper and the step's changes on screen together (scrolls only when the detail is below the fold).
  const shownTx = useRef(tx);
  useEffect(() => {
    if (shownTx.current === tx) return;
    shownTx.current = tx;
    const main = mainRef.current, workspace = workspaceRef.current, detail = detailRef.current;
    if (tx === undefined || !main || !workspace || !detail) return;
    const delta = revealDelta(main.getBoundingClientRect(), workspace.getBoundingClientRect(), detail.getBoundingClientRect());
    if (delta > 0) main.scrollTop += delta;
  }, [tx]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const key = stepKeyOf({ key: event.key, altKey: event.altKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey, targetTag: target.tagName, inGrid: target.hasAttribute('data-state-grid') });
    if (!key) return;
    event.preventDefault();
    go(key.kind === 'move' ? moveTx(tx, key.delta, count) : key.to === 'first' ? 0 : count - 1);
  };

  return (
    <div className="st-main" ref={mainRef} tabIndex={-1} onKeyDown={onKeyDown}>
      {unknownStore !== undefined && (
        <p className="st-notice st-warning" role="status">Store <code>{unknownStore}</code> is not in this trace; showing {timeline.storeName ?? timeline.storeId}.</p>
      )}
      {noTransitionSpan !== undefined && (
        <p className="st-notice st-info" role="status">
          The selected span <strong>{trace.spans[noTransitionSpan]?.name}</strong> made no state transition.
        </p>
      )}
      <h2 className="st-title">
        {timeline.storeName ?? 'Store'} <span className="mono muted">{timeline.storeId}</span>
        {timeline.parentStoreId && <span className="muted st-parent"> · subflow store; parent <span className="mono">{timeline.parentStoreId}</span></span>}
      </h2>
      {run && <StoreRunLine run={run} onShowSpan={() => selectSpan(trace, run.spanIndex, 'push')}
        rootCause={rootCause >= 0 && rootCause !== run.spanIndex ? { name: trace.spans[rootCause]!.name, onShow: () => selectSpan(trace, rootCause, 'push') } : undefined} />}
      <StudioCheck comparisons={comparisons} storeId={timeline.storeId} source={studioSource} onGoTo={go} />
      <StateProblems notices={notices} timeline={timeline} onGoTo={go} />
      <ChildStoreHint analysis={analysis} timeline={timeline} />
      <StartEndDiff trace={trace} timeline={timeline} onPickPath={pickPath} initiallyOpen={tx === undefined} />
      <div className="st-workspace" ref={workspaceRef}>
        <div className="st-section st-steps">
          <Stepper tx={tx} count={count} onSelect={go} />
          <TransitionList analysis={analysis} timeline={timeline} tx={tx} tied={tied} onSelect={go} concurrent={concurrent} />
        </div>
        <div className="st-detail" ref={detailRef}>
          {transition ? (
            <StepDetail analysis={analysis} timeline={timeline} transition={transition} path={path} onPickPath={pickPath} />
          ) : (
            count > 0 && <p className="muted st-pick-hint">Pick a transition, or press → to step through them from the start.</p>
          )}
        </div>
        {path !== undefined && (
          <KeyHistory timeline={timeline} path={path} tx={tx} onGoTo={go} onClose={closeHistory}
            focusRequest={pick?.path === path ? pick.n : 0} concurrent={concurrent} />
        )}
      </div>
    </div>
  );
}
