import { formatDuration } from '../../../core/model/time.ts';
import { axisHeight } from './layout.ts';
import { useRangeDrag } from './use-range-drag.ts';

export interface Tick {
  readonly time: number;
  readonly label: string;
}

/** Tick labels over the timeline column. Drag across it to zoom into that range. */
export function TimeAxis({ ticks, windowStart, windowEnd, onZoomFractions }: { ticks: readonly Tick[]; windowStart: number; windowEnd: number; onZoomFractions: (from: number, to: number) => void }) {
  const { handlers, selection } = useRangeDrag(onZoomFractions);
  const width = windowEnd - windowStart || 1;
  return (
    <div className="wf-axis" style={{ height: axisHeight }} {...handlers} aria-label={`Time axis from ${formatDuration(windowStart)} to ${formatDuration(windowEnd)}; drag to zoom`} role="group">
      {ticks.filter((tick) => (tick.time - windowStart) / width < 0.97).map((tick) => (
        <span key={tick.time} className="wf-tick" style={{ left: `${((tick.time - windowStart) / width) * 100}%` }}>
          {tick.label}
        </span>
      ))}
      {selection && <div className="wf-axis-selection" style={{ left: `${selection[0] * 100}%`, width: `${(selection[1] - selection[0]) * 100}%` }} />}
    </div>
  );
}
