import { useEffect, useRef } from 'react';
import type { Trace } from '../../../core/model/trace.ts';
import { useTheme } from '../../ui/theme.ts';
import { spanColor } from './span-look.ts';
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

  // Drawn after the first paint of the waterfall (an idle moment), so it never delays the rows, and in
  // slices of a few milliseconds, so a 100k-span trace does not hold the page for a long task.
  useEffect(() => {
    let stopped = false;
    let handle = 0;
    let next: (() => boolean) | undefined;
    const step = () => {
      if (stopped) return;
      if (!next) {
        if (!canvas.current) return;
        next = overviewDrawer(canvas.current, trace);
      }
      if (next()) handle = window.setTimeout(step, 0);
    };
    handle = window.setTimeout(step, 0);
    return () => {
      stopped = true;
      window.clearTimeout(handle);
    };
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

/** Milliseconds of drawing per slice (see the effect above). */
const sliceMs = 8;

/**
 * Clears the canvas and returns a function that draws the next slice of spans (in span order, so
 * later spans cover earlier ones as before) and says whether any are left.
 */
function overviewDrawer(element: HTMLCanvasElement, trace: Trace): () => boolean {
  const context = element.getContext('2d');
  if (!context) return () => false;
  const width = element.clientWidth || 800;
  const ratio = window.devicePixelRatio || 1;
  element.width = Math.floor(width * ratio);
  element.height = Math.floor(minimapHeight * ratio);
  context.scale(ratio, ratio);
  context.clearRect(0, 0, width, minimapHeight);
  const spans = trace.spans;
  const n = Math.max(spans.length, 1);
  const duration = trace.duration || 1;
  const rowHeight = Math.max(1, Math.max(minimapHeight / n, 0.5) - 0.2);
  let i = 0;
  let fill = '';
  return () => {
    const started = performance.now();
    while (i < spans.length) {
      const span = spans[i]!;
      const color = span.status.code === 'error' ? '#e03131' : spanColor(trace, i);
      // Setting fillStyle parses the colour: only when it changes (neighbouring spans mostly share one).
      if (color !== fill) {
        context.fillStyle = color;
        fill = color;
      }
      const x = (span.start / duration) * width;
      const w = Math.max(1, ((span.end - span.start) / duration) * width);
      context.fillRect(x, (i / n) * minimapHeight, w, rowHeight);
      i++;
      if ((i & 127) === 0 && performance.now() - started > sliceMs) return true;
    }
    return false;
  };
}
