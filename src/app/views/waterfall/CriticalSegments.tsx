import type { Trace } from '../../../core/model/trace.ts';
import { formatDuration } from '../../../core/model/time.ts';
import { criticalPathOf } from '../../data/trace-analyses.ts';
import { useViewState } from '../../routes/use-view-state.ts';
import './analysis.css';

/** The critical segments of one span's bar (as Jaeger draws them), while the critical path is shown. */
export function CriticalSegments({ trace, spanIndex, windowStart, width }: { trace: Trace; spanIndex: number; windowStart: number; width: number }) {
  const shown = useViewState((state) => state.critical !== undefined);
  if (!shown) return null;
  const path = criticalPathOf(trace);
  const from = path.segOffset[spanIndex] ?? 0;
  const to = path.segOffset[spanIndex + 1] ?? 0;
  if (to <= from) return null;
  const span = trace.spans[spanIndex]!;
  const segments = [];
  for (let k = from; k < to; k++) {
    const start = path.segStart[k]!;
    const end = path.segEnd[k]!;
    segments.push(
      <div
        key={k}
        className="wf-critical"
        style={{ left: `${((start - windowStart) / width) * 100}%`, width: `max(2px, ${((end - start) / width) * 100}%)` }}
      />,
    );
  }
  const critical = path.criticalTime[spanIndex] ?? 0;
  return (
    <div className="wf-critical-layer" role="img" aria-label={`On the critical path for ${formatDuration(critical)} of its ${formatDuration(span.end - span.start)}`}>
      {segments}
    </div>
  );
}
