import { useCallback, useMemo } from 'react';
import type { Trace } from '../../../core/model/trace.ts';
import { formatDuration } from '../../../core/model/time.ts';
import { flameLayout, frameMatches, type FlameLayoutMode } from '../../../core/trace/flame-layout.ts';
import { searchTrace } from '../../../core/trace/search.ts';
import { spanIndexOf, spanKey } from '../../data/span-keys.ts';
import { criticalPathOf } from '../../data/trace-analyses.ts';
import { spanSelection } from '../../routes/select-span.ts';
import { updateView, useViewState } from '../../routes/use-view-state.ts';
import type { FlameMode } from '../../routes/view-state.ts';
import { useTheme } from '../../ui/theme.ts';
import { countOf } from '../../ui/count-of.ts';
import { FlameCanvas } from './FlameCanvas.tsx';
import { FlameToolbar } from './FlameToolbar.tsx';
import './flame.css';

const layoutMode = (mode: FlameMode | undefined): FlameLayoutMode => (mode === 'merged' ? 'merged' : mode === 'critical' ? 'critical' : 'spans');

/** The flame (icicle) view: every span, or merged call paths, or the critical path, on one canvas. */
export function FlameView({ trace }: { trace: Trace }) {
  const mode = layoutMode(useViewState((state) => state.flame));
  const focusKey = useViewState((state) => state.focus);
  const selectedKey = useViewState((state) => state.span);
  const query = useViewState((state) => state.q.trim());
  const { theme } = useTheme();

  const layout = useMemo(() => flameLayout(trace, mode, mode === 'critical' ? criticalPathOf(trace) : undefined), [trace, mode]);
  const frameOfKey = (key: string | undefined): number => {
    const span = spanIndexOf(trace, key);
    return span >= 0 ? (layout.frameOfSpan[span] ?? -1) : -1;
  };
  const focus = Math.max(0, frameOfKey(focusKey));
  const selected = frameOfKey(selectedKey);
  const spanMatches = useMemo(() => (query === '' ? undefined : searchTrace(trace, query)), [trace, query]);
  const matches = useMemo(() => (spanMatches ? frameMatches(layout, spanMatches) : undefined), [layout, spanMatches]);
  const matchedFrames = useMemo(() => (matches ? matches.reduce((sum, m) => sum + m, 0) : 0), [matches]);

  const label = useCallback(
    (f: number) => {
      const span = layout.span[f]!;
      if (span < 0) return `${mode === 'critical' ? 'critical path' : 'trace'} · ${formatDuration(layout.value[f]!)}`;
      const name = trace.spans[span]!.name;
      return layout.spanCount[f]! > 1 ? `${name} ×${layout.spanCount[f]}` : name;
    },
    [layout, trace, mode],
  );
  const colorKey = useCallback((f: number) => (layout.span[f]! < 0 ? '' : trace.spans[layout.span[f]!]!.resource.serviceName), [layout, trace]);
  const describe = useCallback(
    (f: number) => {
      const span = layout.span[f]!;
      const what = span < 0 ? 'Whole trace' : `${trace.spans[span]!.name} (${trace.spans[span]!.resource.serviceName})`;
      const parts = [what, `${formatDuration(layout.value[f]!)} ${mode === 'critical' ? 'on the path' : 'total'}`, `${formatDuration(layout.self[f]!)} self`];
      if (layout.spanCount[f]! > 1) parts.push(countOf(layout.spanCount[f]!, 'span'));
      if (layout.errors[f]! > 0) parts.push(countOf(layout.errors[f]!, 'error'));
      parts.push(`${((layout.x1[f]! - layout.x0[f]!) * 100).toFixed(1)}% of the graph`);
      return parts.join(' · ');
    },
    [layout, trace, mode],
  );

  const keyOfFrame = (f: number): string | undefined => (f > 0 && layout.span[f]! >= 0 ? spanKey(trace, layout.span[f]!) : undefined);
  const onOpen = (f: number) => updateView({ ...spanSelection(trace, layout.span[f] ?? -1), focus: keyOfFrame(f) }, 'push');
  const onSelect = (f: number) => updateView(spanSelection(trace, layout.span[f] ?? -1), 'replace');
  const onZoomOut = () => updateView({ focus: keyOfFrame(Math.max(0, layout.parent[focus] ?? 0)) }, 'push');

  return (
    <section className="fl-view" aria-label="Flame graph">
      <FlameToolbar mode={mode} zoomed={focus > 0} onZoomOut={onZoomOut} matchedFrames={query === '' ? undefined : matchedFrames} />
      {layout.count <= 1 ? (
        <p className="muted pad" role="status">{mode === 'critical' ? 'No span is on the critical path.' : 'No spans to draw.'}</p>
      ) : (
        <FlameCanvas
          layout={layout}
          focus={focus}
          selected={selected}
          matches={matches}
          label={label}
          colorKey={colorKey}
          describe={describe}
          dark={theme === 'dark'}
          onOpen={onOpen}
          onSelect={onSelect}
          onZoomOut={onZoomOut}
        />
      )}
      <p id="fl-selected-description" className="fl-status" aria-live="polite">
        {selected >= 0 ? `Selected: ${describe(selected)}` : 'Click a frame to select it and zoom into it; the wheel zooms, dragging pans.'}
      </p>
    </section>
  );
}
