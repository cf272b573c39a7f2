import { formatDuration } from '../../../core/model/time.ts';
import { axisHeight } from './layout.ts';
import { useRangeDrag } from './use-range-drag.ts';
import { zoomKeyHelp, zoomKeyShortcuts } from './zoom-keys.ts';

export interface Tick {
  readonly time: number;
  readonly label: string;
}

/** Tick labels over the timeline column. Drag across it to zoom into that range; focus it and use the zoom keys. */
export function TimeAxis({
  ticks,
  windowStart,
  windowEnd,
  onZoomFractions,
  onZoomKey,
}: {
  ticks: readonly Tick[];
  windowStart: number;
  windowEnd: number;
  onZoomFractions: (from: number, to: number) => void;
  onZoomKey: (key: string, shiftKey: boolean) => boolean;
}) {
  const { handlers, selection } = useRangeDrag(onZoomFractions);
  const width = windowEnd - windowStart || 1;
  return (
    <div
      className="wf-axis"
      style={{ height: axisHeight }}
      {...handlers}
      aria-label={`Time axis from ${formatDuration(windowStart)} to ${formatDuration(windowEnd)}; drag to zoom, or ${zoomKeyHelp}`}
      title={`Drag to zoom into a time range. Keys: ${zoomKeyHelp}.`}
      role="group"
      tabIndex={0}
      aria-keyshortcuts={zoomKeyShortcuts}
      onKeyDown={(event) => {
        if (!event.ctrlKey && !event.metaKey && !event.altKey && onZoomKey(event.key, event.shiftKey)) event.preventDefault();
      }}
    >
      {ticks.filter((tick) => (tick.time - windowStart) / width < 0.97).map((tick) => (
        <span key={tick.time} className="wf-tick" style={{ left: `${((tick.time - windowStart) / width) * 100}%` }}>
          {tick.label}
        </span>
      ))}
      {selection && <div className="wf-axis-selection" style={{ left: `${selection[0] * 100}%`, width: `${(selection[1] - selection[0]) * 100}%` }} />}
    </div>
  );
}
