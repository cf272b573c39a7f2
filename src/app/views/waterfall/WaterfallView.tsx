import { useMemo, useState } from 'react';
import { ColumnSplitter } from './ColumnSplitter.tsx';
import { WaterfallLegend } from './WaterfallLegend.tsx';
import type { Trace } from '../../../core/model/trace.ts';
import type { ConcurrencyGroup } from '../../../core/junjo/concurrency.ts';
import type { ParsedRunGraphs } from '../../../core/junjo/declared-branch-order.ts';
import { concurrentLanesInSteps, type ConcurrentLanes } from './concurrent-lanes.ts';
import { useSliced } from './use-sliced.ts';
import { timeTicks } from '../../../core/trace/time-ticks.ts';
import { useViewState } from '../../routes/use-view-state.ts';
import { Minimap } from './Minimap.tsx';
import { TimeAxis } from './TimeAxis.tsx';
import { WaterfallGrid } from './WaterfallGrid.tsx';
import { WaterfallToolbar } from './WaterfallToolbar.tsx';
import { nameColumnShare } from './layout.ts';
import { useWaterfallRows } from './use-waterfall-rows.ts';
import { setZoom } from './waterfall-actions.ts';
import { zoomForKey } from './zoom-keys.ts';
import { ZoomAnnouncer } from './ZoomAnnouncer.tsx';
import { spanIndexOf } from '../../data/span-keys.ts';
import './waterfall.css';

const fullWindow: readonly [number, number] = [0, 1];
const noLanes: ReadonlyMap<number, ConcurrentLanes> = new Map();

/** The span waterfall: toolbar, overview, time axis and the rows, for one trace. */
export function WaterfallView({ trace, concurrency, runs }: { trace: Trace; concurrency: readonly ConcurrencyGroup[]; runs?: ParsedRunGraphs | undefined }) {
  const model = useWaterfallRows(trace, runs);
  const [nameShare, setNameShare] = useState(nameColumnShare);
  // Lanes of a large trace's ~4,000 RunConcurrent groups are built in slices: none are drawn meanwhile.
  const lanes = useSliced(useMemo(() => concurrentLanesInSteps(trace, concurrency), [trace, concurrency])) ?? noLanes;
  const zoom = useViewState((state) => state.zoom) ?? fullWindow;
  const duration = trace.duration || 1;
  const windowStart = zoom[0] * duration;
  const windowEnd = zoom[1] * duration;
  const ticks = useMemo(() => timeTicks(windowStart, windowEnd, 800, 100), [windowStart, windowEnd]);
  const gridLines = useMemo(() => ticks.map((tick) => (tick.time - windowStart) / (windowEnd - windowStart || 1)), [ticks, windowStart, windowEnd]);

  const { outsideParent, maxDepth } = useMemo(() => {
    const mask = new Uint8Array(trace.spans.length);
    for (const issue of trace.issues) if (issue.kind === 'outside-parent') mask[issue.spanIndex] = 1;
    let deepest = 0;
    // Indexed loops: an iterator over 100,000 numbers took tens of milliseconds in not yet optimized code.
    const depth = trace.depth;
    for (let i = 0; i < depth.length; i++) if (depth[i]! > deepest) deepest = depth[i]!;
    return { outsideParent: mask, maxDepth: deepest };
  }, [trace]);

  // Marker rows ("parent not in trace") are not spans: count only span rows (never "3 of 2").
  const shownSpans = useMemo(() => {
    let n = 0;
    const rows = model.visible.rows;
    for (let i = 0; i < rows.length; i++) if (rows[i]! >= 0) n++;
    return n;
  }, [model.visible.rows]);

  const zoomToFractions = (from: number, to: number) => {
    const span = zoom[1] - zoom[0];
    setZoom([zoom[0] + from * span, zoom[0] + to * span]);
  };

  const selectedKey = useViewState((state) => state.span);
  const onZoomKey = (key: string, shiftKey: boolean): boolean => {
    const selected = spanIndexOf(trace, selectedKey);
    const span = selected >= 0 ? trace.spans[selected] : undefined;
    const next = zoomForKey(key, shiftKey, zoom, span ? (span.start + span.end) / 2 / duration : undefined);
    if (next === null) return false;
    setZoom(next);
    return true;
  };

  return (
    <section className="wf" aria-label="Waterfall" style={{ ['--wf-name-share' as string]: `${nameShare * 100}%` }}>
      <WaterfallToolbar trace={trace} model={model} maxDepth={maxDepth} />
      <div className="wf-overview">
        <div className="wf-overview-label muted">Overview</div>
        <Minimap trace={trace} zoom={zoom} onZoom={setZoom} />
      </div>
      <div className="wf-header">
        <ColumnSplitter share={nameShare} onShare={setNameShare} />
        <div className="wf-header-name">
          Span <span className="muted">({shownSpans.toLocaleString()} of {trace.spans.length.toLocaleString()} rows)</span>
          <WaterfallLegend trace={trace} />
        </div>
        <TimeAxis ticks={ticks} windowStart={windowStart} windowEnd={windowEnd} onZoomFractions={zoomToFractions} onZoomKey={onZoomKey} />
        <ZoomAnnouncer zoom={zoom} windowStart={windowStart} windowEnd={windowEnd} duration={trace.duration} />
      </div>
      <WaterfallGrid
        trace={trace}
        model={model}
        windowStart={windowStart}
        windowEnd={windowEnd}
        outsideParent={outsideParent}
        gridLines={gridLines}
        lanes={lanes}
        onOpenDetails={() => document.getElementById('span-details')?.focus()}
        onZoomKey={onZoomKey}
      />
    </section>
  );
}
