import { useEffect, useRef } from 'react';
import type { Trace } from '../../../core/model/trace.ts';
import { useTheme } from '../../ui/theme.ts';
import { spanLook } from './span-look.ts';
import { minimapHeight } from './layout.ts';
import { useRangeDrag } from './use-range-drag.ts';

/**
 * The whole trace in miniature (a canvas: 100k spans are too many for the DOM), with the
 * zoom window marked. Drag on it to zoom to a range; double-click to see everything.
 */
export function Minimap({ trace, zoom, onZoom }: { trace: Trace; zoom: readonly [number, number]; onZoom: (zoom: readonly [number, number] | undefined) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { theme } = useTheme();
  const { handlers, selection } = useRangeDrag((from, to) => onZoom([from, to]));

  // Drawn after the first paint of the waterfall (an idle moment), so it never delays the rows.
  useEffect(() => {
    const handle = window.setTimeout(() => {
      if (canvas.current) drawOverview(canvas.current, trace);
    }, 0);
    return () => window.clearTimeout(handle);
  }, [trace, theme]);

  const shown = selection ?? zoom;
  return (
    <div
      className="wf-minimap"
      style={{ height: minimapHeight }}
      {...handlers}
      onDoubleClick={() => onZoom(undefined)}
      role="img"
      aria-label={`Trace overview; shown window ${Math.round(zoom[0] * 100)}% to ${Math.round(zoom[1] * 100)}% of the trace. Drag to zoom, double-click to reset.`}
    >
      <canvas ref={canvas} style={{ width: '100%', height: minimapHeight }} />
      <div className="wf-minimap-window" style={{ left: `${shown[0] * 100}%`, width: `${(shown[1] - shown[0]) * 100}%` }} />
    </div>
  );
}

function drawOverview(element: HTMLCanvasElement, trace: Trace): void {
  const context = element.getContext('2d');
  if (!context) return;
  const width = element.clientWidth || 800;
  const ratio = window.devicePixelRatio || 1;
  element.width = Math.floor(width * ratio);
  element.height = Math.floor(minimapHeight * ratio);
  context.scale(ratio, ratio);
  context.clearRect(0, 0, width, minimapHeight);
  const n = Math.max(trace.spans.length, 1);
  const duration = trace.duration || 1;
  const rowHeight = Math.max(minimapHeight / n, 0.5);
  trace.spans.forEach((span, i) => {
    context.fillStyle = span.status.code === 'error' ? '#e03131' : spanLook(trace, i).color;
    const x = (span.start / duration) * width;
    const w = Math.max(1, ((span.end - span.start) / duration) * width);
    context.fillRect(x, (i / n) * minimapHeight, w, Math.max(1, rowHeight - 0.2));
  });
}
